import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { crc32, gzipSync } from 'zlib';

import { BANKCARD_IMAGE_LIMITS } from '../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import {
	base64Length,
	checkImage as checkImageWith,
	readImageInfo as readImageInfoWith,
	type ImageFormat,
	type ImageInfo,
} from '../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { describeFormat } from '../../../../../nodes/HuaweiOcr/shared/input/imageFormat';
import { describeWith, IMAGEMAGICK } from '../../../../helpers/debianTools';
import {
	corrupt,
	makeAvif,
	makeBigTiff,
	makeBmp,
	makeGif,
	makeHeic,
	makeIco,
	makeIsoMedia,
	makeJpeg,
	makePdf,
	makePng,
	makeTiff,
	makeWebp,
	makeZip,
	pngChunk,
	splice,
	truncate,
} from '../../../../helpers/images';
import { mulberry32 as prng } from '../../../../helpers/random';

// Bank card OCR's limits: the ones the node passes to the shared checker.
const { minSide: MIN_SIDE, maxSide: MAX_SIDE, maxBase64Length: MAX_BASE64_LENGTH } = BANKCARD_IMAGE_LIMITS;
const checkImage = (bytes: Buffer) => checkImageWith(bytes, BANKCARD_IMAGE_LIMITS);
const readImageInfo = (bytes: Buffer) => readImageInfoWith(bytes, BANKCARD_IMAGE_LIMITS);

const ACCEPTED = 'Bank card OCR accepts JPEG, PNG, BMP or TIFF images.';
const MB = 1024 * 1024;

function problemOf(result: ImageInfo | { problem: string } | { info: ImageInfo }): string | undefined {
	return 'problem' in result ? result.problem : undefined;
}

/** Overwrites IHDR bytes of a PNG and recomputes the chunk's CRC, so only the field is wrong. */
function patchIhdr(png: Buffer, fieldOffset: number, bytes: number[]): Buffer {
	const copy = Buffer.from(png);
	Buffer.from(bytes).copy(copy, 16 + fieldOffset);
	copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
	return copy;
}

type Maker = (width: number, height: number) => Buffer;

// Compact encodings, so 8192 x 8192 stays a few megabytes.
const compact: Array<[string, ImageFormat, Maker]> = [
	['PNG 1-bit grey', 'png', (w, h) => makePng(w, h, { bitDepth: 1 })],
	['JPEG baseline', 'jpeg', (w, h) => makeJpeg(w, h)],
	['JPEG progressive', 'jpeg', (w, h) => makeJpeg(w, h, { progressive: true })],
	['BMP 1-bit', 'bmp', (w, h) => makeBmp(w, h, { bitsPerPixel: 1 })],
	['TIFF 1-bit LE LONG', 'tiff', (w, h) => makeTiff(w, h, { bitsPerSample: 1, longTags: true })],
	['TIFF 1-bit BE SHORT', 'tiff', (w, h) => makeTiff(w, h, { bitsPerSample: 1, bigEndian: true })],
];

// Everyday encodings, at sizes where the file stays small.
const everyday: Array<[string, ImageFormat, Maker]> = [
	['PNG 8-bit grey', 'png', (w, h) => makePng(w, h)],
	['PNG RGB', 'png', (w, h) => makePng(w, h, { colour: 'rgb' })],
	['BMP 24-bit', 'bmp', (w, h) => makeBmp(w, h)],
	['TIFF 8-bit LE SHORT', 'tiff', (w, h) => makeTiff(w, h)],
	['TIFF 8-bit BE LONG', 'tiff', (w, h) => makeTiff(w, h, { bigEndian: true, longTags: true })],
];

const SIZES: Array<[number, number]> = [
	[15, 15],
	[8192, 8192],
	[14, 100],
	[100, 14],
	[8193, 10],
	[10, 8193],
	[1, 1],
	[640, 401],
];

const SMALL_SIZES: Array<[number, number]> = [
	[15, 15],
	[14, 100],
	[8193, 10],
	[10, 8193],
	[8192, 15],
	[17, 23],
];

describe('readImageInfo on valid files', () => {
	const cases = [
		...compact.flatMap(([name, format, make]) => SIZES.map(([w, h]) => [name, w, h, format, make] as const)),
		...everyday.flatMap(([name, format, make]) => SMALL_SIZES.map(([w, h]) => [name, w, h, format, make] as const)),
	];
	it.each(cases)('%s %i x %i', (_name, width, height, format, make) => {
		expect(readImageInfo(make(width, height))).toEqual({ format, width, height });
	});

	it('reads BMP variants: top-down rows, the 12-byte core header, V4 and V5 headers', () => {
		expect(readImageInfo(makeBmp(33, 20, { topDown: true }))).toEqual({ format: 'bmp', width: 33, height: 20 });
		expect(readImageInfo(makeBmp(33, 20, { topDown: true, bitsPerPixel: 1 }))).toEqual({ format: 'bmp', width: 33, height: 20 });
		expect(readImageInfo(makeBmp(300, 17, { coreHeader: true }))).toEqual({ format: 'bmp', width: 300, height: 17 });
		expect(readImageInfo(makeBmp(300, 17, { coreHeader: true, bitsPerPixel: 1 }))).toEqual({ format: 'bmp', width: 300, height: 17 });
		expect(readImageInfo(makeBmp(40, 30, { infoHeaderSize: 108 }))).toEqual({ format: 'bmp', width: 40, height: 30 });
		expect(readImageInfo(makeBmp(40, 30, { infoHeaderSize: 124, topDown: true }))).toEqual({ format: 'bmp', width: 40, height: 30 });
		// The helper writes what the test claims: a negative biHeight, and a 12-byte header.
		expect(makeBmp(33, 20, { topDown: true }).readInt32LE(22)).toBe(-20);
		expect(makeBmp(300, 17, { coreHeader: true }).readUInt32LE(14)).toBe(12);
	});

	it('reads TIFF in both byte orders, with SHORT and LONG size tags, in one or many strips', () => {
		for (const bigEndian of [false, true]) {
			for (const longTags of [false, true]) {
				for (const rowsPerStrip of [undefined, 1, 7]) {
					const tiff = makeTiff(70, 45, { bigEndian, longTags, rowsPerStrip });
					expect(tiff.toString('latin1', 0, 2)).toBe(bigEndian ? 'MM' : 'II');
					expect(readImageInfo(tiff)).toEqual({ format: 'tiff', width: 70, height: 45 });
				}
			}
		}
	});

	it('reads TIFF sizes above 65535 from LONG tags', () => {
		// Width 70000 as a LONG: a SHORT reader would see 70000 & 0xffff = 4464.
		const tiff = makeTiff(70000, 1, { longTags: true, bitsPerSample: 1 });
		expect(readImageInfo(tiff)).toEqual({ format: 'tiff', width: 70000, height: 1 });
	});

	it('reads progressive JPEG (SOF2), fill bytes, TEM markers and stray bytes between segments', () => {
		const progressive = makeJpeg(123, 45, { progressive: true });
		expect(progressive.includes(Buffer.from([0xff, 0xc2]))).toBe(true);
		expect(readImageInfo(progressive)).toEqual({ format: 'jpeg', width: 123, height: 45 });
		const filled = makeJpeg(123, 45, { fillBytes: true, progressive: true });
		expect(filled.includes(Buffer.from([0xff, 0xff, 0xff, 0xc2]))).toBe(true);
		expect(readImageInfo(filled)).toEqual({ format: 'jpeg', width: 123, height: 45 });
		expect(readImageInfo(makeJpeg(123, 45, { temMarker: true, fillBytes: true }))).toEqual({ format: 'jpeg', width: 123, height: 45 });
		expect(readImageInfo(makeJpeg(123, 45, { strayBytes: Buffer.from([1, 2, 3, 0, 0xd9]) }))).toEqual({
			format: 'jpeg',
			width: 123,
			height: 45,
		});
	});

	it('takes the size from the main image, not from an Exif thumbnail inside APP1', () => {
		const jpeg = makeJpeg(1600, 1000, { thumbnail: { width: 160, height: 100 } });
		expect(readImageInfo(jpeg)).toEqual({ format: 'jpeg', width: 1600, height: 1000 });
	});

	it('reads the size from every start-of-frame marker libjpeg decodes, and not from DHT, JPG or DAC', () => {
		const jpeg = makeJpeg(77, 66);
		const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0])) + 1;
		const lossless = 'The JPEG file uses lossless JPEG compression, a kind of JPEG that common image programs cannot open. Save it again as a regular JPEG or as PNG.';
		const hierarchical = lossless.replace('lossless', 'hierarchical');
		for (let marker = 0xc0; marker <= 0xcf; marker++) {
			const result = readImageInfo(corrupt(jpeg, sof, marker));
			if (marker === 0xc4) {
				// The frame's bytes read as a Huffman table do not make one.
				expect(problemOf(result)).toMatch(/^The JPEG file is damaged: a Huffman table section is malformed\. /);
			} else if (marker === 0xc8 || marker === 0xcc) {
				expect(problemOf(result)).toBe('The JPEG file is damaged: its image data starts before its image size.');
			} else if (marker === 0xc3 || marker === 0xcb) {
				expect(problemOf(result)).toBe(lossless);
			} else if ([0xc5, 0xc6, 0xc7, 0xcd, 0xce, 0xcf].includes(marker)) {
				expect(problemOf(result)).toBe(hierarchical);
			} else if (marker === 0xc2 || marker === 0xca) {
				// A progressive frame whose one scan has a sequential scan's Ss 0, Se 63.
				expect(problemOf(result)).toMatch(/^The JPEG file is damaged: a progressive scan has settings out of range\. /);
			} else {
				expect(result).toEqual({ format: 'jpeg', width: 77, height: 66 });
			}
		}
	});
});

describe('checkImage', () => {
	const accepts = (bytes: Buffer, format: ImageFormat, width: number, height: number) =>
		expect(checkImage(bytes)).toEqual({ info: { format, width, height } });

	it.each([...compact, ...everyday])('%s: accepts sides of 15 and 8192', (_name, format, make) => {
		accepts(make(MIN_SIDE, MIN_SIDE), format, 15, 15);
		accepts(make(MAX_SIDE, MIN_SIDE), format, 8192, 15);
		accepts(make(MIN_SIDE, MAX_SIDE), format, 15, 8192);
	});

	it.each([...compact, ...everyday])('%s: refuses sides of 14 and 8193, giving the size', (_name, _format, make) => {
		for (const [w, h] of [
			[14, 100],
			[100, 14],
			[8193, 10],
			[10, 8193],
			[14, 8193],
		]) {
			expect(problemOf(checkImage(make(w, h)))).toBe(`The image is ${w} x ${h} pixels; each side must be between 15 and 8192 pixels.`);
		}
	});

	it('accepts 8192 x 8192 when the file is small enough', () => {
		accepts(makePng(8192, 8192, { bitDepth: 1 }), 'png', 8192, 8192);
		accepts(makeJpeg(8192, 8192), 'jpeg', 8192, 8192);
	});

	it('passes on the format problem', () => {
		expect(problemOf(checkImage(makePdf()))).toBe(`The file is a PDF document, not an image. ${ACCEPTED}`);
		expect(problemOf(checkImage(Buffer.alloc(0)))).toBe('The file is empty (0 bytes).');
	});

	it('accepts a file whose base64 is exactly 10 MB and refuses one byte more, with the sizes', () => {
		const limitBytes = (MAX_BASE64_LENGTH * 3) / 4;
		const base = makePng(100, 100, { extraBytes: 0 }).length;
		const atLimit = makePng(100, 100, { extraBytes: limitBytes - base });
		expect(atLimit.length).toBe(limitBytes);
		expect(base64Length(atLimit.length)).toBe(MAX_BASE64_LENGTH);
		accepts(atLimit, 'png', 100, 100);
		const over = makePng(100, 100, { extraBytes: limitBytes - base + 1 });
		expect(problemOf(checkImage(over))).toBe(
			'The image is 7.5 MB (just over 10 MB once encoded for upload); Huawei accepts at most 10 MB encoded, about 7.5 MB of file. Compress or resize it.',
		);
	});

	it('states the file size and the encoded size in MB with one decimal', () => {
		const bytes = Math.round(9.8 * MB);
		const png = makePng(100, 100, { extraBytes: bytes - makePng(100, 100, { extraBytes: 0 }).length });
		expect(png.length).toBe(bytes);
		expect(problemOf(checkImage(png))).toBe(
			'The image is 9.8 MB (13.1 MB once encoded for upload); Huawei accepts at most 10 MB encoded, about 7.5 MB of file. Compress or resize it.',
		);
		// An 8192 x 8192 1-bit BMP is 8 MB: within the pixel limits, over the upload limit.
		const bmp = makeBmp(8192, 8192, { bitsPerPixel: 1 });
		expect(readImageInfo(bmp)).toEqual({ format: 'bmp', width: 8192, height: 8192 });
		expect(problemOf(checkImage(bmp))).toMatch(/^The image is 8\.0 MB \(10\.7 MB once encoded for upload\); Huawei accepts at most 10 MB/);
	});

	it('reports the pixel size before the file size when both are wrong', () => {
		const bmp = makeBmp(8193, 8200, { bitsPerPixel: 1 });
		expect(base64Length(bmp.length)).toBeGreaterThan(MAX_BASE64_LENGTH);
		expect(problemOf(checkImage(bmp))).toBe('The image is 8193 x 8200 pixels; each side must be between 15 and 8192 pixels.');
	});
});

describe('formats that are not accepted', () => {
	const jpegOfText = (text: string) => Buffer.from(text, 'utf8');
	const cases: Array<[string, Buffer, string, string | RegExp]> = [
		['GIF', makeGif(20, 20), 'GIF', `The file is a GIF image, a format bank card OCR cannot read. ${ACCEPTED} Convert it to one of these first.`],
		['GIF87a', Buffer.concat([Buffer.from('GIF87a'), makeGif(20, 20).subarray(6)]), 'GIF', /^The file is a GIF image/],
		['WebP', makeWebp(20, 20), 'WebP', /^The file is a WebP image, a format bank card OCR cannot read\./],
		['PDF', makePdf(), 'PDF', `The file is a PDF document, not an image. ${ACCEPTED}`],
		['HEIC', makeHeic(), 'HEIC', /^The file is a HEIC image \(the iPhone photo format\), a format/],
		['HEIC with major brand mif1', makeIsoMedia('mif1', ['mif1', 'heic']), 'HEIC', /HEIC/],
		['HEIF (mif1 only)', makeIsoMedia('mif1', ['mif1']), 'HEIF', /^The file is a HEIF image/],
		['AVIF', makeAvif(), 'AVIF', /^The file is an AVIF image/],
		['AVIF with major brand mif1', makeIsoMedia('mif1', ['mif1', 'miaf', 'avif']), 'AVIF', /AVIF/],
		['MP4 video', makeIsoMedia('isom', ['isom', 'iso2', 'mp41']), 'MP4', /^The file is a video \(MP4 or QuickTime\), not an image\./],
		['ICO', makeIco(), 'ICO', /^The file is an icon \(ICO\) file/],
		['SVG', jpegOfText('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'SVG', /^The file is an SVG drawing, a format/],
		['SVG with XML declaration', jpegOfText('\ufeff<?xml version="1.0"?>\n<!-- card -->\n<svg>\n</svg>'), 'SVG', /SVG/],
		['HTML', jpegOfText('<!DOCTYPE html><html><body>Login</body></html>'), 'HTML', /^The file is an HTML web page, not an image\. .* A web page often arrives/],
		['HTML without doctype', jpegOfText('  \n<head><title>403</title></head>'), 'HTML', /HTML/],
		['XML', jpegOfText('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'), 'XML', /^The file is an XML document, not an image\./],
		['ZIP', makeZip(), 'ZIP', /^The file is a ZIP archive/],
		['empty ZIP', Buffer.from('504b0506' + '00'.repeat(18), 'hex'), 'ZIP', /ZIP/],
		['gzip', gzipSync(makePng(20, 20)), 'gzip', /gzip/],
		['RAR', Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), 'RAR', /RAR/],
		['7z', Buffer.from('377abcaf271c0004', 'hex'), '7z', /7-Zip/],
		['JPEG 2000', Buffer.from('0000000c6a5020200d0a870a', 'hex'), 'JPEG 2000', /JPEG 2000 image/],
		['JPEG 2000 codestream', Buffer.from('ff4fff51002f0000', 'hex'), 'JPEG 2000', /JPEG 2000 image/],
		['JPEG XL', Buffer.from('ff0afa7f', 'hex'), 'JPEG XL', /JPEG XL image/],
		['PSD', Buffer.from('8BPS\x00\x01', 'latin1'), 'PSD', /Photoshop/],
		['BigTIFF little-endian', makeBigTiff(), 'BigTIFF', /BigTIFF is not supported/],
		['BigTIFF big-endian', makeBigTiff(true), 'BigTIFF', /^The file is a BigTIFF image; BigTIFF is not supported\./],
		['plain text', jpegOfText('Card number: 6222 0000 1111 2222\r\n\tValid thru 12/30\n'), 'plain text', `The file is plain text, not an image. ${ACCEPTED}`],
		['UTF-8 text', jpegOfText('Carte bancaire — numéro 中国银行 💳'), 'plain text', /plain text/],
		['text starting with BM', jpegOfText('BMW owner manual, page one and more'), 'plain text', /plain text/],
		['base64 text of a JPEG', jpegOfText(makeJpeg(20, 20).toString('base64')), 'plain text', /plain text/],
		['random bytes', Buffer.from('8f3a9c00ee1274b6d0', 'hex'), 'unknown data', `The file is not a recognised image: its content matches no known format. ${ACCEPTED}`],
		['zeros', Buffer.alloc(100), 'unknown data', /not a recognised image/],
		['overlong UTF-8', Buffer.from('6162c0af6364', 'hex'), 'unknown data', /not a recognised image/],
		['UTF-8 surrogate', Buffer.from('6162eda08063', 'hex'), 'unknown data', /not a recognised image/],
		['UTF-8 cut in a character', Buffer.from('6162e282', 'hex'), 'unknown data', /not a recognised image/],
		['control characters', Buffer.from('hello\x00world', 'latin1'), 'unknown data', /not a recognised image/],
	];

	it.each(cases)('names %s', (_name, bytes, name, message) => {
		expect(describeFormat(bytes)).toBe(name);
		const result = readImageInfo(bytes);
		if (typeof message === 'string') expect(problemOf(result)).toBe(message);
		else expect(problemOf(result)).toMatch(message);
		expect(problemOf(checkImage(bytes))).toBe(problemOf(result));
	});

	it('names the accepted formats too', () => {
		expect(describeFormat(makeJpeg(20, 20))).toBe('JPEG');
		expect(describeFormat(makePng(20, 20))).toBe('PNG');
		expect(describeFormat(makeBmp(20, 20))).toBe('BMP');
		expect(describeFormat(makeTiff(20, 20))).toBe('TIFF');
		expect(describeFormat(makeTiff(20, 20, { bigEndian: true }))).toBe('TIFF');
	});

	it('ignores what a name or mime type would claim: a PDF is a PDF whatever it is called', () => {
		// describeFormat only takes bytes; a PDF that starts like a JPEG's name does not matter.
		expect(describeFormat(Buffer.concat([makePdf(), Buffer.from('card.jpg image/jpeg')]))).toBe('PDF');
	});

	it('says an empty file is empty', () => {
		expect(readImageInfo(Buffer.alloc(0))).toEqual({ problem: 'The file is empty (0 bytes).' });
		expect(describeFormat(Buffer.alloc(0))).toBe('empty');
	});
});

describe('damaged files', () => {
	it('refuses a PNG whose header fails its checksum, or whose fields are impossible', () => {
		const png = makePng(40, 30);
		expect(problemOf(readImageInfo(corrupt(png, 19)))).toBe('The PNG file is damaged: its image header fails its checksum.');
		expect(problemOf(readImageInfo(patchIhdr(png, 0, [0, 0, 0, 0])))).toBe('The PNG file is damaged: it states a width or height of 0 pixels.');
		expect(problemOf(readImageInfo(patchIhdr(png, 4, [0x80, 0, 0, 1])))).toBe('The PNG file is damaged: it states an impossible image size.');
		expect(problemOf(readImageInfo(patchIhdr(png, 8, [16, 3])))).toBe('The PNG file is damaged: its colour settings are invalid.');
		expect(problemOf(readImageInfo(patchIhdr(png, 8, [8, 5])))).toBe('The PNG file is damaged: its colour settings are invalid.');
		expect(readImageInfo(patchIhdr(png, 8, [16, 6]))).toEqual({ format: 'png', width: 40, height: 30 });
	});

	it('refuses a PNG that does not start with IHDR, has no IDAT, or has an impossible chunk length', () => {
		const png = makePng(40, 30);
		const signature = png.subarray(0, 8);
		const ihdr = png.subarray(8, 33);
		const rest = png.subarray(33);
		const iend = pngChunk('IEND', Buffer.alloc(0));
		expect(problemOf(readImageInfo(Buffer.concat([signature, pngChunk('tEXt', Buffer.from('Title\0x')), ihdr, rest])))).toBe(
			'The PNG file is damaged: it does not start with an image header.',
		);
		expect(problemOf(readImageInfo(Buffer.concat([signature, ihdr, iend])))).toBe('The PNG file is damaged: it has no image data.');
		const huge = Buffer.concat([signature, ihdr, Buffer.from('ffffffff49444154', 'hex'), Buffer.alloc(20)]);
		expect(problemOf(readImageInfo(huge))).toBe('The PNG file is damaged: a data section has an impossible length.');
		// Chunks after IEND are not read: trailing junk after a complete PNG is harmless.
		expect(readImageInfo(Buffer.concat([png, Buffer.from('junk')]))).toEqual({ format: 'png', width: 40, height: 30 });
	});

	it('refuses JPEG segments that are too short, a second SOI, a zero height, and a malformed SOF', () => {
		const jpeg = makeJpeg(40, 30);
		// DQT's length field is at offset 22, after the 18 bytes of SOI and APP0.
		expect(jpeg.readUInt16BE(20)).toBe(0xffdb);
		expect(problemOf(readImageInfo(corrupt(jpeg, 23, 1)))).toBe('The JPEG file is damaged: a header section has an impossible length.');
		expect(problemOf(readImageInfo(corrupt(jpeg, 23, 0)))).toBe('The JPEG file is damaged: a header section has an impossible length.');
		expect(problemOf(readImageInfo(splice(jpeg, 2, Buffer.from([0xff, 0xd8]))))).toBe(
			'The JPEG file is damaged: it contains a second start-of-image marker.',
		);
		const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
		expect(problemOf(readImageInfo(corrupt(corrupt(jpeg, sof + 5, 0), sof + 6, 0)))).toBe(
			'The JPEG file is damaged: it states a width or height of 0 pixels.',
		);
		// Three components announced, one described.
		expect(problemOf(readImageInfo(corrupt(jpeg, sof + 9, 3)))).toBe('The JPEG file is damaged: its image size section is malformed.');
		expect(problemOf(readImageInfo(Buffer.from('ffd8ffd9', 'hex')))).toBe('The JPEG file is damaged: it has no image size in its header.');
		expect(problemOf(readImageInfo(Buffer.from('ffd8', 'hex')))).toBe(
			'The JPEG file is cut off or damaged: its header ends before the image size.',
		);
	});

	it('refuses BMP headers with a negative width, impossible depth, bad data offset or unknown compression', () => {
		const bmp = makeBmp(40, 30);
		const negativeWidth = Buffer.from(bmp);
		negativeWidth.writeInt32LE(-40, 18);
		expect(problemOf(readImageInfo(negativeWidth))).toBe('The BMP file is damaged: it states a negative width.');
		expect(problemOf(readImageInfo(corrupt(bmp, 28, 7)))).toBe('The BMP file is damaged: its colour depth (7 bits) is invalid.');
		expect(problemOf(readImageInfo(corrupt(bmp, 10, 20)))).toBe('The BMP file is damaged: its image data starts inside its header.');
		expect(problemOf(readImageInfo(corrupt(bmp, 30, 99)))).toBe('The BMP file is damaged: it uses an unknown compression.');
		const zeroHeight = Buffer.from(bmp);
		zeroHeight.writeInt32LE(0, 22);
		expect(problemOf(readImageInfo(zeroHeight))).toBe('The BMP file is damaged: it states a width or height of 0 pixels.');
	});

	it('refuses TIFF files without a size, with an empty or misplaced directory, or inconsistent strips', () => {
		const tiff = makeTiff(40, 30);
		// The first entry (ImageWidth, tag 256) starts at 10.
		expect(problemOf(readImageInfo(corrupt(tiff, 10, 0x99)))).toBe('The TIFF file is damaged: its header does not state the image size.');
		// ImageWidth as a RATIONAL: not a type the specification allows for it.
		expect(problemOf(readImageInfo(corrupt(tiff, 12, 5)))).toBe('The TIFF file is damaged: its header does not state the image size.');
		expect(problemOf(readImageInfo(corrupt(corrupt(tiff, 8, 0), 9, 0)))).toBe('The TIFF file is damaged: its image directory is empty.');
		expect(problemOf(readImageInfo(corrupt(tiff, 4, 2)))).toBe('The TIFF file is damaged: its image directory is at an impossible position.');
		expect(problemOf(readImageInfo(corrupt(tiff, 6, 1)))).toBe('The TIFF file is cut off or damaged: its header ends before the image size.');
		// An entry of an unknown field type is skipped, as TIFF 6.0 tells readers to.
		const unknownType = corrupt(tiff, 10 + 12 * 11 + 2, 0x40);
		expect(readImageInfo(unknownType)).toEqual({ format: 'tiff', width: 40, height: 30 });
	});

	it('handles hostile headers quickly', () => {
		const started = Date.now();
		const cases: Buffer[] = [
			Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(4 * MB, 0xff)]),
			Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4 * MB, 0x00)]),
			Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(4 * MB, Buffer.from('fffe0002', 'hex'))]),
			Buffer.concat([Buffer.from('49492a0008000000ffff', 'hex'), Buffer.alloc(1000)]),
			Buffer.concat([Buffer.from('4d4d002a7ffffff0', 'hex')]),
		];
		// A BMP claiming 2^31 - 1 by 2^31 rows of 32 bits: the size arithmetic must not wrap.
		const bmp = makeBmp(40, 30);
		bmp.writeInt32LE(0x7fffffff, 18);
		bmp.writeInt32LE(-0x80000000, 22);
		bmp.writeUInt16LE(32, 28);
		cases.push(bmp);
		// A TIFF whose single strip claims 4 GB.
		const tiff = makeTiff(40, 30);
		const byteCounts = 10 + 12 * 8;
		expect(tiff.readUInt16LE(byteCounts)).toBe(279);
		tiff.writeUInt32LE(0xffffffff, byteCounts + 8);
		cases.push(tiff);
		// A TIFF whose StripOffsets claims 2^32 - 1 values.
		const manyStrips = makeTiff(40, 30);
		manyStrips.writeUInt32LE(0xffffffff, 10 + 12 * 5 + 4);
		cases.push(manyStrips);
		for (const bytes of cases) {
			expect(problemOf(readImageInfo(bytes))).toEqual(expect.stringMatching(/cut off|damaged/));
		}
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

// Small samples of every variant, for the byte-by-byte and mutation runs.
const SAMPLES: Array<[string, string, Buffer, ImageInfo]> = [
	['PNG grey', 'PNG', makePng(17, 23), { format: 'png', width: 17, height: 23 }],
	['PNG RGB', 'PNG', makePng(15, 15, { colour: 'rgb' }), { format: 'png', width: 15, height: 15 }],
	['PNG 1-bit', 'PNG', makePng(19, 16, { bitDepth: 1 }), { format: 'png', width: 19, height: 16 }],
	['JPEG baseline', 'JPEG', makeJpeg(17, 23), { format: 'jpeg', width: 17, height: 23 }],
	['JPEG progressive', 'JPEG', makeJpeg(70, 30, { progressive: true }), { format: 'jpeg', width: 70, height: 30 }],
	['JPEG fill bytes + TEM', 'JPEG', makeJpeg(15, 15, { fillBytes: true, temMarker: true }), { format: 'jpeg', width: 15, height: 15 }],
	['JPEG with thumbnail', 'JPEG', makeJpeg(33, 44, { thumbnail: { width: 16, height: 16 } }), { format: 'jpeg', width: 33, height: 44 }],
	['BMP 24-bit', 'BMP', makeBmp(17, 23), { format: 'bmp', width: 17, height: 23 }],
	['BMP 1-bit top-down', 'BMP', makeBmp(15, 15, { bitsPerPixel: 1, topDown: true }), { format: 'bmp', width: 15, height: 15 }],
	['BMP core header', 'BMP', makeBmp(15, 16, { coreHeader: true }), { format: 'bmp', width: 15, height: 16 }],
	['BMP V5', 'BMP', makeBmp(15, 15, { infoHeaderSize: 124 }), { format: 'bmp', width: 15, height: 15 }],
	['TIFF LE SHORT', 'TIFF', makeTiff(17, 23), { format: 'tiff', width: 17, height: 23 }],
	['TIFF BE LONG', 'TIFF', makeTiff(17, 23, { bigEndian: true, longTags: true }), { format: 'tiff', width: 17, height: 23 }],
	['TIFF 1-bit strips', 'TIFF', makeTiff(20, 15, { bitsPerSample: 1, rowsPerStrip: 4 }), { format: 'tiff', width: 20, height: 15 }],
	['TIFF BE strips', 'TIFF', makeTiff(15, 15, { bigEndian: true, rowsPerStrip: 2 }), { format: 'tiff', width: 15, height: 15 }],
];

// Bytes needed before the content can be told to be that format.
const SIGNATURE_LENGTH: Record<string, number> = { PNG: 8, JPEG: 2, BMP: 2, TIFF: 4 };

describe('truncation', () => {
	it.each(SAMPLES)('%s: every shorter prefix is refused, naming the format once it is recognisable', (_name, format, bytes, info) => {
		expect(readImageInfo(bytes)).toEqual(info);
		const wrong: string[] = [];
		for (let n = 0; n < bytes.length; n++) {
			const result = readImageInfo(truncate(bytes, n));
			const problem = problemOf(result);
			if (problem === undefined) wrong.push(`${n}: accepted as ${JSON.stringify(result)}`);
			else if (n >= SIGNATURE_LENGTH[format] && !problem.startsWith(`The ${format} file is cut off or damaged:`)) {
				wrong.push(`${n}: ${problem}`);
			}
		}
		expect(wrong).toEqual([]);
	});
});


describe('random mutations', () => {
	it('2000 mutated files never throw, stay quick, and give a problem or a sane size', () => {
		const random = prng(0x5eed);
		const pick = (n: number) => Math.floor(random() * n);
		const interesting = [0x00, 0x01, 0x02, 0x7f, 0x80, 0xc0, 0xc2, 0xd8, 0xd9, 0xda, 0xfe, 0xff];
		let accepted = 0;
		let refused = 0;
		const insane: string[] = [];
		const started = Date.now();
		for (let round = 0; round < 2000; round++) {
			const [name, , original] = SAMPLES[pick(SAMPLES.length)];
			let bytes: Buffer = Buffer.from(original);
			const kind = pick(4);
			// Mostly early bytes: that is where the headers are.
			const position = () => (random() < 0.7 ? pick(Math.min(bytes.length, 200)) : pick(bytes.length));
			if (kind === 0 || kind === 3) {
				for (let k = 1 + pick(4); k > 0; k--) bytes[position()] = random() < 0.5 ? pick(256) : interesting[pick(interesting.length)];
			}
			if (kind === 1) bytes = truncate(bytes, pick(bytes.length));
			if (kind === 2 || kind === 3) {
				const insert = Buffer.from(Array.from({ length: 1 + pick(8) }, () => interesting[pick(interesting.length)]));
				bytes = splice(bytes, position(), insert);
			}
			const result = readImageInfo(bytes);
			const checked = checkImage(bytes);
			expect(typeof describeFormat(bytes)).toBe('string');
			const problem = problemOf(result);
			if (problem === undefined) {
				accepted++;
				const info = result as ImageInfo;
				const sane =
					['jpeg', 'png', 'bmp', 'tiff'].includes(info.format) &&
					Number.isInteger(info.width) &&
					Number.isInteger(info.height) &&
					info.width > 0 &&
					info.height > 0;
				if (!sane) insane.push(`round ${round} (${name}): ${JSON.stringify(info)}`);
			} else {
				refused++;
				// The catch-all sentence means a bounds check is missing somewhere.
				if (problem.length < 20 || problem.includes('could not be read')) insane.push(`round ${round} (${name}): ${problem}`);
				expect(problemOf(checked)).toBe(problem);
			}
		}
		expect(insane).toEqual([]);
		// Both outcomes occur, so the run exercises the parsers, not just the format check.
		expect(accepted).toBeGreaterThan(100);
		expect(refused).toBeGreaterThan(100);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

describe('base64Length', () => {
	it('is 4 * ceil(n / 3)', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 7].map(base64Length)).toEqual([0, 4, 4, 4, 8, 8, 8, 12]);
		expect(base64Length(7864320)).toBe(MAX_BASE64_LENGTH);
		expect(base64Length(7864321)).toBe(MAX_BASE64_LENGTH + 4);
	});

	it('matches what Buffer actually encodes', () => {
		for (const n of [0, 1, 2, 3, 10, 11, 12, 100, 1001, 65537]) {
			expect(base64Length(n)).toBe(Buffer.alloc(n, 0xab).toString('base64').length);
		}
	});
});

// Files from a real encoder, when ImageMagick is installed; a stand-in or nothing skips this.
describeWith(IMAGEMAGICK)('files written by ImageMagick', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'image-test-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it.each([
		['jpeg', 'jpg', [] as string[]],
		['jpeg', 'jpg', ['-interlace', 'JPEG']],
		['png', 'png', []],
		['bmp', 'bmp', []],
		['bmp', 'bmp', ['-define', 'bmp:format=bmp3']],
		['tiff', 'tif', []],
		['tiff', 'tif', ['-endian', 'MSB']],
	])('%s %s %j', (format, extension, extra) => {
		for (const [width, height] of [
			[15, 15],
			[333, 77],
		]) {
			const file = join(dir, `${width}x${height}-${extra.join('')}.${extension}`);
			const run = spawnSync('convert', ['-size', `${width}x${height}`, 'gradient:white-navy', ...extra, file]);
			expect(run.status).toBe(0);
			expect(checkImage(readFileSync(file))).toEqual({ info: { format, width, height } });
		}
	});
});
