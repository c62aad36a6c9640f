import type { NoDocumentWording } from '../shared/autoClassification/noDocumentInPhoto';
import { BANKCARD_DOCUMENT } from './cardsInPhoto';

/** How the error of a photo without a readable bank card words it; see noDocumentInPhoto. */
export const NO_BANKCARD_WORDING: NoDocumentWording = {
	...BANKCARD_DOCUMENT,
	shows: 'the front of the cards',
	switchName: 'Photo May Hold Several Cards',
	forOne: 'a photo of one card',
};
