import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { EVERY_FILE, parseFileSelection, type FileSelection } from '../input/fileSelection';
import { checkImageUrl, OR_SEND_THE_FILE } from '../input/imageUrl';
import { fileNameOf, keptFiles, readItemPhotos, sourceFields, type PhotoRules, type SourcedPhoto } from '../input/itemPhotos';
import { inputError } from '../items/inputError';
import type { WorkUnit } from '../items/runItems';
import type { Shown } from '../output/shown';
import type { Read } from './batch';
import { foundNothing, nothingFoundReason } from './nothingFound';

export type InputType = 'binaryData' | 'allFiles' | 'url';

/** What a node decides for one item; the rest of the way from item to calls is the same for all. */
export interface ItemPlan {
	read: Read;
	/** The limits of the API the photos go to. */
	rules: PhotoRules;
	keepInputBinary: boolean;
	/** How text beside the document's fields appears (file names, skipped_files). */
	shown: Shown;
	/** Whether the node runs as an AI Agent's tool. */
	asTool: boolean;
	/**
	 * With Every File of the Item: a photo in which Huawei finds no document goes to skipped_files
	 * when another file of the item gives one (see WorkUnit.skippedWhenOthersRead).
	 */
	skipsFilesWithoutDocument: boolean;
	/** The error's headline when a tool is set to read files: "As a tool ..., X OCR reads a card from a link, not from a file". */
	toolReadsLinks: string;
}

function urlUnit(context: IExecuteFunctions, itemIndex: number, plan: ItemPlan): WorkUnit {
	const checked = checkImageUrl(context.getNodeParameter('imageUrl', itemIndex));
	if ('problem' in checked) {
		const fileInstead = checked.fileInstead && !plan.asTool;
		throw inputError(context, itemIndex, checked.problem, fileInstead ? `${checked.fix} ${OR_SEND_THE_FILE}` : checked.fix);
	}
	const errorJson: IDataObject = {};
	return {
		run: async () =>
			(await shownIfFails(plan, async () => await plan.read({ url: checked.url }, errorJson))).map(({ json, binary }) => {
				const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
				if (binary) item.binary = binary;
				return item;
			}),
		errorJson,
	};
}

/**
 * A failure's message and advice shown as the node masks text beside its fields: Huawei's words
 * (quoted in the advice) about a photo could carry the number the item masks.
 */
async function shownIfFails<T>(plan: ItemPlan, read: () => Promise<T>): Promise<T> {
	return await read().catch(async (error: unknown) => await Promise.reject(shownFailure(plan, error)));
}

function shownFailure(plan: ItemPlan, error: unknown): unknown {
	if (error instanceof Error) {
		const failure = error as Error & { description?: unknown };
		error.message = plan.shown(error.message);
		if (typeof failure.description === 'string') failure.description = plan.shown(failure.description);
	}
	return error;
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
 * One photo's call; each output item (one, or one per document found in it) says which file (and
 * page) it came from, and carries only that file.
 */
function photoUnit(
	itemIndex: number,
	plan: ItemPlan,
	photo: SourcedPhoto,
	skipped: () => IDataObject,
	mayBeSkipped: boolean,
): WorkUnit {
	const source = plan.shown(sourceFields(photo));
	// Every output item of a unit, its results or its error, carries the photo, so the one Huawei
	// could not read still reaches, say, a person asked to look at it. A unit gives its results or
	// its error item, never both, so the first of either shares one copy; further documents of the
	// photo get their own, as a later node may change one item's files in place.
	const kept = plan.keepInputBinary ? keptFiles([photo.source]) : undefined;
	const errorJson: IDataObject = { ...source, ...skipped() };
	return {
		run: async () =>
			(await shownIfFails(plan, async () => await plan.read({ image: photo.bytes }, errorJson))).map(({ json, binary }, index) => {
				const item: INodeExecutionData = { json: { ...json, ...source, ...skipped() }, pairedItem: { item: itemIndex } };
				if (kept) item.binary = index === 0 ? kept : keptFiles([photo.source]);
				if (binary) item.binary = { ...item.binary, ...binary };
				return item;
			}),
		errorJson,
		errorBinary: kept,
		skippedWhenOthersRead: mayBeSkipped ? (error) => skippedEntry(plan, photo, error) : undefined,
	};
}

/** A photo Huawei found no document in, as skipped_files lists it, shown as the node masks. */
function skippedEntry(plan: ItemPlan, photo: SourcedPhoto, error: unknown): IDataObject | undefined {
	if (!foundNothing(error)) return undefined;
	const entry: IDataObject = {
		binary_field: photo.source.field,
		file_name: fileNameOf(photo.source),
		reason: nothingFoundReason(error),
	};
	if (photo.page !== undefined) entry.pdf_page = photo.page;
	const code = (error as { errorResponse?: IDataObject }).errorResponse?.error_code;
	if (typeof code === 'string') entry.error_code = code;
	return plan.shown(entry);
}

/**
 * What one input item becomes: one call for its image URL, or one call per photo its files hold
 * (a photo, or a PDF scan's pages), each giving one output item, or one per document found with
 * several per photo. Its files are read and checked here, before any call.
 */
export async function planItem(context: IExecuteFunctions, itemIndex: number, plan: ItemPlan): Promise<WorkUnit[]> {
	const inputType = context.getNodeParameter('inputType', itemIndex) as InputType;
	if (inputType === 'url') return [urlUnit(context, itemIndex, plan)];
	// An agent's model passes text, never files: a tool reading files would fail on every call.
	if (plan.asTool) {
		throw inputError(
			context,
			itemIndex,
			plan.toolReadsLinks,
			'Set Input Type to "Image URL" and let the model define it (the button beside the field).',
		);
	}

	const found = await readItemPhotos(context, itemIndex, fileSelection(context, itemIndex, inputType), plan.rules);
	// A copy for each item that lists them: later nodes may change one item's json in place.
	const skipped = (): IDataObject =>
		found.skipped.length ? plan.shown({ skipped_files: found.skipped.map((entry) => ({ ...entry })) }) : {};
	const { failure } = found;
	if (failure) {
		return [
			{
				run: async () => {
					throw failure;
				},
				errorJson: skipped(),
				// No photo among them: the files go on with the error, for a person to look at.
				errorBinary: plan.keepInputBinary && found.files.length ? keptFiles(found.files) : undefined,
			},
		];
	}
	const mayBeSkipped = plan.skipsFilesWithoutDocument && inputType === 'allFiles';
	return found.photos.map((photo) => photoUnit(itemIndex, plan, photo, skipped, mayBeSkipped));
}
