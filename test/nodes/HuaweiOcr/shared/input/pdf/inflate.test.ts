import { constants, deflateRawSync, deflateSync } from 'zlib';

import { adler32, hasZlibHeader, inflate, InflateError, inflateRaw } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/inflate';
import { mulberry32 } from '../../../../../helpers/random';
import { thrown } from '../../../../../helpers/thrown';

const MB = 1024 * 1024;

/** Data of four kinds: noise, slow ramps, sparse changes (long matches), short repeating text. */
function sample(random: () => number, size: number, kind: number): Buffer {
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) {
		if (kind === 0) out[i] = Math.floor(random() * 256);
		else if (kind === 1) out[i] = (i >> 7) & 0xff;
		else if (kind === 2) out[i] = random() < 0.05 ? Math.floor(random() * 256) : i > 0 ? out[i - 1] : 0;
		else out[i] = 'the card number 6222 '.charCodeAt(i % 21);
	}
	return out;
}

describe('inflate (RFC 1950/1951) against Node zlib', () => {
	const random = mulberry32(1951);
	const strategies = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED];

	it('decodes what zlib writes at every level and strategy: stored, fixed and dynamic blocks', () => {
		let cases = 0;
		for (let round = 0; round < 16; round++) {
			const size = round === 0 ? 0 : Math.floor(random() * 40000);
			const data = sample(random, size, round % 4);
			for (const level of [0, 1, 6, 9]) {
				for (const strategy of strategies) {
					const zlib = deflateSync(data, { level, strategy });
					const out = inflate(zlib, { maxOutput: MB });
					expect(out.data.equals(data)).toBe(true);
					expect(out.checksumOk).toBe(true);
					expect(out.end).toBe(zlib.length);
					expect(inflateRaw(deflateRawSync(data, { level, strategy }), { maxOutput: MB }).data.equals(data)).toBe(true);
					cases++;
				}
			}
		}
		expect(cases).toBe(16 * 4 * 5);
	});

	it('reads raw DEFLATE when the zlib header is missing, as some PDF writers emit it', () => {
		const data = sample(random, 5000, 3);
		expect(inflate(deflateRawSync(data), { maxOutput: MB }).data.equals(data)).toBe(true);
	});

	it('reports a wrong or missing Adler-32 without failing, and where the data ended', () => {
		const data = sample(random, 3000, 1);
		const zlib = deflateSync(data);
		const wrong = Buffer.from(zlib);
		wrong[wrong.length - 1] ^= 1;
		expect(inflate(wrong, { maxOutput: MB }).checksumOk).toBe(false);
		const cut = zlib.subarray(0, zlib.length - 4);
		const out = inflate(cut, { maxOutput: MB });
		expect(out.data.equals(data)).toBe(true);
		expect(out.checksumOk).toBe(false);
		const trailing = Buffer.concat([zlib, Buffer.from('\r\nendstream')]);
		expect(inflate(trailing, { maxOutput: MB }).end).toBe(zlib.length);
	});

	it('stops at the cap instead of allocating: a 16 MB run of zeros from 16 KB of input', () => {
		const bomb = deflateSync(Buffer.alloc(16 * MB), { level: 9 });
		expect(bomb.length).toBeLessThan(20 * 1024);
		const error = thrown(() => inflate(bomb, { maxOutput: MB }), InflateError);
		expect(error.kind).toBe('tooLarge');
	});

	it('with keep false, counts and checks everything while holding only a window', () => {
		const data = sample(random, 300000, 2);
		const out = inflate(deflateSync(data), { maxOutput: data.length, keep: false });
		expect(out.size).toBe(data.length);
		expect(out.checksumOk).toBe(true);
		expect(out.data.length).toBeLessThan(200000);
		expect(out.data.equals(data.subarray(data.length - out.data.length))).toBe(true);
		expect(thrown(() => inflate(deflateSync(data), { maxOutput: data.length - 1, keep: false }), InflateError).kind).toBe('tooLarge');
	});

	it('refuses cut-off and corrupted data with a damaged error, never a crash or a hang', () => {
		const data = sample(random, 20000, 3);
		const zlib = deflateSync(data);
		for (let cut = 2; cut < zlib.length - 4; cut += 7) {
			expect(thrown(() => inflate(zlib.subarray(0, cut), { maxOutput: MB }), InflateError).kind).toBe('damaged');
		}
		let failures = 0;
		for (let i = 0; i < 500; i++) {
			const corrupt = Buffer.from(zlib);
			corrupt[2 + Math.floor(random() * (corrupt.length - 2))] ^= 1 << Math.floor(random() * 8);
			try {
				inflate(corrupt, { maxOutput: MB });
			} catch (error) {
				expect(error).toBeInstanceOf(InflateError);
				failures++;
			}
		}
		// Most single-bit flips break the stream; some only change a literal.
		expect(failures).toBeGreaterThan(100);
	});

	it.each([
		['block type 3', Buffer.from([0x78, 0x9c, 0x07])],
		['stored length check', Buffer.from([0x78, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00])],
		// A fixed block whose first code copies from distance 1 while nothing has been written yet.
		['distance before the start', Buffer.from([0x78, 0x9c, 0x03, 0x02, 0x00, 0x00])],
	])('names %s as damage', (_name, input) => {
		expect(thrown(() => inflate(input, { maxOutput: MB }), InflateError).kind).toBe('damaged');
	});

	it('checks zlib headers per RFC 1950 §2.2', () => {
		expect(hasZlibHeader(Buffer.from([0x78, 0x9c]))).toBe(true);
		expect(hasZlibHeader(Buffer.from([0x78, 0x01]))).toBe(true);
		expect(hasZlibHeader(Buffer.from([0x78, 0x9d]))).toBe(false);
		expect(hasZlibHeader(Buffer.from([0x78, 0xbb]))).toBe(false); // preset dictionary
		expect(hasZlibHeader(Buffer.from([0x78]))).toBe(false);
	});

	it('computes Adler-32 as zlib does, also continued over pieces', () => {
		const data = sample(random, 100000, 0);
		const expected = deflateSync(data).readUInt32BE(deflateSync(data).length - 4);
		expect(adler32(data)).toBe(expected);
		expect(adler32(data.subarray(40000), adler32(data.subarray(0, 40000)))).toBe(expected);
		expect(adler32(Buffer.alloc(0))).toBe(1);
	});
});
