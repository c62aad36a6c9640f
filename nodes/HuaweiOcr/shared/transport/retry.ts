import type { HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';

/**
 * Backoff timing. Tests shrink `scale` to keep waits short while exercising the same logic;
 * n8n never changes it.
 */
export const backoff = {
	baseMs: 1000,
	capMs: 30_000,
	/** Longest Retry-After we honour; Huawei's throttling advice is 2-5 s. */
	maxRetryAfterMs: 60_000,
	scale: 1,
	random: Math.random,
};

// Huawei's documented transient conditions (OCR API Reference, "Error Codes"): throttling,
// concurrency limit, backend timeouts and platform errors, gateway timeout, IAM unavailable.
const RETRYABLE_CODES = new Set(['APIG.0308', 'APIGW.0308', 'ModelArts.4401', 'ModelArts.4402', 'APIG.0201', 'APIGW.0201', 'APIG.0613', 'APIGW.0613']);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * Whether trying the same request again can succeed. Input errors (AIS.*) never can, and auth
 * errors are already retried once by n8n after a token refresh; repeating them only burns the
 * account's lockout budget (IAM locks an AK after 5 failed signatures).
 */
export function isRetryable(failure: HuaweiFailure): boolean {
	const code = failure.errorCode ?? '';
	if (code.startsWith('AIS.')) return false;
	if (failure.httpCode === 401 || failure.httpCode === 403) return false;
	if (RETRYABLE_CODES.has(code) || RETRYABLE_NETWORK.has(code)) return true;
	if (/^ModelArts\.4[35]\d\d$/.test(code)) return true;
	return failure.httpCode === 429 || (failure.httpCode !== undefined && failure.httpCode >= 500);
}

/** A Retry-After header in seconds or as an HTTP date, in milliseconds; undefined if absent or unreadable. */
export function parseRetryAfter(value: unknown, now: Date = new Date()): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry): exponential with
 * "equal jitter" (half fixed, half random), so a batch throttled at the same moment does not
 * come back in lockstep; at least what the server's Retry-After asked for.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
	const exponential = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
	const jittered = exponential / 2 + (backoff.random() * exponential) / 2;
	const asked = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, backoff.maxRetryAfterMs);
	return Math.round(Math.max(jittered, asked) * backoff.scale);
}
