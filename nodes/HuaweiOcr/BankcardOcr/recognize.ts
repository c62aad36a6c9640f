import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { WorkUnit } from '../shared/items/runItems';
import { callWith, notUnderstood, type BatchContext, type Read } from '../shared/recognize/batch';
import { planItem } from '../shared/recognize/planItem';
import { severalPerPhotoReader } from '../shared/recognize/severalPerPhoto';
import { AUTO_CLASSIFICATION_PHOTOS } from './autoClassificationApi';
import { BANKCARD_PHOTOS } from './bankcardApi';
import { bankcardJson } from './bankcardResult';
import { BANKCARD_DOCUMENT } from './cardsInPhoto';
import { cardsInPhotoJson } from './cardsInPhotoResult';
import { maskedBeside } from './maskOutput';
import { NO_BANKCARD_WORDING } from './noBankcardWording';
import { readOptions, type BankcardOptions } from './options';
import { runsAsAgentTool, skipsFilesWithoutCard } from './versions';

/** One card of a photo through RecognizeBankcard. */
function oneCardReader(context: IExecuteFunctions, itemIndex: number, batch: BatchContext, options: BankcardOptions): Read {
	const fields: IDataObject = options.returnTextLocation ? { return_text_location: true } : {};
	return async (input) => {
		const json = bankcardJson(await callWith(context, itemIndex, batch, options, batch.api, input, fields), options, batch.now);
		if (!json) throw notUnderstood(context, itemIndex, '"result" object');
		return [{ json }];
	};
}

/**
 * What one input item becomes (see planItem): each photo gives one output item, or one per bank
 * card with "Photo May Hold Several Cards", every bank card in it through
 * RecognizeAutoClassification.
 */
export async function planBankcard(context: IExecuteFunctions, itemIndex: number, batch: BatchContext): Promise<WorkUnit[]> {
	const options = readOptions(context, itemIndex);
	const several = context.getNodeParameter('severalCardsPerPhoto', itemIndex, false) === true;
	const shown = maskedBeside(options.cardNumberFormat);
	const read = several
		? severalPerPhotoReader(context, itemIndex, batch, options, {
				document: BANKCARD_DOCUMENT,
				wording: NO_BANKCARD_WORDING,
				shown,
				toItems: (found) => cardsInPhotoJson(found, options, batch.now).map((json) => ({ json })),
			})
		: oneCardReader(context, itemIndex, batch, options);
	return await planItem(context, itemIndex, {
		read,
		rules: several ? AUTO_CLASSIFICATION_PHOTOS : BANKCARD_PHOTOS,
		keepInputBinary: options.keepInputBinary,
		shown,
		asTool: runsAsAgentTool(context.getNode()),
		skipsFilesWithoutDocument: skipsFilesWithoutCard(context.getNode().typeVersion),
		toolReadsLinks: 'As a tool of an AI Agent, Bankcard OCR reads a card from a link, not from a file',
	});
}
