import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { base64Length, checkImage } from './input/image';
import { checkImageUrl } from './input/url';
import { readOptions, type BankcardOptions } from './options';
import { bankcardJson } from './output/bankcard';
import { callOcr } from './transport/request';

export type InputType = 'binaryData' | 'url';

/** What stays the same for every item of one execution. */
export interface ExecutionSettings {
	url: string;
	secrets: readonly string[];
	/** The execution's date, for is_expired: one date for the whole batch. */
	now: Date;
}

function inputError(context: IExecuteFunctions, itemIndex: number, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** What goes to Huawei: the file itself, or a link Huawei downloads. */
type ImageInput = { url: string } | { image: Buffer };

// Slices of the image are encoded one after another; a multiple of 3 bytes, so that padding can
// only appear at the very end of the base64 text.
const BASE64_SLICE = 3 * 256 * 1024;

/**
 * The request body `{"image":"<base64>", ...fields}` written straight into one Buffer: the bytes
 * JSON.stringify would give, without the two strings of the size of the base64 text (10 MB for a
 * 7 MB photo) it takes to get there, nor the copy the HTTP client makes of a string body. Each
 * item in flight then holds the file and one body instead of the file and three body-sized copies.
 */
export function imageRequestBody(image: Buffer, fields: IDataObject = {}): Buffer {
	const rest = JSON.stringify(fields);
	const head = Buffer.from('{"image":"');
	const tail = Buffer.from(rest === '{}' ? '"}' : `",${rest.slice(1)}`);
	const body = Buffer.alloc(head.length + base64Length(image.length) + tail.length);
	let at = head.copy(body, 0);
	for (let start = 0; start < image.length; start += BASE64_SLICE) {
		at += body.write(image.subarray(start, start + BASE64_SLICE).toString('base64'), at, 'latin1');
	}
	tail.copy(body, at);
	return body;
}

async function readImage(context: IExecuteFunctions, itemIndex: number): Promise<ImageInput> {
	const inputType = context.getNodeParameter('inputType', itemIndex) as InputType;
	if (inputType === 'url') {
		const checked = checkImageUrl(context.getNodeParameter('imageUrl', itemIndex));
		if ('problem' in checked) {
			throw inputError(
				context,
				itemIndex,
				`${checked.problem} [item ${itemIndex}]`,
				'"Image URL" must be the full public http:// or https:// address of the card image, which Huawei downloads itself. To send a file instead, set "Input Type" to "Binary File".',
			);
		}
		return { url: checked.url };
	}

	const field = (context.getNodeParameter('binaryPropertyName', itemIndex) as string).trim();
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
	// Checked from the bytes themselves, before a paid call: a wrong extension or mime type
	// (a PDF named card.jpg, a HEIC photo from a phone) is common in email attachments.
	const checked = checkImage(buffer);
	if ('problem' in checked) {
		throw inputError(
			context,
			itemIndex,
			`The file in binary field "${field}" of item ${itemIndex} cannot be sent to Huawei`,
			checked.problem,
		);
	}
	return { image: buffer };
}

/** One item: read the image, call RecognizeBankcard, shape the answer into an output item. */
export async function recognizeBankcard(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: ExecutionSettings,
): Promise<INodeExecutionData> {
	const options: BankcardOptions = readOptions(context, itemIndex);
	const input = await readImage(context, itemIndex);
	const fields: IDataObject = options.returnTextLocation ? { return_text_location: true } : {};
	const body = 'image' in input ? imageRequestBody(input.image, fields) : { url: input.url, ...fields };

	const response = await callOcr(
		context,
		{
			url: settings.url,
			body,
			headers: options.enterpriseProjectId ? { 'Enterprise-Project-Id': options.enterpriseProjectId } : {},
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			secrets: settings.secrets,
		},
		itemIndex,
	);
	const json = bankcardJson(response, options, settings.now);
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
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	const binary = context.getInputData()[itemIndex]?.binary;
	if (options.keepInputBinary && binary) item.binary = binary;
	return item;
}
