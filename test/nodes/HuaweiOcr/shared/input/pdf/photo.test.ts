/**
 * Each way a scanned page's picture can be stored, built by hand, through the public reader:
 * what comes out must be the JPEG itself or a PNG with the same pixels, and pass the image checker.
 */
import { deflateSync, inflateSync } from 'zlib';

import { BANKCARD_IMAGE_LIMITS } from '../../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { checkImage } from '../../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { readPdfPhotos, type PdfPhotos } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/readPdf';
import { makeJpeg } from '../../../../../helpers/images';
import { flateImage, jpegImage, pagesPdf, type ImageSpec } from '../../../../../helpers/pdf';
import { mulberry32 } from '../../../../../helpers/random';

const random = mulberry32(32000);

function noise(size: number): Buffer {
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) out[i] = Math.floor(random() * 256);
	return out;
}

function photos(image: ImageSpec): PdfPhotos {
	const result = readPdfPhotos(pagesPdf([{ images: [image] }]));
	if ('problem' in result) throw new Error(result.problem);
	return result;
}

function onlyPhoto(image: ImageSpec) {
	const result = photos(image);
	expect(result.photos).toHaveLength(1);
	const [photo] = result.photos;
	const checked = checkImage(photo.bytes, BANKCARD_IMAGE_LIMITS);
	expect(checked).toEqual({ info: { format: photo.format, width: photo.width, height: photo.height } });
	return photo;
}

function problem(image: ImageSpec): string {
	const result = readPdfPhotos(pagesPdf([{ images: [image] }]));
	if (!('problem' in result)) throw new Error('expected a problem');
	return result.problem;
}

/** A PNG's chunks by type; IDAT data joined. */
function chunk(png: Buffer, type: string): Buffer | undefined {
	const found: Buffer[] = [];
	for (let at = 8; at + 8 <= png.length; ) {
		const length = png.readUInt32BE(at);
		if (png.toString('latin1', at + 4, at + 8) === type) found.push(png.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	return found.length ? Buffer.concat(found) : undefined;
}

/** Rows of a PNG the reader wrote itself, with filter type 0 on each (checked), joined. */
function unfilteredRows(png: Buffer, stride: number): Buffer {
	const rows = inflateSync(chunk(png, 'IDAT') as Buffer);
	const height = rows.length / (stride + 1);
	const out = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		expect(rows[y * (stride + 1)]).toBe(0);
		rows.copy(out, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
	}
	return out;
}

describe('JPEG pictures (DCTDecode, ISO 32000-1 §7.4.8)', () => {
	it('come out as the very same bytes', () => {
		const jpeg = makeJpeg(320, 200);
		const photo = onlyPhoto(jpegImage(jpeg, 320, 200));
		expect(photo).toMatchObject({ page: 1, format: 'jpeg', width: 320, height: 200 });
		expect(photo.bytes.equals(jpeg)).toBe(true);
	});

	it('are decoded from the filters before DCTDecode ([/ASCIIHexDecode /DCTDecode])', () => {
		const jpeg = makeJpeg(64, 48);
		const photo = onlyPhoto({ dict: '/Width 64 /Height 48 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter [/AHx /DCT]', data: Buffer.from(`${jpeg.toString('hex')}>`) });
		expect(photo.bytes.equals(jpeg)).toBe(true);
	});

	it('are refused as damaged when the data is no JPEG at all', () => {
		expect(problem({ dict: '/Width 64 /Height 48 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode', data: Buffer.from('not a jpeg') })).toMatch(
			/^The PDF has no photo Huawei OCR can read\. Page 1 has a picture whose JPEG data is damaged\./,
		);
	});
});

describe('Flate pictures with a PNG predictor become PNG files without recompression', () => {
	it.each([
		['grey 8-bit', '/DeviceGray', 8, 1],
		['grey 1-bit', '/DeviceGray', 1, 1],
		['grey 16-bit', '/DeviceGray', 16, 1],
		['RGB 8-bit', '/DeviceRGB', 8, 3],
		['RGB 16-bit', '/DeviceRGB', 16, 3],
		['ICC grey', '[/ICCBased 99 0 R]', 8, 1],
	])('%s: the IDAT is the PDF stream as it is', (_name, colorSpace, bits, colors) => {
		const width = 37;
		const height = 21;
		const pixels = noise(Math.ceil((width * colors * bits) / 8) * height);
		const spec = flateImage(pixels, width, height, { colorSpace, bits, colors, predictor: true });
		// The profile is a stream in real files; its dictionary is all the reader looks at.
		if (colorSpace.includes('ICC')) spec.dict = spec.dict.replace('[/ICCBased 99 0 R]', '[/ICCBased <</N 1>>]');
		const photo = onlyPhoto(spec);
		expect(photo.format).toBe('png');
		if (!colorSpace.includes('ICC')) expect((chunk(photo.bytes, 'IDAT') as Buffer).equals(spec.data)).toBe(true);
	});

	it('falls back to decoding when the compressed data fails its checksum', () => {
		const pixels = noise(30 * 20);
		const spec = flateImage(pixels, 30, 20, { predictor: true });
		spec.data[spec.data.length - 1] ^= 0xff;
		const photo = onlyPhoto(spec);
		expect(unfilteredRows(photo.bytes, 30).equals(pixels)).toBe(true);
	});

	it('falls back to decoding when the predictor describes the rows otherwise than the image does', () => {
		// 30 grey pixels a row, predicted as 10 three-colour pixels: the same 30 bytes a row.
		const pixels = noise(30 * 20);
		const spec = flateImage(pixels, 30, 20, { predictor: true });
		spec.dict = spec.dict.replace('/Colors 1 /BitsPerComponent 8 /Columns 30', '/Colors 3 /BitsPerComponent 8 /Columns 10');
		const photo = onlyPhoto(spec);
		expect(unfilteredRows(photo.bytes, 30).equals(pixels)).toBe(true);
	});
});

describe('other pixel pictures are decoded and written as PNG', () => {
	it('plain Flate grey keeps its pixels', () => {
		const pixels = noise(50 * 20);
		const photo = onlyPhoto(flateImage(pixels, 50, 20));
		expect(unfilteredRows(photo.bytes, 50).equals(pixels)).toBe(true);
	});

	it('uncompressed and LZW or run-length pictures too', () => {
		const pixels = noise(16 * 16);
		const plain = onlyPhoto({ dict: '/Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8', data: pixels });
		expect(unfilteredRows(plain.bytes, 16).equals(pixels)).toBe(true);
		const runs = Buffer.concat(Array.from({ length: 16 }, (_v, y) => Buffer.concat([Buffer.from([15]), pixels.subarray(y * 16, y * 16 + 16)])));
		const rle = onlyPhoto({ dict: '/Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode', data: runs });
		expect(unfilteredRows(rle.bytes, 16).equals(pixels)).toBe(true);
	});

	it('an indexed picture keeps its indexes and gets its palette as PLTE, padded to the bit depth', () => {
		const indexes = Buffer.from(Array.from({ length: 20 * 20 }, (_v, i) => i % 3));
		const photo = onlyPhoto(flateImage(indexes, 20, 20, { colorSpace: '[/Indexed /DeviceRGB 2 <FF0000 00FF00 0000FF>]' }));
		expect(unfilteredRows(photo.bytes, 20).equals(indexes)).toBe(true);
		const palette = chunk(photo.bytes, 'PLTE') as Buffer;
		expect(palette.length).toBe(256 * 3);
		expect([...palette.subarray(0, 9)]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255]);
	});

	it('an indexed picture over CMYK gets an RGB palette', () => {
		const photo = onlyPhoto(flateImage(Buffer.alloc(16 * 16, 1), 16, 16, { colorSpace: '[/Indexed /DeviceCMYK 1 <00000000 FF000000>]', bits: 8, colors: 1 }));
		expect([...(chunk(photo.bytes, 'PLTE') as Buffer).subarray(0, 6)]).toEqual([255, 255, 255, 0, 255, 255]);
	});

	it('CMYK becomes RGB by the naive conversion (§10.3.5)', () => {
		const cmyk = Buffer.from([255, 0, 0, 0, 0, 0, 0, 255, 0, 128, 0, 64, 0, 0, 0, 0]);
		const photo = onlyPhoto(flateImage(Buffer.concat(Array(16 * 4).fill(cmyk)), 16, 16, { colorSpace: '/DeviceCMYK' }));
		const rgb = unfilteredRows(photo.bytes, 48);
		expect([...rgb.subarray(0, 12)]).toEqual([0, 255, 255, 0, 0, 0, 191, 63, 191, 255, 255, 255]);
	});

	it('ICCBased with four components is read as CMYK', () => {
		const photo = onlyPhoto(flateImage(Buffer.alloc(16 * 16 * 4), 16, 16, { colorSpace: '[/ICCBased <</N 4>>]', colors: 4 }));
		expect(unfilteredRows(photo.bytes, 48).every((v) => v === 255)).toBe(true);
	});

	it('a /Decode [1 0] grey picture is inverted, as scanners write black-is-1 pages', () => {
		const photo = onlyPhoto(flateImage(Buffer.alloc(2 * 16, 0x0f), 16, 16, { bits: 1, extra: ' /Decode [1 0]' }));
		expect(unfilteredRows(photo.bytes, 2).every((v) => v === 0xf0)).toBe(true);
	});

	it('RGB at 4 bits per component is widened to 8', () => {
		// Two pixels per three bytes: F0F 0F0 -> (255,0,255) (0,255,0).
		const row = Buffer.from([0xf0, 0xf0, 0xf0]);
		const photo = onlyPhoto(flateImage(Buffer.concat(Array(16 * 8).fill(row)), 16, 16, { colorSpace: '/DeviceRGB', bits: 4 }));
		expect([...unfilteredRows(photo.bytes, 48).subarray(0, 6)]).toEqual([255, 0, 255, 0, 255, 0]);
	});
});

describe('pictures Huawei OCR cannot take', () => {
	it.each([
		['JPXDecode', 'JPEG 2000'],
		['CCITTFaxDecode', 'CCITT fax compression'],
		['JBIG2Decode', 'JBIG2 compression'],
	])('%s: the page names the format and the fix', (filter, name) => {
		const text = problem({ dict: `/Width 300 /Height 200 /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /${filter}`, data: Buffer.alloc(100) });
		expect(text).toContain(`Page 1 has its picture stored as ${name}`);
		expect(text).toContain('a format Huawei OCR does not accept');
		expect(text).toContain('Export the scan as a JPEG or PNG image, or set the scanner app to save PDFs with JPEG compression.');
	});

	it.each([
		['[/Separation /Spot /DeviceCMYK 5 0 R]', 'Separation'],
		['[/Lab <</WhitePoint [1 1 1]>>]', 'Lab'],
		['/Pattern', 'Pattern'],
		['[/Indexed [/Lab <<>>] 1 <0000>]', 'Indexed Lab'],
	])('colour space %s is named', (colorSpace, name) => {
		expect(problem(flateImage(Buffer.alloc(400), 20, 20, { colorSpace }))).toContain(`has its picture in a colour format (${name}) this reader cannot convert`);
	});

	it('a picture whose data is cut off or damaged is reported as such', () => {
		expect(problem(flateImage(Buffer.alloc(100), 20, 20))).toContain('Page 1 has a picture whose data is cut off.');
		expect(problem({ dict: '/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode', data: Buffer.from([0x78, 0x9c, 0xff]) })).toMatch(
			/Page 1 has a damaged picture: a compressed stream is damaged/,
		);
		expect(problem({ dict: '/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 3', data: Buffer.alloc(400) })).toContain('3 bits per colour');
	});

	it('a picture too large to convert is reported with its size', () => {
		const big = { dict: '/Width 20000 /Height 20000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode', data: deflateSync(Buffer.alloc(10)) };
		expect(problem(big)).toContain('Page 1 has a picture too large to convert (20000 x 20000 pixels).');
	});
});
