/**
 * Receiving request bodies: read into one buffer sized from Content-Length (from the pool for big
 * ones), hashed as they arrive for AK/SK checks, or drained without being kept.
 */
import type { Hash } from 'crypto';
import type { IncomingMessage } from 'http';

import type { BufferPool } from './bufferPool';

/** Largest IAM or admin body read (they are small JSON documents). */
export const SMALL_BODY_LIMIT = 1024 * 1024;

export interface Body {
	/** The bytes received. */
	bytes: Buffer;
	/** The buffer holding them, to hand back to the pool once nothing reads it any more. */
	backing?: Buffer;
}

/**
 * Reads a body into one buffer (sized from Content-Length when given, from `pool` if any),
 * feeding `hash` as it arrives. Resolves 'too-large' (after draining) past `limit`, or undefined
 * if the client went away.
 */
export function readBody(req: IncomingMessage, limit: number, hash?: Hash, pool?: BufferPool): Promise<Body | 'too-large' | undefined> {
	return new Promise((resolve) => {
		let settled = false;
		const settle = (value: Body | 'too-large' | undefined) => {
			if (!settled) {
				settled = true;
				if (typeof value !== 'object') pool?.give(backing);
				resolve(value);
			}
		};
		const declared = Number(req.headers['content-length']);
		let tooLarge = Number.isFinite(declared) && declared > limit;
		const backing =
			!tooLarge && Number.isInteger(declared) && declared > 0
				? (pool?.take(declared) ?? Buffer.allocUnsafe(declared))
				: undefined;
		let buffer = backing;
		let chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			hash?.update(chunk);
			if (tooLarge) return;
			if (size + chunk.length > limit) {
				tooLarge = true;
				buffer = undefined;
				chunks = [];
				return;
			}
			if (buffer && size + chunk.length <= declared) {
				chunk.copy(buffer, size);
			} else {
				if (buffer) chunks.push(buffer.subarray(0, size));
				buffer = undefined;
				chunks.push(chunk);
			}
			size += chunk.length;
		});
		req.on('end', () => {
			if (tooLarge) settle('too-large');
			else if (buffer) settle({ bytes: buffer.subarray(0, size), backing });
			else {
				const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
				pool?.give(backing);
				settle({ bytes });
			}
		});
		req.on('error', () => settle(undefined));
		// 'end' comes first when the body arrived; a close without it means the client went away.
		req.on('close', () => settle(undefined));
	});
}

/** Consumes a body without keeping it. */
export function drain(req: IncomingMessage): Promise<boolean> {
	return new Promise((resolve) => {
		if (req.complete) return resolve(true);
		req.on('end', () => resolve(true));
		req.on('error', () => resolve(false));
		req.on('close', () => resolve(req.complete));
		req.resume();
	});
}
