import type { IDataObject } from 'n8n-workflow';

/** Errors raised for a photo in which Huawei found no document of the node's type. */
const NOTHING_FOUND = new WeakSet<object>();

/** Marks `error` as "no document in this photo" (see foundNothing). */
export function asNothingFound<T extends object>(error: T): T {
	NOTHING_FOUND.add(error);
	return error;
}

/**
 * Whether a photo's failure means Huawei found no document in it: AIS.0104 from the document's
 * own API ("not a bank card / ID card, or too poor to read"), or an auto-classification answer
 * without one. Neither is billed: Huawei bills only calls answered 2xx, and auto-classification
 * only the documents it read (https://support.huaweicloud.com/intl/en-us/price-ocr/ocr_12_0006.html),
 * so leaving such a file out of an email costs nothing.
 */
export function foundNothing(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	if (NOTHING_FOUND.has(error)) return true;
	return (error as { errorResponse?: IDataObject }).errorResponse?.error_code === 'AIS.0104';
}

/** The words of a failure for skipped_files: its headline, and what Huawei said. */
export function nothingFoundReason(error: unknown): string {
	const failure = error as { message?: string; errorResponse?: IDataObject };
	const headline = String(failure.message ?? '').replace(/\s*\[item \d+\]$/, '');
	const said = failure.errorResponse?.error_msg;
	return typeof said === 'string' && said ? `${headline}. Huawei said: ${said}` : headline;
}
