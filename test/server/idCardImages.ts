/**
 * The pictures RecognizeIdCard returns when asked (idCard.ts): `portrait_image`, the holder's
 * photo cut from the front (`return_portrait_image`), and `adjusted_image`, the card straightened
 * and cropped (`return_adjusted_image`), both base64 in Huawei's answer (huaweicloud-sdk-python-v3,
 * idcard_front_result.py). Here they are real PNGs painted like the sample cards
 * (samples/idCardPicture.ts): the portrait frame, and the side read with the digits it carries
 * (the dot font has no Chinese, so names and addresses are left blank). Painted once per card.
 */
import { Canvas } from './samples/canvas';
import {
	ID_CARD_HEIGHT,
	ID_CARD_WIDTH,
	PORTRAIT_HEIGHT,
	PORTRAIT_WIDTH,
	paintIdCardBackOn,
	paintIdCardOn,
	paintPortrait,
} from './samples/idCardPicture';
import type { BackField, FrontField, IdCardSide } from './idCardImage';

let portrait: string | undefined;
const faces = new Map<string, string>();

/** The portrait as base64 PNG. */
export function portraitBase64(): string {
	if (portrait === undefined) {
		const canvas = new Canvas(PORTRAIT_WIDTH, PORTRAIT_HEIGHT);
		paintPortrait(canvas, { left: 0, top: 0 });
		portrait = canvas.toPng().toString('base64');
	}
	return portrait;
}

/** What the dot font can print of a field: digits, Latin letters and a few signs. */
const printable = (text: string) => text.replace(/[^0-9A-Za-z .\-/]/g, '').toUpperCase();
const digitsOf = (date: string) => (date.match(/\d+/g) ?? []).join(' ');

/** The side read, straightened: a card-sized PNG as base64. */
export function cardFaceBase64(side: IdCardSide, fields: Partial<Record<FrontField | BackField, string>>): string {
	const key = JSON.stringify([side, fields]);
	let face = faces.get(key);
	if (face === undefined) {
		const canvas = new Canvas(ID_CARD_WIDTH, ID_CARD_HEIGHT);
		const at = { left: 0, top: 0 };
		if (side === 'front') {
			paintIdCardOn(canvas, { name: '', born: digitsOf(fields.birth ?? ''), number: printable(fields.number ?? '') }, at);
		} else {
			const valid = `${printable(fields.valid_from ?? '')}-${printable(fields.valid_to ?? '') || 'LONG TERM'}`;
			paintIdCardBackOn(canvas, { issuer: '', valid }, at);
		}
		face = canvas.toPng().toString('base64');
		faces.set(key, face);
	}
	return face;
}
