import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CardsInPhoto } from '../shared/autoClassification/documentsInPhoto';
import { placement } from '../shared/autoClassification/placement';
import { inputError } from '../shared/items/inputError';
import type { WorkUnit } from '../shared/items/runItems';
import type { Shown } from '../shared/output/shown';
import { callWith, notUnderstood, type BatchContext, type Read, type ReadItem } from '../shared/recognize/batch';
import { planItem } from '../shared/recognize/planItem';
import { severalPerPhotoReader } from '../shared/recognize/severalPerPhoto';
import { cardImages } from './cardImages';
import { ID_CARD_PHOTOS, PHOTO_CHECKS, type PhotoCheck, type SideParameter } from './idCardApi';
import { idCardJson, type ResultSettings } from './idCardResult';
import { ID_CARD_DOCUMENT, ID_CARDS_IN_PHOTO, NO_ID_CARD_WORDING } from './idCardsInPhoto';
import { shownBeside } from './maskIdNumbers';
import { readOptions, type IdCardOptions } from './options';
import { photoCheckSwitches } from './photoChecks';
import { runsAsAgentTool, skipsFilesWithoutCard } from './versions';

const SIDES: readonly string[] = ['auto', 'front', 'back', 'double_side'];

function readSide(context: IExecuteFunctions, itemIndex: number): SideParameter {
	const side = context.getNodeParameter('side', itemIndex, 'auto');
	return typeof side === 'string' && SIDES.includes(side) ? (side as SideParameter) : 'auto';
}

function readPhotoChecks(context: IExecuteFunctions, itemIndex: number): PhotoCheck[] {
	const chosen = context.getNodeParameter('photoChecks', itemIndex, []);
	return Array.isArray(chosen) ? PHOTO_CHECKS.filter((check) => chosen.includes(check)) : [];
}

/** The request's switches: the side when named, what the options ask Huawei to return. */
function requestFields(settings: ResultSettings, options: IdCardOptions): IDataObject {
	const fields: IDataObject = settings.side === 'auto' ? {} : { side: settings.side };
	if (options.returnVerification) fields.return_verification = true;
	if (options.returnTextLocation) fields.return_text_location = true;
	if (options.returnPortrait) fields.return_portrait_image = true;
	if (options.returnCardImage) fields.return_adjusted_image = true;
	return { ...fields, ...photoCheckSwitches(settings.photoChecks) };
}

/** One card (one side, or both in one photo) through RecognizeIdCard. */
function oneCardReader(context: IExecuteFunctions, itemIndex: number, batch: BatchContext, options: IdCardOptions, settings: ResultSettings): Read {
	const fields = requestFields(settings, options);
	return async (input) => {
		const mapped = idCardJson(await callWith(context, itemIndex, batch, options, batch.api, input, fields), settings, batch.now);
		if (!mapped) throw notUnderstood(context, itemIndex, settings.side === 'double_side' ? '"front" and "back" objects' : '"result" object');
		if ('problem' in mapped) throw inputError(context, itemIndex, mapped.problem.message, mapped.problem.description);
		const binary = await cardImages(context, mapped.images);
		return [binary ? { json: mapped.json, binary } : { json: mapped.json }];
	};
}

/**
 * Every ID card of a photo, in reading order, each shaped as a photo of one side would be (its
 * content is RecognizeIdCard's result), then told where it lies, with the confidence Huawei may
 * give the document beside its content.
 */
function cardsInPhotoItems(context: IExecuteFunctions, itemIndex: number, found: CardsInPhoto, settings: ResultSettings, shown: Shown, now: Date): ReadItem[] {
	const each: ResultSettings = {
		side: 'auto',
		photoChecks: [],
		options: { ...settings.options, returnPortrait: false, returnCardImage: false },
	};
	return found.cards.map((card, index) => {
		const mapped = idCardJson({ result: card.content }, each, now);
		if (!mapped) throw notUnderstood(context, itemIndex, '"content" object');
		if ('problem' in mapped) throw inputError(context, itemIndex, mapped.problem.message, mapped.problem.description);
		const confidence = card.confidence === undefined ? {} : { confidence: card.confidence as IDataObject[string] };
		return { json: { ...mapped.json, ...confidence, ...placement(found, index, shown) } };
	});
}

/**
 * What one input item becomes (see planItem): each photo gives one output item per ID card side
 * read (both sides in one photo: one item), or with "Photo May Hold Several Cards" one per ID card
 * found through RecognizeAutoClassification.
 */
export async function planIdCard(context: IExecuteFunctions, itemIndex: number, batch: BatchContext): Promise<WorkUnit[]> {
	const options = readOptions(context, itemIndex);
	const several = context.getNodeParameter('severalCardsPerPhoto', itemIndex, false) === true;
	const settings: ResultSettings = { side: readSide(context, itemIndex), photoChecks: readPhotoChecks(context, itemIndex), options };
	const shown = shownBeside(options.idNumberFormat);
	const node = context.getNode();
	const read = several
		? severalPerPhotoReader(context, itemIndex, batch, options, {
				document: ID_CARD_DOCUMENT,
				wording: NO_ID_CARD_WORDING,
				shown,
				toItems: (found) => cardsInPhotoItems(context, itemIndex, found, settings, shown, batch.now),
			})
		: oneCardReader(context, itemIndex, batch, options, settings);
	return await planItem(context, itemIndex, {
		read,
		rules: several ? ID_CARDS_IN_PHOTO : ID_CARD_PHOTOS,
		keepInputBinary: options.keepInputBinary,
		shown,
		asTool: runsAsAgentTool(node),
		skipsFilesWithoutDocument: skipsFilesWithoutCard(node.typeVersion),
		toolReadsLinks: 'As a tool of an AI Agent, ID Card OCR reads an ID card from a link, not from a file',
	});
}
