/**
 * Turns decoded PDF image samples (ISO 32000-1 §8.9.5: rows of Width samples per component,
 * BitsPerComponent bits each, every row starting on a byte) into samples a PNG can hold when
 * the PDF's layout has no PNG equivalent: CMYK becomes RGB, and RGB or CMYK with fewer than
 * 8 bits per component is widened to 8.
 */
import type { Process } from './colourSpace';

export interface Samples {
	width: number;
	height: number;
	components: number;
	bits: number;
}

function rowBytes(layout: Samples): number {
	return Math.ceil((layout.width * layout.components * layout.bits) / 8);
}

/** Reads every sample scaled to 0..255, `invert` flipping each (a /Decode of [1 0], §8.9.5.2). */
export function toBytes(data: Buffer, layout: Samples, invert: boolean): Buffer {
	const { width, height, components, bits } = layout;
	const stride = rowBytes(layout);
	const perRow = width * components;
	const out = Buffer.alloc(perRow * height);
	const max = 2 ** bits - 1;
	for (let y = 0; y < height; y++) {
		const rowBit = y * stride * 8;
		for (let i = 0; i < perRow; i++) {
			let value: number;
			if (bits === 8) value = data[y * stride + i];
			else if (bits === 16) value = data[y * stride + 2 * i];
			else {
				const bit = rowBit + i * bits;
				value = Math.round((((data[bit >> 3] >> (8 - (bit & 7) - bits)) & max) * 255) / max);
			}
			out[y * perRow + i] = invert ? 255 - value : value;
		}
	}
	return out;
}

/**
 * The naive conversion PDF itself describes for DeviceCMYK to DeviceRGB (§10.3.5):
 * each of red, green, blue is 1 - min(1, C or M or Y + K).
 */
export function cmykToRgb(cmyk: Buffer): Buffer {
	const pixels = Math.floor(cmyk.length / 4);
	const out = Buffer.alloc(pixels * 3);
	for (let p = 0; p < pixels; p++) {
		const k = cmyk[p * 4 + 3];
		for (let c = 0; c < 3; c++) out[p * 3 + c] = 255 - Math.min(255, cmyk[p * 4 + c] + k);
	}
	return out;
}

/** A palette as PNG's PLTE wants it (RGB triples), from lookup entries in the base space. */
export function paletteRgb(lookup: Buffer, base: Process, colours: number): Buffer {
	if (base === 'rgb') return Buffer.from(lookup.subarray(0, colours * 3));
	if (base === 'cmyk') return cmykToRgb(lookup.subarray(0, colours * 4));
	const out = Buffer.alloc(colours * 3);
	for (let i = 0; i < colours; i++) out.fill(lookup[i], i * 3, i * 3 + 3);
	return out;
}
