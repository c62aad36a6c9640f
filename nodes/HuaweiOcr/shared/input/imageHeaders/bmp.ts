import { cutBeforeSize, cutAfterSize, damaged, rareVariant, ZERO_SIZE, type HeaderResult } from './headerResult';

// Microsoft BITMAPINFOHEADER biCompression: BI_RGB 0, BI_BITFIELDS 3 and BI_CMYK 11 store rows
// uncompressed; BI_RLE8 1, BI_RLE4 2 and the CMYK RLE variants 12, 13 store biSizeImage bytes.
const BMP_UNCOMPRESSED = [0, 3, 11];
const BMP_COMPRESSED = [1, 2, 12, 13];
// 2- and 64-bit pixels are valid BMP (github.com/jsummers/bmpsuite's q/pal2.bmp, q/rgba64.bmp) but neither
// ImageMagick nor Pillow decodes them.
const BMP_DEPTHS = [1, 4, 8, 16, 24, 32];
const SAVE_AGAIN = 'Save the BMP again as JPEG or PNG.';

/**
 * The variants bmpsuite (entropymine.com/jason/bmpsuite, "q" files) lists that neither ImageMagick
 * nor Pillow decodes; undefined for any other. OS/2 2.x headers (16 to 64 bytes, other than the
 * Windows 40, 52 and 56) give compression 3 and 4 other meanings: Huffman 1D and RLE24.
 */
function rareCompression(headerSize: number, compression: number, depth: number): { problem: string } | undefined {
	const os2 = headerSize >= 16 && headerSize <= 64 && ![40, 52, 56].includes(headerSize);
	if (os2 && compression === 3) return rareVariant('BMP', 'uses OS/2 Huffman compression', SAVE_AGAIN);
	if (os2 && compression === 4) return rareVariant('BMP', 'uses OS/2 RLE24 compression', SAVE_AGAIN);
	if (compression === 4) return rareVariant('BMP', 'holds a JPEG picture inside it', 'Save it again as a plain JPEG or PNG file.');
	if (compression === 5) return rareVariant('BMP', 'holds a PNG picture inside it', 'Save it again as a plain PNG or JPEG file.');
	if (compression === 6) return rareVariant('BMP', 'stores its colours with alpha bit fields (BI_ALPHABITFIELDS)', SAVE_AGAIN);
	if (BMP_UNCOMPRESSED.includes(compression) && (depth === 2 || depth === 64)) {
		return rareVariant('BMP', `uses ${depth}-bit pixels`, SAVE_AGAIN);
	}
	return undefined;
}

/**
 * biClrUsed (0: as many as the depth allows): a colour table longer than 2^depth entries for an
 * indexed picture, or longer than the file, is refused by both decoders (bmpsuite's
 * q/pal8oversizepal.bmp, b/badpalettesize.bmp).
 */
function paletteProblem(bytes: Buffer, headerSize: number, headerEnd: number, depth: number): { problem: string } | undefined {
	if (headerSize < 36) return undefined;
	const colours = bytes.readUInt32LE(46);
	if (depth <= 8 && colours > 2 ** depth) {
		return damaged('BMP', `its colour table lists ${colours} colours, more than its ${depth}-bit pixels can use`, SAVE_AGAIN);
	}
	// A table that does not fit is a file cut off (or a count far beyond it, as Pillow reports).
	if (headerEnd + 4 * colours > bytes.length) return cutAfterSize('BMP');
	return undefined;
}

export function readBmp(bytes: Buffer): HeaderResult {
	const length = bytes.length;
	// BITMAPFILEHEADER is 14 bytes; the DIB header that follows starts with its own size.
	if (length < 18) return cutBeforeSize('BMP');
	const headerSize = bytes.readUInt32LE(14);
	const headerEnd = 14 + headerSize;
	if (length < headerEnd) return cutBeforeSize('BMP');
	let width: number;
	let height: number;
	let depth: number;
	let compression = 0;
	let imageSize = 0;
	if (headerSize === 12) {
		// BITMAPCOREHEADER: unsigned 16-bit width and height, planes, bit count.
		width = bytes.readUInt16LE(18);
		height = bytes.readUInt16LE(20);
		depth = bytes.readUInt16LE(24);
	} else {
		// BITMAPINFOHEADER and its successors (and OS/2 2.x, which shares the first fields):
		// signed 32-bit width and height; a negative height means rows are stored top-down.
		width = bytes.readInt32LE(18);
		height = Math.abs(bytes.readInt32LE(22));
		depth = bytes.readUInt16LE(28);
		if (headerSize >= 20) compression = bytes.readUInt32LE(30);
		if (headerSize >= 24) imageSize = bytes.readUInt32LE(34);
	}
	if (width < 0) return damaged('BMP', 'it states a negative width');
	if (width === 0 || height === 0) return damaged('BMP', ZERO_SIZE);
	// bfOffBits: where the pixels start, after the headers and any colour table.
	const dataStart = bytes.readUInt32LE(10);
	if (dataStart < headerEnd) return damaged('BMP', 'its image data starts inside its header');
	const rare = rareCompression(headerSize, compression, depth);
	if (rare) return rare;
	let dataSize: number;
	if (BMP_UNCOMPRESSED.includes(compression)) {
		if (!BMP_DEPTHS.includes(depth)) return damaged('BMP', `its colour depth (${depth} bits) is invalid`);
		// Rows are padded to a multiple of four bytes. Plain arithmetic, not 32-bit bitwise
		// operators: width * depth can exceed 2^32 on a hostile header.
		dataSize = Math.ceil((width * depth) / 32) * 4 * height;
	} else if (BMP_COMPRESSED.includes(compression)) {
		dataSize = Math.max(imageSize, 1);
	} else {
		return damaged('BMP', 'it uses an unknown compression');
	}
	const palette = paletteProblem(bytes, headerSize, headerEnd, depth);
	if (palette) return palette;
	if (dataStart + dataSize > length) return cutAfterSize('BMP');
	return { format: 'bmp', width, height };
}
