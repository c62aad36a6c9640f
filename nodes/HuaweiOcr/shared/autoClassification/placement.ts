import type { IDataObject } from 'n8n-workflow';

import type { Shown } from '../output/shown';
import type { CardsInPhoto } from './documentsInPhoto';
import { skippedList } from './skippedList';

/**
 * Where the `index`-th document of a photo lies and which of the photo's documents it is, added
 * to its item, which is otherwise shaped exactly as a photo of one document would be. Everything
 * else Huawei found is listed on every item, as `skipped_files` lists files, so a workflow can
 * route the photo to a person whatever item it looks at.
 */
export function placement(found: CardsInPhoto, index: number, shown: Shown): IDataObject {
	const extra: IDataObject = {
		card_location: found.cards[index].location as IDataObject[string],
		card_index: index + 1,
		cards_in_photo: found.cards.length,
	};
	if (found.skipped.length) extra.skipped_in_photo = skippedList(found.skipped, shown);
	return extra;
}
