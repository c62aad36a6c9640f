import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkImageUrl } from './input/url';
import { mapBankcardResult } from './output/bankcard';
import { callOcr } from './transport/request';

export type InputType = 'binaryData' | 'url';

/** What stays the same for every item of one execution. */
export interface RecognizeSettings {
	url: string;
	timeoutMs: number;
	secrets: readonly string[];
}

/** The image part of the request body: the file itself, or a link Huawei downloads. */
async function readImage(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const inputType = context.getNodeParameter('inputType', itemIndex) as InputType;
	if (inputType === 'url') {
		const checked = checkImageUrl(context.getNodeParameter('imageUrl', itemIndex));
		if ('problem' in checked) {
			throw new NodeOperationError(context.getNode(), `${checked.problem} [item ${itemIndex}]`, {
				itemIndex,
			});
		}
		return { url: checked.url };
	}

	const field = (context.getNodeParameter('binaryPropertyName', itemIndex) as string).trim();
	const binary = context.getInputData()[itemIndex]?.binary ?? {};
	if (!binary[field]) {
		const present = Object.keys(binary);
		throw new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex} has no binary field "${field}"`,
			{
				itemIndex,
				description: present.length
					? `This item has the binary field(s) ${present.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one holding the card image.`
					: 'This item carries no file at all. Put a node that provides the image before this one (for example "Read/Write Files from Disk", an email trigger with attachments, or HTTP Request with the response format "File"), or switch "Input Type" to "Image URL".',
			},
		);
	}
	// Through n8n's helper, not `binary[field].data`: in filesystem or database binary mode
	// that property only holds a reference to where n8n stored the file.
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, field);
	if (buffer.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			`The file in binary field "${field}" of item ${itemIndex} is empty (0 bytes)`,
			{ itemIndex, description: 'Check the node that produced the file: it did not deliver any content.' },
		);
	}
	return { image: buffer.toString('base64') };
}

/** One item: read the image, call RecognizeBankcard, map the answer to the item's json. */
export async function recognizeBankcard(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: RecognizeSettings,
): Promise<IDataObject> {
	const body = await readImage(context, itemIndex);
	const response = await callOcr(
		context,
		{ url: settings.url, body, timeoutMs: settings.timeoutMs, secrets: settings.secrets },
		itemIndex,
	);
	const mapped = mapBankcardResult(response);
	if (!mapped) {
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
	return mapped;
}
