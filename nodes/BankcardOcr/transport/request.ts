import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { failureFromResponse, huaweiApiError, type HuaweiFailure } from './errors';

export const CREDENTIAL_TYPE = 'huaweiOcrApi';

export interface OcrCall {
	url: string;
	body: IDataObject;
	timeoutMs: number;
	/** Values that must never appear in an error shown to the user. */
	secrets: readonly string[];
}

interface HttpLikeError {
	cause?: unknown;
	message?: string;
	code?: string;
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

/**
 * Unwraps what n8n's `httpRequestWithAuthentication` throws: a NodeApiError whose `cause` is
 * the HTTP library's error (with `response`), a network error (with `code`), or the error our
 * credential raised while fetching a token (a plain message worth showing as it is).
 */
export function failureFromError(error: unknown): HuaweiFailure {
	const outer = (error ?? {}) as HttpLikeError;
	const cause = (outer.cause ?? outer) as HttpLikeError;
	const response = cause.response ?? outer.response;
	if (response) {
		const requestId = response.headers?.['x-request-id'];
		return failureFromResponse(
			response.status,
			response.data,
			typeof requestId === 'string' ? requestId : undefined,
		);
	}
	if (typeof cause.code === 'string' && /^E[A-Z]+$/.test(cause.code)) {
		return { errorCode: cause.code, detail: cause.message };
	}
	return { detail: cause.message ?? outer.message ?? 'Unknown error' };
}

/** One authenticated call to an OCR API; errors come back as a NodeApiError for `itemIndex`. */
export async function callOcr(
	context: IExecuteFunctions,
	call: OcrCall,
	itemIndex: number,
): Promise<IDataObject> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: call.url,
		body: call.body,
		json: true,
		timeout: call.timeoutMs,
		headers: { 'Content-Type': 'application/json' },
	};
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			options,
		)) as IDataObject;
	} catch (error) {
		throw huaweiApiError(context.getNode(), failureFromError(error), itemIndex, call.secrets);
	}
}
