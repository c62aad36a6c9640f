import type { IDataObject } from 'n8n-workflow';

import { BANKCARD_TYPE } from './autoClassificationApi';

/**
 * A RecognizeAutoClassification answer sorted into the bank cards to output and what else Huawei
 * found. Shapes from the official SDKs (huaweicloud-sdk-python-v3 auto_classification_result.py
 * and auto_classification_result_status.py, huaweicloud-sdk-go-v3
 * model_auto_classification_result.go): `result` is a list; each entry has `type`, `content` (the
 * document's fields, for a bank card those of RecognizeBankcard), `location` (four [x, y] corners,
 * origin at the top left) and `status` ({error_code, error_msg}).
 *
 * Not confirmed by a published example, so read tolerantly: what `status` holds when a document
 * was read (an empty object, a code ending in .0000, or nothing is taken as success; older SDK
 * models type it as a bare object, so a string is accepted too), whether `content` could come as
 * JSON text, and the corner layout of `location` (any list of [x, y] pairs, or {x, y} objects).
 * A bank card counts as read only when its content holds a card number: that is what every
 * output item is about.
 */

/** A bank card Huawei read: its fields as RecognizeBankcard gives them, and where it lies. */
export interface CardInPhoto {
	content: IDataObject;
	/** Huawei's location, as given. */
	location: unknown;
}

/** One entry of `skipped_in_photo`: something in the photo that gives no output item. */
export interface SkippedInPhoto extends IDataObject {
	/** Huawei's type name, e.g. `bankcard`, `id_card`. */
	type: string;
	reason: string;
	location: IDataObject[string];
	error_code?: string;
}

export interface CardsInPhoto {
	/** In reading order: top to bottom, then left to right within a row. */
	cards: CardInPhoto[];
	/** Also in reading order. */
	skipped: SkippedInPhoto[];
}

/** Whether the answer is shaped as documented (a `result` list); otherwise the caller reports it. */
export function isAutoClassificationAnswer(body: unknown): boolean {
	return Array.isArray((body as IDataObject | undefined)?.result);
}

export function cardsInPhoto(body: unknown): CardsInPhoto {
	const entries = ((body as IDataObject).result as unknown[]).filter(
		(entry): entry is IDataObject => !!entry && typeof entry === 'object' && !Array.isArray(entry),
	);
	const cards: CardInPhoto[] = [];
	const skipped: SkippedInPhoto[] = [];
	for (const entry of inReadingOrder(entries)) {
		const type = typeof entry.type === 'string' ? entry.type : '';
		const location = entry.location ?? null;
		if (!isBankcardType(type)) {
			skipped.push({ type, reason: `Not a bank card (${type || 'kind not given'}), so not read`, location });
			continue;
		}
		const failure = statusFailure(entry.status);
		const content = contentOf(entry.content);
		if (failure) {
			skipped.push({
				type,
				reason: `Huawei found a bank card here but could not read it${failure.message ? `: ${failure.message}` : ''}`,
				location,
				...(failure.code ? { error_code: failure.code } : {}),
			});
		} else if (!content || !hasCardNumber(content.card_number)) {
			skipped.push({ type, reason: 'Huawei found a bank card here but read no card number on it', location });
		} else {
			cards.push({ content, location });
		}
	}
	return { cards, skipped };
}

/** `bankcard` as documented; `bank_card` and other casings are taken too, in case of a variant. */
export function isBankcardType(type: string): boolean {
	return type.toLowerCase().replace(/[_\s-]/g, '') === BANKCARD_TYPE;
}

const SUCCESS_WORDS = new Set(['', '0', 'ok', 'success', 'succeeded', 'successful']);

function statusFailure(status: unknown): { code?: string; message?: string } | undefined {
	if (status === undefined || status === null) return undefined;
	if (typeof status === 'string') return SUCCESS_WORDS.has(status.trim().toLowerCase()) ? undefined : { message: status };
	if (typeof status !== 'object') return undefined;
	const { error_code: code, error_msg: message } = status as IDataObject;
	const codeText = typeof code === 'string' || typeof code === 'number' ? String(code).trim() : '';
	if (SUCCESS_WORDS.has(codeText.toLowerCase()) || /\.0+$/.test(codeText)) return undefined;
	return { code: codeText, message: typeof message === 'string' ? message : undefined };
}

function contentOf(content: unknown): IDataObject | undefined {
	let value = content;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function hasCardNumber(value: unknown): boolean {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0;
	return typeof value === 'string' && /\d/.test(value);
}

interface Box {
	top: number;
	bottom: number;
	left: number;
}

/** The corners of a location as numbers, whichever of the plausible layouts Huawei uses. */
function cornersOf(location: unknown): Array<[number, number]> {
	if (!Array.isArray(location)) return [];
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
