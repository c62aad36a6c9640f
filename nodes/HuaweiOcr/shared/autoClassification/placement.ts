import type { IDataObject } from 'n8n-workflow';

import type { Shown } from '../output/shown';
import type { CardsInPhoto } from './documentsInPhoto';
import { skippedList } from './skippedList';

/**
 * Where the `index`-th document of a photo lies and which of the photo's documents it is, added
 * to its item, which is otherwise shaped exactly as a photo of one document would be. Everything
 * else Huawei found is listed on every item, as `skipped_files` lists files, so a workflow can
 * route the photo to a person whatever item it looks at.
 *
 * With `countsEveryFound`, `cards_in_photo` counts every document of the type Huawei found, read
 * or not, and `card_index` is the document's place among them, so a photo of three cards, one
 * unreadable, says 3; otherwise both count only the documents read (a node's older versions).
 */
export function placement(found: CardsInPhoto, index: number, shown: Shown, countsEveryFound: boolean): IDataObject {
	const card = found.cards[index];
	const extra: IDataObject = {
		card_location: card.location as IDataObject[string],
		card_index: countsEveryFound ? card.placeAmongFound : index + 1,
		cards_in_photo: countsEveryFound ? found.foundOfType : found.cards.length,
	};
	if (found.skipped.length) extra.skipped_in_photo = skippedList(found.skipped, shown);
	return extra;
}
