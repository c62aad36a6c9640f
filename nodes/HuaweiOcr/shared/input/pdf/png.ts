/**
 * Writes PNG files (PNG spec, W3C 3rd ed.) around pixel data taken from a PDF. A PDF image
 * compressed with FlateDecode and a PNG predictor (ISO 32000-1 §7.4.4.4, Predictor >= 10) holds
 * exactly what a PNG's IDAT chunks hold - zlib data of rows each led by a filter-type byte
 * (PNG §7.3, §9.2) - so such images become PNG files without being decoded again.
 */
import { crc32 } from '../imageHeaders/crc32';
import { deflate } from './deflate';

export type PngColour = 'grey' | 'rgb' | 'indexed';

/** PNG §11.2.1 Table 11.1: colour type numbers and the bit depths each allows. */
const COLOUR_TYPE: Record<PngColour, { type: number; channels: number; depths: number[] }> = {
	grey: { type: 0, channels: 1, depths: [1, 2, 4, 8, 16] },
	rgb: { type: 2, channels: 3, depths: [8, 16] },
	indexed: { type: 3, channels: 1, depths: [1, 2, 4, 8] },
};

export interface PngLayout {
	width: number;
	height: number;
	colour: PngColour;
	bitDepth: number;
}

export function pngAllows(colour: PngColour, bitDepth: number): boolean {
	return COLOUR_TYPE[colour].depths.includes(bitDepth);
}

/** Bytes in one row of pixels, without its filter-type byte (PNG §7.2: rows end on a byte). */
export function rowBytes(layout: PngLayout): number {
	return Math.ceil((layout.width * COLOUR_TYPE[layout.colour].channels * layout.bitDepth) / 8);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG §5.3: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
	return out;
}

/**
 * A PNG file from zlib data of filtered rows, and for indexed colour a palette of RGB triples
 * (PNG §11.2.2: 1 to 256 entries).
 */
export function pngFile(layout: PngLayout, zlibRows: Buffer, palette?: Buffer): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(layout.width, 0);
	header.writeUInt32BE(layout.height, 4);
	header[8] = layout.bitDepth;
	header[9] = COLOUR_TYPE[layout.colour].type;
	// Compression method 0, filter method 0, no interlace (PNG §11.2.1).
	const chunks = [SIGNATURE, chunk('IHDR', header)];
	if (layout.colour === 'indexed' && palette) chunks.push(chunk('PLTE', palette));
	chunks.push(chunk('IDAT', zlibRows), chunk('IEND', Buffer.alloc(0)));
	return Buffer.concat(chunks);
}

/** A PNG file from unfiltered rows (each rowBytes long, no filter byte), compressed by deflate.ts. */
export function pngFromPixels(layout: PngLayout, pixels: Buffer, palette?: Buffer): Buffer {
	const stride = rowBytes(layout);
	const rows = Buffer.alloc((stride + 1) * layout.height);
	// Filter type 0 (None, PNG §9.2) on every row: the byte stays 0 from alloc.
	for (let y = 0; y < layout.height; y++) pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
	return pngFile(layout, deflate(rows), palette);
}
