import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { EVERY_FILE, parseFileSelection, type FileSelection } from '../shared/input/fileSelection';
import { checkImageUrl } from '../shared/input/imageUrl';
import { keptFiles, readItemPhotos, sourceFields, type SourcedPhoto } from '../shared/input/itemPhotos';
import { imageRequestBody } from '../shared/input/requestBody';
import { inputError } from '../shared/items/inputError';
import type { WorkUnit } from '../shared/items/runItems';
import { callOcr } from '../shared/transport/call';
import type { CredentialGate } from '../shared/transport/credentialGate';
import { BANKCARD_ADVICE, BANKCARD_PHOTOS } from './bankcardApi';
import { bankcardJson } from './bankcardResult';
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
}

/** What goes to Huawei: the file itself, or a link Huawei downloads. */
type ImageInput = { url: string } | { image: Buffer };

/** One call to RecognizeBankcard, its answer shaped into an item's json. */
async function recognize(
	context: IExecuteFunctions,
	itemIndex: number,
	batch: BatchContext,
	options: BankcardOptions,
	input: ImageInput,
): Promise<IDataObject> {
	const fields: IDataObject = options.returnTextLocation ? { return_text_location: true } : {};
	const body = 'image' in input ? imageRequestBody(input.image, fields) : { url: input.url, ...fields };

	const response = await callOcr(
		context,
		{
			url: batch.url,
			body,
			headers: options.enterpriseProjectId ? { 'Enterprise-Project-Id': options.enterpriseProjectId } : {},
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			secrets: batch.secrets,
			advice: BANKCARD_ADVICE,
			gate: batch.gate,
			signInWaitingMs: batch.signInWaitingMs,
		},
		itemIndex,
	);
	const json = bankcardJson(response, options, batch.now);
	if (!json) {
		throw new NodeApiError(
			context.getNode(),
			{ error_msg: 'The answer had no "result" object' },
			{
				message: 'Huawei OCR sent an answer this node does not understand',
				description: 'Retry; if it persists, check that the credential\'s region is correct.',
				itemIndex,
			},
		);
	}
	return json;
}

function urlUnit(context: IExecuteFunctions, itemIndex: number, batch: BatchContext, options: BankcardOptions): WorkUnit {
	const checked = checkImageUrl(context.getNodeParameter('imageUrl', itemIndex));
	if ('problem' in checked) {
		throw inputError(context, itemIndex, checked.problem, checked.fix);
	}
	return {
		run: async () => ({
			json: await recognize(context, itemIndex, batch, options, { url: checked.url }),
			pairedItem: { item: itemIndex },
		}),
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

/** One photo's call; the output item says which file (and page) it came from, and carries only that file. */
function photoUnit(
	context: IExecuteFunctions,
	itemIndex: number,
	batch: BatchContext,
	options: BankcardOptions,
	photo: SourcedPhoto,
	skipped: () => IDataObject,
): WorkUnit {
	const source = sourceFields(photo);
	// One output item comes of a unit, its result or its error: either carries the photo, so the
	// one Huawei could not read still reaches, say, a person asked to look at it.
	const kept = options.keepInputBinary ? keptFiles([photo.source]) : undefined;
	return {
		run: async () => {
			const json = await recognize(context, itemIndex, batch, options, { image: photo.bytes });
			const item: INodeExecutionData = { json: { ...json, ...source, ...skipped() }, pairedItem: { item: itemIndex } };
			if (kept) item.binary = kept;
			return item;
		},
		errorJson: { ...source, ...skipped() },
		errorBinary: kept,
	};
}

/**
 * What one input item becomes: one call for its image URL, or one call per photo its files hold
 * (a card photo, or a PDF scan's pages). Its files are read and checked here, before any call.
 */
export async function planBankcard(context: IExecuteFunctions, itemIndex: number, batch: BatchContext): Promise<WorkUnit[]> {
	const options = readOptions(context, itemIndex);
	const inputType = context.getNodeParameter('inputType', itemIndex) as InputType;
	if (inputType === 'url') return [urlUnit(context, itemIndex, batch, options)];
	// An agent's model passes text, never files: a tool reading files would fail on every call.
	if (runsAsAgentTool(context.getNode())) {
		throw inputError(
			context,
			itemIndex,
			'As a tool of an AI Agent, Bankcard OCR reads a card from a link, not from a file',
			'Set Input Type to "Image URL" and let the model define it (the button beside the field).',
		);
	}

	const found = await readItemPhotos(context, itemIndex, fileSelection(context, itemIndex, inputType), BANKCARD_PHOTOS);
	// A copy for each item that lists them: later nodes may change one item's json in place.
	const skipped = (): IDataObject => (found.skipped.length ? { skipped_files: found.skipped.map((entry) => ({ ...entry })) } : {});
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
	return found.photos.map((photo) => photoUnit(context, itemIndex, batch, options, photo, skipped));
}
