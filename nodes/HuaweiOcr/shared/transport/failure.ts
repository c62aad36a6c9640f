import { failureFromResponse, type HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';
import { signInFailureOf } from '../../../../credentials/common/huawei/signInRequest';
import { parseRetryAfter } from './retry';

// What the HTTP client reports for a request that ran out of time or was cut off by our own
// time limit (see call.ts).
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ERR_CANCELED', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

interface HttpLikeError {
	cause?: unknown;
	message?: string;
	code?: string;
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	config?: { headers?: Record<string, unknown> };
	/** Set by NodeApiError: the HTTP status, or a network code such as ECONNRESET. */
	httpCode?: string | null;
	/** NodeApiError keeps a JSON error body here. */
	context?: { data?: unknown };
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
	const signInFailure = signInFailureOf(error);
	if (signInFailure) return { detail: cause.message ?? outer.message, signInFailure };
	const response = cause.response ?? outer.response;
	// A timeout or an aborted transfer is one whatever arrived before it: headers and a 200
	// status followed by a body that stopped coming are no answer.
	if (typeof cause.code === 'string' && TIMEOUT_CODES.has(cause.code)) {
		return { errorCode: 'ETIMEDOUT', detail: cause.message };
	}
	if (response && response.status !== undefined && response.status >= 300 && response.status < 400) {
		const location = response.headers?.location;
		return { httpCode: response.status, redirectTo: typeof location === 'string' ? location : '' };
	}
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
	return failureFromBareNodeApiError(outer) ?? { detail: cause.message ?? outer.message ?? 'Unknown error' };
}

/**
 * n8n 1.x's NodeApiError drops its cause (a class field resets it), and with it the response:
 * what survives is the status or network code it found and a JSON body it parsed. Without this,
 * Huawei's codes would go untranslated on n8n 1.x and throttling would not be retried there.
 */
function failureFromBareNodeApiError(outer: HttpLikeError): HuaweiFailure | undefined {
	const code = typeof outer.httpCode === 'string' ? outer.httpCode : '';
	if (/^3\d\d$/.test(code)) return { httpCode: Number(code), redirectTo: '' };
	if (/^\d{3}$/.test(code)) return failureFromResponse(Number(code), outer.context?.data);
	if (TIMEOUT_CODES.has(code)) return { errorCode: 'ETIMEDOUT', detail: outer.message };
	if (/^E[A-Z]+$/.test(code)) return { errorCode: code, detail: outer.message };
	return undefined;
}

