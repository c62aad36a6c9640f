import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../items/inputError';

/**
 * The content of the file in binary field `field` of an item, or an error that names the item
 * and the field and says what to do.
 */
export async function readBinaryFile(context: IExecuteFunctions, itemIndex: number, field: string): Promise<Buffer> {
	const given = context.getInputData()[itemIndex]?.binary;
	const binary = given && typeof given === 'object' ? given : {};
	if (!binary[field]) {
		// Only fields that hold something: an empty entry is no file to pick instead.
		const present = Object.keys(binary).filter((name) => binary[name]);
		throw inputError(
			context,
			itemIndex,
			`Item ${itemIndex} has no binary field "${field}"`,
			present.length
				? `This item has the binary field(s) ${present.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one holding the card image.`
				: 'This item carries no file at all. Put a node that provides the image before this one (for example "Read/Write Files from Disk", an email trigger with attachments, or HTTP Request with the response format "File"), or switch "Input Type" to "Image URL".',
		);
	}
	// Through n8n's helper, not `binary[field].data`: in filesystem or database binary mode
	// that property only holds a reference to where n8n stored the file.
	let buffer: Buffer;
	try {
		buffer = await context.helpers.getBinaryDataBuffer(itemIndex, field);
	} catch (error) {
		// A binary field a previous node built by hand (no data, a stored file that is gone, a
		// number instead of base64): n8n's own error names neither the item nor the field.
		throw inputError(
			context,
			itemIndex,
			`The file in binary field "${field}" of item ${itemIndex} could not be read`,
			`n8n could not load the file's content (${(error as Error)?.message ?? String(error)}). Check the node that produced the file, or that the stored file still exists.`,
		);
	}
	if (buffer.length === 0) {
		throw inputError(
			context,
			itemIndex,
			`The file in binary field "${field}" of item ${itemIndex} is empty (0 bytes)`,
			'Check the node that produced the file: it did not deliver any content.',
		);
	}
	return buffer;
}
