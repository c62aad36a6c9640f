/**
 * The photos one item gives: its requested files read through n8n, each turned into the photos
 * it holds (itself, or a PDF's page photos), and the files or pages that give none, with why.
 *
 * One named file behaves as the node always has: its problem is the item's error. When several
 * files are requested (several names, or every file of the item, as email triggers deliver
 * them), files that cannot be a photo are skipped and listed, and the item fails only when none
 * is left. Nothing here calls Huawei.
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';

import { inputError } from '../items/inputError';
import { loadFile } from './binaryFile';
import type { FileSelection } from './fileSelection';
import { photosOfFile, type PhotoMinimum } from './filePhotos';
import type { ImageLimits } from './imageCheck';
import { allFiles, COMBINED_MODE, fileFromObject, fileNames, findFile, type ItemFile } from './itemFiles';

export interface PhotoRules {
	limits: ImageLimits;
	/** Applied only when several files are requested; see PhotoMinimum. */
	minimum: PhotoMinimum;
}

export interface SourcedPhoto {
	bytes: Buffer;
	/** 1-based, when the photo is a page of a PDF. */
	page?: number;
	source: ItemFile;
}

/** One entry of `skipped_files` in the output. */
export interface SkippedFile extends IDataObject {
	binary_field: string;
	file_name: string;
	reason: string;
}

export interface ItemPhotos {
	/** Every requested file the item has, photo or not, in the order they were requested. */
	files: ItemFile[];
	photos: SourcedPhoto[];
	skipped: SkippedFile[];
	/** Set when no photo is left: the item's error, to be raised when its turn comes. */
	failure?: NodeOperationError;
	/**
	 * With `failure`, when it is about one requested file: which, in the source fields a result
	 * from that file carries (see sourceFields), so an error item names its file the same way.
	 */
	failedFile?: IDataObject;
}

export function fileNameOf(file: ItemFile): string {
	const name = (file.file as { fileName?: unknown } | null)?.fileName;
	return typeof name === 'string' ? name : '';
}

/**
 * Files to pass on with an output item, each under its own name. In a workflow with binary mode
 * "combined", n8n moves them into `_files` after this node, where the next node looks for them.
 */
export function keptFiles(files: ItemFile[]): IBinaryKeyData {
	const binary: IBinaryKeyData = {};
	for (const file of files) binary[file.field] = { ...file.file };
	return binary;
}

/** The flat fields that say which file (and page) an output item came from. */
export function sourceFields(photo: Pick<SourcedPhoto, 'source' | 'page'>): IDataObject {
	const fields: IDataObject = { source_binary_field: photo.source.field, source_file_name: fileNameOf(photo.source) };
	if (photo.page !== undefined) fields.source_pdf_page = photo.page;
	return fields;
}

/** The source fields of a requested file the item does not have: its name, and no file name. */
function missingFileFields(name: string): IDataObject {
	return { source_binary_field: name, source_file_name: '' };
}

function quoted(names: string[]): string {
	return names.map((name) => `"${name}"`).join(', ');
}

const NO_FILE_AT_ALL =
	'This item carries no file at all. Put a node that provides the image before this one (for example "Read/Write Files from Disk", an email trigger with attachments, or HTTP Request with the response format "File"), or switch "Input Type" to "Image URL".';

function isCombined(context: IExecuteFunctions): boolean {
	// getWorkflowSettings is missing on hosts older than n8n 1.x's later releases.
	const settings = typeof context.getWorkflowSettings === 'function' ? context.getWorkflowSettings() : {};
	return (settings as { binaryMode?: string }).binaryMode === COMBINED_MODE;
}

/** The files the selection names on this item; throws when it has none of them at all. */
function requestedFiles(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData | undefined,
	selection: FileSelection,
): { files: ItemFile[]; missing: string[]; failure?: NodeOperationError } {
	const combined = isCombined(context);
	const present = fileNames(item);
	if (selection.every) {
		if (present.length === 0) throw inputError(context, itemIndex, 'The item has no files', NO_FILE_AT_ALL);
		return { files: allFiles(item, combined), missing: [] };
	}
	const files: ItemFile[] = [];
	const missing: string[] = [];
	for (const request of selection.requests) {
		if ('object' in request) {
			files.push(fileFromObject(item, request.object, combined));
			continue;
		}
		const found = findFile(item, request.name, combined);
		if (found) files.push(found);
		else missing.push(request.name);
	}
	if (files.length === 0) {
		const headline =
			missing.length === 1
				? `The item has no binary field "${missing[0]}"`
				: `The item has none of the binary fields ${quoted(missing)}`;
		const failure = inputError(
			context,
			itemIndex,
			headline,
			present.length
				? `This item has the binary field(s) ${quoted(present)}. Set "Input Binary Field" to the one holding the image, or choose "Every File of the Item" as "Input Type".`
				: NO_FILE_AT_ALL,
		);
		return { files, missing, failure };
	}
	return { files, missing };
}

/** Reads the requested files of one item and sorts them into photos to send and files skipped. */
export async function readItemPhotos(
	context: IExecuteFunctions,
	itemIndex: number,
	selection: FileSelection,
	rules: PhotoRules,
): Promise<ItemPhotos> {
	const item = context.getInputData()[itemIndex];
	const { files, missing, failure: noneFound } = requestedFiles(context, itemIndex, item, selection);
	if (noneFound) {
		// As before, no skipped_files: the error itself names what is missing.
		return { files, photos: [], skipped: [], failure: noneFound, failedFile: missing.length === 1 ? missingFileFields(missing[0]) : undefined };
	}
	const several = selection.every || selection.several;
	const photos: SourcedPhoto[] = [];
	const skipped: SkippedFile[] = missing.map((name) => ({
		binary_field: name,
		file_name: '',
		reason: `This item has no binary field "${name}".`,
	}));
	// With one named file, its problem is the item's error, worded as this node always worded it.
	let single: { message: string; reason: string } | undefined;

	for (const file of files) {
		const skip = (reason: string) => skipped.push({ binary_field: file.field, file_name: fileNameOf(file), reason });
		const loaded = await loadFile(context, itemIndex, file);
		if (!Buffer.isBuffer(loaded)) {
			skip(loaded.reason);
			single = loaded;
			continue;
		}
		const found = photosOfFile(loaded, rules.limits, several ? rules.minimum : undefined);
		if ('problem' in found) {
			skip(found.problem);
			single = { message: `The file in binary field "${file.field}" cannot be sent to Huawei`, reason: found.problem };
			continue;
		}
		for (const photo of found.photos) photos.push({ bytes: photo.bytes, page: photo.page, source: file });
		for (const note of found.notes) skip(note);
	}

	if (photos.length > 0) return { files, photos, skipped };
	// One file requested and present (one name, or the one file of the item): the error is its own.
	const failedFile = files.length === 1 && missing.length === 0 ? sourceFields({ source: files[0] }) : undefined;
	if (!several && single) {
		return { files, photos, skipped, failure: inputError(context, itemIndex, single.message, single.reason), failedFile };
	}
	const listed = skipped.map((entry) => `"${entry.binary_field}"${entry.file_name ? ` (${entry.file_name})` : ''}: ${entry.reason}`);
	return {
		files,
		photos,
		skipped,
		failure: inputError(
			context,
			itemIndex,
			"None of the item's files can be sent to Huawei",
			listed.join(' '),
		),
		failedFile,
	};
}
