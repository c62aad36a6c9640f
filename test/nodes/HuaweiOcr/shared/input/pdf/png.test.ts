import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'zlib';

import { BANKCARD_IMAGE_LIMITS } from '../../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { checkImage } from '../../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { deflate } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/deflate';
import { deflateStored } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/deflateStored';
import { inflate } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/inflate';
import { pngFile, pngFromPixels, rowBytes } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/png';
import { mulberry32 } from '../../../../../helpers/random';
import { describeWith, IMAGEMAGICK } from '../../../../../helpers/debianTools';

const random = mulberry32(2083);

function noise(size: number): Buffer {
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) out[i] = Math.floor(random() * 256);
	return out;
}

/** The chunks of a PNG file: type and data, each CRC checked with zlib's CRC-32. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
	const out: Array<{ type: string; data: Buffer }> = [];
	for (let at = 8; at < png.length; ) {
		const length = png.readUInt32BE(at);
		const typeAndData = png.subarray(at + 4, at + 8 + length);
		expect(png.readUInt32BE(at + 8 + length)).toBe(zlibCrc32(typeAndData));
		out.push({ type: typeAndData.toString('latin1', 0, 4), data: typeAndData.subarray(4) });
		at += 12 + length;
	}
	return out;
}

describe('deflate (fixed Huffman codes) and stored blocks', () => {
	it('compresses what zlib and our inflate read back exactly: runs, repeats, ramps', () => {
		const text = Buffer.from('6222 0000 1111 2222 VALID THRU 12/29 '.repeat(3000));
		const ramp = Buffer.alloc(200000);
		for (let i = 0; i < ramp.length; i++) ramp[i] = (i >> 6) & 0xff;
		for (const data of [Buffer.alloc(0), Buffer.from([7]), Buffer.from('abcabcabc'), Buffer.alloc(1000000), text, ramp]) {
			const compressed = deflate(data);
			expect(inflateSync(compressed).equals(data)).toBe(true);
			const ours = inflate(compressed, { maxOutput: 2 * 1024 * 1024 });
			expect(ours.data.equals(data)).toBe(true);
			expect(ours.checksumOk).toBe(true);
		}
		// A blank scan is runs: far smaller than stored. Repeated text and ramps shrink too.
		expect(deflate(Buffer.alloc(1000000)).length).toBeLessThan(10000);
		expect(deflate(text).length).toBeLessThan(text.length / 20);
		expect(deflate(ramp).length).toBeLessThan(ramp.length / 5);
	});

	it('falls back to stored blocks for noise, so nothing grows by more than their framing', () => {
		const data = noise(100000);
		const compressed = deflate(data);
		expect(compressed.equals(deflateStored(data))).toBe(true);
		expect(inflateSync(compressed).equals(data)).toBe(true);
	});

	it('writes zlib data any inflater reads back exactly, across block boundaries', () => {
		for (const size of [0, 1, 65535, 65536, 200000]) {
			const data = noise(size);
			const stored = deflateStored(data);
			expect(inflateSync(stored).equals(data)).toBe(true);
			// Five bytes per 65535-byte block, two of header, four of checksum.
			expect(stored.length).toBe(data.length + 5 * Math.max(1, Math.ceil(size / 65535)) + 6);
		}
	});
});

describe('PNG files around PDF pixel data', () => {
	it('wraps filtered rows as IDAT and passes the image checker', () => {
		const layout = { width: 40, height: 20, colour: 'rgb' as const, bitDepth: 8 };
		const rows = Buffer.alloc((rowBytes(layout) + 1) * layout.height);
		const idat = deflateSync(rows);
		const png = pngFile(layout, idat);
		expect(checkImage(png, BANKCARD_IMAGE_LIMITS)).toEqual({ info: { format: 'png', width: 40, height: 20 } });
		const found = chunks(png);
		expect(found.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect(found[1].data.equals(idat)).toBe(true);
		// PNG §11.2.1: width, height, depth 8, colour type 2, then compression/filter/interlace 0.
		expect([...found[0].data]).toEqual([0, 0, 0, 40, 0, 0, 0, 20, 8, 2, 0, 0, 0]);
	});

	it('writes an indexed image with its palette before IDAT', () => {
		const layout = { width: 16, height: 16, colour: 'indexed' as const, bitDepth: 4 };
		const png = pngFromPixels(layout, Buffer.alloc(rowBytes(layout) * 16, 0x12), noise(48));
		expect(chunks(png).map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
		expect(checkImage(png, BANKCARD_IMAGE_LIMITS)).toEqual({ info: { format: 'png', width: 16, height: 16 } });
	});

	it('puts filter type 0 before every row of unfiltered pixels', () => {
		const layout = { width: 9, height: 3, colour: 'grey' as const, bitDepth: 1 };
		expect(rowBytes(layout)).toBe(2);
		const pixels = Buffer.from([0xaa, 0x80, 0x55, 0x00, 0xff, 0x80]);
		// Compressed, not stored: a white A4 page at 150 dpi (1240 x 1754 grey) stays tiny.
		const page = { width: 1240, height: 1754, colour: 'grey' as const, bitDepth: 8 };
		expect(pngFromPixels(page, Buffer.alloc(1240 * 1754, 0xff)).length).toBeLessThan(40000);
		const idat = chunks(pngFromPixels(layout, pixels)).find((c) => c.type === 'IDAT')?.data as Buffer;
		expect([...inflateSync(idat)]).toEqual([0, 0xaa, 0x80, 0, 0x55, 0x00, 0, 0xff, 0x80]);
	});
});

describeWith(IMAGEMAGICK)('PNG files read by ImageMagick', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'pdf-png-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it.each([
		['grey', 8, 1],
		['grey', 1, 1],
		['grey', 16, 1],
		['rgb', 8, 3],
		['rgb', 16, 3],
	] as const)('%s at %i bits decodes to the same samples', (colour, bits, channels) => {
		const layout = { width: 23, height: 7, colour, bitDepth: bits };
		const stride = rowBytes(layout);
		const pixels = noise(stride * layout.height);
		// The bits after a row's last pixel are padding (PNG §7.2); decoders drop them.
		const used = (layout.width * channels * bits) % 8;
		if (used) for (let y = 0; y < layout.height; y++) pixels[(y + 1) * stride - 1] &= (0xff << (8 - used)) & 0xff;
		const file = join(dir, `${colour}${bits}.png`);
		writeFileSync(file, pngFromPixels(layout, pixels));
		const format = channels === 1 ? 'gray' : 'rgb';
		const run = spawnSync('convert', [file, '-endian', 'MSB', '-depth', String(bits), `${format}:-`]);
		expect(run.status).toBe(0);
		expect(run.stdout.equals(pixels)).toBe(true);
	});
});
