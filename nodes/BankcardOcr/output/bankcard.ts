import type { IDataObject } from 'n8n-workflow';

/** The text fields RecognizeBankcard returns, under Huawei's own names. */
export const BANKCARD_FIELDS = ['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type'] as const;

/**
 * Maps a RecognizeBankcard answer to an item's json, or returns undefined when the answer has no
 * `result` object (a proxy page, or an API change), which the caller reports as an error.
 *
 * Every documented field is always present, empty when Huawei found nothing, so that columns in
 * a spreadsheet or CRM mapping downstream never disappear; fields Huawei adds later pass through.
 */
export function mapBankcardResult(body: unknown): IDataObject | undefined {
	const result = (body as IDataObject | undefined)?.result;
	if (!result || typeof result !== 'object' || Array.isArray(result)) return undefined;
	const source = result as IDataObject;
	const mapped: IDataObject = {};
	for (const field of BANKCARD_FIELDS) {
		mapped[field] = typeof source[field] === 'string' ? source[field] : '';
	}
	mapped.confidence = mapConfidence(source.confidence);
	for (const [key, value] of Object.entries(source)) {
		if (!(key in mapped)) mapped[key] = value;
	}
	return mapped;
}

function mapConfidence(raw: unknown): IDataObject {
	const confidence: IDataObject = {};
	const source = raw && typeof raw === 'object' ? (raw as IDataObject) : {};
	for (const field of BANKCARD_FIELDS) {
		const value = Number(source[field]);
		confidence[field] = Number.isFinite(value) ? value : 0;
	}
	return confidence;
}
