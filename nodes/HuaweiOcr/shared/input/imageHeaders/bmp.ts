import { cutBeforeSize, cutAfterSize, damaged, ZERO_SIZE, type HeaderResult } from './headerResult';

// Microsoft BITMAPINFOHEADER biCompression: BI_RGB 0, BI_BITFIELDS 3, BI_ALPHABITFIELDS 6 and
// BI_CMYK 11 store rows uncompressed; BI_RLE8 1, BI_RLE4 2, BI_JPEG 4, BI_PNG 5 and the CMYK RLE
// variants 12, 13 store biSizeImage bytes.
const BMP_UNCOMPRESSED = [0, 3, 6, 11];
const BMP_COMPRESSED = [1, 2, 4, 5, 12, 13];
const BMP_DEPTHS = [1, 2, 4, 8, 16, 24, 32, 64];

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
	if (dataStart + dataSize > length) return cutAfterSize('BMP');
	return { format: 'bmp', width, height };
}
