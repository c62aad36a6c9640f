/**
 * A RecognizeIdCard answer as the json of an output item, and the pictures Huawei cut out of it
 * (still base64 here; cardImages.ts makes them files). Pure: no n8n context, `now` a parameter.
 *
 * Huawei's field names are kept, every field of the side read is present (empty when Huawei found
 * nothing, so columns downstream never disappear), fields Huawei adds later pass through; the
 * answer names no side, so the side read is inferred from the fields it holds (see sideRead).
 */
import type { IDataObject } from 'n8n-workflow';

import { BACK_FIELDS, FRONT_FIELDS, type PhotoCheck, type SideParameter } from './idCardApi';
import { fieldText, idCardChecks, type SideRead } from './idCardChecks';
import { maskIdNumber } from './idNumber';
import { maskIdNumbers } from './maskIdNumbers';
import type { IdCardOptions } from './options';
import { isPhotoCheckKey, mergedWarnings, photoWarnings } from './photoChecks';

export interface ResultSettings {
	side: SideParameter;
	photoChecks: readonly PhotoCheck[];
	options: Pick<IdCardOptions, 'idNumberFormat' | 'leaveOut' | 'returnVerification' | 'returnPortrait' | 'returnCardImage' | 'rawOutput'>;
}

/** What a photo gives: the item's json and its pictures by binary name, or why it gives none. */
export type Mapped = { json: IDataObject; images: Record<string, string> } | { problem: { message: string; description: string } };

const IMAGE_KEYS = ['portrait_image', 'adjusted_image'];

const filled = (side: IDataObject, names: readonly string[]) => names.some((name) => fieldText(side[name]) !== '');

/** The `result` object of an answer, or undefined (a proxy page, an API change). */
export function resultOf(body: unknown): IDataObject | undefined {
	const result = (body as IDataObject | undefined)?.result;
	return result && typeof result === 'object' && !Array.isArray(result) ? (result as IDataObject) : undefined;
}

/** A double_side answer holds Huawei's `front` and `back` objects. */
function sidesOf(result: IDataObject): { front: IDataObject; back: IDataObject } | undefined {
	const { front, back } = result;
	const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);
	return isObject(front) && isObject(back) ? { front, back } : undefined;
}

const WRONG_SIDE = {
	front: {
		message: 'The photo shows the back of the ID card (national emblem side), but "Side" is set to "Front"',
		description: 'Send a photo of the front (the portrait side), or set "Side" to "Auto" or "Back".',
	},
	back: {
		message: 'The photo shows the front of the ID card (portrait side), but "Side" is set to "Back"',
		description: 'Send a photo of the back (the national emblem side), or set "Side" to "Auto" or "Front".',
	},
};

const NO_NUMBER = {
	message: 'Huawei read no ID number on the front of the ID card',
	description:
		'Use a sharp, well-lit photo of the whole front (portrait side), without glare or anything covering the number at its bottom.',
};

/** The side Huawei read: the one asked for, else the one whose fields it filled. */
export function sideRead(result: IDataObject, asked: SideParameter): SideRead | { problem: { message: string; description: string } } {
	const front = filled(result, FRONT_FIELDS);
	const back = filled(result, BACK_FIELDS);
	if (asked === 'front' && !front && back) return { problem: WRONG_SIDE.front };
	if (asked === 'back' && !back && front) return { problem: WRONG_SIDE.back };
	if (asked === 'front' || asked === 'back') return asked;
	return back && !front ? 'back' : 'front';
}

function fieldsOf(side: IDataObject, names: readonly string[]): IDataObject {
	return Object.fromEntries(names.map((name) => [name, typeof side[name] === 'string' ? side[name] : '']));
}

/** What Huawei added beside the fields, passed on: not images, photo checks or unasked verification. */
function extras(side: IDataObject): IDataObject {
	const skip = new Set([...FRONT_FIELDS, ...BACK_FIELDS, ...IMAGE_KEYS, 'front', 'back', 'verification_result']);
	return Object.fromEntries(Object.entries(side).filter(([key]) => !skip.has(key) && !isPhotoCheckKey(key)));
}

function verification(sides: IDataObject[], settings: ResultSettings): IDataObject {
	if (!settings.options.returnVerification) return {};
	const found = sides.map((side) => side.verification_result).filter((value): value is IDataObject => !!value && typeof value === 'object');
	return found.length ? { verification_result: Object.assign({}, ...found) as IDataObject } : {};
}

function picture(side: IDataObject, key: string): string | undefined {
	const value = fieldText(side[key]);
	return value || undefined;
}

/** The number shown as the format says, the rest of the json masked around it, chosen fields left out. */
function finish(json: IDataObject, fullNumber: string, settings: ResultSettings): IDataObject {
	for (const field of settings.options.leaveOut) delete json[field];
	if (settings.options.idNumberFormat !== 'masked') return json;
	if (typeof json.number === 'string' && json.number) json.number = maskIdNumber(json.number);
	return maskIdNumbers(json, fullNumber);
}

/** Raw output: Huawei's answer as received, but without the pictures (files instead) or the fields left out. */
function rawJson(body: IDataObject, result: IDataObject, fullNumber: string, settings: ResultSettings): IDataObject {
	const strip = (side: IDataObject): IDataObject => {
		const copy: IDataObject = { ...side };
		for (const key of IMAGE_KEYS) delete copy[key];
		for (const field of settings.options.leaveOut) delete copy[field];
		return copy;
	};
	const both = sidesOf(result);
	const stripped = both ? { ...strip(result), front: strip(both.front), back: strip(both.back) } : strip(result);
	const json: IDataObject = { ...body, result: stripped };
	return settings.options.idNumberFormat === 'masked' ? maskIdNumbers(json, fullNumber) : json;
}

function oneSide(body: IDataObject, result: IDataObject, settings: ResultSettings, now: Date): Mapped {
	const side = sideRead(result, settings.side);
	if (typeof side !== 'string') return side;
	const names = side === 'front' ? FRONT_FIELDS : BACK_FIELDS;
	const fields = fieldsOf(result, names);
	const fullNumber = fieldText(fields.number);
	if (side === 'front' && !fullNumber) return { problem: NO_NUMBER };
	const images: Record<string, string> = {};
	const portrait = picture(result, 'portrait_image');
	const card = picture(result, 'adjusted_image');
	if (settings.options.returnPortrait && portrait) images.portrait = portrait;
	if (settings.options.returnCardImage && card) images.card_image = card;
	if (settings.options.rawOutput) return { json: rawJson(body, result, fullNumber, settings), images };
	const json: IDataObject = {
		...fields,
		side,
		...idCardChecks(fields, [side], now),
		...(settings.photoChecks.length ? photoWarnings(result, settings.photoChecks) : {}),
		...verification([result], settings),
		...extras(result),
	};
	return { json: finish(json, fullNumber, settings), images };
}

/** Both Sides in One Photo: Huawei's `front` and `back` as one flat item. */
function bothSides(body: IDataObject, result: IDataObject, both: { front: IDataObject; back: IDataObject }, settings: ResultSettings, now: Date): Mapped {
	const fields = { ...fieldsOf(both.front, FRONT_FIELDS), ...fieldsOf(both.back, BACK_FIELDS) };
	const fullNumber = fieldText(fields.number);
	if (!fullNumber) return { problem: NO_NUMBER };
	const images: Record<string, string> = {};
	const portrait = picture(both.front, 'portrait_image');
	if (settings.options.returnPortrait && portrait) images.portrait = portrait;
	for (const [name, side] of [['card_image_front', both.front], ['card_image_back', both.back]] as const) {
		const card = picture(side, 'adjusted_image');
		if (settings.options.returnCardImage && card) images[name] = card;
	}
	if (settings.options.rawOutput) return { json: rawJson(body, result, fullNumber, settings), images };
	const checks = settings.photoChecks;
	const front = checks.length ? photoWarnings(both.front, checks) : undefined;
	const back = checks.length ? photoWarnings(both.back, checks) : undefined;
	const json: IDataObject = {
		...fields,
		side: 'both',
		...idCardChecks(fields, ['front', 'back'], now),
		...(front && back
			? { warnings: mergedWarnings(front.warnings, back.warnings), warning_scores: { front: front.warning_scores, back: back.warning_scores } }
			: {}),
		...verification([both.front, both.back], settings),
		...extras(result),
	};
	return { json: finish(json, fullNumber, settings), images };
}

/** An answer of RecognizeIdCard (or one ID card's content from auto-classification, as `{result}`). */
export function idCardJson(body: unknown, settings: ResultSettings, now: Date): Mapped | undefined {
	const result = resultOf(body);
	if (!result) return undefined;
	const both = settings.side === 'double_side' ? sidesOf(result) : undefined;
	if (settings.side === 'double_side' && !both) return undefined;
	return both ? bothSides(body as IDataObject, result, both, settings, now) : oneSide(body as IDataObject, result, settings, now);
}
