import { deflateSync } from 'zlib';

import { applyFilter, filterSteps, type FilterStep } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/filters';
import { Lexer } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/lexer';
import { lzwDecode } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/lzw';
import { Dict, PdfDamage, PdfLimit, type PdfObject } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/objects';
import { unpredict } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/predictor';
import { mulberry32 } from '../../../../../helpers/random';
import { thrown } from '../../../../../helpers/thrown';

const random = mulberry32(74);
const same = (value: PdfObject | undefined) => value;

function dict(text: string): Dict {
	return new Lexer(Buffer.from(text, 'latin1')).object() as Dict;
}

function step(name: string, parms?: string): FilterStep {
	return { name, parms: parms ? dict(parms) : undefined };
}

function apply(data: Buffer | string, name: string, parms?: string, max = 1 << 20): Buffer {
	return applyFilter(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, step(name, parms), max, same);
}

/** A plain LZW encoder (§7.4.4.2, EarlyChange 1), written for the test only. */
function lzwEncode(data: Buffer, early = 1): Buffer {
	const codes: Array<[number, number]> = [];
	let dictionary = new Map<string, number>();
	let next = 258;
	let bits = 9;
	const reset = () => {
		dictionary = new Map();
		for (let i = 0; i < 256; i++) dictionary.set(String.fromCharCode(i), i);
		next = 258;
		bits = 9;
	};
	reset();
	codes.push([256, 9]);
	let word = '';
	for (const byte of data) {
		const char = String.fromCharCode(byte);
		if (dictionary.has(word + char)) {
			word += char;
			continue;
		}
		codes.push([dictionary.get(word) as number, bits]);
		dictionary.set(word + char, next++);
		// The decoder adds each entry one code later than the encoder, so the width grows once
		// the entry just added (next - 1), plus EarlyChange, reaches the next power of two.
		if (next + early > 4094) {
			codes.push([256, bits]);
			reset();
		} else if (next - 1 + early >= 1 << bits) bits++;
		word = char;
	}
	if (word) codes.push([dictionary.get(word) as number, bits]);
	codes.push([257, bits]);
	const out: number[] = [];
	let buffer = 0;
	let count = 0;
	for (const [code, width] of codes) {
		buffer = (buffer << width) | code;
		count += width;
		while (count >= 8) {
			out.push((buffer >> (count - 8)) & 0xff);
			count -= 8;
		}
		buffer &= (1 << count) - 1;
	}
	if (count) out.push((buffer << (8 - count)) & 0xff);
	return Buffer.from(out);
}

describe('stream filters (ISO 32000-1 §7.4)', () => {
	it('reads /Filter and /DecodeParms as a name or arrays, with abbreviations', () => {
		expect(filterSteps(dict('<< /Filter /Fl >>'), same)).toEqual([{ name: 'FlateDecode', parms: undefined }]);
		const steps = filterSteps(dict('<< /Filter [/A85 /FlateDecode] /DecodeParms [null << /Predictor 12 >>] >>'), same);
		expect(steps.map((s) => s.name)).toEqual(['ASCII85Decode', 'FlateDecode']);
		expect(steps[1].parms?.get('Predictor')).toBe(12);
		expect(filterSteps(dict('<< >>'), same)).toEqual([]);
	});

	it('ASCIIHexDecode (§7.4.2)', () => {
		expect(apply('48 65\n6c6C 6f>ignored', 'ASCIIHexDecode').toString()).toBe('Hello');
		expect([...apply('414>', 'ASCIIHexDecode')]).toEqual([0x41, 0x40]);
		expect(thrown(() => apply('4G>', 'ASCIIHexDecode'))).toBeInstanceOf(PdfDamage);
	});

	it('ASCII85Decode (§7.4.3), with z and a short last group', () => {
		// "Hello World!" in base-85, and four zero bytes as "z".
		expect(apply('87cURD]i,"Ebo80~>', 'ASCII85Decode').toString()).toBe('Hello World!');
		expect([...apply('z~>', 'ASCII85Decode')]).toEqual([0, 0, 0, 0]);
		expect(apply('87cUR~>', 'ASCII85Decode').toString()).toBe('Hell');
		expect(apply('87cURDZ~>', 'ASCII85Decode').toString()).toBe('Hello');
		expect(thrown(() => apply('87cURD~>', 'ASCII85Decode'))).toBeInstanceOf(PdfDamage);
		expect(thrown(() => apply('87{~>', 'ASCII85Decode'))).toBeInstanceOf(PdfDamage);
		expect(thrown(() => apply('s8W-"~>', 'ASCII85Decode'))).toBeInstanceOf(PdfDamage);
		expect(thrown(() => apply('z'.repeat(1000), 'ASCII85Decode', undefined, 100))).toBeInstanceOf(PdfLimit);
	});

	it('RunLengthDecode (§7.4.5), capped', () => {
		expect(apply(Buffer.from([2, 0x61, 0x62, 0x63, 254, 0x7a, 128, 0x00]), 'RunLengthDecode').toString()).toBe('abczzz');
		expect(thrown(() => apply(Buffer.alloc(100, 129), 'RunLengthDecode', undefined, 1000))).toBeInstanceOf(PdfLimit);
	});

	it('LZWDecode (§7.4.4.2) reads what an LZW encoder writes, with and without EarlyChange', () => {
		for (const size of [0, 1, 100, 5000, 30000]) {
			const data = Buffer.alloc(size);
			for (let i = 0; i < size; i++) data[i] = random() < 0.7 ? 65 + (i % 5) : Math.floor(random() * 256);
			expect(lzwDecode(lzwEncode(data), true, 1 << 20).equals(data)).toBe(true);
			expect(lzwDecode(lzwEncode(data, 0), false, 1 << 20).equals(data)).toBe(true);
		}
		// The example of §7.4.4.2: 45 45 45 45 45 65 45 45 45 66.
		expect([...apply(Buffer.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]), 'LZWDecode')]).toEqual([
			0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x41, 0x2d, 0x2d, 0x2d, 0x42,
		]);
		expect(thrown(() => lzwDecode(Buffer.from([0xff, 0xff, 0xff]), true, 100))).toBeInstanceOf(PdfDamage);
		expect(thrown(() => lzwDecode(lzwEncode(Buffer.alloc(5000)), true, 100))).toBeInstanceOf(PdfLimit);
	});

	it('FlateDecode, capped, with damage and size told apart', () => {
		const data = Buffer.from('BT /F1 12 Tf (Card) Tj ET');
		expect(apply(deflateSync(data), 'FlateDecode').equals(data)).toBe(true);
		expect(thrown(() => apply(deflateSync(Buffer.alloc(5000)), 'FlateDecode', undefined, 1000))).toBeInstanceOf(PdfLimit);
		expect(thrown(() => apply(Buffer.from([0x78, 0x9c, 0xff, 0xff]), 'FlateDecode'))).toBeInstanceOf(PdfDamage);
	});

	it('names an unknown filter as damage, and lets Identity crypt through', () => {
		expect((thrown(() => apply('x', 'BogusDecode')) as PdfDamage).reason).toMatch(/BogusDecode/);
		expect(apply('abc', 'Crypt', '<< /Name /Identity >>').toString()).toBe('abc');
		expect(thrown(() => apply('abc', 'Crypt', '<< /Name /StdCF >>'))).toBeInstanceOf(PdfDamage);
	});
});

describe('predictors (§7.4.4.4)', () => {
	/** PNG-filters rows with the given filter type per row (PNG spec §9.2). */
	function pngFilter(raw: Buffer, rowSize: number, bpp: number, types: number[]): Buffer {
		const rows = raw.length / rowSize;
		const out = Buffer.alloc(rows * (rowSize + 1));
		for (let y = 0; y < rows; y++) {
			const type = types[y % types.length];
			out[y * (rowSize + 1)] = type;
			for (let x = 0; x < rowSize; x++) {
				const at = y * rowSize + x;
				const a = x >= bpp ? raw[at - bpp] : 0;
				const b = y > 0 ? raw[at - rowSize] : 0;
				const c = x >= bpp && y > 0 ? raw[at - rowSize - bpp] : 0;
				const p = a + b - c;
				const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
				const predictor = [0, a, b, (a + b) >> 1, paeth][type];
				out[y * (rowSize + 1) + 1 + x] = (raw[at] - predictor) & 0xff;
			}
		}
		return out;
	}

	it('undoes every PNG filter type, mixed row by row', () => {
		const raw = Buffer.alloc(30 * 12);
		for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random() * 256);
		const filtered = pngFilter(raw, 30, 3, [0, 1, 2, 3, 4]);
		expect(unpredict(filtered, { predictor: 15, colors: 3, bitsPerComponent: 8, columns: 10 }).equals(raw)).toBe(true);
		// A last row cut short is dropped rather than read past the data.
		expect(unpredict(filtered.subarray(0, filtered.length - 5), { predictor: 12, colors: 3, bitsPerComponent: 8, columns: 10 }).length).toBe(30 * 11);
		const bad = Buffer.from(filtered);
		bad[31] = 9;
		expect(thrown(() => unpredict(bad, { predictor: 15, colors: 3, bitsPerComponent: 8, columns: 10 }))).toBeInstanceOf(PdfDamage);
	});

	it('undoes TIFF Predictor 2 at 8 and 1 bits per component', () => {
		// Two RGB pixels per row: the second is stored as its difference from the first.
		expect([...unpredict(Buffer.from([10, 20, 30, 1, 2, 3]), { predictor: 2, colors: 3, bitsPerComponent: 8, columns: 2 })]).toEqual([
			10, 20, 30, 11, 22, 33,
		]);
		// 1-bit grey: 1 then 0 means "same as left" (XOR), so 1 0 1 0 becomes 1 1 0 0.
		expect([...unpredict(Buffer.from([0b10100000]), { predictor: 2, colors: 1, bitsPerComponent: 1, columns: 4 })]).toEqual([0b11000000]);
	});
});
