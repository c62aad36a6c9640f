/**
 * RecognizeAutoClassification (智能分类识别): `POST /v2/{project_id}/ocr/auto-classification` with
 * `image` or `url` and optionally `type_list`, answered `{"result": [{type, status, content,
 * location}, ...]}`, one entry per document found. API reference:
 * https://support.huaweicloud.com/api-ocr/ocr_03_0113.html; shapes from the official SDK models
 * (huaweicloud-sdk-python-v3 auto_classification_request_body.py, auto_classification_result.py,
 * auto_classification_result_status.py).
 *
 * Which documents: those the photo carries (photoDocuments.ts); else the one ID card
 * (idCardImage.ts, type `id_card`, its fields as content) or bank card (cardImage.ts) it
 * carries, or the server's default card, covering the photo. Choices where Huawei's
 * documents say nothing (see docs/auto-classification-api.md):
 * - a document read has `status: {}`; one found but not read has `status: {error_code:
 *   "AIS.0104", error_msg}` and `content: {}`;
 * - documents whose type `type_list` leaves out are not in the answer at all (the literal
 *   reading of "documents not in this list are not recognised");
 * - a URL containing `notacard` shows no document (AIS.0104), as for RecognizeBankcard; so does,
 *   with `unknownPhotos: 'noCard'`, a photo that carries nothing (unknownPhoto.ts).
 * The `cards` function of the options answers RecognizeBankcard only.
 */
import { AUTO_CLASSIFICATION_IMAGE_LIMITS } from '../../nodes/HuaweiOcr/BankcardOcr/autoClassificationApi';
import { readImageInfo } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { CARD_KEYWORD, readCard } from './cardImage';
import { huaweiError } from './exchange';
import { ID_CARD_KEYWORD, idCardFields, readIdCard } from './idCardImage';
import type { Recognizer } from './ocrCall';
import { param, readOcrRequest, readPhoto } from './ocrInput';
import { boxCorners, DOCUMENTS_KEYWORD, readDocuments, type FoundDocument } from './photoDocuments';
import type { ServerState } from './state';
import { unknownPhotoAnswer } from './unknownPhoto';

// A URL Huawei downloads itself: no pixels to measure, so a card-sized box.
const URL_PHOTO = { width: 856, height: 540 };

export const recognizeAutoClassification: Recognizer = (body, _projectId, state) => {
	const request = readOcrRequest(body);
	if (!request.ok) return request.answer;
	const typeList = param(request.value, 'type_list');
	if (typeList !== undefined && (!Array.isArray(typeList) || typeList.some((type) => typeof type !== 'string'))) {
		return huaweiError(400, 'AIS.0101', 'The parameter is invalid: type_list must be a list of strings.');
	}
	const photo = readPhoto(request.value, state, AUTO_CLASSIFICATION_IMAGE_LIMITS, false);
	if (!photo.ok) return photo.answer;
	const { url, image } = photo.value;
	if (url?.includes('notacard')) {
		return huaweiError(400, 'AIS.0104', 'The image is not supported or its quality is poor: no document was found.');
	}
	const found = documentsIn(image, state);
	if ('problem' in found) return huaweiError(400, 'AIS.0101', `The parameter is invalid: ${found.problem}.`);
	const unknown = 'unknown' in found ? unknownPhotoAnswer(state.unknownPhotos) : undefined;
	if (unknown) return unknown;
	const documents = 'unknown' in found ? [found.unknown] : found.documents;
	const wanted = typeList === undefined ? documents : documents.filter((document) => (typeList as string[]).includes(document.type));
	return { status: 200, body: { result: wanted.map(resultEntry) } };
};

/** The documents a photo carries; for a photo that carries nothing, the default card covering it. */
function documentsIn(image: Buffer | undefined, state: ServerState): { documents: FoundDocument[] } | { problem: string } | { unknown: FoundDocument } {
	if (!image) return { unknown: { type: 'bankcard', location: boxCorners(0, 0, URL_PHOTO.width, URL_PHOTO.height), content: state.card } };
	const carried = readDocuments(image);
	if (carried && 'problem' in carried) return { problem: `the image's ${DOCUMENTS_KEYWORD} is not a list of documents (${carried.problem})` };
	if (carried) return carried;
	const size = photoSize(image);
	const idCard = readIdCard(image);
	if (idCard && 'problem' in idCard) return { problem: `the image's ${ID_CARD_KEYWORD} is not an ID card (${idCard.problem})` };
	if (idCard) return { documents: [{ type: 'id_card', location: boxCorners(0, 0, size.width, size.height), content: idCardFields(idCard.idCard) }] };
	const card = readCard(image);
	if (card && 'problem' in card) return { problem: `the image's ${CARD_KEYWORD} is not a card (${card.problem})` };
	const covering = (content: Record<string, unknown>): FoundDocument => ({ type: 'bankcard', location: boxCorners(0, 0, size.width, size.height), content });
	return card ? { documents: [covering(card.card)] } : { unknown: covering(state.card) };
}

function photoSize(image: Buffer): { width: number; height: number } {
	const info = readImageInfo(image, AUTO_CLASSIFICATION_IMAGE_LIMITS);
	return 'problem' in info ? URL_PHOTO : info;
}

function resultEntry(document: FoundDocument): Record<string, unknown> {
	if (!document.content) {
		return {
			type: document.type,
			status: { error_code: 'AIS.0104', error_msg: 'The document could not be recognised: its quality is poor.' },
			content: {},
			location: document.location,
		};
	}
	return { type: document.type, status: {}, content: { ...document.content }, location: document.location };
}
