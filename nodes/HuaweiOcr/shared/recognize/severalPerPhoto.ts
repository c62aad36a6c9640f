import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { documentsInPhoto, isAutoClassificationAnswer, type CardsInPhoto, type DocumentType } from '../autoClassification/documentsInPhoto';
import { noDocumentInPhoto, type NoDocumentWording } from '../autoClassification/noDocumentInPhoto';
import { skippedList } from '../autoClassification/skippedList';
import { inputError } from '../items/inputError';
import type { CallOptions } from '../options/commonOptions';
import type { Shown } from '../output/shown';
import { asNothingFound } from './nothingFound';
import { callWith, notUnderstood, type BatchContext, type Read, type ReadItem } from './batch';

/** What a node gives the reader of photos that may hold several of its documents. */
export interface SeveralPerPhoto {
	document: DocumentType;
	wording: NoDocumentWording;
	/** How text beside the document's fields appears (the node's masking). */
	shown: Shown;
	/** The output items of the photo. */
	toItems: (found: CardsInPhoto) => ReadItem[] | Promise<ReadItem[]>;
}

/**
 * Every document of one type in a photo, through RecognizeAutoClassification. Only that type is
 * asked for: other documents in the photo are then not read, and not billed.
 */
export function severalPerPhotoReader(
	context: IExecuteFunctions,
	itemIndex: number,
	batch: BatchContext,
	options: CallOptions,
	several: SeveralPerPhoto,
): Read {
	const fields: IDataObject = { type_list: [several.document.type] };
	return async (input, errorJson) => {
		const response = await callWith(context, itemIndex, batch, options, batch.severalPerPhoto, input, fields);
		if (!isAutoClassificationAnswer(response)) throw notUnderstood(context, itemIndex, '"result" list');
		const found = documentsInPhoto(response, several.document);
		if (!found.cards.length) {
			if (found.skipped.length) errorJson.skipped_in_photo = skippedList(found.skipped, several.shown);
			const why = noDocumentInPhoto(found.skipped, several.wording);
			throw asNothingFound(inputError(context, itemIndex, why.message, why.description));
		}
		return await several.toItems(found);
	};
}
