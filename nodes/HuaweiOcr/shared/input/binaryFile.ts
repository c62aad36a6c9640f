import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemFile } from './itemFiles';

/** Why a file of an item could not be loaded: a headline naming the binary field, and a sentence. */
export interface LoadProblem {
	message: string;
	reason: string;
}

/**
 * The content of one file of an item, read the way n8n's own nodes read files: through
 * `assertBinaryData` and `getBinaryDataBuffer` with the parameter the workflow's binary mode
 * expects (a name, a JSON path or the file object; see itemFiles.ts). Not `binary.x.data`: with
 * n8n's filesystem, database or S3 storage that property only says where the file is.
 */
export async function loadFile(context: IExecuteFunctions, itemIndex: number, file: ItemFile): Promise<Buffer | LoadProblem> {
	let buffer: Buffer;
	try {
		context.helpers.assertBinaryData(itemIndex, file.parameter);
		buffer = await context.helpers.getBinaryDataBuffer(itemIndex, file.parameter);
	} catch (error) {
		const given = file.parameter as { data?: unknown; id?: unknown };
		if (typeof given === 'object' && given.data === undefined && given.id === undefined) {
			return {
				message: 'The file given in "Input Binary Field" has no content',
				reason:
					'The expression gives a file\'s details (name, type, size) but not its content, and it is none of this item\'s own files. Enter the name of the binary field instead, such as "data".',
			};
		}
		// A binary field a previous node built by hand (no data, a stored file that is gone, a
		// number instead of base64): n8n's own error names neither the item nor the field.
		return {
			message: `The file in binary field "${file.field}" could not be read`,
			reason: `n8n could not load the file's content (${(error as Error)?.message ?? String(error)}). Check the node that produced the file, or that the stored file still exists.`,
		};
	}
	if (buffer.length === 0) {
		return {
			message: `The file in binary field "${file.field}" is empty (0 bytes)`,
			reason: 'The file is empty (0 bytes): the node that produced it did not deliver any content.',
		};
	}
	return buffer;
}
