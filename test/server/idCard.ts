/**
 * RecognizeIdCard (身份证识别): `POST /v2/{project_id}/ocr/id-card` with `image` or `url`, `side`
 * (`front`, `back`, `double_side`; empty or absent: Huawei decides) and switches, all booleans
 * defaulting to false, answered `{"result": {...}}`. Shapes from the official SDK models
 * (huaweicloud-sdk-python-v3, huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/model/id_card_request_body.py,
 * id_card_result.py, idcard_front_result.py, idcard_back_result.py, idcard_verification_result.py,
 * idcard_score_info_result.py); API reference:
 * https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeIdCard, error codes:
 * https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0028.html.
 *
 * - One side read: that side's fields (front: name, sex, birth, ethnicity, address, number; back:
 *   issue, valid_from, valid_to), then what the switches ask for: `verification_result` (all five
 *   checks; those of the side not read false, as the models say), `text_location`,
 *   `portrait_location` and `portrait_image` (front; the image is "" for a back, as the models
 *   say), `adjusted_image`, `detect_<check>_result` and `score_info.<check>_score` (integers).
 * - `double_side`: `{front: {...}, back: {...}}`, each side with its own fields, verification
 *   (front: number, birth, sex; back: date, validity period) and checks. A side the photo does
 *   not show has empty fields (a stand-in choice: Huawei's page does not say).
 * - A side asked for that the photo does not show (a back when `side` is front): the side the
 *   photo shows, read (a stand-in choice: Huawei's page does not say what it answers).
 * - Errors: AIS.0104 when the photo holds no ID card (e.g. a bank card photo); AIS.0122 when
 *   `double_side` finds the same side twice; AIS.0101 for a bad `side` or a switch that is not a
 *   boolean.
 *
 * Which card: the one the image carries (idCardImage.ts), else the first ID card of a photo of
 * several (photoDocuments.ts), else, for a photo carrying a bank card or documents without an ID
 * card, none; an untagged image or a URL not served here, DEFAULT_ID_CARD. A URL containing
 * `notacard` shows none. Verification uses today's date in China (UTC+8) by the server's clock.
 * The API's limits, fields and checks are the node's (IdCardOcr/idCardApi.ts).
 */
import { isLongTerm, chinaToday, compareDates, parseCardDate, type CalendarDate } from '../../nodes/HuaweiOcr/IdCardOcr/chinaDate';
import { BACK_FIELDS, FRONT_FIELDS, ID_CARD_IMAGE_LIMITS, PHOTO_CHECKS } from '../../nodes/HuaweiOcr/IdCardOcr/idCardApi';
import { birthInNumber, idNumberValid, sexInNumber, sexOnCard } from '../../nodes/HuaweiOcr/IdCardOcr/idNumber';
import { CARD_KEYWORD, readCard } from './cardImage';
import { huaweiError, type Answer } from './exchange';
import { cardFaceBase64, portraitBase64 } from './idCardImages';
import {
	DEFAULT_ID_CARD,
	ID_CARD_KEYWORD,
	readIdCard,
	sidesShown,
	type CarriedIdCard,
	type IdCardSide,
} from './idCardImage';
import type { Recognizer } from './ocrCall';
import { param, readOcrRequest, readPhoto } from './ocrInput';
import { DOCUMENTS_KEYWORD, readDocuments } from './photoDocuments';
import { textLocation } from './textLocation';

const SIDES = ['front', 'back', 'double_side'] as const;
type Side = (typeof SIDES)[number] | 'auto';

const SWITCHES = [
	'return_verification',
	'return_text_location',
	'return_portrait_location',
	'return_portrait_image',
	'return_adjusted_image',
	...PHOTO_CHECKS.map((check) => `detect_${check}` as const),
] as const;
type Switches = Record<(typeof SWITCHES)[number], boolean>;

const DEFAULT_SCORE = { flagged: 93, clear: 4 };
/** Resident Identity Card Law of the PRC, article 5: valid 5, 10 or 20 years, or long-term (长期). */
const VALIDITY_YEARS = [5, 10, 20];
const noIdCard = (what: string) => huaweiError(400, 'AIS.0104', `The image is not supported or its quality is poor: ${what}.`);

export const recognizeIdCard: Recognizer = (body, _projectId, state) => {
	const request = readOcrRequest(body);
	if (!request.ok) return request.answer;
	const sideParam = param(request.value, 'side');
	if (sideParam !== undefined && sideParam !== null && sideParam !== '' && !(SIDES as readonly unknown[]).includes(sideParam)) {
		return huaweiError(400, 'AIS.0101', 'The parameter is invalid: side must be front, back or double_side.');
	}
	const switches = {} as Switches;
	for (const name of SWITCHES) {
		const value = param(request.value, name);
		if (value !== undefined && typeof value !== 'boolean') return huaweiError(400, 'AIS.0101', `The parameter is invalid: ${name} must be a boolean.`);
		switches[name] = value === true;
	}
	const photo = readPhoto(request.value, state, ID_CARD_IMAGE_LIMITS, false);
	if (!photo.ok) return photo.answer;
	if (photo.value.url?.includes('notacard')) return noIdCard('no ID card was found');
	const found = idCardIn(photo.value.image);
	if ('answer' in found) return found.answer;
	const side: Side = typeof sideParam === 'string' && sideParam ? (sideParam as Side) : 'auto';
	return answer(found.idCard, side, switches, state.now());
};

function idCardIn(image: Buffer | undefined): { idCard: CarriedIdCard } | { answer: Answer } {
	if (!image) return { idCard: DEFAULT_ID_CARD };
	const carried = readIdCard(image);
	if (carried && 'problem' in carried) {
		return { answer: huaweiError(400, 'AIS.0101', `The parameter is invalid: the image's ${ID_CARD_KEYWORD} is not an ID card (${carried.problem}).`) };
	}
	if (carried) return carried;
	const documents = readDocuments(image);
	if (documents && 'problem' in documents) {
		return { answer: huaweiError(400, 'AIS.0101', `The parameter is invalid: the image's ${DOCUMENTS_KEYWORD} is not a list of documents (${documents.problem}).`) };
	}
	if (documents) {
		const idCard = documents.documents.find((document) => document.idCard)?.idCard;
		return idCard ? { idCard } : { answer: noIdCard('no ID card was found') };
	}
	const card = readCard(image);
	if (card && 'problem' in card) {
		return { answer: huaweiError(400, 'AIS.0101', `The parameter is invalid: the image's ${CARD_KEYWORD} is not a card (${card.problem}).`) };
	}
	return card ? { answer: noIdCard('no ID card was found') } : { idCard: DEFAULT_ID_CARD };
}

function answer(card: CarriedIdCard, side: Side, switches: Switches, now: number): Answer {
	const shown = sidesShown(card);
	if (side === 'double_side') {
		if (new Set(shown).size < shown.length) {
			return huaweiError(400, 'AIS.0122', 'The image holds two or more ID card sides of the same kind: send one front and one back.');
		}
		const both = { front: sideResult(card, 'front', switches, now, true), back: sideResult(card, 'back', switches, now, true) };
		return { status: 200, body: { result: both } };
	}
	// A side asked for that the photo does not show: the side it shows, read (a stand-in choice,
	// Huawei's page does not say; the node infers the wrong side from the fields filled).
	const read = side !== 'auto' && shown.includes(side) ? side : shown[0];
	return { status: 200, body: { result: sideResult(card, read, switches, now, false) } };
}

function sideResult(card: CarriedIdCard, side: IdCardSide, switches: Switches, now: number, doubleSide: boolean): Record<string, unknown> {
	const names: readonly string[] = side === 'front' ? FRONT_FIELDS : BACK_FIELDS;
	const given = (side === 'front' ? card.front : card.back) as Record<string, string> | undefined;
	const shown = sidesShown(card).includes(side);
	const fields = Object.fromEntries(names.map((name) => [name, shown ? (given?.[name] ?? '') : '']));
	const result: Record<string, unknown> = { ...fields };
	if (switches.return_verification) result.verification_result = verification(card, side, now, doubleSide);
	if (switches.return_text_location) result.text_location = textLocation(fields, names);
	if (side === 'front' && switches.return_portrait_location) result.portrait_location = [[566, 148], [786, 148], [786, 418], [566, 418]];
	if (switches.return_portrait_image) result.portrait_image = side === 'front' && shown ? portraitBase64() : '';
	if (switches.return_adjusted_image) result.adjusted_image = shown ? cardFaceBase64(side, fields) : '';
	const asked = PHOTO_CHECKS.filter((check) => switches[`detect_${check}`]);
	for (const check of asked) result[`detect_${check}_result`] = card.flagged?.includes(check) ?? false;
	if (asked.length) {
		result.score_info = Object.fromEntries(
			asked.map((check) => [`${check}_score`, card.scores?.[check] ?? (card.flagged?.includes(check) ? DEFAULT_SCORE.flagged : DEFAULT_SCORE.clear)]),
		);
	}
	return result;
}

/**
 * Huawei's own checks (idcard_verification_result.py): false for what the photo does not show.
 * The dates and the number are read with the node's own readers (IdCardOcr/chinaDate.ts,
 * idNumber.ts): one home for GB 11643-1999 and for the dates a card prints.
 */
function verification(card: CarriedIdCard, side: IdCardSide, now: number, doubleSide: boolean): Record<string, boolean> {
	const shown = sidesShown(card);
	const front = shown.includes('front') ? card.front : undefined;
	const back = shown.includes('back') ? card.back : undefined;
	const number = front?.number ?? '';
	const validNumber = idNumberValid(number);
	const birth = parseCardDate(front?.birth);
	const inNumber = birthInNumber(number);
	const frontChecks = {
		valid_number: validNumber,
		valid_birth: validNumber && birth !== null && inNumber !== null && compareDates(birth, inNumber) === 0,
		valid_sex: validNumber && sexOnCard(front?.sex) === sexInNumber(number),
	};
	const from = parseCardDate(back?.valid_from);
	const longTerm = isLongTerm(back?.valid_to);
	const to = longTerm ? null : parseCardDate(back?.valid_to);
	const today = chinaToday(new Date(now));
	const yearsLater = (date: CalendarDate, years: number) => ({ ...date, year: date.year + years });
	const backChecks = {
		valid_date: from !== null && (longTerm || to !== null) && compareDates(from, today) <= 0 && (longTerm || compareDates(today, to!) <= 0),
		valid_validity_period: from !== null && (longTerm || (to !== null && VALIDITY_YEARS.some((years) => compareDates(yearsLater(from, years), to) === 0))),
	};
	if (!doubleSide) return { ...frontChecks, ...backChecks };
	return side === 'front' ? frontChecks : backChecks;
}
