/**
 * Where the files of an item are, in both of n8n 2.x's workflow binary modes (pure).
 *
 * - "separate" (every workflow before n8n 2.x, and the default): files live in `item.binary.<name>`.
 * - "combined" (workflow setting `binaryMode`): after each node n8n moves stored files into the
 *   item's JSON, `item.json._files.<name>`, and a binary parameter is a path into the JSON.
 *
 * What this module finds is handed to n8n's own helpers (`assertBinaryData`,
 * `getBinaryDataBuffer`) as the parameter they expect in that mode: the name, the path, or the
 * file object itself. Docs: https://docs.n8n.io/data/binary-data/ and n8n-io/n8n PR #23270.
 */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

// n8n-workflow's BINARY_IN_JSON_PROPERTY and BINARY_MODE_COMBINED, written out: hosts whose
// n8n-workflow predates n8n 2.x do not export them, and the node must still load there.
export const FILES_IN_JSON = '_files';
export const COMBINED_MODE = 'combined';

/** One file of an item, ready for n8n's binary helpers. */
export interface ItemFile {
	/** The name users see and the file is kept under: "attachment_1". */
	field: string;
	/** What n8n's helpers are given: the name or JSON path as this mode resolves it, or the file object. */
	parameter: string | IBinaryData;
	file: IBinaryData;
}

/**
 * n8n-workflow's `isBinaryValue` (a file object has a mime type and its data or a storage id),
 * written out for the same reason as FILES_IN_JSON.
 */
export function isFileObject(value: unknown): value is IBinaryData {
	return typeof value === 'object' && value !== null && 'mimeType' in value && ('data' in value || 'id' in value);
}

function objectOf(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** `item.binary`, or nothing when a previous node left something else there. */
function binaryOf(item: INodeExecutionData | undefined): IDataObject {
	return objectOf(item?.binary);
}

function filesInJson(item: INodeExecutionData | undefined): IDataObject {
	return objectOf(objectOf(item?.json)[FILES_IN_JSON]);
}

/** lodash.get for the dotted paths n8n's helpers resolve in combined mode ("_files.data"). */
function atPath(data: unknown, path: string): unknown {
	let value: unknown = data;
	for (const key of path.split(/[.[\]]/).filter((part) => part !== '')) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** The field a path names: "_files.attachment_1" is the file users know as "attachment_1". */
function fieldOfPath(path: string): string {
	return path.startsWith(`${FILES_IN_JSON}.`) ? path.slice(FILES_IN_JSON.length + 1) : path;
}

/**
 * The file called `name` on the item. In separate mode that is `binary.<name>`, exactly where
 * n8n's helpers look. In combined mode n8n's helpers read `name` as a JSON path, so "_files.data"
 * works as in n8n's own nodes, and a plain "data" (this node's default, and what email triggers
 * name their files) is found under `_files` too. A file sitting in the other place than the mode
 * expects is handed over as the file object itself.
 */
export function findFile(item: INodeExecutionData | undefined, name: string, combined: boolean): ItemFile | undefined {
	const binary = binaryOf(item);
	const inJson = filesInJson(item);
	if (combined) {
		const atName = atPath(item?.json, name);
		if (isFileObject(atName)) return { field: fieldOfPath(name), parameter: name, file: atName };
		const underFiles = inJson[name];
		if (isFileObject(underFiles)) return { field: name, parameter: `${FILES_IN_JSON}.${name}`, file: underFiles };
		if (binary[name]) return { field: name, parameter: binary[name] as IBinaryData, file: binary[name] as IBinaryData };
		return undefined;
	}
	// Any non-empty entry, file object or not: n8n's helper reads it, or says why it cannot.
	if (binary[name]) return { field: name, parameter: name, file: binary[name] as IBinaryData };
	const underFiles = inJson[name];
	if (isFileObject(underFiles)) return { field: name, parameter: underFiles, file: underFiles };
	return undefined;
}

/** The names of the files an item carries, in the order n8n holds them (email: attachment_0, _1, ...). */
export function fileNames(item: INodeExecutionData | undefined): string[] {
	const binary = binaryOf(item);
	const inJson = filesInJson(item);
	const names = Object.keys(binary).filter((name) => binary[name]);
	for (const name of Object.keys(inJson)) {
		if (isFileObject(inJson[name]) && !names.includes(name)) names.push(name);
	}
	return names;
}

/** Every file of the item, in fileNames order. */
export function allFiles(item: INodeExecutionData | undefined, combined: boolean): ItemFile[] {
	return fileNames(item)
		.map((name) => findFile(item, name, combined))
		.filter((file): file is ItemFile => file !== undefined);
}

/** What n8n's expressions show of a file whose content is kept in the item: its details, no data. */
const DETAILS = ['mimeType', 'fileName', 'fileExtension', 'fileSize', 'bytes'] as const;

function sameFile(given: IDataObject, held: unknown): boolean {
	if (!isFileObject(held)) return false;
	if (given.id || held.id) return given.id === held.id;
	if (given.data !== undefined) return given.data === held.data && given.mimeType === held.mimeType;
	return DETAILS.every((key) => given[key] === undefined || given[key] === held[key]);
}

/**
 * A file given as the parameter (`{{ $binary.attachment_1 }}`, `{{ $json._files.data }}`). When
 * it is one of the item's own files it is read as that field, by name: n8n's expressions show a
 * file kept in the item as its details only, without the content. Otherwise it is read as the
 * object it is, named "data", n8n's usual name.
 */
export function fileFromObject(item: INodeExecutionData | undefined, given: IDataObject, combined: boolean): ItemFile {
	const binary = binaryOf(item);
	const inJson = filesInJson(item);
	const field =
		Object.keys(binary).find((name) => sameFile(given, binary[name])) ??
		Object.keys(inJson).find((name) => sameFile(given, inJson[name]));
	const own = field === undefined ? undefined : findFile(item, field, combined);
	return own ?? { field: 'data', parameter: given as unknown as IBinaryData, file: given as unknown as IBinaryData };
}

/** Whether a value looks like a file or a file's details as an expression shows them. */
export function isFileLike(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as IDataObject).mimeType === 'string';
}
