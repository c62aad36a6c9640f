import type { IDataObject } from 'n8n-workflow';

import { documentsInPhoto, type CardsInPhoto, type DocumentType } from '../shared/autoClassification/documentsInPhoto';
import { BANKCARD_TYPE } from './autoClassificationApi';

function hasCardNumber(value: unknown): boolean {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0;
	return typeof value === 'string' && /\d/.test(value);
}

/** A bank card's content is RecognizeBankcard's result; it counts as read when it holds a card number. */
export const BANKCARD_DOCUMENT: DocumentType = {
	type: BANKCARD_TYPE,
	name: 'bank card',
	withArticle: 'a bank card',
	plural: 'bank cards',
	isRead: (content: IDataObject) => hasCardNumber(content.card_number),
	essential: 'card number',
};

/** The bank cards of a RecognizeAutoClassification answer, and what else Huawei found. */
export function cardsInPhoto(body: unknown): CardsInPhoto {
	return documentsInPhoto(body, BANKCARD_DOCUMENT);
}
