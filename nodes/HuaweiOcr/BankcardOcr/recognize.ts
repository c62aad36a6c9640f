import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { EVERY_FILE, parseFileSelection, type FileSelection } from '../shared/input/fileSelection';
import { checkImageUrl, OR_SEND_THE_FILE } from '../shared/input/imageUrl';
import { keptFiles, readItemPhotos, sourceFields, type SourcedPhoto } from '../shared/input/itemPhotos';
import { imageRequestBody } from '../shared/input/requestBody';
import { inputError } from '../shared/items/inputError';
import type { WorkUnit } from '../shared/items/runItems';
import type { AdviceTable } from '../shared/transport/advice';
import { callOcr } from '../shared/transport/call';
import type { CredentialGate } from '../shared/transport/credentialGate';
import { AUTO_CLASSIFICATION_PHOTOS, BANKCARD_TYPE } from './autoClassificationApi';
import { BANKCARD_ADVICE, BANKCARD_PHOTOS } from './bankcardApi';
import { bankcardJson } from './bankcardResult';
import { cardsInPhoto, isAutoClassificationAnswer } from './cardsInPhoto';
import { cardsInPhotoJson, skippedList } from './cardsInPhotoResult';
import { maskedBeside, type Shown } from './maskOutput';
import { noCardInPhoto } from './noCardInPhoto';
import { readOptions, runsAsAgentTool, type BankcardOptions } from './options';

export type InputType = 'binaryData' | 'allFiles' | 'url';

/** What stays the same for every item of one execution. */
export interface BatchContext {
	/** The RecognizeBankcard URL, with the project id still a placeholder (see endpoints.ts). */
	url: string;
	secrets: readonly string[];
	/** The execution's date, for is_expired: one date for the whole batch. */
	now: Date;
	gate: CredentialGate;
	signInWaitingMs: () => number;
	/** RecognizeAutoClassification, for photos that may hold several cards. */
	cardsInPhoto: { url: string; advice: AdviceTable };
}

/** What goes to Huawei: the file itself, or a link Huawei downloads. */
type ImageInput = { url: string } | { image: Buffer };

/** Which API a call goes to, and its wording for failures. */
interface Api {
	url: string;
	advice: AdviceTable;
}

/** One call with the node's settings: retries, timeout, enterprise project, sign-in. */
async function call(
	context: IExecuteFunctions,
	itemIndex: number,
	batch: BatchContext,
	options: BankcardOptions,
	api: Api,
	input: ImageInput,
	fields: IDataObject,
): Promise<IDataObject> {
	const body = 'image' in input ? imageRequestBody(input.image, fields) : { url: input.url, ...fields };
	return await callOcr(
		context,
		{
			url: api.url,
			body,
			headers: options.enterpriseProjectId ? { 'Enterprise-Project-Id': options.enterpriseProjectId } : {},
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			secrets: batch.secrets,
			advice: api.advice,
			gate: batch.gate,
			signInWaitingMs: batch.signInWaitingMs,
		},
		itemIndex,
	);
}

function notUnderstood(context: IExecuteFunctions, itemIndex: number, missing: string): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ error_msg: `The answer had no ${missing}` },
		{
			message: 'Huawei OCR sent an answer this node does not understand',
			description: 'Retry; if it persists, check that the credential\'s region is correct.',
			itemIndex,
		},
	);
}

/**
 * How one photo (or URL) becomes the json of its output items: one card through
 * RecognizeBankcard, or every bank card in it through RecognizeAutoClassification. `errorJson`
 * is what an error item would carry; a photo without a readable card adds what Huawei found.
 */
type Read = (input: ImageInput, errorJson: IDataObject) => Promise<IDataObject[]>;

function readerFor(context: IExecuteFunctions, itemIndex: number, batch: BatchContext, options: BankcardOptions, several: boolean): Read {
	if (!several) {
		const api = { url: batch.url, advice: BANKCARD_ADVICE };
		const fields: IDataObject = options.returnTextLocation ? { return_text_location: true } : {};
		return async (input) => {
			const json = bankcardJson(await call(context, itemIndex, batch, options, api, input, fields), options, batch.now);
			if (!json) throw notUnderstood(context, itemIndex, '"result" object');
			return [json];
		};
	}
	// Bank cards only: other documents in the photo are then not read, and not billed.
	const fields: IDataObject = { type_list: [BANKCARD_TYPE] };
	return async (input, errorJson) => {
		const response = await call(context, itemIndex, batch, options, batch.cardsInPhoto, input, fields);
		if (!isAutoClassificationAnswer(response)) throw notUnderstood(context, itemIndex, '"result" list');
		const found = cardsInPhoto(response);
		if (!found.cards.length) {
			if (found.skipped.length) errorJson.skipped_in_photo = skippedList(found.skipped, maskedBeside(options.cardNumberFormat));
			const why = noCardInPhoto(found.skipped);
			throw inputError(context, itemIndex, why.message, why.description);
		}
		return cardsInPhotoJson(found, options, batch.now);
	};
}

function urlUnit(context: IExecuteFunctions, itemIndex: number, read: Read): WorkUnit {
	const checked = checkImageUrl(context.getNodeParameter('imageUrl', itemIndex));
	if ('problem' in checked) {
		const fileInstead = checked.fileInstead && !runsAsAgentTool(context.getNode());
		throw inputError(context, itemIndex, checked.problem, fileInstead ? `${checked.fix} ${OR_SEND_THE_FILE}` : checked.fix);
	}
	const errorJson: IDataObject = {};
	return {
		run: async () =>
			(await read({ url: checked.url }, errorJson)).map((json) => ({ json, pairedItem: { item: itemIndex } })),
		errorJson,
	};
}

function fileSelection(context: IExecuteFunctions, itemIndex: number, inputType: InputType): FileSelection {
	if (inputType === 'allFiles') return EVERY_FILE;
	const selection = parseFileSelection(context.getNodeParameter('binaryPropertyName', itemIndex));
	if ('problem' in selection) {
		throw inputError(context, itemIndex, '"Input Binary Field" names no file', selection.problem);
	}
	return selection;
}

/**
 * One photo's call; each output item (one, or one per card found in it) says which file (and
 * page) it came from, and carries only that file.
 */
function photoUnit(
	itemIndex: number,
	options: BankcardOptions,
	read: Read,
	photo: SourcedPhoto,
	skipped: () => IDataObject,
	shown: Shown,
): WorkUnit {
	const source = shown(sourceFields(photo));
	// Every output item of a unit, its results or its error, carries the photo, so the one Huawei
	// could not read still reaches, say, a person asked to look at it. A unit gives its results or
	// its error item, never both, so the first of either shares one copy; further cards of the
	// photo get their own, as a later node may change one item's files in place.
	const kept = options.keepInputBinary ? keptFiles([photo.source]) : undefined;
	const errorJson: IDataObject = { ...source, ...skipped() };
	return {
		run: async () =>
			(await read({ image: photo.bytes }, errorJson)).map((json, index) => {
				const item: INodeExecutionData = { json: { ...json, ...source, ...skipped() }, pairedItem: { item: itemIndex } };
				if (kept) item.binary = index === 0 ? kept : keptFiles([photo.source]);
				return item;
			}),
		errorJson,
		errorBinary: kept,
	};
}

/**
 * What one input item becomes: one call for its image URL, or one call per photo its files hold
 * (a card photo, or a PDF scan's pages), each giving one output item, or one per bank card with
 * "Photo May Hold Several Cards". Its files are read and checked here, before any call.
 */
export async function planBankcard(context: IExecuteFunctions, itemIndex: number, batch: BatchContext): Promise<WorkUnit[]> {
	const options = readOptions(context, itemIndex);
	const several = context.getNodeParameter('severalCardsPerPhoto', itemIndex, false) === true;
	const read = readerFor(context, itemIndex, batch, options, several);
	const inputType = context.getNodeParameter('inputType', itemIndex) as InputType;
	if (inputType === 'url') return [urlUnit(context, itemIndex, read)];
	// An agent's model passes text, never files: a tool reading files would fail on every call.
	if (runsAsAgentTool(context.getNode())) {
		throw inputError(
			context,
			itemIndex,
			'As a tool of an AI Agent, Bankcard OCR reads a card from a link, not from a file',
			'Set Input Type to "Image URL" and let the model define it (the button beside the field).',
		);
	}

	const rules = several ? AUTO_CLASSIFICATION_PHOTOS : BANKCARD_PHOTOS;
	const found = await readItemPhotos(context, itemIndex, fileSelection(context, itemIndex, inputType), rules);
	const shown = maskedBeside(options.cardNumberFormat);
	// A copy for each item that lists them: later nodes may change one item's json in place.
	const skipped = (): IDataObject => (found.skipped.length ? shown({ skipped_files: found.skipped.map((entry) => ({ ...entry })) }) : {});
	const { failure } = found;
	if (failure) {
		return [
			{
				run: async () => {
					throw failure;
				},
				errorJson: skipped(),
				// No photo among them: the files go on with the error, for a person to look at.
				errorBinary: options.keepInputBinary && found.files.length ? keptFiles(found.files) : undefined,
			},
		];
	}
	return found.photos.map((photo) => photoUnit(itemIndex, options, read, photo, skipped, shown));
}
