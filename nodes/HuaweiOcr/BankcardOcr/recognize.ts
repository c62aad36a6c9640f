import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readBinaryFile } from '../shared/input/binaryFile';
import { checkImage } from '../shared/input/imageCheck';
import { checkImageUrl } from '../shared/input/imageUrl';
import { imageRequestBody } from '../shared/input/requestBody';
import { inputError } from '../shared/items/inputError';
import { callOcr } from '../shared/transport/call';
import type { CredentialGate } from '../shared/transport/credentialGate';
import { BANKCARD_ADVICE, BANKCARD_IMAGE_LIMITS } from './bankcardApi';
import { bankcardJson } from './bankcardResult';
import { readOptions, type BankcardOptions } from './options';

export type InputType = 'binaryData' | 'url';

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
	const buffer = await readBinaryFile(context, itemIndex, field);
	// Checked from the bytes themselves, before a paid call: a wrong extension or mime type
	// (a PDF named card.jpg, a HEIC photo from a phone) is common in email attachments.
	const checked = checkImage(buffer, BANKCARD_IMAGE_LIMITS);
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
	batch: BatchContext,
): Promise<INodeExecutionData> {
	const options: BankcardOptions = readOptions(context, itemIndex);
	const input = await readImage(context, itemIndex);
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
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	const binary = context.getInputData()[itemIndex]?.binary;
	if (options.keepInputBinary && binary) item.binary = binary;
	return item;
}
