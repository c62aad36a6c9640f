import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkImage } from './input/image';
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

/** The image part of the request body: the file itself, or a link Huawei downloads. */
async function readImage(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const inputType = context.getNodeParameter('inputType', itemIndex) as InputType;
	if (inputType === 'url') {
		const checked = checkImageUrl(context.getNodeParameter('imageUrl', itemIndex));
		if ('problem' in checked) throw inputError(context, itemIndex, `${checked.problem} [item ${itemIndex}]`);
		return { url: checked.url };
	}

	const field = (context.getNodeParameter('binaryPropertyName', itemIndex) as string).trim();
	const binary = context.getInputData()[itemIndex]?.binary ?? {};
	if (!binary[field]) {
		const present = Object.keys(binary);
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
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, field);
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
	return { image: buffer.toString('base64') };
}

/** One item: read the image, call RecognizeBankcard, shape the answer into an output item. */
export async function recognizeBankcard(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: ExecutionSettings,
): Promise<INodeExecutionData> {
	const options: BankcardOptions = readOptions(context, itemIndex);
	const body = await readImage(context, itemIndex);
	if (options.returnTextLocation) body.return_text_location = true;

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
