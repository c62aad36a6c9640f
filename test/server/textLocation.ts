/**
 * `text_location` as the stand-in's OCR APIs answer it when asked (`return_text_location`): per
 * field read, the four corners of its box, clockwise from the top left (the shape of Huawei's
 * SDK models, e.g. huaweicloud-sdk-python-v3 bankcard_result.py and id_card_result.py). The
 * boxes are made up: one line per field, top to bottom.
 */
export function textLocation(result: Record<string, unknown>, fields: readonly string[]): Record<string, number[][]> {
	const out: Record<string, number[][]> = {};
	let top = 60;
	for (const field of fields) {
		const value = result[field];
		if (typeof value !== 'string' || !value) continue;
		const right = 48 + 26 * value.length;
		out[field] = [
			[48, top],
			[right, top],
			[right, top + 38],
			[48, top + 38],
		];
		top += 70;
	}
	return out;
}
