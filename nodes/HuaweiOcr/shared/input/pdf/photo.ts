/**
 * Turns one image XObject (ISO 32000-1 §8.9.5) into a file Huawei OCR accepts (JPEG, PNG, BMP
 * or TIFF), with as little work as its encoding allows:
 * - DCTDecode (§7.4.8) data is a JPEG file already and is sent as it is.
 * - FlateDecode with a PNG predictor is the inside of a PNG file (see png.ts) and gets only a
 *   PNG header, once a full decompression has shown the data to be whole.
 * - Other Flate, LZW, run-length or uncompressed pixels are decoded and written as a PNG.
 * - JPEG 2000, CCITT fax and JBIG2 are formats Huawei does not accept: the page is reported.
 */
import { components, readColourSpace, type ColourSpace } from './colourSpace';
import type { PdfDocument } from './document';
import { isImageCodec, type FilterStep } from './filters';
import { inflate, InflateError } from './inflate';
import type { PageImage } from './images';
import { isWhite } from './lexer';
import { isCount, PdfDamage, PdfLimit, settle, type PdfObject } from './objects';
import { cmykToRgb, paletteRgb, toBytes } from './pixels';
import { pngAllows, pngFile, pngFromPixels, rowBytes, type PngLayout } from './png';

export interface PdfPhoto {
	/** 1-based page number. */
	page: number;
	bytes: Buffer;
	format: 'jpeg' | 'png';
	width: number;
	height: number;
}

/** `reason` completes "Page 3 ...". */
export type PhotoOutcome = { photo: Omit<PdfPhoto, 'page'> } | { reason: string; kind: 'format' | 'colour' | 'damaged' | 'tooLarge' };

/** White-space bytes looked past before a JPEG's SOI; a writer's stray line ends are a few. */
const MAX_LEADING_WHITE = 16;

const CODEC_NAMES: Record<string, string> = {
	JPXDecode: 'JPEG 2000',
	CCITTFaxDecode: 'CCITT fax compression (black-and-white scans)',
	JBIG2Decode: 'JBIG2 compression (black-and-white scans)',
};

export function imagePhoto(doc: PdfDocument, image: PageImage): PhotoOutcome {
	const { stream, width, height } = image;
	const steps = doc.filters(stream);
	const codecAt = steps.findIndex((step) => isImageCodec(step.name));
	if (codecAt >= 0) {
		const codec = steps[codecAt].name;
		if (codec !== 'DCTDecode') {
			return { kind: 'format', reason: `has its picture stored as ${CODEC_NAMES[codec]}, a format Huawei OCR does not accept` };
		}
		const data = codecAt === 0 ? stream.data : doc.decode(stream, steps.slice(0, codecAt));
		// White space before SOI is skipped: pdf.js shows such a picture (mozilla/pdf.js
		// test/pdfs/bug1065245.pdf, an inline image whose "ID" is followed by two newlines, not one).
		let start = 0;
		while (start < data.length && start < MAX_LEADING_WHITE && isWhite(data[start])) start++;
		const jpeg = data.subarray(start);
		// ITU-T T.81 B.1.1.2: a JPEG starts with SOI, FF D8.
		if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) {
			return { kind: 'damaged', reason: 'has a picture whose JPEG data is damaged' };
		}
		return { photo: { bytes: Buffer.from(jpeg), format: 'jpeg', width, height } };
	}
	const space = readColourSpace(doc, stream.dict.get('ColorSpace'));
	if (space.kind === 'unsupported') {
		return { kind: 'colour', reason: `has its picture in a colour format (${space.name}) this reader cannot convert` };
	}
	const bpcValue = doc.resolve(stream.dict.get('BitsPerComponent'));
	const bits = isCount(bpcValue) ? bpcValue : 8;
	if (![1, 2, 4, 8, 16].includes(bits) || (space.kind === 'indexed' && bits === 16)) {
		return { kind: 'damaged', reason: `has a picture with ${bits} bits per colour, which PDF does not allow` };
	}
	const invert = inverted(doc, stream.dict.get('Decode'), space);
	const wrapped = wrapPng(doc, steps, space, bits, invert, image);
	if (wrapped) return { photo: { bytes: wrapped, format: 'png', width, height } };
	return decodedPng(doc, image, space, bits, invert);
}

/** §8.9.5.2 Table 90: /Decode [1 0] per component inverts it; any other mapping is left as is. */
function inverted(doc: PdfDocument, decode: PdfObject | undefined, space: ColourSpace): boolean {
	const values = doc.resolve(decode);
	if (!Array.isArray(values) || space.kind === 'indexed') return false;
	return values.length >= 2 && values.every((value, i) => doc.resolve(value) === (i % 2 === 0 ? 1 : 0));
}

function pngLayout(space: ColourSpace, bits: number, image: PageImage): PngLayout | undefined {
	const colour = space.kind === 'indexed' ? 'indexed' : space.kind === 'grey' ? 'grey' : space.kind === 'rgb' ? 'rgb' : undefined;
	if (!colour || !pngAllows(colour, bits)) return undefined;
	return { width: image.width, height: image.height, colour, bitDepth: bits };
}

/**
 * PLTE for an indexed image, padded with black to every index the bit depth can hold: a PDF
 * index above hival is out of range but harmless (§8.6.6.3), while PNG decoders may refuse one.
 */
function palette(space: ColourSpace, bits: number): Buffer | undefined {
	if (space.kind !== 'indexed') return undefined;
	const entries = paletteRgb(space.lookup, space.base, space.colours);
	const full = 3 * 2 ** Math.min(bits, 8);
	return entries.length >= full ? entries.subarray(0, full) : Buffer.concat([entries, Buffer.alloc(full - entries.length)]);
}

/**
 * The data as IDAT when it is one FlateDecode with a PNG predictor whose parameters (§7.4.4.4
 * Table 8) describe exactly this image, and it inflates to exactly the rows expected with a
 * correct checksum; otherwise undefined, and the pixels are decoded instead.
 */
function wrapPng(doc: PdfDocument, steps: FilterStep[], space: ColourSpace, bits: number, invert: boolean, image: PageImage): Buffer | undefined {
	const layout = pngLayout(space, bits, image);
	if (!layout || invert || steps.length !== 1 || steps[0].name !== 'FlateDecode') return undefined;
	const parm = (key: string, fallback: number) => {
		const value = doc.resolve(steps[0].parms?.get(key));
		return isCount(value) ? value : fallback;
	};
	if (parm('Predictor', 1) < 10 || parm('Colors', 1) !== components(space) || parm('BitsPerComponent', 8) !== bits || parm('Columns', 1) !== image.width) {
		return undefined;
	}
	const expected = (rowBytes(layout) + 1) * image.height;
	if (!Number.isSafeInteger(expected) || expected > doc.remaining()) return undefined;
	const data = image.stream.data;
	const result = settle(() => inflate(data, { maxOutput: expected, keep: false }));
	doc.charge(result.ok ? result.value.size : expected);
	if (!result.ok && !(result.error instanceof InflateError)) throw result.error;
	if (!result.ok || result.value.size !== expected || !result.value.checksumOk) return undefined;
	return pngFile(layout, data.subarray(0, result.value.end), palette(space, bits));
}

const SLACK = 64 * 1024;

function decodedPng(doc: PdfDocument, image: PageImage, space: ColourSpace, bits: number, invert: boolean): PhotoOutcome {
	const { width, height } = image;
	const perPixel = components(space);
	const stride = Math.ceil((width * perPixel * bits) / 8);
	const expected = stride * height;
	if (!Number.isSafeInteger(expected) || expected > doc.limits.maxStreamBytes) {
		return { kind: 'tooLarge', reason: `has a picture too large to convert (${width} x ${height} pixels)` };
	}
	// Predicted rows carry one more byte each; a little slack is left for trailing bytes.
	const cap = (stride + 1) * height + SLACK;
	const ownCap = cap < Math.min(doc.limits.maxStreamBytes, doc.remaining());
	const decoded = settle(() => doc.decode(image.stream, undefined, cap));
	if (!decoded.ok) {
		const { error } = decoded;
		if (error instanceof PdfDamage) return { kind: 'damaged', reason: `has a damaged picture: ${error.reason}` };
		if (error instanceof PdfLimit && ownCap) {
			return { kind: 'damaged', reason: `has a picture with far more data than its size (${width} x ${height} pixels) needs` };
		}
		if (error instanceof PdfLimit) return { kind: 'tooLarge', reason: `has a picture too large to convert: ${error.reason}` };
		throw error;
	}
	const data = decoded.value;
	if (data.length < expected) return { kind: 'damaged', reason: 'has a picture whose data is cut off' };
	const layout = pngLayout(space, bits, image);
	if (layout && (!invert || space.kind === 'grey')) {
		let pixels = data.subarray(0, expected);
		if (invert) pixels = Buffer.from(pixels.map((byte) => byte ^ 0xff));
		return { photo: { bytes: pngFromPixels(layout, pixels, palette(space, bits)), format: 'png', width, height } };
	}
	// RGB or CMYK below 8 bits, CMYK at any depth, or inverted colour: 8-bit samples, then RGB.
	// Widening 1-bit samples to bytes multiplies the size by up to 8, so that is bounded too.
	if (width * perPixel * height > doc.limits.maxStreamBytes) {
		return { kind: 'tooLarge', reason: `has a picture too large to convert (${width} x ${height} pixels)` };
	}
	const samples = toBytes(data, { width, height, components: perPixel, bits }, invert);
	const rgb = space.kind === 'cmyk' ? cmykToRgb(samples) : samples;
	const colour = space.kind === 'grey' ? 'grey' : 'rgb';
	return { photo: { bytes: pngFromPixels({ width, height, colour, bitDepth: 8 }, rgb), format: 'png', width, height } };
}
