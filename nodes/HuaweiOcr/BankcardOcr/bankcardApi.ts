/**
 * What is particular to Huawei's RecognizeBankcard API: its path, the images it takes and the
 * wording of its failures. Source: Huawei Cloud OCR API Reference, "Bank Card"
 * (https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeBankcard),
 * and its constraints (https://support.huaweicloud.com/productdesc-ocr/ocr_01_0006.html).
 */
import { PROJECT_ID_PLACEHOLDER } from '../../../credentials/common/huawei/endpoints';
import type { ImageLimits } from '../shared/input/imageCheck';
import type { PhotoRules } from '../shared/input/itemPhotos';
import type { AdviceTable } from '../shared/transport/advice';
import { serviceAdvice, type OcrService } from '../shared/transport/serviceAdvice';

export function bankcardPath(projectId: string = PROJECT_ID_PLACEHOLDER): string {
	return `/v2/${projectId}/ocr/bankcard`;
}

/** The text fields RecognizeBankcard returns, under Huawei's own names, each with a confidence. */
export const BANKCARD_FIELDS = ['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type'] as const;

/** JPEG, PNG, BMP and TIFF, each side 15 to 8192 pixels, at most 10 MB of base64 text. */
export const BANKCARD_IMAGE_LIMITS: ImageLimits = {
	service: 'bank card OCR',
	accepted: 'Bank card OCR accepts JPEG, PNG, BMP or TIFF images.',
	minSide: 15,
	maxSide: 8192,
	maxBase64Length: 10 * 1024 * 1024,
};

/**
 * Huawei's limits, and the size below which a picture among several files is taken for a logo or
 * an icon rather than a card photo: at 160 x 100 pixels a card's 16 to 19 digits are about 7
 * pixels wide, about the least a reader can tell apart, while signature logos and social icons in
 * emails are smaller. A file named on its own is sent whatever its size, within Huawei's limits.
 */
export const BANKCARD_PHOTOS: PhotoRules = {
	limits: BANKCARD_IMAGE_LIMITS,
	minimum: { shortSide: 100, longSide: 160, holds: 'a readable bank card' },
};

/** Bank card OCR as the console and its failures name it. */
export const BANKCARD_SERVICE: OcrService = {
	name: 'Bank card OCR',
	consoleName: 'Bank Card',
	regions: ['cn-north-4', 'cn-east-3'],
};

/** Codes whose advice is about bank cards, over the wording common to every OCR API. */
export const BANKCARD_ADVICE: AdviceTable = {
	'AIS.0102': {
		message: 'The image is not in a format Huawei OCR accepts',
		action: 'Send a JPEG, PNG, BMP or TIFF image of the card.',
	},
	'AIS.0103': {
		message: 'The image is too small or too large',
		action:
			'Each side must be between 15 and 8192 pixels and the file at most about 7 MB. Resize or compress the image.',
	},
	'AIS.0104': {
		message: 'Huawei OCR could not find a readable bank card in the image',
		action:
			'Use a sharp, well-lit photo of the front of one bank card, filling most of the picture, without glare.',
	},
	'AIS.0105': {
		message: 'Huawei OCR failed to recognise this image',
		action: 'Try again; if it keeps failing, try a clearer photo of the card.',
	},
	...serviceAdvice(BANKCARD_SERVICE),
};
