/**
 * A resident identity card (居民身份证) painted in code, both sides: the card's shape and size
 * (ID-1, like a bank card), pale colours, on the front a portrait, the holder's name, sex, birth
 * date, address and 18-digit number, on the back the national emblem side's issuing authority and
 * validity. Every card wears the 样本 / SPECIMEN stamp (specimenMark.ts). Text is in the dot font
 * (Latin letters only), enough for a person to tell a front from a back and one card from another.
 */
import { CARD_HEIGHT, CARD_WIDTH, cardBody, type Place } from './cardPicture';
import { rgb, type Canvas } from './canvas';
import { specimenMark } from './specimenMark';

export interface IdCardPicture {
	/** As printed, in Latin letters. */
	name: string;
	/** `YYYY MM DD`, as printed. */
	born: string;
	/** 18 characters, as printed. */
	number: string;
	/** MALE or FEMALE. */
	sex?: string;
	/** Up to two lines of about 40 letters. */
	address?: string[];
}

export interface IdCardBackPicture {
	issuer: string;
	/** `YYYY.MM.DD-YYYY.MM.DD` (or `-LONG TERM`), as printed. */
	valid: string;
}

const INK = rgb('#2b3a4a');
const FRONT_COLOURS: [string, string] = ['#e9f1f7', '#c9dbe8'];
const BACK_COLOURS: [string, string] = ['#eef4ea', '#cfe0d2'];
export const PORTRAIT_WIDTH = 220;
export const PORTRAIT_HEIGHT = 270;
/** Where the 样本 / SPECIMEN stamp lies on each side, from the card's top left corner: clear of the text. */
export const SPECIMEN_PLACE = { front: { left: 500, top: 440 }, back: { left: 250, top: 220 } } as const;

/** Head and shoulders in a pale frame, its top left corner at `at`. */
export function paintPortrait(canvas: Canvas, at: Place): void {
	canvas.roundedRect(at.left, at.top, PORTRAIT_WIDTH, PORTRAIT_HEIGHT, 8, rgb('#d7e3ec'));
	canvas.circle(at.left + 110, at.top + 100, 55, rgb('#7d8c99'));
	canvas.roundedRect(at.left + 30, at.top + 170, 160, PORTRAIT_HEIGHT - 170, 60, rgb('#7d8c99'));
}

/** The portrait side, its top left corner at `at`. */
export function paintIdCardOn(canvas: Canvas, picture: IdCardPicture, at: Place): void {
	cardBody(canvas, at, FRONT_COLOURS);
	const left = at.left + 56;
	canvas.text('RESIDENT IDENTITY CARD', left, at.top + 44, 4, rgb('#9b2c2c'));
	canvas.text('NAME', left, at.top + 110, 3, INK, 0.7);
	canvas.text(picture.name, left, at.top + 138, 5, INK);
	if (picture.sex) canvas.text(`SEX ${picture.sex}`, left, at.top + 200, 3, INK, 0.8);
	canvas.text(`BORN ${picture.born}`, left, at.top + 240, 3, INK, 0.8);
	(picture.address ?? []).slice(0, 2).forEach((line, index) => canvas.text(line, left, at.top + 290 + index * 30, 3, INK, 0.8));
	canvas.text('NUMBER', left, at.top + 400, 3, INK, 0.7);
	canvas.text(picture.number, left, at.top + 430, 4, INK);
	paintPortrait(canvas, { left: at.left + CARD_WIDTH - 290, top: at.top + 110 });
	specimenMark(canvas, at.left + SPECIMEN_PLACE.front.left, at.top + SPECIMEN_PLACE.front.top);
}

/** The national emblem side, its top left corner at `at`. */
export function paintIdCardBackOn(canvas: Canvas, picture: IdCardBackPicture, at: Place): void {
	cardBody(canvas, at, BACK_COLOURS);
	// The emblem: a red disc, a golden ring and five stars as dots.
	const [cx, cy] = [at.left + 130, at.top + 140];
	canvas.circle(cx, cy, 86, rgb('#c8102e'));
	canvas.circle(cx, cy, 70, rgb('#e8b730'), 0.35);
	canvas.circle(cx - 28, cy - 20, 20, rgb('#f4cf3a'));
	for (const [dx, dy] of [[12, -48], [28, -28], [30, -2], [16, 20]]) canvas.circle(cx + dx, cy + dy, 8, rgb('#f4cf3a'));
	canvas.text('PEOPLES REPUBLIC OF CHINA', at.left + 250, at.top + 100, 3, rgb('#9b2c2c'));
	canvas.text('RESIDENT IDENTITY CARD', at.left + 250, at.top + 150, 4, INK);
	canvas.text('ISSUED BY', at.left + 120, at.top + 390, 3, INK, 0.7);
	canvas.text(picture.issuer, at.left + 300, at.top + 386, 4, INK);
	canvas.text('VALID', at.left + 120, at.top + 450, 3, INK, 0.7);
	canvas.text(picture.valid, at.left + 300, at.top + 446, 4, INK);
	specimenMark(canvas, at.left + SPECIMEN_PLACE.back.left, at.top + SPECIMEN_PLACE.back.top);
}

export { CARD_HEIGHT as ID_CARD_HEIGHT, CARD_WIDTH as ID_CARD_WIDTH };
