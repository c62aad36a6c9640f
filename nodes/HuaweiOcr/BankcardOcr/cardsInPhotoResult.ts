import type { IDataObject } from 'n8n-workflow';

import type { CardsInPhoto } from '../shared/autoClassification/documentsInPhoto';
import { placement } from '../shared/autoClassification/placement';
import { bankcardJson, type ResultOptions } from './bankcardResult';
import { maskedBeside } from './maskOutput';

/**
 * The json of each output item of a photo with several cards, in reading order. Each card is
 * shaped exactly as a photo of one card would be (its content is RecognizeBankcard's result, so
 * the same mapping, card checks and masking apply), then told where it lies (see placement).
 */
export function cardsInPhotoJson(found: CardsInPhoto, settings: ResultOptions, now: Date): IDataObject[] {
	const shown = maskedBeside(settings.cardNumberFormat);
	return found.cards.map((card, index) => {
		// bankcardJson finds a result object here, as card.content always is one.
		const json = bankcardJson({ result: card.content }, settings, now) as IDataObject;
		return { ...json, ...placement(found, index, shown) };
	});
}
