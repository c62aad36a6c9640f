/**
 * The standard stream filters of ISO 32000-1 §7.4 that turn bytes into bytes: FlateDecode,
 * LZWDecode, ASCIIHexDecode, ASCII85Decode and RunLengthDecode. The image codecs (DCTDecode,
 * JPXDecode, CCITTFaxDecode, JBIG2Decode) are only named here: a JPEG is sent as it is, and the
 * others are formats Huawei OCR does not accept, so none of them is ever decoded.
 */
import { inflate, InflateError } from './inflate';
import { lzwDecode } from './lzw';
import { Dict, isCount, isName, PdfDamage, PdfLimit, settle, type PdfObject } from './objects';
import { unpredict } from './predictor';

export type ImageCodec = 'DCTDecode' | 'JPXDecode' | 'CCITTFaxDecode' | 'JBIG2Decode';
const IMAGE_CODECS: string[] = ['DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode'];

// §8.9.7 Table 93: abbreviations that inline images use, which some writers use for streams too.
const FULL_NAMES: Record<string, string> = {
	AHx: 'ASCIIHexDecode',
	A85: 'ASCII85Decode',
	LZW: 'LZWDecode',
	Fl: 'FlateDecode',
	RL: 'RunLengthDecode',
	CCF: 'CCITTFaxDecode',
	DCT: 'DCTDecode',
};

export interface FilterStep {
	name: string;
	parms: Dict | undefined;
}

export function isImageCodec(name: string): name is ImageCodec {
	return IMAGE_CODECS.includes(name);
}

/** §7.3.8.2 Table 5: /Filter is a name or an array of names, /DecodeParms matches it. */
export function filterSteps(dict: Dict, resolve: (value: PdfObject | undefined) => PdfObject | undefined): FilterStep[] {
	const filter = resolve(dict.get('Filter'));
	const parms = resolve(dict.get('DecodeParms'));
	const names = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter.map(resolve) : [filter];
	const parmList = Array.isArray(parms) ? parms.map(resolve) : [parms];
	return names.map((name, i) => {
		if (!isName(name)) throw new PdfDamage('a stream names its compression with something other than a name');
		const p = parmList[i];
		return { name: FULL_NAMES[name.name] ?? name.name, parms: p instanceof Dict ? p : undefined };
	});
}

function parm(step: FilterStep, key: string, fallback: number, resolve: (value: PdfObject | undefined) => PdfObject | undefined): number {
	const value = resolve(step.parms?.get(key));
	return isCount(value) ? value : fallback;
}

/** §7.4.4.4 Table 8: the predictor entries and their defaults. */
function predicted(data: Buffer, step: FilterStep, resolve: (value: PdfObject | undefined) => PdfObject | undefined): Buffer {
	const predictor = parm(step, 'Predictor', 1, resolve);
	if (predictor === 1) return data;
	const colors = parm(step, 'Colors', 1, resolve);
	const bitsPerComponent = parm(step, 'BitsPerComponent', 8, resolve);
	const columns = parm(step, 'Columns', 1, resolve);
	if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bitsPerComponent) || columns < 1 || columns > 1 << 24) {
		throw new PdfDamage('a stream has impossible prediction settings');
	}
	return unpredict(data, { predictor, colors, bitsPerComponent, columns });
}

/** Applies one filter; `maxOutput` caps what it may produce. */
export function applyFilter(
	data: Buffer,
	step: FilterStep,
	maxOutput: number,
	resolve: (value: PdfObject | undefined) => PdfObject | undefined,
): Buffer {
	switch (step.name) {
		case 'FlateDecode':
			return predicted(inflated(data, maxOutput), step, resolve);
		case 'LZWDecode':
			return predicted(lzwDecode(data, parm(step, 'EarlyChange', 1, resolve) !== 0, maxOutput), step, resolve);
		case 'ASCIIHexDecode':
			return asciiHex(data);
		case 'ASCII85Decode':
			return ascii85(data, maxOutput);
		case 'RunLengthDecode':
			return runLength(data, maxOutput);
		case 'Crypt':
			// §7.4.10: only the Identity crypt filter leaves data readable; any other needs the
			// document's encryption, which the reader refuses before it gets here.
			if (isName(resolve(step.parms?.get('Name')) ?? undefined, 'Identity') || !step.parms?.has('Name')) return data;
			throw new PdfDamage('a stream is encrypted');
		default:
			throw new PdfDamage(`a stream uses "${step.name.slice(0, 40)}", a compression that does not exist in PDF`);
	}
}

/** Applies every step in order; each step's output is capped at `maxOutput`. */
export function decodeSteps(
	data: Buffer,
	steps: FilterStep[],
	maxOutput: number,
	resolve: (value: PdfObject | undefined) => PdfObject | undefined,
): Buffer {
	let out = data;
	for (const step of steps) out = applyFilter(out, step, maxOutput, resolve);
	return out;
}

function inflated(data: Buffer, maxOutput: number): Buffer {
	const result = settle(() => inflate(data, { maxOutput }).data);
	if (result.ok) return result.value;
	const { error } = result;
	if (error instanceof InflateError && error.kind === 'tooLarge') {
		throw new PdfLimit(`a compressed stream expands to more than ${Math.floor(maxOutput / (1024 * 1024))} MB`);
	}
	if (error instanceof InflateError) throw new PdfDamage(`a compressed stream is damaged (${error.message})`);
	throw error;
}

const HEX = /[^0-9a-fA-F]/g;

/** §7.4.2: pairs of hex digits up to ">"; white space is ignored and a lone last digit means x0. */
function asciiHex(data: Buffer): Buffer {
	let end = data.indexOf(0x3e);
	if (end < 0) end = data.length;
	const text = data.toString('latin1', 0, end).replace(/[\0\t\n\f\r ]/g, '');
	if (HEX.test(text)) throw new PdfDamage('a hexadecimal stream holds a character that is not a hex digit');
	HEX.lastIndex = 0;
	return Buffer.from(text.length % 2 ? `${text}0` : text, 'hex');
}

/** §7.4.3: groups of five base-85 digits ("!" to "u") for four bytes, "z" for four zeros, "~>" to end. */
function ascii85(data: Buffer, maxOutput: number): Buffer {
	const out = Buffer.alloc(Math.min(maxOutput, Math.ceil((data.length * 4) / 5) + 4 * data.length));
	let length = 0;
	const group: number[] = [];
	const emit = (count: number) => {
		let value = 0;
		for (let i = 0; i < 5; i++) value = value * 85 + (i < group.length ? group[i] : 84);
		if (value > 0xffffffff) throw new PdfDamage('an ASCII85 stream holds an impossible group');
		if (length + count > out.length) throw new PdfLimit('an ASCII85 stream expands beyond the limit');
		for (let i = 0; i < count; i++) out[length++] = (value >>> (24 - 8 * i)) & 0xff;
	};
	for (let i = 0; i < data.length; i++) {
		const byte = data[i];
		if (byte === 0x7e) break;
		if (byte === 0x7a && group.length === 0) {
			if (length + 4 > out.length) throw new PdfLimit('an ASCII85 stream expands beyond the limit');
			length += 4;
			continue;
		}
		if (byte >= 0x21 && byte <= 0x75) {
			group.push(byte - 0x21);
			if (group.length === 5) {
				emit(4);
				group.length = 0;
			}
		} else if (!isWhiteByte(byte)) throw new PdfDamage('an ASCII85 stream holds a character outside its alphabet');
	}
	// A last group of n digits (2 to 4) gives n - 1 bytes; a single digit cannot be.
	if (group.length === 1) throw new PdfDamage('an ASCII85 stream ends with an incomplete group');
	if (group.length > 1) emit(group.length - 1);
	return out.subarray(0, length);
}

function isWhiteByte(byte: number): boolean {
	return byte === 0 || byte === 9 || byte === 10 || byte === 12 || byte === 13 || byte === 32;
}

/** §7.4.5: a length byte 0-127 copies that many plus one bytes, 129-255 repeats one byte 257 - n times, 128 ends. */
function runLength(data: Buffer, maxOutput: number): Buffer {
	const parts: Buffer[] = [];
	let total = 0;
	for (let i = 0; i < data.length; ) {
		const n = data[i++];
		if (n === 128) break;
		const part = n < 128 ? data.subarray(i, i + n + 1) : Buffer.alloc(257 - n, i < data.length ? data[i] : 0);
		i += n < 128 ? n + 1 : 1;
		total += part.length;
		if (total > maxOutput) throw new PdfLimit('a run-length stream expands beyond the limit');
		parts.push(part);
	}
	return Buffer.concat(parts);
}
