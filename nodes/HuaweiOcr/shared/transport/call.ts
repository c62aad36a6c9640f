import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { failureFromResponse, type HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';
import { CREDENTIAL_TYPE } from '../../../../credentials/common/huawei/credential';
import type { AdviceTable } from './advice';
import { huaweiApiError } from './apiError';
import { isRetryable, parseRetryAfter, retryDelayMs } from './retry';

export interface OcrCall {
	url: string;
	/** JSON: an object, or its bytes already serialised (image bodies, see input/requestBody.ts). */
	body: IDataObject | Buffer;
	headers?: Record<string, string>;
	timeoutMs: number;
	maxRetries: number;
	/** Values that must never appear in an error shown to the user. */
	secrets: readonly string[];
	/** The API's own wording for its error codes (see advice.ts). */
	advice?: AdviceTable;
}

interface HttpLikeError {
	cause?: unknown;
	message?: string;
	code?: string;
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	config?: { headers?: Record<string, unknown> };
}

/** n8n wraps the HTTP library's error in a NodeApiError; what matters is inside. */
function causeOf(error: unknown): { outer: HttpLikeError; cause: HttpLikeError } {
	const outer = (error ?? {}) as HttpLikeError;
	return { outer, cause: (outer.cause ?? outer) as HttpLikeError };
}

/**
 * The credentials a failed request actually carried. A token issued during this very run is not
 * among the secrets the node knew when it started, yet Huawei's error text could repeat it.
 */
export function sentSecrets(error: unknown): string[] {
	const headers = causeOf(error).cause.config?.headers ?? {};
	return Object.entries(headers)
		.filter(([name]) => /^(x-auth-token|x-security-token)$/i.test(name))
		.map(([, value]) => value)
		.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/**
 * Unwraps what n8n's `httpRequestWithAuthentication` throws: a NodeApiError whose `cause` is
 * the HTTP library's error (with `response`), a network error (with `code`), or the error our
 * credential raised while fetching a token (a plain message worth showing as it is).
 */
export function failureFromError(error: unknown): HuaweiFailure {
	const { outer, cause } = causeOf(error);
	const response = cause.response ?? outer.response;
	if (response) {
		const requestId = response.headers?.['x-request-id'];
		const failure = failureFromResponse(
			response.status,
			response.data,
			typeof requestId === 'string' ? requestId : undefined,
		);
		failure.retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
		return failure;
	}
	if (typeof cause.code === 'string' && /^E[A-Z]+$/.test(cause.code)) {
		return { errorCode: cause.code, detail: cause.message };
	}
	return { detail: cause.message ?? outer.message ?? 'Unknown error' };
}

/**
 * One authenticated call to an OCR API, retried with backoff while Huawei reports a transient
 * condition; any other failure, or the last one, comes back as a NodeApiError for `itemIndex`.
 * A rejected token is not retried here: n8n already refreshed it once inside the call.
 */
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
		headers: { 'Content-Type': 'application/json', ...call.headers },
	};
	for (let attempt = 0; ; attempt++) {
		const outcome = await attemptCall(context, options);
		if (outcome.ok) return outcome.body;
		const { failure } = outcome;
		if (attempt >= call.maxRetries || !isRetryable(failure)) {
			const secrets = [...call.secrets, ...outcome.sent];
			throw huaweiApiError(context.getNode(), failure, itemIndex, secrets, attempt + 1, call.advice);
		}
		await sleep(retryDelayMs(attempt, failure.retryAfterMs));
	}
}

type Outcome = { ok: true; body: IDataObject } | { ok: false; failure: HuaweiFailure; sent: string[] };

async function attemptCall(context: IExecuteFunctions, options: IHttpRequestOptions): Promise<Outcome> {
	try {
		const body = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			// n8n may rewrite the options it is given (authentication, body handling): each
			// attempt starts from the same untouched request.
			{ ...options, headers: { ...options.headers } },
		)) as IDataObject;
		return { ok: true, body };
	} catch (error) {
		// Not swallowed: the caller retries it or throws it as a NodeApiError.
		return { ok: false, failure: failureFromError(error), sent: sentSecrets(error) };
	}
}
