/**
 * The documents a photo of several cards carries, so the stand-in's RecognizeAutoClassification
 * can answer it (autoClassification.ts): JSON under the keyword `huawei-standin-documents`,
 * written and read like a single card's tag (taggedJson.ts). The JSON is a list, in the order the
 * stand-in answers with (Huawei's order need not be the reading order), of:
 * - `{"type": "bankcard", "location": corners, "card": {...}}`: a card read, `card` as in
 *   cardImage.ts (bank_name, card_number, issue_date, expiry_date, type, confidence overrides);
 * - `{"type": "bankcard", "location": corners, "unreadable": true}`: a card found but not read;
 * - `{"type": "id_card", "location": corners, "idCard": {...}}`: an ID card, `idCard` as in
 *   idCardImage.ts; its content is the fields of the sides shown, and RecognizeIdCard reads it;
 * - `{"type": "<another kind>", "location": corners, "content": {...}}`: another document, e.g.
 *   `id_card`, with its fields.
 * `corners` is four `[x, y]` pixel pairs, clockwise from the top left, origin at the top left of
 * the photo (huaweicloud-sdk-python-v3, auto_classification_result.py: "location").
 */
import { cardFrom, type CarriedCard } from './cardImage';
import { idCardFields, idCardFrom, type CarriedIdCard } from './idCardImage';
import { readTaggedJson, withTaggedJson } from './taggedJson';

export const DOCUMENTS_KEYWORD = 'huawei-standin-documents';

export type Corners = Array<[number, number]>;

export type CarriedDocument =
	| { type: 'bankcard'; location: Corners; card: CarriedCard }
	| { type: 'bankcard'; location: Corners; unreadable: true }
	| { type: 'id_card'; location: Corners; idCard: CarriedIdCard }
	| { type: string; location: Corners; content: Record<string, unknown> };

/** A document as the stand-in answers it: a result's content, or none for a card not read. */
export interface FoundDocument {
	type: string;
	location: Corners;
	/** Undefined: found, not read. */
	content?: Record<string, unknown>;
	/** An ID card carried as such, for RecognizeIdCard. */
	idCard?: CarriedIdCard;
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
	if (entry.idCard !== undefined) {
		const idCard = idCardFrom(entry.idCard);
		if ('problem' in idCard) return { problem: `document ${index}'s ID card: ${idCard.problem}` };
		return { type: entry.type, location: entry.location, content: idCardFields(idCard.idCard), idCard: idCard.idCard };
	}
	if (typeof entry.content !== 'object' || entry.content === null || Array.isArray(entry.content)) {
		return { problem: `document ${index} has neither a card, an ID card, content nor "unreadable": true` };
	}
	return { type: entry.type, location: entry.location, content: entry.content as Record<string, unknown> };
}

/** The documents a JPEG or PNG carries, a problem with its tagged text, or undefined. */
export function readDocuments(image: Buffer): DocumentsReading {
	const tag = readTaggedJson(image, DOCUMENTS_KEYWORD, 'list');
	if (!tag || 'problem' in tag) return tag;
	const documents: FoundDocument[] = [];
	for (const [index, entry] of (tag.value as unknown[]).entries()) {
		const document = documentFrom(entry, index);
		if ('problem' in document) return document;
		documents.push(document);
	}
	return { documents };
}
