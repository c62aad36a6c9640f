/**
 * Fault plans for the local Huawei server: what goes wrong with which OCR call.
 *
 * A plan is either a function of the call number (1-based, counted since the plan was set) or a
 * declarative, seeded plan whose decision for call n depends only on (seed, n): the same seed
 * faults the same call numbers in every run, whatever the concurrency or timing.
 */
import type { IncomingHttpHeaders } from 'http';

/** An HTTP answer chosen by the plan. An object body is sent as JSON, a string as it is. */
export interface StatusFault {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/**
 * - StatusFault: that answer instead of the real one (e.g. 429 APIG.0308 with Retry-After);
 * - 'reset': the socket is destroyed without an answer (the client sees a reset / "other side closed");
 * - 'hang': no answer ever (until the client gives up or the server is closed);
 * - 'html': 502 with an HTML error page, as a proxy in front of the gateway would send;
 * - 'truncated': 200 with a JSON body cut in the middle, then the connection is ended;
 * - 'stall': 200 and the start of the body, then nothing more (until the client gives up).
 */
export type Fault = StatusFault | 'reset' | 'hang' | 'html' | 'truncated' | 'stall';

/** What a fault function sees of the request (the body is not read yet). */
export interface FaultRequest {
	method: string;
	/** Path and query as requested. */
	url: string;
	headers: IncomingHttpHeaders;
}

export type FaultFunction = (n: number, request: FaultRequest) => Fault | undefined | null;

export interface SeededFaultPlan {
	/** Any integer; the same seed gives the same faulted call numbers. */
	seed: number;
	/** Share of calls answered 429 APIG.0308 (throttled). */
	throttleRatio?: number;
	/** Retry-After (seconds) sent with throttling answers; default 1, 0 leaves the header out. */
	retryAfterSeconds?: number;
	/**
	 * Share of calls answered with a server error. A number uses `errorStatus`; the object form
	 * `{ ratio, status }` carries its own list. The status is drawn from the list per call.
	 */
	errorRatio?: number | { ratio: number; status?: number[] };
	/** Statuses for `errorRatio` given as a number; default [500, 502, 503]. */
	errorStatus?: number[];
	resetRatio?: number;
	hangRatio?: number;
	htmlRatio?: number;
	truncatedRatio?: number;
	stallRatio?: number;
	/** Faults for calls 1, 2, 3... in order (null = no fault); the ratios apply after it ends. */
	script?: Array<Fault | null>;
	/** Only calls with n >= from are faulted (default 1). */
	from?: number;
	/** Only calls with n <= until are faulted (default: no end). */
	until?: number;
}

export type FaultPlan = FaultFunction | SeededFaultPlan;

// The server's seeded plans and the tests share one PRNG.
export { mulberry32 } from '../helpers/random';
import { mulberry32 } from '../helpers/random';

/** Huawei-like error bodies for the statuses a fault plan uses. */
export function errorBody(status: number, requestId?: string): Record<string, string> {
	const known: Record<number, [string, string]> = {
		429: ['APIG.0308', 'The request is throttled: policy user over ratelimit, limit:20, time:1 second.'],
		500: ['ModelArts.4302', 'An internal error occurred in the OCR service.'],
		502: ['APIG.0202', 'The backend service is unavailable.'],
		503: ['ModelArts.4503', 'The OCR service is temporarily unavailable.'],
		504: ['APIG.0201', 'The backend service timed out.'],
	};
	const [code, message] = known[status] ?? ['ModelArts.4302', `The OCR service failed (HTTP ${status}).`];
	return requestId ? { error_code: code, error_msg: message, request_id: requestId } : { error_code: code, error_msg: message };
}

export function throttleFault(retryAfterSeconds = 1): StatusFault {
	return {
		status: 429,
		body: errorBody(429),
		headers: retryAfterSeconds > 0 ? { 'Retry-After': String(retryAfterSeconds) } : {},
	};
}

function ratio(value: number | undefined): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * The fault of call n under a seeded plan, independent of any other call: two draws of a PRNG
 * seeded with (seed, n), one for the kind (shares stacked in a fixed order: throttle, error,
 * reset, hang, html, truncated) and one for the error status.
 */
export function seededFault(plan: SeededFaultPlan, n: number): Fault | undefined {
	if (plan.script && n >= 1 && n <= plan.script.length) return plan.script[n - 1] ?? undefined;
	if (n < (plan.from ?? 1) || (plan.until !== undefined && n > plan.until)) return undefined;
	const random = mulberry32((plan.seed | 0) ^ Math.imul(n, 0x9e3779b1));
	const draw = random();
	const statusDraw = random();
	const errors = typeof plan.errorRatio === 'object' && plan.errorRatio !== null ? plan.errorRatio : undefined;
	const errorShare = errors ? ratio(errors.ratio) : ratio(plan.errorRatio as number | undefined);
	const statuses = (errors?.status ?? plan.errorStatus ?? [500, 502, 503]).filter((s) => Number.isInteger(s));
	const kinds: Array<[number, () => Fault]> = [
		[ratio(plan.throttleRatio), () => throttleFault(plan.retryAfterSeconds ?? 1)],
		[
			statuses.length ? errorShare : 0,
			() => {
				const status = statuses[Math.floor(statusDraw * statuses.length)];
				return { status, body: errorBody(status) };
			},
		],
		[ratio(plan.resetRatio), () => 'reset'],
		[ratio(plan.hangRatio), () => 'hang'],
		[ratio(plan.htmlRatio), () => 'html'],
		[ratio(plan.truncatedRatio), () => 'truncated'],
		[ratio(plan.stallRatio), () => 'stall'],
	];
	let threshold = 0;
	for (const [share, make] of kinds) {
		threshold += share;
		if (draw < threshold) return make();
	}
	return undefined;
}

/** A function plan from a declarative one, e.g. to predict which calls a seed faults. */
export function seededFaults(plan: SeededFaultPlan): FaultFunction {
	return (n) => seededFault(plan, n);
}

export function toFaultFunction(plan: FaultPlan | null | undefined): FaultFunction | undefined {
	if (!plan) return undefined;
	if (typeof plan === 'function') return plan;
	if (typeof plan !== 'object' || typeof plan.seed !== 'number') {
		throw new Error('A fault plan is a function or an object with a numeric "seed"');
	}
	return seededFaults(plan);
}

/** The name a fault is counted under in the server's stats. */
export function faultKind(fault: Fault): string {
	return typeof fault === 'string' ? fault : `status:${fault.status}`;
}

export const HTML_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
	'<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
