/**
 * The resident ID card (居民身份证) an image carries, so the stand-in's RecognizeIdCard
 * (idCard.ts) answers each photo with the card on it: JSON under the keyword
 * `huawei-standin-id-card`, written and read as taggedJson.ts says. The JSON holds:
 * - `front`: the portrait side's fields, `name`, `sex`, `birth`, `ethnicity`, `address`,
 *   `number` (strings, as Huawei reads them);
 * - `back`: the national emblem side's `issue`, `valid_from`, `valid_to` (strings);
 * - `shows` (optional): the sides the photo shows, in order, each given above; default: the sides
 *   given, front first. `["front", "front"]` is a photo of two portrait sides;
 * - `flagged` (optional): the photo checks Huawei finds a problem with (`copy`, `reproduce`,
 *   `tampering`, `border_integrity`, `blocking_within_border`, `blur`, `interim`, `glare`);
 * - `scores` (optional): `score_info` overrides per check, whole numbers 0 to 100 (the others
 *   are 93 when flagged, 4 when not).
 * Field names are Huawei's (huaweicloud-sdk-python-v3, huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/
 * model/idcard_front_result.py and idcard_back_result.py); the score scale is the stand-in's
 * (Huawei's models say only "integer, higher is more likely").
 */
import { BACK_FIELDS, FRONT_FIELDS, PHOTO_CHECKS, type PhotoCheck } from '../../nodes/HuaweiOcr/IdCardOcr/idCardApi';
import { isJsonObject, readTaggedJson, withTaggedJson } from './taggedJson';

export const ID_CARD_KEYWORD = 'huawei-standin-id-card';

export type FrontField = (typeof FRONT_FIELDS)[number];
export type BackField = (typeof BACK_FIELDS)[number];
export type IdCardSide = 'front' | 'back';

export interface CarriedIdCard {
	front?: Record<FrontField, string>;
	back?: Record<BackField, string>;
	shows?: IdCardSide[];
	flagged?: PhotoCheck[];
	scores?: Partial<Record<PhotoCheck, number>>;
}

export type IdCardReading = { idCard: CarriedIdCard } | { problem: string } | undefined;

/** What an image without a tag is answered with: a specimen of both sides (area code 99: no one's). */
export const DEFAULT_ID_CARD: CarriedIdCard = {
	front: { name: '李华', sex: '男', birth: '1995-09-01', ethnicity: '汉', address: '样本省样本市和平路1号', number: '99010119950901001X' },
	back: { issue: '样本市公安局', valid_from: '2015-09-01', valid_to: '2025-09-01' },
};

export function withIdCard(image: Buffer, idCard: CarriedIdCard): Buffer {
	return withTaggedJson(image, ID_CARD_KEYWORD, idCard);
}

/** The sides a photo of `card` shows, in order. */
export function sidesShown(card: CarriedIdCard): IdCardSide[] {
	return card.shows ?? (['front', 'back'] as const).filter((side) => card[side] !== undefined);
}

function stringFields(value: unknown, fields: readonly string[], where: string): string | undefined {
	if (!isJsonObject(value)) return `${where} must be an object`;
	const missing = fields.find((field) => typeof value[field] !== 'string');
	return missing && `${where}.${missing} must be a string`;
}

/** A carried ID card checked part by part; or what is wrong with it. */
export function idCardFrom(value: unknown): { idCard: CarriedIdCard } | { problem: string } {
	if (!isJsonObject(value)) return { problem: 'an ID card must be a JSON object' };
	const card = value as CarriedIdCard & Record<string, unknown>;
	if (card.front === undefined && card.back === undefined) return { problem: 'an ID card needs a front, a back or both' };
	const wrong =
		(card.front !== undefined ? stringFields(card.front, FRONT_FIELDS, 'front') : undefined) ??
		(card.back !== undefined ? stringFields(card.back, BACK_FIELDS, 'back') : undefined);
	if (wrong) return { problem: wrong };
	if (card.shows !== undefined) {
		if (!Array.isArray(card.shows) || !card.shows.length) return { problem: 'shows must be a list of sides' };
		const side = card.shows.find((one) => (one !== 'front' && one !== 'back') || card[one] === undefined);
		if (side !== undefined) return { problem: `shows names "${String(side)}", which is not a side given` };
	}
	if (card.flagged !== undefined && (!Array.isArray(card.flagged) || card.flagged.some((check) => !(PHOTO_CHECKS as readonly unknown[]).includes(check)))) {
		return { problem: `flagged must list photo checks (${PHOTO_CHECKS.join(', ')})` };
	}
	if (card.scores !== undefined) {
		if (!isJsonObject(card.scores)) return { problem: 'scores must be an object' };
		for (const [check, score] of Object.entries(card.scores)) {
			if (!(PHOTO_CHECKS as readonly string[]).includes(check)) return { problem: `scores.${check} is not a photo check` };
			if (!Number.isInteger(score) || (score as number) < 0 || (score as number) > 100) return { problem: `scores.${check} must be a whole number from 0 to 100` };
		}
	}
	return { idCard: card };
}

/** The ID card a JPEG or PNG carries, a problem with its tagged text, or undefined. */
export function readIdCard(image: Buffer): IdCardReading {
	const tag = readTaggedJson(image, ID_CARD_KEYWORD, 'object');
	return tag && 'value' in tag ? idCardFrom(tag.value) : tag;
}

/** The fields of every side the photo shows, flat: what auto-classification's `content` holds. */
export function idCardFields(card: CarriedIdCard): Record<string, string> {
	const shown = sidesShown(card);
	return { ...(shown.includes('front') ? card.front : {}), ...(shown.includes('back') ? card.back : {}) };
}
