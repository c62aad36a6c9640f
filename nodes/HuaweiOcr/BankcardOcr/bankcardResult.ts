import type { IDataObject } from 'n8n-workflow';

import { BANKCARD_FIELDS } from './bankcardApi';
import { cardChecks, formatCardNumber, type CardNumberFormat } from './cardChecks';
import { maskCardNumbers } from './maskOutput';

export interface ResultOptions {
	cardNumberFormat: CardNumberFormat;
	addCardChecks: boolean;
	confidenceThreshold: number;
	/** Node version 1.2 on: empty fields in missing_fields, not in low_confidence_fields (see cardChecks.ts). */
	missingFieldsApart: boolean;
	rawOutput: boolean;
}

/**
 * Maps a RecognizeBankcard answer to an item's json, or returns undefined when the answer has no
 * `result` object (a proxy page, or an API change), which the caller reports as an error.
 *
 * Every documented field is always present, empty when Huawei found nothing, so that columns in
 * a spreadsheet or CRM mapping downstream never disappear; fields Huawei adds later (such as
 * text_location) pass through.
 */
export function mapBankcardResult(body: unknown): IDataObject | undefined {
	const result = resultOf(body);
	if (!result) return undefined;
	const mapped: IDataObject = {};
	for (const field of BANKCARD_FIELDS) {
		mapped[field] = typeof result[field] === 'string' ? result[field] : '';
	}
	mapped.card_number = cardNumberText(result.card_number);
	mapped.confidence = mapConfidence(result.confidence);
	for (const [key, value] of Object.entries(result)) {
		if (!(key in mapped)) mapped[key] = value;
	}
	return mapped;
}

/**
 * The card number as text. Huawei documents a string; a number is taken when it is exact (a
 * JSON number past 2^53 has already lost its last digits, and a wrong number is worse than none).
 */
function cardNumberText(value: unknown): string {
	if (typeof value === 'string') return value;
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? String(value) : '';
}

function resultOf(body: unknown): IDataObject | undefined {
	const result = (body as IDataObject | undefined)?.result;
	return result && typeof result === 'object' && !Array.isArray(result) ? (result as IDataObject) : undefined;
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

/**
 * The json of one output item. Card checks are computed on the full number before it is
 * reformatted, so masking never changes `card_number_valid` or `card_network`. Raw output is
 * Huawei's body as received, except that a masked card number stays masked there too: the
 * point of masking is that the full number never reaches the execution log.
 */
export function bankcardJson(body: unknown, settings: ResultOptions, now: Date): IDataObject | undefined {
	const result = resultOf(body);
	if (!result) return undefined;
	const masked = settings.cardNumberFormat === 'masked';
	if (settings.rawOutput) {
		return masked ? maskCardNumbers(body as IDataObject, cardNumberText(result.card_number)) : (body as IDataObject);
	}
	const mapped = mapBankcardResult(body) as IDataObject;
	const fullNumber = mapped.card_number as string;
	const checks = settings.addCardChecks
		? cardChecks(mapped, now, settings.confidenceThreshold, { missingFieldsApart: settings.missingFieldsApart })
		: {};
	mapped.card_number = formatCardNumber(fullNumber, settings.cardNumberFormat);
	const json = { ...mapped, ...checks };
	return masked ? maskCardNumbers(json, fullNumber) : json;
}
