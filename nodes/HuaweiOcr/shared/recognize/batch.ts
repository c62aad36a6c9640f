import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { imageRequestBody } from '../input/requestBody';
import type { AdviceTable } from '../transport/advice';
import { callOcr } from '../transport/call';
import type { CredentialGate } from '../transport/credentialGate';
import type { CallOptions } from '../options/commonOptions';

/** Which API a call goes to, and its wording for failures. */
export interface Api {
	/** With the project id still a placeholder (see endpoints.ts). */
	url: string;
	advice: AdviceTable;
}

/** What stays the same for every item of one execution. */
export interface BatchContext {
	/** The node's own API (RecognizeBankcard, RecognizeIdCard). */
	api: Api;
	secrets: readonly string[];
	/** The execution's date, for checks such as is_expired: one date for the whole batch. */
	now: Date;
	gate: CredentialGate;
	signInWaitingMs: () => number;
	/** RecognizeAutoClassification, for photos that may hold several documents. */
	severalPerPhoto: Api;
}

/** What goes to Huawei: the file itself, or a link Huawei downloads. */
export type ImageInput = { url: string } | { image: Buffer };

/** One output item of a photo: its json, and files of its own (such as a portrait Huawei cut out). */
export interface ReadItem {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * How one photo (or URL) becomes its output items. `errorJson` is what an error item would
 * carry; a photo without a readable document adds what Huawei found.
 */
export type Read = (input: ImageInput, errorJson: IDataObject) => Promise<ReadItem[]>;

/** One call with the node's settings: retries, timeout, enterprise project, sign-in. */
export async function callWith(
	context: IExecuteFunctions,
	itemIndex: number,
	batch: BatchContext,
	options: CallOptions,
	api: Api,
	input: ImageInput,
	fields: IDataObject,
): Promise<IDataObject> {
	const body = 'image' in input ? imageRequestBody(input.image, fields) : { url: input.url, ...fields };
	return await callOcr(
		context,
		{
			url: api.url,
			body,
			headers: options.enterpriseProjectId ? { 'Enterprise-Project-Id': options.enterpriseProjectId } : {},
			timeoutMs: options.timeoutMs,
			maxRetries: options.maxRetries,
			secrets: batch.secrets,
			advice: api.advice,
			gate: batch.gate,
			signInWaitingMs: batch.signInWaitingMs,
		},
		itemIndex,
	);
}

/** An answer without the part every output item is made of (a proxy page, or an API change). */
export function notUnderstood(context: IExecuteFunctions, itemIndex: number, missing: string): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ error_msg: `The answer had no ${missing}` },
		{
			message: 'Huawei OCR sent an answer this node does not understand',
			description: 'Retry; if it persists, check that the credential\'s region is correct.',
			itemIndex,
		},
	);
}
