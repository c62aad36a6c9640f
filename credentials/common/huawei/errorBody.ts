import type { IDataObject } from 'n8n-workflow';

import type { SignInFailureKind } from './signInRequest';

/** What went wrong with one call, reduced to what is safe and useful to show. */
export interface HuaweiFailure {
	httpCode?: number;
	/** Huawei's code, e.g. `AIS.0104`, `APIG.0308`, or a network code such as `ECONNRESET`. */
	errorCode?: string;
	/** Huawei's own text (or the network library's), shown as a detail. */
	detail?: string;
	requestId?: string;
	/** What the server's Retry-After header asked for, in milliseconds. */
	retryAfterMs?: number;
	/** Where a 3xx answer pointed (never followed: it would carry the credentials elsewhere). */
	redirectTo?: string;
	/** Set when signing in failed, and how (see signInRequest.ts). */
	signInFailure?: SignInFailureKind;
	/** Nothing was sent: the credential had already failed for this execution. */
	notTried?: boolean;
}

/** Reads Huawei's error body, which comes as `{error_code, error_msg}` or IAM's `{error: {...}}`. */
export function failureFromResponse(
	httpCode: number | undefined,
	body: unknown,
	requestId?: string,
): HuaweiFailure {
	const failure: HuaweiFailure = { httpCode, requestId };
	if (body && typeof body === 'object') {
		const data = body as IDataObject;
		const nested = (data.error ?? {}) as IDataObject;
		const code = data.error_code ?? nested.code;
		const text = data.error_msg ?? nested.message;
		if (code !== undefined) failure.errorCode = String(code);
		if (typeof text === 'string') failure.detail = text;
		if (!failure.requestId && typeof data.request_id === 'string') failure.requestId = data.request_id;
	} else if (typeof body === 'string' && body.trim()) {
		// A proxy's HTML page or a truncated body: show its start, never the whole page.
		failure.detail = body.trim().slice(0, 200);
	}
	return failure;
}

/** Huawei's own words in an error body, with its code when it has one: `project not found (IAM.0010)`. */
export function huaweiWords(body: unknown): string {
	const { errorCode, detail } = failureFromResponse(undefined, body);
	if (!detail) return '';
	return errorCode?.includes('.') ? `${detail} (${errorCode})` : detail;
}

