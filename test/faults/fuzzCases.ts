/**
 * Seeded generators of malformed node inputs for fuzz.test.ts: files (random bytes, truncated and
 * corrupted JPEG/PNG/BMP/TIFF, huge or tiny declared dimensions, zero bytes, formats Huawei does
 * not take, an oversized file), binary fields n8n items can carry (garbage base64, no data, a
 * stored file that is gone, wrong types, the wrong field name) and image URLs (unicode, spaces,
 * javascript:, data:, very long, missing host, non-text values...).
 *
 * Each case says what must happen to it:
 * - 'reject': refused by the node with an error for its item, without any call to Huawei;
 * - 'either': may be a usable image or URL after all (a flipped byte inside the pixels, a
 *   unicode host): refused, or sent and accepted by the server (which checks images itself);
 * - 'valid': a control that must reach the server once and succeed, so "nothing reached the
 *   server" can never pass by accident.
 */
import { crc32 } from 'zlib';

import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { makeBmp, makeGif, makeHeic, makeIco, makeJpeg, makePdf, makePng, makeTiff, makeWebp, makeZip } from '../helpers/images';

export type Expectation = 'reject' | 'either' | 'valid';

export interface FuzzCase {
	/** What was generated, shown when the case misbehaves. */
	label: string;
	expect: Expectation;
	/** Binary cases: the item. URL cases: `{ json: { link } }`. */
	item: INodeExecutionData;
	/** For a file in a well-formed binary field: its bytes, to store it the way n8n 2.x does. */
	bytes?: Buffer;
}

type Random = () => number;

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

function randomBytes(random: Random, length: number): Buffer {
	const out = Buffer.alloc(length);
	for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
	return out;
}

type Format = 'jpeg' | 'png' | 'bmp' | 'tiff';
const FORMATS: readonly Format[] = ['jpeg', 'png', 'bmp', 'tiff'];

/** A small valid image of a format; widths stay below 1000 (support.ts: no item identity). */
function validImage(random: Random, format: Format): { bytes: Buffer; label: string } {
	const width = int(random, 15, 200);
	const height = int(random, 15, 160);
	const label = `${format} ${width}x${height}`;
	if (format === 'jpeg') return { bytes: makeJpeg(width, height, { progressive: random() < 0.3 }), label };
	if (format === 'png') return { bytes: makePng(width, height, { colour: random() < 0.5 ? 'rgb' : 'grey' }), label };
	if (format === 'bmp') return { bytes: makeBmp(width, height, { topDown: random() < 0.3 }), label };
	return { bytes: makeTiff(width, height, { bigEndian: random() < 0.5 }), label };
}

function binaryOf(bytes: Buffer, mimeType = 'image/jpeg'): IBinaryData {
	return { data: bytes.toString('base64'), mimeType, fileName: 'card.jpg', fileExtension: 'jpg' };
}

function fileCase(label: string, expect: Expectation, bytes: Buffer): FuzzCase {
	return { label, expect, item: { json: {}, binary: { data: binaryOf(bytes) } }, bytes };
}

/**
 * Writes a declared width and height into a valid image's header, keeping everything else
 * consistent (the PNG header checksum is recomputed), so only the size is wrong.
 */
function withDeclaredSize(format: Format, bytes: Buffer, width: number, height: number): Buffer {
	const out = Buffer.from(bytes);
	if (format === 'jpeg') {
		const sof = Math.max(out.indexOf(Buffer.from([0xff, 0xc0])), out.indexOf(Buffer.from([0xff, 0xc2])));
		out.writeUInt16BE(height & 0xffff, sof + 5);
		out.writeUInt16BE(width & 0xffff, sof + 7);
	} else if (format === 'png') {
		out.writeUInt32BE(width >>> 0, 16);
		out.writeUInt32BE(height >>> 0, 20);
		out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
	} else if (format === 'bmp') {
		out.writeInt32LE(width | 0, 18);
		out.writeInt32LE(height | 0, 22);
	} else {
		// makeTiff(..., { longTags: true }): ImageWidth is entry 0, ImageLength entry 1 of the IFD at 8.
		const big = out[0] === 0x4d;
		const write = (value: number, at: number) => (big ? out.writeUInt32BE(value >>> 0, at) : out.writeUInt32LE(value >>> 0, at));
		write(width, 18);
		write(height, 30);
	}
	return out;
}

function imageForResize(random: Random, format: Format): Buffer {
	if (format === 'tiff') return makeTiff(int(random, 15, 120), int(random, 15, 90), { longTags: true, bigEndian: random() < 0.5 });
	return validImage(random, format).bytes;
}

const MAGIC: ReadonlyArray<[string, Buffer]> = [
	['none', Buffer.alloc(0)],
	['JPEG SOI', Buffer.from([0xff, 0xd8, 0xff])],
	['PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
	['BMP', Buffer.from('BM', 'latin1')],
	['TIFF II', Buffer.from([0x49, 0x49, 0x2a, 0x00])],
	['TIFF MM', Buffer.from([0x4d, 0x4d, 0x00, 0x2a])],
	['GIF', Buffer.from('GIF89a', 'latin1')],
	['PDF', Buffer.from('%PDF-1.7\n', 'latin1')],
	['RIFF WEBP', Buffer.from('RIFF\0\0\0\0WEBP', 'latin1')],
];

const OTHER_FORMATS: ReadonlyArray<[string, () => Buffer]> = [
	['GIF', () => makeGif(120, 80)],
	['WebP', () => makeWebp(120, 80)],
	['PDF', makePdf],
	['HEIC', makeHeic],
	['ICO', makeIco],
	['ZIP', () => makeZip()],
	['HTML', () => Buffer.from('<!doctype html><html><body>Sign in to download</body></html>')],
	['text', () => Buffer.from('card number 6222 0212 3456 7890 128\n')],
	['JSON', () => Buffer.from('{"image": "not really"}')],
];

const BASE64_GARBAGE = '!@#$%^&*()[]{};:\'",.<>?`~ \t\n\\|-_=+éß中文';

/** One malformed (or control) binary case. */
export function binaryCase(random: Random): FuzzCase {
	const roll = random();
	const format = pick(random, FORMATS);
	if (roll < 0.12) {
		const [magic, prefix] = pick(random, MAGIC);
		const bytes = Buffer.concat([prefix, randomBytes(random, int(random, 0, 2048))]);
		return fileCase(`random bytes after ${magic} (${bytes.length} bytes)`, 'reject', bytes);
	}
	if (roll < 0.3) {
		// Every builder's file ends exactly where its last structure does: any cut is detectable.
		const { bytes, label } = validImage(random, format);
		const cut = int(random, 1, bytes.length - 1);
		return fileCase(`${label} truncated to ${cut} of ${bytes.length} bytes`, 'reject', bytes.subarray(0, cut));
	}
	if (roll < 0.42) {
		const { bytes, label } = validImage(random, format);
		const out = Buffer.from(bytes);
		const flips = int(random, 1, 3);
		const offsets: number[] = [];
		for (let k = 0; k < flips; k++) {
			const at = int(random, 0, Math.min(63, out.length - 1));
			out[at] = random() < 0.5 ? out[at] ^ 0xff : Math.floor(random() * 256);
			offsets.push(at);
		}
		return fileCase(`${label} with header bytes ${offsets.join(',')} corrupted`, 'either', out);
	}
	if (roll < 0.56) {
		const huge = [8193, 9000, 16384, 65535, 100000, 0x7fffffff, 0xffffffff];
		const tiny = [0, 1, 7, 14];
		const limit = format === 'jpeg' ? 0xffff : 0xffffffff;
		const side = () => {
			const list = random() < 0.7 ? huge : tiny;
			return Math.min(limit, pick(random, list));
		};
		let width = side();
		let height = random() < 0.5 ? side() : int(random, 15, 100);
		if (random() < 0.5) [width, height] = [height, width];
		const bytes = withDeclaredSize(format, imageForResize(random, format), width, height);
		return fileCase(`${format} declaring ${width}x${height}`, 'reject', bytes);
	}
	if (roll < 0.6) return fileCase('zero-byte file', 'reject', Buffer.alloc(0));
	if (roll < 0.68) {
		const [name, make] = pick(random, OTHER_FORMATS);
		return fileCase(`${name} file sent as image/jpeg`, 'reject', make());
	}
	if (roll < 0.76) {
		let text = '';
		const length = int(random, 1, 400);
		while (text.length < length) text += random() < 0.5 ? pick(random, [...BASE64_GARBAGE]) : pick(random, [...'ABCDEFGHabcdefgh0123456789+/=']);
		return { label: `garbage base64 "${text.slice(0, 20)}..."`, expect: 'reject', item: { json: {}, binary: { data: { data: text, mimeType: 'image/jpeg' } } } };
	}
	if (roll < 0.8) {
		const { bytes, label } = validImage(random, format);
		const text = bytes.toString('base64');
		const keep = int(random, 0, text.length - 8);
		return { label: `${label} base64 cut to ${keep} characters`, expect: 'reject', item: { json: {}, binary: { data: { data: text.slice(0, keep), mimeType: 'image/png' } } } };
	}
	if (roll < 0.83) {
		// Node's decoder skips characters outside the alphabet: the image may well survive.
		const { bytes, label } = validImage(random, format);
		const text = bytes.toString('base64');
		const at = int(random, 0, text.length);
		const noise = Array.from({ length: int(random, 1, 6) }, () => pick(random, [...BASE64_GARBAGE])).join('');
		return { label: `${label} base64 with "${noise}" inserted`, expect: 'either', item: { json: {}, binary: { data: { data: text.slice(0, at) + noise + text.slice(at), mimeType: 'image/jpeg' } } } };
	}
	if (roll < 0.92) {
		const broken: Array<[string, unknown]> = [
			['no data and no id', { mimeType: 'image/jpeg' }],
			['data is a number', { data: int(random, 0, 1e9), mimeType: 'image/jpeg' }],
			['data is an object', { data: { nested: true }, mimeType: 'image/jpeg' }],
			['id of a stored file that is gone', { id: `filesystem-v2:workflows/w/executions/e/binary_data/${int(random, 0, 1e9)}`, data: 'filesystem-v2', mimeType: 'image/jpeg' }],
			['id of an unknown storage', { id: `s3:bucket/${int(random, 0, 1e9)}`, data: 's3', mimeType: 'image/jpeg' }],
			['id without a storage', { id: 'no-colon-here', data: '', mimeType: 'image/jpeg' }],
			['field is a string', 'aGVsbG8='],
			['field is a number', 42],
			['field is an empty object', {}],
		];
		const [label, field] = pick(random, broken);
		return { label: `binary field: ${label}`, expect: 'reject', item: { json: {}, binary: { data: field } } as unknown as INodeExecutionData };
	}
	if (roll < 0.96) {
		const layouts: Array<[string, IDataObject | undefined]> = [
			['no binary at all', undefined],
			['file under another name', { photo: binaryOf(validImage(random, format).bytes) }],
			['field is null', { data: null } as unknown as IDataObject],
			['binary is a string', 'data' as unknown as IDataObject],
		];
		const [label, binary] = pick(random, layouts);
		return { label: `item: ${label}`, expect: 'reject', item: { json: {}, ...(binary !== undefined && { binary }) } as INodeExecutionData };
	}
	const { bytes, label } = validImage(random, format);
	return fileCase(`valid ${label}`, 'valid', bytes);
}

/** A BMP of about 8 MB: valid dimensions, too large a file for Huawei (7.5 MB). */
export function oversizedCase(): FuzzCase {
	return fileCase('valid 1600x1750 BMP of 8.4 MB (too large)', 'reject', makeBmp(1600, 1750));
}

const UNICODE = ['中文', 'ü', 'é', '🙂', 'Ω', 'ك', '\u200b', 'ß'];

function randomText(random: Random, alphabet: string, length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
	return out;
}

/** One malformed (or control) image URL. */
export function urlCase(random: Random): FuzzCase {
	const host = pick(random, ['example.com', 'cdn.example.com', 'obs.cn-north-4.myhuaweicloud.com', '127.0.0.1', '[::1]']);
	const path = `/${randomText(random, 'abcdefghij0123456789-_', int(random, 1, 20))}.jpg`;
	const odd = pick(random, UNICODE);
	const cases: Array<[string, Expectation, unknown]> = [
		['javascript: URL', 'reject', `javascript:alert(${int(random, 0, 99)})`],
		['data: URL', 'reject', `data:image/jpeg;base64,${randomText(random, 'ABCDEFabcdef0123456789+/', int(random, 4, 200))}`],
		['file: URL', 'reject', `file:///tmp${path}`],
		['ftp: URL', 'reject', `ftp://${host}${path}`],
		['other scheme', 'reject', `${pick(random, ['mailto:a@b.c', 'about:blank', 'ws://example.com/x', 'blob:https://example.com/1', 'chrome://settings', 'tel:123'])}`],
		['missing host', 'reject', pick(random, ['http:///card.jpg', 'https://', 'https:card.jpg', 'https:/card.jpg', 'https://?x=1', 'https://#frag', 'http://\\\\card.jpg'])],
		['relative', 'reject', pick(random, [path, `//${host}${path}`, `${host}${path}`, 'card.jpg', '../card.jpg', '?x=1'])],
		['space in the host', 'reject', `https://exa mple.com${path}`],
		['bad port', 'reject', `https://${host.replace(/^\[.*\]$/, 'example.com')}:${int(random, 65536, 999999)}${path}`],
		['broken IPv6', 'reject', pick(random, ['http://[::1', 'http://[zz::1]/a.jpg', 'https://[1:2:3]/x.jpg'])],
		['blank', 'reject', pick(random, ['', ' ', '\t\n', '\u00a0'])],
		['random text', 'reject', randomText(random, 'abc XYZ.,;!?*()[]{}<>|~"\'%$&=+-_éü中', int(random, 1, 80))],
		['number', 'reject', int(random, -1e6, 1e6)],
		['boolean', 'reject', random() < 0.5],
		['object', 'reject', { url: `https://${host}${path}` }],
		['list', 'reject', [`https://${host}${path}`]],
		['null', 'reject', null],
		['unicode host', 'either', `https://${pick(random, ['例子.测试', 'bücher.de', 'пример.рф', 'مثال.إختبار'])}${path}`],
		['unicode path', 'either', `https://${host}/${odd}${path.slice(1)}`],
		['spaces around and inside the path', 'either', `  https://${host}/my card ${int(random, 0, 99)}.jpg  `],
		['control characters', 'either', `https://${host}${path}\u0001\t`],
		['very long', 'either', `https://${host}/${'a'.repeat(int(random, 2000, 60000))}.jpg`],
		['very long host label', 'either', `https://${'b'.repeat(int(random, 64, 4000))}.example.com${path}`],
		// A login in the URL would travel to Huawei and into logs: refused.
		['user info', 'reject', `https://user:${randomText(random, 'abc123', 6)}@${host}${path}`],
		['user name only', 'reject', `https://${randomText(random, 'abc123', 6)}@${host}${path}`],
		['login and percent-encoded password', 'reject', `http://me:${encodeURIComponent('p@ss wörd')}@${host}${path}`],
		['upper case', 'either', `HTTPS://${host.toUpperCase()}${path.toUpperCase()}`],
		['percent garbage', 'either', `https://${host}/%zz%${path.slice(1)}?q=%%`],
		['valid', 'valid', `https://${host}${path}`],
	];
	const [label, expect, link] = pick(random, cases);
	const shown = typeof link === 'string' ? JSON.stringify(link.length > 60 ? `${link.slice(0, 60)}...` : link) : JSON.stringify(link);
	return { label: `${label}: ${shown}`, expect, item: { json: { link } as IDataObject } };
}
