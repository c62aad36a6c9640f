import type { IDataObject } from 'n8n-workflow';

import { bankcardJson, type ResultOptions } from './bankcardResult';
import type { CardsInPhoto } from '../shared/autoClassification/documentsInPhoto';
import { skippedList } from '../shared/autoClassification/skippedList';
import { maskedBeside } from './maskOutput';

/**
 * The json of each output item of a photo with several cards, in reading order. Each card is
 * shaped exactly as a photo of one card would be (its content is RecognizeBankcard's result, so
 * the same mapping, card checks and masking apply), then told where it lies and which of the
 * photo's cards it is. Everything else Huawei found is listed on every item, as `skipped_files`
 * lists files, so a workflow can route the photo to a person whatever item it looks at.
 *
 * With `countsEveryCard` (see countsEveryCardFound in versions.ts), `cards_in_photo` counts every
 * bank card Huawei found, read or not, and `card_index` is the card's place among them; otherwise
 * both count the cards read.
 */
export function cardsInPhotoJson(found: CardsInPhoto, settings: ResultOptions, now: Date, countsEveryCard: boolean): IDataObject[] {
	const shown = maskedBeside(settings.cardNumberFormat);
	return found.cards.map((card, index) => {
		// bankcardJson finds a result object here, as card.content always is one.
		const json = bankcardJson({ result: card.content }, settings, now) as IDataObject;
		const extra: IDataObject = {
			card_location: card.location as IDataObject[string],
			card_index: countsEveryCard ? card.placeAmongFound : index + 1,
			cards_in_photo: countsEveryCard ? found.foundOfType : found.cards.length,
		};
		if (found.skipped.length) extra.skipped_in_photo = skippedList(found.skipped, shown);
		return { ...json, ...extra };
	});
}
