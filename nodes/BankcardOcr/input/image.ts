/**
 * Checks an image file before it is sent to Huawei's bank card OCR, which charges for a call and
 * then refuses a file it cannot use. Huawei accepts JPEG, PNG, BMP and TIFF, each side 15 to 8192
 * pixels, and at most 10 MB of base64 text. Only the header is parsed; the pixels are never decoded.
 *
 * Every read below is preceded by a bounds check: this runs on whatever bytes a workflow hands it,
 * and a throw or an endless loop would take the whole item down with an unreadable error.
 */

export type ImageFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';

export interface ImageInfo {
	format: ImageFormat;
	width: number;
	height: number;
}

export const MIN_SIDE = 15;
export const MAX_SIDE = 8192;
export const MAX_BASE64_LENGTH = 10 * 1024 * 1024;

const MB = 1024 * 1024;
const ACCEPTED = 'Bank card OCR accepts JPEG, PNG, BMP or TIFF images.';

interface Kind {
	/** What describeFormat returns. */
	name: string;
	/** How a sentence names it: "The file is <phrase>". */
	phrase: string;
	/** A picture format Huawei does not take, as opposed to something that is no picture at all. */
	image: boolean;
}

function kind(name: string, phrase: string, image: boolean): Kind {
	return { name, phrase, image };
}

const EMPTY = kind('empty', 'empty', false);
const JPEG = kind('JPEG', 'a JPEG image', true);
const PNG = kind('PNG', 'a PNG image', true);
const BMP = kind('BMP', 'a BMP image', true);
const TIFF = kind('TIFF', 'a TIFF image', true);
const BIGTIFF = kind('BigTIFF', 'a BigTIFF image', true);
const GIF = kind('GIF', 'a GIF image', true);
const WEBP = kind('WebP', 'a WebP image', true);
const HEIC = kind('HEIC', 'a HEIC image (the iPhone photo format)', true);
const HEIF = kind('HEIF', 'a HEIF image', true);
const AVIF = kind('AVIF', 'an AVIF image', true);
const ICO = kind('ICO', 'an icon (ICO) file', true);
const SVG = kind('SVG', 'an SVG drawing', true);
const JPEG2000 = kind('JPEG 2000', 'a JPEG 2000 image', true);
const JPEGXL = kind('JPEG XL', 'a JPEG XL image', true);
const PSD = kind('PSD', 'a Photoshop (PSD) document', true);
const PDF = kind('PDF', 'a PDF document', false);
const MP4 = kind('MP4', 'a video (MP4 or QuickTime)', false);
const ZIP = kind('ZIP', 'a ZIP archive (or an Office document, which is one)', false);
const GZIP = kind('gzip', 'a gzip-compressed archive', false);
const RAR = kind('RAR', 'a RAR archive', false);
const SEVEN_ZIP = kind('7z', 'a 7-Zip archive', false);
const HTML = kind('HTML', 'an HTML web page', false);
const XML = kind('XML', 'an XML document', false);
const TEXT = kind('plain text', 'plain text', false);
const UNKNOWN = kind('unknown data', 'unknown data', false);

function hasBytes(bytes: Buffer, at: number, expected: readonly number[]): boolean {
	if (at + expected.length > bytes.length) return false;
	for (let i = 0; i < expected.length; i++) {
		if (bytes[at + i] !== expected[i]) return false;
	}
	return true;
}

function hasText(bytes: Buffer, at: number, expected: string): boolean {
	return at + expected.length <= bytes.length && bytes.toString('latin1', at, at + expected.length) === expected;
}

// PNG spec (W3C, 3rd ed.) §5.2: the eight-byte signature.
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// ISO/IEC 15444-1 Annex I.5.1 (JP2 signature box) and ISO/IEC 18181-2 §3 (JPEG XL container box).
const JP2_BOX = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const JXL_BOX = [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

// The DIB header sizes Windows and OS/2 writers use: CORE 12, OS/2 2.x 16 or 64, INFO 40,
// V2 52, V3 56, V4 108, V5 124. "BM" alone is too weak a signature: text can start with it.
const BMP_HEADER_SIZES = [12, 16, 40, 52, 56, 64, 108, 124];

function detect(bytes: Buffer): Kind {
	const length = bytes.length;
	if (length === 0) return EMPTY;
	// ITU-T T.81 B.1.1.2/B.2.1: SOI (FF D8) comes first and every marker starts with FF.
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && (length === 2 || bytes[2] === 0xff)) return JPEG;
	if (hasBytes(bytes, 0, PNG_SIGNATURE)) return PNG;
	if (hasText(bytes, 0, 'GIF87a') || hasText(bytes, 0, 'GIF89a')) return GIF;
	// TIFF 6.0 Section 2: byte order "II" or "MM", then 42 in that order; BigTIFF uses 43.
	if (hasBytes(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) || hasBytes(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a])) return TIFF;
	if (hasBytes(bytes, 0, [0x49, 0x49, 0x2b, 0x00]) || hasBytes(bytes, 0, [0x4d, 0x4d, 0x00, 0x2b])) return BIGTIFF;
	if (hasText(bytes, 0, 'BM') && (length < 18 || BMP_HEADER_SIZES.includes(bytes.readUInt32LE(14)))) return BMP;
	if (hasText(bytes, 0, 'RIFF') && hasText(bytes, 8, 'WEBP')) return WEBP;
	if (hasText(bytes, 0, '%PDF-')) return PDF;
	if (hasText(bytes, 4, 'ftyp')) return isoMedia(bytes);
	if (hasBytes(bytes, 0, JP2_BOX) || hasBytes(bytes, 0, [0xff, 0x4f, 0xff, 0x51])) return JPEG2000;
	if (hasBytes(bytes, 0, JXL_BOX) || hasBytes(bytes, 0, [0xff, 0x0a])) return JPEGXL;
	if (hasText(bytes, 0, '8BPS')) return PSD;
	// ICONDIR: reserved 0, type 1 (icon) or 2 (cursor), then a non-zero image count.
	if ((hasBytes(bytes, 0, [0, 0, 1, 0]) || hasBytes(bytes, 0, [0, 0, 2, 0])) && length >= 6 && bytes.readUInt16LE(4) > 0) {
		return ICO;
	}
	// PKWARE APPNOTE 4.3: local file header, end of central directory (empty archive), spanning mark.
	if (hasText(bytes, 0, 'PK\x03\x04') || hasText(bytes, 0, 'PK\x05\x06') || hasText(bytes, 0, 'PK\x07\x08')) return ZIP;
	if (hasBytes(bytes, 0, [0x1f, 0x8b])) return GZIP;
	if (hasText(bytes, 0, 'Rar!\x1a\x07')) return RAR;
	if (hasBytes(bytes, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return SEVEN_ZIP;
	const markup = detectMarkup(bytes);
	if (markup) return markup;
	if (isPlainText(bytes)) return TEXT;
	return UNKNOWN;
}

const AVIF_BRANDS = ['avif', 'avis'];
const HEIC_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs'];
const HEIF_BRANDS = ['mif1', 'msf1', 'mif2', 'heif'];

/**
 * ISO/IEC 14496-12 §4.3: a file starting with an "ftyp" box names a major brand and compatible
 * brands. HEIF (ISO/IEC 23008-12 Annex B) and AVIF (AV1 Image File Format §9) are told apart by
 * them; any other brand is an MP4/QuickTime/3GP movie.
 */
function isoMedia(bytes: Buffer): Kind {
	// A box size of 0 means "to the end of the file" (§4.2).
	const declared = bytes.readUInt32BE(0);
	const boxEnd = Math.min(declared === 0 ? bytes.length : declared, bytes.length, 256);
	const brands: string[] = [];
	if (boxEnd >= 12) brands.push(bytes.toString('latin1', 8, 12));
	for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(bytes.toString('latin1', at, at + 4));
	// The major brand decides when it is specific; mif1 files say which codec among the rest.
	const major = brands[0] ?? '';
	if (AVIF_BRANDS.includes(major)) return AVIF;
	if (HEIC_BRANDS.includes(major)) return HEIC;
	if (brands.some((brand) => AVIF_BRANDS.includes(brand))) return AVIF;
	if (brands.some((brand) => HEIC_BRANDS.includes(brand))) return HEIC;
	if (brands.some((brand) => HEIF_BRANDS.includes(brand))) return HEIF;
	return MP4;
}

function detectMarkup(bytes: Buffer): Kind | undefined {
	let text = bytes.toString('latin1', 0, Math.min(bytes.length, 4096)).toLowerCase();
	// A UTF-8 byte order mark, as Latin-1 characters.
	if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
	text = text.trimStart();
	if (!text.startsWith('<')) return undefined;
	if (text.startsWith('<!doctype html') || text.startsWith('<html')) return HTML;
	if (text.startsWith('<!doctype svg') || /<svg[\s>]/.test(text)) return SVG;
	if (/<(html|head|body)[\s>]/.test(text)) return HTML;
	if (text.startsWith('<?xml')) return XML;
	return undefined;
}

/**
 * True when the first 4 KiB are well-formed UTF-8 (RFC 3629 §4: no overlong forms, no
 * surrogates, nothing above U+10FFFF) without control characters other than tab, line feed, form
 * feed and carriage return.
 */
function isPlainText(bytes: Buffer): boolean {
	const sample = Math.min(bytes.length, 4096);
	let i = 0;
	while (i < sample) {
		const lead = bytes[i];
		if (lead < 0x80) {
			if ((lead < 0x20 && lead !== 0x09 && lead !== 0x0a && lead !== 0x0c && lead !== 0x0d) || lead === 0x7f) return false;
			i++;
			continue;
		}
		let size: number;
		let low = 0x80;
		let high = 0xbf;
		if (lead >= 0xc2 && lead <= 0xdf) size = 2;
		else if (lead >= 0xe0 && lead <= 0xef) {
			size = 3;
			if (lead === 0xe0) low = 0xa0;
			if (lead === 0xed) high = 0x9f;
		} else if (lead >= 0xf0 && lead <= 0xf4) {
			size = 4;
			if (lead === 0xf0) low = 0x90;
			if (lead === 0xf4) high = 0x8f;
		} else return false;
		// A character may straddle the sample's end; it is read whole from the rest of the file.
		if (i + size > bytes.length) return false;
		if (bytes[i + 1] < low || bytes[i + 1] > high) return false;
		for (let k = 2; k < size; k++) {
			if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return false;
		}
		i += size;
	}
	return true;
}

/** Names what the bytes are, from their content only (never the mime type or file name). */
export function describeFormat(bytes: Buffer): string {
	return detect(bytes).name;
}

type Result = ImageInfo | { problem: string };

function cutBeforeSize(format: string): { problem: string } {
	return { problem: `The ${format} file is cut off or damaged: its header ends before the image size.` };
}

function cutAfterSize(format: string): { problem: string } {
	return { problem: `The ${format} file is cut off or damaged: it ends before the end of its image data.` };
}

function damaged(format: string, why: string): { problem: string } {
	return { problem: `The ${format} file is damaged: ${why}.` };
}

const ZERO_SIZE = 'it states a width or height of 0 pixels';

function notAccepted(found: Kind): { problem: string } {
	if (found === BIGTIFF) {
		return {
			problem: `The file is a BigTIFF image; BigTIFF is not supported. ${ACCEPTED} Save it as a regular TIFF, or as JPEG or PNG.`,
		};
	}
	if (found === UNKNOWN) {
		return { problem: `The file is not a recognised image: its content matches no known format. ${ACCEPTED}` };
	}
	if (found.image) {
		return { problem: `The file is ${found.phrase}, a format bank card OCR cannot read. ${ACCEPTED} Convert it to one of these first.` };
	}
	const hint = found === HTML ? ' A web page often arrives instead of the picture when a download link needs a login or has expired.' : '';
	return { problem: `The file is ${found.phrase}, not an image. ${ACCEPTED}${hint}` };
}

/**
 * ITU-T T.81 Table B.1: C0..CF are start-of-frame markers except C4 (DHT), C8 (JPG, reserved) and
 * CC (DAC), whichever coding process (baseline, progressive, lossless, arithmetic) they announce.
 */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

const EOI = Buffer.from([0xff, 0xd9]);

function readJpeg(bytes: Buffer): Result {
	const length = bytes.length;
	let size: { width: number; height: number } | undefined;
	let pos = 2;
	// Every pass advances pos by at least one byte, so the walk ends within bytes.length passes.
	while (pos < length) {
		if (bytes[pos] !== 0xff) {
			// libjpeg's next_marker() skips stray bytes between segments with only a warning, and
			// Huawei decodes such files, so they are skipped here too rather than refused.
			pos++;
			continue;
		}
		// T.81 B.1.1.2: any marker may be preceded by any number of FF fill bytes.
		while (pos < length && bytes[pos] === 0xff) pos++;
		if (pos >= length) break;
		const marker = bytes[pos];
		pos++;
		// FF 00 is a stuffed byte (B.1.1.5), not a marker; outside a scan it is just a stray byte.
		if (marker === 0x00) continue;
		// T.81 B.1.1.4 and Table B.1: TEM (01) and RST0..7 (D0..D7) stand alone, with no length.
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
		if (marker === 0xd8) return damaged('JPEG', 'it contains a second start-of-image marker');
		if (marker === 0xd9) {
			return size ? damaged('JPEG', 'it ends before any image data') : damaged('JPEG', 'it has no image size in its header');
		}
		if (pos + 2 > length) return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
		// B.1.1.4: the two length bytes count themselves, so less than 2 cannot be.
		const segmentLength = bytes.readUInt16BE(pos);
		if (segmentLength < 2) return damaged('JPEG', 'a header section has an impossible length');
		const segmentEnd = pos + segmentLength;
		if (segmentEnd > length) return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
		if (!size && isStartOfFrame(marker)) {
			// B.2.2: Lf, P, Y, X, Nf, then three bytes per component, so Lf = 8 + 3 * Nf.
			const components = segmentLength >= 8 ? bytes[pos + 7] : 0;
			if (components === 0 || segmentLength !== 8 + 3 * components) {
				return damaged('JPEG', 'its image size section is malformed');
			}
			size = { height: bytes.readUInt16BE(pos + 3), width: bytes.readUInt16BE(pos + 5) };
			// A height of 0 defers to a DNL marker after the first scan (B.2.5), which decoders
			// in practice do not support.
			if (size.width === 0 || size.height === 0) return damaged('JPEG', ZERO_SIZE);
		}
		if (marker === 0xda) {
			if (!size) return damaged('JPEG', 'its image data starts before its image size');
			// Entropy-coded data cannot contain FF D9: an FF data byte is followed by 00 (B.1.1.5)
			// and only RST markers may interrupt it, so the first FF D9 after SOS is the EOI.
			// Without it the file was cut off somewhere in the pixels.
			if (bytes.indexOf(EOI, segmentEnd) === -1) return cutAfterSize('JPEG');
			return { format: 'jpeg', width: size.width, height: size.height };
		}
		pos = segmentEnd;
	}
	return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
}

let crcTable: number[] | undefined;

/** The CRC-32 of PNG spec Annex D (ISO 3309 polynomial, reflected). */
function crc32(bytes: Buffer, start: number, end: number): number {
	if (!crcTable) {
		crcTable = [];
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable.push(c >>> 0);
		}
	}
	let crc = 0xffffffff;
	for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

// PNG spec §11.2.1 Table 11.1: the bit depths each colour type allows.
const PNG_DEPTHS: Record<number, number[]> = {
	0: [1, 2, 4, 8, 16],
	2: [8, 16],
	3: [1, 2, 4, 8],
	4: [8, 16],
	6: [8, 16],
};

const PNG_MAX = 0x7fffffff;

function readPng(bytes: Buffer): Result {
	const length = bytes.length;
	// §5.3, §11.2.1: the signature, then IHDR: length (13), type, 13 data bytes, CRC = 33 bytes.
	if (length < 33) return cutBeforeSize('PNG');
	if (bytes.readUInt32BE(8) !== 13 || !hasText(bytes, 12, 'IHDR')) {
		return damaged('PNG', 'it does not start with an image header');
	}
	// The CRC covers the chunk type and data (§5.3). Decoders refuse a critical chunk that fails it.
	if (crc32(bytes, 12, 29) !== bytes.readUInt32BE(29)) return damaged('PNG', 'its image header fails its checksum');
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	if (width === 0 || height === 0) return damaged('PNG', ZERO_SIZE);
	// §5.3: four-byte numbers are limited to 2^31 - 1.
	if (width > PNG_MAX || height > PNG_MAX) return damaged('PNG', 'it states an impossible image size');
	if (!(PNG_DEPTHS[bytes[25]] ?? []).includes(bytes[24])) return damaged('PNG', 'its colour settings are invalid');
	// Walk the chunks to IEND (§5.6) so a file cut off inside its pixels is caught. Each pass
	// advances by at least 12 bytes and stops at the end of the buffer.
	let pos = 33;
	let sawData = false;
	while (pos + 12 <= length) {
		const chunkLength = bytes.readUInt32BE(pos);
		if (chunkLength > PNG_MAX) return damaged('PNG', 'a data section has an impossible length');
		const chunkEnd = pos + 12 + chunkLength;
		if (chunkEnd > length) break;
		const type = bytes.toString('latin1', pos + 4, pos + 8);
		if (type === 'IDAT') sawData = true;
		if (type === 'IEND') {
			return sawData ? { format: 'png', width, height } : damaged('PNG', 'it has no image data');
		}
		pos = chunkEnd;
	}
	return cutAfterSize('PNG');
}

// Microsoft BITMAPINFOHEADER biCompression: BI_RGB 0, BI_BITFIELDS 3, BI_ALPHABITFIELDS 6 and
// BI_CMYK 11 store rows uncompressed; BI_RLE8 1, BI_RLE4 2, BI_JPEG 4, BI_PNG 5 and the CMYK RLE
// variants 12, 13 store biSizeImage bytes.
const BMP_UNCOMPRESSED = [0, 3, 6, 11];
const BMP_COMPRESSED = [1, 2, 4, 5, 12, 13];
const BMP_DEPTHS = [1, 2, 4, 8, 16, 24, 32, 64];

function readBmp(bytes: Buffer): Result {
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

// TIFF 6.0 Section 2, "Types": bytes per value of field types 1..12 (13, IFD, from the PageMaker
// technical notes). Other types are skipped, as Section 2 tells readers to.
const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const TIFF_SHORT = 3;
const TIFF_LONG = 4;

interface TiffField {
	type: number;
	count: number;
	/** Where the values are: inside the entry when they fit in four bytes, else at its offset. */
	at: number;
}

function readTiff(bytes: Buffer): Result {
	const length = bytes.length;
	const little = bytes[0] === 0x49;
	const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
	const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
	if (length < 8) return cutBeforeSize('TIFF');
	const ifd = u32(4);
	if (ifd < 8) return damaged('TIFF', 'its image directory is at an impossible position');
	if (ifd + 2 > length) return cutBeforeSize('TIFF');
	const entries = u16(ifd);
	if (entries === 0) return damaged('TIFF', 'its image directory is empty');
	// Entries are 12 bytes, followed by the 4-byte offset of the next directory: the count is
	// trusted only as far as the buffer holds that many.
	if (ifd + 2 + 12 * entries + 4 > length) return cutBeforeSize('TIFF');
	const fields = new Map<number, TiffField>();
	let outside = false;
	for (let i = 0; i < entries; i++) {
		const entry = ifd + 2 + 12 * i;
		const tag = u16(entry);
		const type = u16(entry + 2);
		const count = u32(entry + 4);
		const unit = TIFF_TYPE_SIZES[type];
		if (!unit || fields.has(tag)) continue;
		const total = unit * count;
		const at = total <= 4 ? entry + 8 : u32(entry + 8);
		if (at + total > length) outside = true;
		else fields.set(tag, { type, count, at });
	}
	// A SHORT or LONG value (Section 2): only the first is used. Values inside the entry are
	// left-justified, so the first one starts at the entry's value field in either byte order.
	const value = (field: TiffField, index: number) =>
		field.type === TIFF_SHORT ? u16(field.at + 2 * index) : u32(field.at + 4 * index);
	const isNumber = (field: TiffField | undefined): field is TiffField =>
		field !== undefined && field.count > 0 && (field.type === TIFF_SHORT || field.type === TIFF_LONG);
	const widthField = fields.get(256);
	const heightField = fields.get(257);
	if (!isNumber(widthField) || !isNumber(heightField)) {
		return outside ? cutBeforeSize('TIFF') : damaged('TIFF', 'its header does not state the image size');
	}
	const width = value(widthField, 0);
	const height = value(heightField, 0);
	if (width === 0 || height === 0) return damaged('TIFF', ZERO_SIZE);
	if (outside) return cutAfterSize('TIFF');
	// Section 3 (StripOffsets 273, StripByteCounts 279) and Section 15 (TileOffsets 324,
	// TileByteCounts 325): every block of pixels must lie inside the file.
	const offsets = fields.get(273) ?? fields.get(324);
	const counts = fields.get(279) ?? fields.get(325);
	if (!isNumber(offsets)) return damaged('TIFF', 'it has no image data');
	if (counts !== undefined && (!isNumber(counts) || counts.count !== offsets.count)) {
		return damaged('TIFF', 'its image data table is inconsistent');
	}
	// offsets.count values were checked to lie inside the buffer, so this loop is bounded by it.
	for (let i = 0; i < offsets.count; i++) {
		const start = value(offsets, i);
		const end = counts ? start + value(counts, i) : start + 1;
		if (end > length) return cutAfterSize('TIFF');
	}
	return { format: 'tiff', width, height };
}

/**
 * Parses the header. Returns the format and size, or a sentence in plain words saying what the
 * file is and what is accepted, or that it is cut off or damaged. Never throws.
 */
export function readImageInfo(bytes: Buffer): ImageInfo | { problem: string } {
	if (bytes.length === 0) return { problem: 'The file is empty (0 bytes).' };
	const found = detect(bytes);
	try {
		if (found === JPEG) return readJpeg(bytes);
		if (found === PNG) return readPng(bytes);
		if (found === BMP) return readBmp(bytes);
		if (found === TIFF) return readTiff(bytes);
	} catch {
		// Unreachable when the bounds checks above are right (the tests feed mutated files to
		// prove it); kept so a mistake yields a sentence rather than a crash of the item.
		return damaged(found.name, 'its header could not be read');
	}
	return notAccepted(found);
}

/** 4 * ceil(n / 3): the length of the padded base64 text of n bytes (RFC 4648 §4). */
export function base64Length(byteLength: number): number {
	return 4 * Math.ceil(byteLength / 3);
}

function megabytes(count: number): string {
	const text = (count / MB).toFixed(1);
	return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * Combines the format, dimension and size checks: returns the image's format and size when Huawei
 * should accept it, or a sentence giving the actual dimensions or size and the limit.
 */
export function checkImage(bytes: Buffer): { info: ImageInfo } | { problem: string } {
	const read = readImageInfo(bytes);
	if ('problem' in read) return read;
	const { width, height } = read;
	const fits = (side: number) => side >= MIN_SIDE && side <= MAX_SIDE;
	if (!fits(width) || !fits(height)) {
		return {
			problem: `The image is ${width} x ${height} pixels; each side must be between ${MIN_SIDE} and ${MAX_SIDE} pixels.`,
		};
	}
	const encoded = base64Length(bytes.length);
	if (encoded > MAX_BASE64_LENGTH) {
		const limit = megabytes(MAX_BASE64_LENGTH);
		// Rounded to one decimal, 10.04 MB would read "10.0 MB", which seems within "at most 10 MB".
		const shown = (encoded / MB).toFixed(1);
		const encodedText = Number(shown) > MAX_BASE64_LENGTH / MB ? `${shown} MB` : `just over ${limit} MB`;
		return {
			problem:
				`The image is ${(bytes.length / MB).toFixed(1)} MB (${encodedText} once encoded for upload); ` +
				`Huawei accepts at most ${limit} MB encoded, about ${megabytes((MAX_BASE64_LENGTH * 3) / 4)} MB of file. ` +
				'Compress or resize it.',
		};
	}
	return { info: read };
}
