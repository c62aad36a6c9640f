/**
 * Cards carried inside the image, so that every image posted under load has an answer of its
 * own and a test can tell whether an answer came back for the right request.
 *
 * An image may hold a card as JSON under the keyword `huawei-standin-card` (taggedJson.ts says
 * how). The JSON holds bank_name, card_number, issue_date, expiry_date and type (strings) and,
 * optionally, `confidence` overrides per field (numbers 0 to 1); the other confidences are the
 * default card's. The stand-in answers such an image with that card, any other with its fixture.
 */
import { CARD_RESULT } from '../helpers/fixtures';
import { isJsonObject, readTaggedJson, withTaggedJson } from './taggedJson';

export const CARD_KEYWORD = 'huawei-standin-card';

export const CARD_FIELDS = ['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

export type CarriedCard = Record<CardField, string> & { confidence?: Partial<Record<CardField, number>> };

/** What reading an image found: a card, a tagged text that is not one, or nothing. */
export type CardReading = { card: Record<string, unknown> } | { problem: string } | undefined;

/** The stand-in's full `result` for a carried card: the default confidences, then its overrides. */
export function cardResult(card: CarriedCard): Record<string, unknown> {
	const fields = Object.fromEntries(CARD_FIELDS.map((field) => [field, card[field]]));
	const confidence = { ...(CARD_RESULT.confidence as Record<string, number>), ...card.confidence };
	return { ...fields, confidence };
}

/** A copy of a JPEG or PNG image carrying `card`. */
export function withCard(image: Buffer, card: CarriedCard): Buffer {
	return withTaggedJson(image, CARD_KEYWORD, card);
}

/** A carried card checked field by field, as its full result; or what is wrong with it. */
export function cardFrom(value: object): { card: Record<string, unknown> } | { problem: string } {
	const card = value as Record<string, unknown>;
	for (const field of CARD_FIELDS) {
		if (typeof card[field] !== 'string') return { problem: `${field} must be a string` };
	}
	const confidence = card.confidence;
	if (confidence !== undefined) {
		if (!isJsonObject(confidence)) return { problem: 'confidence must be an object' };
		for (const [field, score] of Object.entries(confidence)) {
			if (!(CARD_FIELDS as readonly string[]).includes(field)) return { problem: `confidence.${field} is not a card field` };
			if (typeof score !== 'number' || !(score >= 0 && score <= 1)) return { problem: `confidence.${field} must be a number from 0 to 1` };
		}
	}
	return { card: cardResult(card as CarriedCard) };
}

/** The card a JPEG or PNG carries, a problem with its tagged text, or undefined. */
export function readCard(image: Buffer): CardReading {
	const tag = readTaggedJson(image, CARD_KEYWORD, 'object');
	return tag && 'value' in tag ? cardFrom(tag.value as object) : tag;
}
