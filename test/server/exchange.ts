/**
 * One request and its answer, as every endpoint of the stand-in handles them: the context a
 * handler is given, Huawei's error shape, and how an answer is sent and counted.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import { isObject } from './json';
import type { Counters, RecordedRequest } from './stats';

export interface Ctx {
	req: IncomingMessage;
	res: ServerResponse;
	requestId: string;
	path: string;
	query: string;
	counters: Counters;
	/** Set for API calls (admin and file requests are not recorded). */
	record?: RecordedRequest;
}

export interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

/** Thrown by a `cards` function to answer with a Huawei error instead of a card. */
export class HuaweiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/** `{error_code, error_msg}`: the shape of OCR and gateway errors (send() adds request_id). */
export function huaweiError(status: number, code: string, message: string): Answer {
	return { status, body: { error_code: code, error_msg: message } };
}

export function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

export function send(ctx: Ctx, answer: Answer): void {
	const { res } = ctx;
	if (res.destroyed || res.headersSent) return;
	let body = answer.body;
	// Gateway errors carry the request id in the body too.
	if (isObject(body) && typeof body.error_code === 'string' && body.request_id === undefined) {
		body = { ...body, request_id: ctx.requestId };
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const headers: Record<string, string | number> = {
		'Content-Type': typeof body === 'string' ? 'text/plain;charset=UTF-8' : JSON_TYPE,
		...answer.headers,
		'Content-Length': Buffer.byteLength(text),
	};
	ctx.counters.answered(ctx.record, answer.status);
	res.writeHead(answer.status, headers);
	res.end(text);
}
