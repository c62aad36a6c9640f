/**
 * Names what a file is from its first bytes (never its mime type or file name): a picture format
 * Huawei takes, one it does not, or something that is no picture at all. Only signatures are
 * read, each behind a bounds check, so any input gives an answer and none throws.
 */
import { hasBytes, hasText } from './bytes';

export interface Kind {
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

export const EMPTY = kind('empty', 'empty', false);
export const JPEG = kind('JPEG', 'a JPEG image', true);
export const PNG = kind('PNG', 'a PNG image', true);
export const BMP = kind('BMP', 'a BMP image', true);
export const TIFF = kind('TIFF', 'a TIFF image', true);
export const BIGTIFF = kind('BigTIFF', 'a BigTIFF image', true);
export const GIF = kind('GIF', 'a GIF image', true);
export const WEBP = kind('WebP', 'a WebP image', true);
export const HEIC = kind('HEIC', 'a HEIC image (the iPhone photo format)', true);
export const HEIF = kind('HEIF', 'a HEIF image', true);
export const AVIF = kind('AVIF', 'an AVIF image', true);
export const ICO = kind('ICO', 'an icon (ICO) file', true);
export const SVG = kind('SVG', 'an SVG drawing', true);
export const JPEG2000 = kind('JPEG 2000', 'a JPEG 2000 image', true);
export const JPEGXL = kind('JPEG XL', 'a JPEG XL image', true);
export const PSD = kind('PSD', 'a Photoshop (PSD) document', true);
export const PDF = kind('PDF', 'a PDF document', false);
export const MP4 = kind('MP4', 'a video (MP4 or QuickTime)', false);
export const ZIP = kind('ZIP', 'a ZIP archive (or an Office document, which is one)', false);
export const GZIP = kind('gzip', 'a gzip-compressed archive', false);
export const RAR = kind('RAR', 'a RAR archive', false);
export const SEVEN_ZIP = kind('7z', 'a 7-Zip archive', false);
export const HTML = kind('HTML', 'an HTML web page', false);
export const XML = kind('XML', 'an XML document', false);
export const TEXT = kind('plain text', 'plain text', false);
export const UNKNOWN = kind('unknown data', 'unknown data', false);

// PNG spec (W3C, 3rd ed.) §5.2: the eight-byte signature.
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// ISO/IEC 15444-1 Annex I.5.1 (JP2 signature box) and ISO/IEC 18181-2 §3 (JPEG XL container box).
const JP2_BOX = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const JXL_BOX = [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

// The DIB header sizes Windows and OS/2 writers use: CORE 12, OS/2 2.x 16 or 64, INFO 40,
// V2 52, V3 56, V4 108, V5 124. "BM" alone is too weak a signature: text can start with it.
const BMP_HEADER_SIZES = [12, 16, 40, 52, 56, 64, 108, 124];

/**
 * "BM", then a known DIB header size or, as ImageMagick reads (bmpsuite's b/badheadersize.bmp,
 * 66 bytes), any size up to 256 whose biPlanes field is 1 as the format requires.
 */
function isBmp(bytes: Buffer): boolean {
	if (!hasText(bytes, 0, 'BM')) return false;
	if (bytes.length < 18) return true;
	const headerSize = bytes.readUInt32LE(14);
	if (BMP_HEADER_SIZES.includes(headerSize)) return true;
	return headerSize > 16 && headerSize <= 256 && bytes.length >= 28 && bytes.readUInt16LE(26) === 1;
}

export function detectKind(bytes: Buffer): Kind {
	const length = bytes.length;
	if (length === 0) return EMPTY;
	// ITU-T T.81 B.1.1.2/B.2.1: SOI (FF D8) comes first. Stray bytes may follow it before the
	// first marker: libjpeg skips them with a warning, and so does readJpeg, so SOI alone decides.
	if (bytes[0] === 0xff && bytes[1] === 0xd8) return JPEG;
	if (hasBytes(bytes, 0, PNG_SIGNATURE)) return PNG;
	if (hasText(bytes, 0, 'GIF87a') || hasText(bytes, 0, 'GIF89a')) return GIF;
	// TIFF 6.0 Section 2: byte order "II" or "MM", then 42 in that order; BigTIFF uses 43.
	if (hasBytes(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) || hasBytes(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a])) return TIFF;
	if (hasBytes(bytes, 0, [0x49, 0x49, 0x2b, 0x00]) || hasBytes(bytes, 0, [0x4d, 0x4d, 0x00, 0x2b])) return BIGTIFF;
	if (isBmp(bytes)) return BMP;
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
	return detectKind(bytes).name;
}
