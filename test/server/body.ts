/**
 * Reads an OCR request body without turning it into one big string.
 *
 * A bank card body is a flat JSON object, `{"image": "<up to 10 MB of base64>", ...}`. Decoding
 * all of it to a string and running JSON.parse costs about 15 ms per 9 MB body and leaves two
 * copies of the image text on the V8 heap; the image is then decoded once more. Here the
 * top-level members are located in the raw bytes (Buffer#indexOf, i.e. memchr, finds the end of
 * a long string), short values are parsed one by one, and the image is decoded from its byte
 * range in 1 MiB steps straight into the output buffer.
 *
 * Anything outside that shape (a nested object or array, escapes inside the image string) falls
 * back to JSON.parse of the whole body, so the result is always what JSON.parse would give.
 */

/**
 * A top-level member: a string still in the body's bytes (its content is body[start, end); when
 * it has escapes, `text` holds it decoded), or any other parsed value.
 */
export type Member =
	| { kind: 'string'; start: number; end: number; text?: string }
	| { kind: 'value'; value: unknown };

export type ScanResult =
	| { ok: true; members: Map<string, Member>; body: Buffer }
	| { ok: false };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(byte: number): boolean {
	return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(body: Buffer, at: number): number {
	while (at < body.length && isSpace(body[at])) at++;
	return at;
}

/** Index of the quote closing the string whose content starts at `from`, or -1. */
function closingQuote(body: Buffer, from: number): number {
	let at = from;
	for (;;) {
		const quote = body.indexOf(QUOTE, at);
		if (quote === -1) return -1;
		let slashes = 0;
		while (quote - 1 - slashes >= from && body[quote - 1 - slashes] === BACKSLASH) slashes++;
		if (slashes % 2 === 0) return quote;
		at = quote + 1;
	}
}

/** JSON forbids raw control characters inside strings. */
function hasControl(body: Buffer, start: number, end: number): boolean {
	for (let i = start; i < end; i++) if (body[i] < 0x20) return true;
	return false;
}

function fallback(body: Buffer): ScanResult {
	let value: unknown;
	try {
		value = JSON.parse(body.toString('utf8'));
	} catch {
		return { ok: false };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
	const members = new Map<string, Member>();
	for (const [key, member] of Object.entries(value)) members.set(key, { kind: 'value', value: member });
	return { ok: true, members, body };
}

/** The top-level members of a JSON object body; `ok: false` when the body is not one. */
export function scanObject(body: Buffer): ScanResult {
	const members = new Map<string, Member>();
	let at = skipSpace(body, 0);
	if (body[at] !== 0x7b) return fallback(body);
	at = skipSpace(body, at + 1);
	if (body[at] === 0x7d) return skipSpace(body, at + 1) === body.length ? { ok: true, members, body } : { ok: false };
	for (;;) {
		if (body[at] !== QUOTE) return { ok: false };
		const keyEnd = closingQuote(body, at + 1);
		if (keyEnd === -1) return { ok: false };
		let key: string;
		try {
			key = JSON.parse(body.toString('utf8', at, keyEnd + 1)) as string;
		} catch {
			return { ok: false };
		}
		at = skipSpace(body, keyEnd + 1);
		if (body[at] !== 0x3a) return { ok: false };
		at = skipSpace(body, at + 1);
		if (body[at] === QUOTE) {
			const end = closingQuote(body, at + 1);
			if (end === -1) return { ok: false };
			// Raw control characters make JSON invalid. Long strings (the image) are left to the
			// base64 check, which refuses them too, rather than scanned byte by byte here.
			if (end - at <= 4096 && hasControl(body, at + 1, end)) return { ok: false };
			const member: Member = { kind: 'string', start: at + 1, end };
			if (body.subarray(at + 1, end).includes(BACKSLASH)) {
				// Escapes need JSON's own rules (and may be invalid): the slow path, for this string only.
				try {
					member.text = JSON.parse(body.toString('utf8', at, end + 1)) as string;
				} catch {
					return { ok: false };
				}
			}
			members.set(key, member);
			at = end + 1;
		} else if (body[at] === 0x7b || body[at] === 0x5b) {
			// Nested values are not part of this API: let JSON.parse judge the whole body.
			return fallback(body);
		} else {
			let end = at;
			while (end < body.length && body[end] !== 0x2c && body[end] !== 0x7d && !isSpace(body[end])) end++;
			try {
				members.set(key, { kind: 'value', value: JSON.parse(body.toString('utf8', at, end)) });
			} catch {
				return { ok: false };
			}
			at = end;
		}
		at = skipSpace(body, at);
		if (body[at] === 0x2c) {
			at = skipSpace(body, at + 1);
			continue;
		}
		if (body[at] === 0x7d && skipSpace(body, at + 1) === body.length) return { ok: true, members, body };
		return { ok: false };
	}
}

/** A member as JSON.parse would have produced it (strings decoded from the bytes). */
export function memberValue(body: Buffer, member: Member | undefined): unknown {
	if (!member) return undefined;
	if (member.kind === 'value') return member.value;
	return member.text ?? body.toString('utf8', member.start, member.end);
}

/** Length of a string member in characters as far as the base64 limit is concerned. */
export function memberLength(member: Member): number | undefined {
	return member.kind === 'string' ? member.end - member.start : undefined;
}

const STEP = 1 << 20; // a multiple of 4: every step decodes whole base64 quanta

/** Bytes the base64 text of length n with `padding` '=' decodes to. */
function decodedLength(length: number, padding: number): number {
	return Math.floor(((length - padding) * 3) / 4);
}

/**
 * Decodes base64 held in body[start, end) without building one string of it, into `into` when it
 * is big enough (a scratch buffer the caller reuses) or a new buffer. Undefined when the text is
 * not base64 (a character outside the alphabet, a bad length) or is empty.
 */
export function decodeBase64Range(body: Buffer, start: number, end: number, into?: Buffer): Buffer | undefined {
	const length = end - start;
	if (length <= 0) return undefined;
	let padding = 0;
	if (body[end - 1] === 0x3d) padding = body[end - 2] === 0x3d ? 2 : 1;
	const expected = decodedLength(length, padding);
	if (expected === 0) return undefined;
	const out = into && into.length >= expected ? into.subarray(0, expected) : Buffer.allocUnsafe(expected);
	let written = 0;
	for (let at = start; at < end; at += STEP) {
		const stop = Math.min(end, at + STEP);
		const count = out.write(body.toString('latin1', at, stop), written, 'base64');
		written += count;
		// Node's decoder skips characters outside the alphabet: a short step means there were some.
		if (stop < end && count !== (STEP / 4) * 3) return undefined;
	}
	return written === expected ? out : undefined;
}

/** Same check for a base64 string (the slow path, for escaped JSON strings). */
export function decodeBase64String(text: string): Buffer | undefined {
	if (!text) return undefined;
	let padding = 0;
	if (text.endsWith('==')) padding = 2;
	else if (text.endsWith('=')) padding = 1;
	const bytes = Buffer.from(text, 'base64');
	return bytes.length > 0 && bytes.length === decodedLength(text.length, padding) ? bytes : undefined;
}
