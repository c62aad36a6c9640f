import type { IDataObject } from 'n8n-workflow';

import { base64Length } from './imageCheck';

// Slices of the image are encoded one after another; a multiple of 3 bytes, so that padding can
// only appear at the very end of the base64 text.
const BASE64_SLICE = 3 * 256 * 1024;

/**
 * The request body `{"image":"<base64>", ...fields}` written straight into one Buffer: the bytes
 * JSON.stringify would give, without the two strings of the size of the base64 text (10 MB for a
 * 7 MB photo) it takes to get there, nor the copy the HTTP client makes of a string body. Each
 * item in flight then holds the file and one body instead of the file and three body-sized copies.
 */
export function imageRequestBody(image: Buffer, fields: IDataObject = {}): Buffer {
	const rest = JSON.stringify(fields);
	const head = Buffer.from('{"image":"');
	const tail = Buffer.from(rest === '{}' ? '"}' : `",${rest.slice(1)}`);
	const body = Buffer.alloc(head.length + base64Length(image.length) + tail.length);
	let at = head.copy(body, 0);
	for (let start = 0; start < image.length; start += BASE64_SLICE) {
		at += body.write(image.subarray(start, start + BASE64_SLICE).toString('base64'), at, 'latin1');
	}
	tail.copy(body, at);
	return body;
}
