/**
 * ID cards through Huawei's RecognizeAutoClassification API (see
 * ../shared/autoClassification/api.ts), when a photo may hold several: the type name that asks
 * for ID cards only (`id_card` in huaweicloud-sdk-python-v3
 * huaweicloud-sdk-ocr/huaweicloudsdkocr/v1/model/auto_classification_request_body.py), the images
 * it takes and the wording of its failures. The API page documents no photo checks, portrait or
 * card image for it, so none are asked for (the editor says so).
 */
import type { IDataObject } from 'n8n-workflow';

import { autoClassificationAdvice, autoClassificationPhotos } from '../shared/autoClassification/api';
import type { DocumentType } from '../shared/autoClassification/documentsInPhoto';
import type { NoDocumentWording } from '../shared/autoClassification/noDocumentInPhoto';
import type { PhotoRules } from '../shared/input/itemPhotos';
import type { AdviceTable } from '../shared/transport/advice';
import { ID_CARD_ADVICE, ID_CARD_IMAGE_LIMITS, ID_CARD_PHOTOS } from './idCardApi';
import { fieldText } from './idCardChecks';

const SWITCH = 'Photo May Hold Several Cards';

/** An ID card's content is RecognizeIdCard's result for one side: read when it holds the number (front) or the validity (back). */
export const ID_CARD_DOCUMENT: DocumentType = {
	type: 'id_card',
	name: 'ID card',
	withArticle: 'an ID card',
	plural: 'ID cards',
	isRead: (content: IDataObject) => [content.number, content.valid_to, content.issue].some((value) => fieldText(value) !== ''),
	essential: 'ID number or validity',
};

export const NO_ID_CARD_WORDING: NoDocumentWording = {
	...ID_CARD_DOCUMENT,
	shows: 'Chinese resident ID cards',
	switchName: SWITCH,
	forOne: 'a photo of one ID card',
};

export const ID_CARDS_IN_PHOTO: PhotoRules = autoClassificationPhotos(ID_CARD_PHOTOS);

export function idCardsInPhotoAdvice(credentialRegion: string): AdviceTable {
	return autoClassificationAdvice(credentialRegion, {
		advice: ID_CARD_ADVICE,
		limits: ID_CARD_IMAGE_LIMITS,
		plural: 'cards',
		consoleName: 'ID Card',
		switchName: SWITCH,
		oneEach: 'one ID card side per photo',
	});
}
