/**
 * The RGB pixels of one of the painted sample PNGs (8-bit RGB, every row Up-filtered, as
 * encodeRgbPng writes them), so the sample tests can look at what was painted where.
 */
import { inflateSync } from 'zlib';

export function pixels(png: Buffer): { width: number; at: (x: number, y: number) => number[] } {
	const width = png.readUInt32BE(16);
	const chunks: Buffer[] = [];
	for (let at = 8; at < png.length; ) {
		const length = png.readUInt32BE(at);
		if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const rows = inflateSync(Buffer.concat(chunks));
	const stride = width * 3;
	const out = Buffer.alloc(rows.length);
	for (let y = 0; (y + 1) * (stride + 1) <= rows.length; y++) {
		if (rows[y * (stride + 1)] !== 2) throw new Error(`Row ${y} is not Up-filtered: not one of our PNGs.`);
		for (let x = 0; x < stride; x++) {
			const above = y === 0 ? 0 : out[(y - 1) * stride + x];
			out[y * stride + x] = (rows[y * (stride + 1) + 1 + x] + above) & 0xff;
		}
	}
	return { width, at: (x, y) => [...out.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)] };
}
