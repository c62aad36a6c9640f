/**
 * What is particular to Huawei's RecognizeBankcard API: its path, the images it takes and the
 * wording of its failures. Source: Huawei Cloud OCR API Reference, "Bank Card"
 * (https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeBankcard),
 * and its constraints (https://support.huaweicloud.com/productdesc-ocr/ocr_01_0006.html).
 */
import { PROJECT_ID_PLACEHOLDER, regionsOffering } from '../../../credentials/common/huawei/endpoints';
import type { ImageLimits } from '../shared/input/imageCheck';
import type { PhotoRules } from '../shared/input/itemPhotos';
import { cardApiImageLimits, cardPhotoRules } from '../shared/input/cardImageRules';
import type { AdviceTable } from '../shared/transport/advice';
import { cardImageAdvice } from '../shared/transport/imageAdvice';
import { serviceAdvice, type OcrService } from '../shared/transport/serviceAdvice';

export function bankcardPath(projectId: string = PROJECT_ID_PLACEHOLDER): string {
	return `/v2/${projectId}/ocr/bankcard`;
}

/** The text fields RecognizeBankcard returns, under Huawei's own names, each with a confidence. */
export const BANKCARD_FIELDS = ['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type'] as const;

export const BANKCARD_IMAGE_LIMITS: ImageLimits = cardApiImageLimits('bank card OCR');

export const BANKCARD_PHOTOS: PhotoRules = cardPhotoRules(BANKCARD_IMAGE_LIMITS, 'a readable bank card');

/** Bank card OCR as the console and its failures name it. */
export const BANKCARD_SERVICE: OcrService = {
	name: 'Bank card OCR',
	consoleName: 'Bank Card',
	regions: regionsOffering('bank card'),
};

/** Codes whose advice is about bank cards, over the wording common to every OCR API. */
export const BANKCARD_ADVICE: AdviceTable = {
	...cardImageAdvice('the card', BANKCARD_IMAGE_LIMITS),
	'AIS.0104': {
		message: 'Huawei OCR could not find a readable bank card in the image',
		action:
			'Use a sharp, well-lit photo of the front of one bank card, filling most of the picture, without glare.',
	},
	...serviceAdvice(BANKCARD_SERVICE),
};
