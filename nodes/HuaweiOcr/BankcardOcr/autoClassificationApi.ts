/**
 * Bank cards through Huawei's RecognizeAutoClassification API (see
 * ../shared/autoClassification/api.ts), used when a photo may hold several cards: the type name
 * that asks for bank cards only (`bankcard` in huaweicloud-sdk-python-v3
 * huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/model/auto_classification_request_body.py), the images
 * it takes and the wording of its failures.
 */
import {
	autoClassificationAdvice as adviceFor,
	autoClassificationImageLimits,
	autoClassificationPhotos,
} from '../shared/autoClassification/api';
import type { ImageLimits } from '../shared/input/imageCheck';
import type { PhotoRules } from '../shared/input/itemPhotos';
import type { AdviceTable } from '../shared/transport/advice';
import { BANKCARD_ADVICE, BANKCARD_IMAGE_LIMITS, BANKCARD_PHOTOS } from './bankcardApi';

/** The `type_list` entry, and the `type` of a result, that mean a bank card. */
export const BANKCARD_TYPE = 'bankcard';

export const AUTO_CLASSIFICATION_IMAGE_LIMITS: ImageLimits = autoClassificationImageLimits(BANKCARD_IMAGE_LIMITS);

export const AUTO_CLASSIFICATION_PHOTOS: PhotoRules = autoClassificationPhotos(BANKCARD_PHOTOS);

export function autoClassificationAdvice(credentialRegion: string): AdviceTable {
	return adviceFor(credentialRegion, {
		advice: BANKCARD_ADVICE,
		limits: BANKCARD_IMAGE_LIMITS,
		plural: 'cards',
		consoleName: 'Bank Card',
		switchName: 'Photo May Hold Several Cards',
		oneEach: 'one card per photo',
	});
}
