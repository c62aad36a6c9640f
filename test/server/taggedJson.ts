/**
 * JSON carried inside an image, so that every image posted to the stand-in can hold the answer it
 * should get (cardImage.ts a bank card, idCardImage.ts an ID card, photoDocuments.ts the documents
 * of a photo of several). One home for writing and reading such a tag, whatever it holds:
 * - JPEG: a COM segment (ITU-T T.81 B.2.4.5) whose text is the keyword, then ':' (or a NUL
 *   byte), then the JSON: `huawei-standin-card:{"bank_name":...}`;
 * - PNG: a tEXt chunk (PNG 3rd ed. 11.3.3.2) with that keyword and the JSON as its text.
 *
 * Writers escape non-ASCII characters (`\uXXXX`), so the text reads the same as Latin-1 (what PNG
 * prescribes) and as UTF-8; the reader takes either.
 */
import { pngChunk } from '../helpers/images';

const JPEG_SOI = Buffer.from([0xff, 0xd8]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COM = 0xfe;
const SOS = 0xda;
const EOI = 0xd9;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What a tag held: its parsed JSON, a problem with it, or (undefined) no such tag. */
export type TagReading = { value: unknown } | { problem: string } | undefined;

/** JSON with every character outside printable ASCII escaped. */
function asciiJson(value: unknown): string {
	return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A copy of a JPEG or PNG image carrying `value` as JSON under `keyword`: a COM segment right
 * after SOI, or a tEXt chunk right after IHDR. Any other format is refused.
 */
export function withTaggedJson(image: Buffer, keyword: string, value: unknown): Buffer {
	const json = asciiJson(value);
	if (image.subarray(0, 2).equals(JPEG_SOI)) {
		const text = Buffer.from(`${keyword}:${json}`, 'latin1');
		if (text.length + 2 > 0xffff) throw new Error(`The ${keyword} text is too long for one JPEG COM segment.`);
		const header = Buffer.from([0xff, COM, 0, 0]);
		header.writeUInt16BE(text.length + 2, 2);
		return Buffer.concat([image.subarray(0, 2), header, text, image.subarray(2)]);
	}
	if (image.subarray(0, 8).equals(PNG_SIGNATURE) && image.toString('latin1', 12, 16) === 'IHDR') {
		const ihdrEnd = 8 + 12 + image.readUInt32BE(8);
		const chunk = pngChunk('tEXt', Buffer.from(`${keyword}\0${json}`, 'latin1'));
		return Buffer.concat([image.subarray(0, ihdrEnd), chunk, image.subarray(ihdrEnd)]);
	}
	throw new Error(`Only JPEG and PNG images can carry a ${keyword} text.`);
}

function decodeText(bytes: Buffer): string {
	try {
		return utf8.decode(bytes);
	} catch {
		return bytes.toString('latin1');
	}
}

/** The text after the keyword, when `payload` starts with the keyword and a separator. */
function taggedText(payload: Buffer, keyword: string, separators: number[]): Buffer | undefined {
	const length = keyword.length;
	if (payload.length <= length || payload.toString('latin1', 0, length) !== keyword) return undefined;
	return separators.includes(payload[length]) ? payload.subarray(length + 1) : undefined;
}

/** Walks the marker segments before the first scan; entropy-coded data is never read. */
function readJpeg(image: Buffer, keyword: string): string | undefined {
	let at = 2;
	while (at + 1 < image.length) {
		if (image[at] !== 0xff) return undefined;
		while (at + 1 < image.length && image[at + 1] === 0xff) at++; // fill bytes (B.1.1.2)
		const marker = image[at + 1];
		at += 2;
		if (marker === SOS || marker === EOI) return undefined;
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
		if (at + 2 > image.length) return undefined;
		const length = image.readUInt16BE(at);
		if (length < 2 || at + length > image.length) return undefined;
		if (marker === COM) {
			const text = taggedText(image.subarray(at + 2, at + length), keyword, [0x3a, 0x00]);
			if (text) return decodeText(text);
		}
		at += length;
	}
	return undefined;
}

function readPng(image: Buffer, keyword: string): string | undefined {
	let at = 8;
	while (at + 8 <= image.length) {
		const length = image.readUInt32BE(at);
		const type = image.toString('latin1', at + 4, at + 8);
		const end = at + 8 + length;
		if (end + 4 > image.length) return undefined;
		if (type === 'tEXt') {
			const text = taggedText(image.subarray(at + 8, end), keyword, [0x00]);
			if (text) return decodeText(text);
		}
		if (type === 'IEND') return undefined;
		at = end + 4;
	}
	return undefined;
}

/** The text a JPEG or PNG carries under `keyword`, or undefined. */
function taggedJsonText(image: Buffer, keyword: string): string | undefined {
	if (image.subarray(0, 2).equals(JPEG_SOI)) return readJpeg(image, keyword);
	if (image.subarray(0, 8).equals(PNG_SIGNATURE)) return readPng(image, keyword);
	return undefined;
}

/** The JSON a JPEG or PNG carries under `keyword`, parsed; `object`: it must be a JSON object. */
export function readTaggedJson(image: Buffer, keyword: string, shape: 'object' | 'list'): TagReading {
	const text = taggedJsonText(image, keyword);
	if (text === undefined) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { problem: `the ${keyword} text is not JSON` };
	}
	if (shape === 'list' ? !Array.isArray(value) : !isJsonObject(value)) {
		return { problem: `the ${keyword} text is not a JSON ${shape}` };
	}
	return { value };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
