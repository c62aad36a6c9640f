/**
 * What is particular to Huawei's RecognizeIdCard API (身份证识别), for China's resident ID card:
 * its path, its fields and switches, the images it takes and the wording of its failures.
 * Sources:
 * - Huawei Cloud OCR API Reference, "ID Card" (https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0037.html;
 *   API Explorer: https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeIdCard):
 *   POST /v2/{project_id}/ocr/id-card; JPEG, PNG, BMP or TIFF; each side 15 to 8192 pixels; at
 *   most 10 MB of base64.
 * - Its error codes (https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0028.html): AIS.0104
 *   (no ID card, or too poor to read), AIS.0122 (with double_side, two sides of the same kind).
 * - The official SDKs' models, huaweicloud-sdk-python-v3 huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/model/:
 *   id_card_request_body.py (image, url, side, the return_* and detect_* switches),
 *   id_card_result.py, idcard_front_result.py, idcard_back_result.py (the fields of each side,
 *   detect_*_result, portrait_image, adjusted_image), idcard_score_info_result.py (integer scores).
 */
import { PROJECT_ID_PLACEHOLDER, regionsOffering } from '../../../credentials/common/huawei/endpoints';
import type { ImageLimits } from '../shared/input/imageCheck';
import type { PhotoRules } from '../shared/input/itemPhotos';
import { cardApiImageLimits, cardPhotoRules } from '../shared/input/cardImageRules';
import type { AdviceTable } from '../shared/transport/advice';
import { cardImageAdvice } from '../shared/transport/imageAdvice';
import { serviceAdvice, type OcrService } from '../shared/transport/serviceAdvice';

export function idCardPath(projectId: string = PROJECT_ID_PLACEHOLDER): string {
	return `/v2/${projectId}/ocr/id-card`;
}

/** The fields of the portrait side (front), under Huawei's own names. */
export const FRONT_FIELDS = ['name', 'sex', 'birth', 'ethnicity', 'address', 'number'] as const;
/** The fields of the national emblem side (back). */
export const BACK_FIELDS = ['issue', 'valid_from', 'valid_to'] as const;
export type IdCardField = (typeof FRONT_FIELDS)[number] | (typeof BACK_FIELDS)[number];

/** `side` as the request names it; empty lets Huawei decide (its page says naming it is more accurate). */
export type SideParameter = 'auto' | 'front' | 'back' | 'double_side';

/**
 * Huawei's photo checks: each `detect_<check>` switch answers `detect_<check>_result` (true: the
 * problem is there; for border_integrity, true: the border is incomplete) and
 * `score_info.<check>_score` (an integer, higher is more likely).
 */
export const PHOTO_CHECKS = [
	'copy',
	'reproduce',
	'tampering',
	'border_integrity',
	'blocking_within_border',
	'blur',
	'interim',
	'glare',
] as const;
export type PhotoCheck = (typeof PHOTO_CHECKS)[number];

/** The limits Huawei documents for its card APIs (see cardImageRules.ts), the same as for bank cards. */
export const ID_CARD_IMAGE_LIMITS: ImageLimits = cardApiImageLimits('ID card OCR');

export const ID_CARD_PHOTOS: PhotoRules = cardPhotoRules(ID_CARD_IMAGE_LIMITS, 'a readable ID card');

/** ID card OCR as the console and its failures name it. */
export const ID_CARD_SERVICE: OcrService = {
	name: 'ID card OCR',
	consoleName: 'ID Card',
	regions: regionsOffering('ID card'),
};

/** Codes whose advice is about ID cards, over the wording common to every OCR API. */
export const ID_CARD_ADVICE: AdviceTable = {
	...cardImageAdvice('the ID card', ID_CARD_IMAGE_LIMITS),
	'AIS.0104': {
		message: 'Huawei OCR could not find a readable ID card in the image',
		action:
			'Use a sharp, well-lit photo of one side of a Chinese resident ID card, filling most of the picture, without glare. If "Side" names a side, check that the photo shows that side.',
	},
	'AIS.0122': {
		message: 'The photo shows two sides of the same kind',
		action:
			'With "Both Sides in One Photo", the photo must show the front (portrait side) and the back (national emblem side) once each. For separate photos of each side, set "Side" to "Auto".',
	},
	...serviceAdvice(ID_CARD_SERVICE),
};
