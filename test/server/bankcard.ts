/**
 * RecognizeBankcard: `POST /v2/{project_id}/ocr/bankcard` with `image` or `url` and optionally
 * `return_text_location`, answered `{"result": {bank_name, card_number, issue_date, expiry_date,
 * type, confidence, text_location?}}`. API reference:
 * https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeBankcard
 *
 * Which card: the `cards` function when given, else the card the image carries (cardImage.ts),
 * else the first card read of a photo of several (photoDocuments.ts), else the server's default
 * card, or with `unknownPhotos: 'noCard'` no card at all (unknownPhoto.ts). A URL containing
 * `notacard`, and a photo of an ID card (idCardImage.ts), show no bank card (AIS.0104), as the ID
 * card photos of an onboarding email do at Huawei.
 */
import { BANKCARD_IMAGE_LIMITS } from '../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { CARD_FIELDS, CARD_KEYWORD, readCard } from './cardImage';
import { HuaweiError, huaweiError } from './exchange';
import { readIdCard } from './idCardImage';
import type { Recognizer } from './ocrCall';
import { readDocuments } from './photoDocuments';
import { param, readOcrRequest, readPhoto } from './ocrInput';
import { textLocation } from './textLocation';
import type { CardInput } from './serverApi';
import { unknownPhotoAnswer } from './unknownPhoto';

const noBankCard = () => huaweiError(400, 'AIS.0104', 'The image is not supported or its quality is poor: no bank card was found.');

export const recognizeBankcard: Recognizer = (body, projectId, state) => {
	const request = readOcrRequest(body);
	if (!request.ok) return request.answer;
	const location = param(request.value, 'return_text_location');
	if (location !== undefined && typeof location !== 'boolean') {
		return huaweiError(400, 'AIS.0101', 'The parameter is invalid: return_text_location must be a boolean.');
	}
	// Without a cards function the bytes are only looked at right here.
	const photo = readPhoto(request.value, state, BANKCARD_IMAGE_LIMITS, !state.cards);
	if (!photo.ok) return photo.answer;
	const { url, image } = photo.value;
	if (url?.includes('notacard')) return noBankCard();
	const input: CardInput = { returnTextLocation: location === true, projectId };
	if (url !== undefined) input.url = url;
	if (image) input.image = image;

	let result: Record<string, unknown> | undefined;
	try {
		result = state.cards?.(input);
	} catch (error) {
		if (error instanceof HuaweiError) return huaweiError(error.status, error.code, error.message);
		throw error;
	}
	if (result === undefined && input.image) {
		const carried = readCard(input.image);
		if (carried && 'problem' in carried) {
			return huaweiError(400, 'AIS.0101', `The parameter is invalid: the image's ${CARD_KEYWORD} is not a card (${carried.problem}).`);
		}
		if (!carried && readIdCard(input.image)) return noBankCard();
		result = carried?.card ?? oneCardOf(input.image);
	}
	if (result === undefined) {
		const unknown = unknownPhotoAnswer(state.unknownPhotos);
		if (unknown) return unknown;
	}
	const card: Record<string, unknown> = { ...(result ?? state.card) };
	if (input.returnTextLocation && card.text_location === undefined) card.text_location = textLocation(card, CARD_FIELDS);
	return { status: 200, body: { result: card } };
};

/**
 * A photo of several cards (photoDocuments.ts) sent here reads as one of them, the first read
 * card in Huawei's order, as RecognizeBankcard reads one card (or none) of such a photo: the
 * case "Photo May Hold Several Cards" is for.
 */
function oneCardOf(image: Buffer): Record<string, unknown> | undefined {
	const carried = readDocuments(image);
	if (!carried || 'problem' in carried) return undefined;
	return carried.documents.find((document) => document.type === 'bankcard' && document.content)?.content;
}
