/**
 * The documents a photo of several cards carries, so the stand-in's RecognizeAutoClassification
 * can answer it (autoClassification.ts): JSON under the keyword `huawei-standin-documents`,
 * written and read like a single card's tag (cardImage.ts). The JSON is a list, in the order the
 * stand-in answers with (Huawei's order need not be the reading order), of:
 * - `{"type": "bankcard", "location": corners, "card": {...}}`: a card read, `card` as in
 *   cardImage.ts (bank_name, card_number, issue_date, expiry_date, type, confidence overrides);
 * - `{"type": "bankcard", "location": corners, "unreadable": true}`: a card found but not read;
 * - `{"type": "<another kind>", "location": corners, "content": {...}}`: another document, e.g.
 *   `id_card`, with its fields.
 * `corners` is four `[x, y]` pixel pairs, clockwise from the top left, origin at the top left of
 * the photo (huaweicloud-sdk-python-v3, auto_classification_result.py: "location").
 */
import { cardFrom, taggedJsonText, withTaggedJson, type CarriedCard } from './cardImage';

export const DOCUMENTS_KEYWORD = 'huawei-standin-documents';

export type Corners = Array<[number, number]>;

export type CarriedDocument =
	| { type: 'bankcard'; location: Corners; card: CarriedCard }
	| { type: 'bankcard'; location: Corners; unreadable: true }
	| { type: string; location: Corners; content: Record<string, unknown> };

/** A document as the stand-in answers it: a result's content, or none for a card not read. */
export interface FoundDocument {
	type: string;
	location: Corners;
	/** Undefined: found, not read. */
	content?: Record<string, unknown>;
}

export type DocumentsReading = { documents: FoundDocument[] } | { problem: string } | undefined;

export function withDocuments(image: Buffer, documents: CarriedDocument[]): Buffer {
	return withTaggedJson(image, DOCUMENTS_KEYWORD, documents);
}

/** The four corners of an axis-aligned box, clockwise from the top left. */
export function boxCorners(left: number, top: number, width: number, height: number): Corners {
	return [
		[left, top],
		[left + width, top],
		[left + width, top + height],
		[left, top + height],
	];
}

function isCorners(value: unknown): value is Corners {
	return (
		Array.isArray(value) &&
		value.length === 4 &&
		value.every((point) => Array.isArray(point) && point.length === 2 && point.every((n) => Number.isInteger(n) && n >= 0))
	);
}

function documentFrom(value: unknown, index: number): FoundDocument | { problem: string } {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: `document ${index} is not an object` };
	const entry = value as Record<string, unknown>;
	if (typeof entry.type !== 'string' || !entry.type) return { problem: `document ${index} has no type` };
	if (!isCorners(entry.location)) return { problem: `document ${index}'s location is not four [x, y] pixel pairs` };
	if (entry.unreadable === true) return { type: entry.type, location: entry.location };
	if (entry.card !== undefined) {
		const card = typeof entry.card === 'object' && entry.card !== null ? cardFrom(entry.card) : { problem: 'not an object' };
		if ('problem' in card) return { problem: `document ${index}'s card: ${card.problem}` };
		return { type: entry.type, location: entry.location, content: card.card };
	}
	if (typeof entry.content !== 'object' || entry.content === null || Array.isArray(entry.content)) {
		return { problem: `document ${index} has neither a card, content nor "unreadable": true` };
	}
	return { type: entry.type, location: entry.location, content: entry.content as Record<string, unknown> };
}

/** The documents a JPEG or PNG carries, a problem with its tagged text, or undefined. */
export function readDocuments(image: Buffer): DocumentsReading {
	const text = taggedJsonText(image, DOCUMENTS_KEYWORD);
	if (text === undefined) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { problem: `the ${DOCUMENTS_KEYWORD} text is not JSON` };
	}
	if (!Array.isArray(value)) return { problem: `the ${DOCUMENTS_KEYWORD} text is not a JSON list` };
	const documents: FoundDocument[] = [];
	for (const [index, entry] of value.entries()) {
		const document = documentFrom(entry, index);
		if ('problem' in document) return document;
		documents.push(document);
	}
	return { documents };
}
