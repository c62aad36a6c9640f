import type { IDataObject } from 'n8n-workflow';

/**
 * Where the documents of a RecognizeAutoClassification answer lie, and the order a person reads
 * them in. `location` is four [x, y] corners, origin at the top left (huaweicloud-sdk-python-v3
 * huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/model/auto_classification_result.py); not confirmed by
 * a published example, so {x, y} objects and a flat list are taken too.
 */

interface Box {
	top: number;
	bottom: number;
	left: number;
}

/**
 * The corners of a location as numbers, whichever of the plausible layouts Huawei uses: [x, y]
 * pairs, {x, y} objects, or one flat list [x1, y1, x2, y2, ...] (the layout some SDK versions'
 * models give `location` as, a list of integers).
 */
export function cornersOf(location: unknown): Array<[number, number]> {
	if (!Array.isArray(location)) return [];
	if (location.length >= 4 && location.length % 2 === 0 && location.every((value) => typeof value === 'number')) {
		const flat = location as number[];
		return flat.flatMap((x, index) => (index % 2 === 0 && Number.isFinite(x) && Number.isFinite(flat[index + 1]) ? [[x, flat[index + 1]] as [number, number]] : []));
	}
	const corners: Array<[number, number]> = [];
	for (const point of location) {
		const pair = Array.isArray(point)
			? [point[0], point[1]]
			: point && typeof point === 'object'
				? [(point as IDataObject).x, (point as IDataObject).y]
				: [];
		const [x, y] = pair.map(Number);
		if (Number.isFinite(x) && Number.isFinite(y)) corners.push([x, y]);
	}
	return corners;
}

function boxOf(location: unknown): Box | undefined {
	const corners = cornersOf(location);
	if (!corners.length) return undefined;
	const ys = corners.map(([, y]) => y);
	return { top: Math.min(...ys), bottom: Math.max(...ys), left: Math.min(...corners.map(([x]) => x)) };
}

/**
 * Reading order: rows from top to bottom, left to right within a row. A card belongs to the row
 * above when its middle lies within that row's first card, so two cards photographed side by
 * side, one a little higher, still read left then right. Entries without a usable location keep
 * Huawei's order, after the others.
 */
export function inReadingOrder<T extends IDataObject>(entries: T[]): T[] {
	const placed = entries.map((entry) => ({ entry, box: boxOf(entry.location) }));
	const located = placed.filter((one): one is { entry: T; box: Box } => !!one.box).sort((a, b) => a.box.top - b.box.top);
	const rows: Array<Array<{ entry: T; box: Box }>> = [];
	for (const one of located) {
		const row = rows[rows.length - 1];
		const middle = (one.box.top + one.box.bottom) / 2;
		if (row && middle <= row[0].box.bottom) row.push(one);
		else rows.push([one]);
	}
	const ordered = rows.flatMap((row) => row.sort((a, b) => a.box.left - b.box.left).map((one) => one.entry));
	return [...ordered, ...placed.filter((one) => !one.box).map((one) => one.entry)];
}
