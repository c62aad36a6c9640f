/**
 * Variants of BMP and JPEG that neither ImageMagick nor Pillow decodes are refused with a sentence
 * saying what to do; the ones they decode with a warning are read. The corpus suite
 * (test/corpus) checks the same against bmpsuite's and jpeg-decoder's files; these build each
 * case from a good file so that every rule is pinned on its own.
 */
import { BANKCARD_IMAGE_LIMITS } from '../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { readImageInfo as readWith } from '../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { describeFormat } from '../../../../../nodes/HuaweiOcr/shared/input/imageFormat';
import { makeBmp, makeJpeg } from '../../../../helpers/images';
import { messageStyleProblems } from '../../../../helpers/messageStyle';

const readImageInfo = (bytes: Buffer) => readWith(bytes, BANKCARD_IMAGE_LIMITS);

function problem(bytes: Buffer): string {
	const result = readImageInfo(bytes);
	if (!('problem' in result)) throw new Error(`read as ${JSON.stringify(result)}`);
	expect(messageStyleProblems('headline', result.problem)).toEqual([]);
	return result.problem;
}

/** A 40 x 30 BMP with one header field set: offsets from the start of the file. */
function bmpWith(fields: Array<[offset: number, bytes: 2 | 4, value: number]>, options: Parameters<typeof makeBmp>[2] = {}): Buffer {
	const bmp = makeBmp(40, 30, options);
	for (const [offset, size, value] of fields) {
		if (size === 2) bmp.writeUInt16LE(value, offset);
		else bmp.writeUInt32LE(value, offset);
	}
	return bmp;
}

const BI_COMPRESSION = 30;
const BI_BIT_COUNT = 28;
const BI_CLR_USED = 46;
const SAVE_AGAIN = 'Save the BMP again as JPEG or PNG.';

describe('BMP variants no common decoder reads', () => {
	it.each([
		['2-bit pixels', BI_BIT_COUNT, 2, 2, 'uses 2-bit pixels'],
		['64-bit pixels', BI_BIT_COUNT, 2, 64, 'uses 64-bit pixels'],
		['alpha bit fields', BI_COMPRESSION, 4, 6, 'stores its colours with alpha bit fields (BI_ALPHABITFIELDS)'],
	] as const)('%s', (_name, offset, size, value, what) => {
		expect(problem(bmpWith([[offset, size, value]]))).toBe(`The BMP file ${what}, a kind of BMP that common image programs cannot open. ${SAVE_AGAIN}`);
	});

	it('a JPEG or PNG picture inside a BMP', () => {
		expect(problem(bmpWith([[BI_COMPRESSION, 4, 4]]))).toBe(
			'The BMP file holds a JPEG picture inside it, a kind of BMP that common image programs cannot open. Save it again as a plain JPEG or PNG file.',
		);
		expect(problem(bmpWith([[BI_COMPRESSION, 4, 5]]))).toMatch(/^The BMP file holds a PNG picture inside it, .* Save it again as a plain PNG or JPEG file\.$/);
	});

	it('OS/2 2.x Huffman and RLE24 compression, which mean BI_BITFIELDS and BI_JPEG in a Windows header', () => {
		expect(problem(bmpWith([[BI_COMPRESSION, 4, 3]], { infoHeaderSize: 64 }))).toMatch(/^The BMP file uses OS\/2 Huffman compression, /);
		expect(problem(bmpWith([[BI_COMPRESSION, 4, 4]], { infoHeaderSize: 64 }))).toMatch(/^The BMP file uses OS\/2 RLE24 compression, /);
		// In a 40-byte Windows header, 3 is BI_BITFIELDS, which decoders read.
		expect(readImageInfo(bmpWith([[BI_COMPRESSION, 4, 3]], { bitsPerPixel: 32 }))).toEqual({ format: 'bmp', width: 40, height: 30 });
	});

	it('a colour table larger than the bit depth allows, or than the file holds', () => {
		expect(problem(bmpWith([[BI_BIT_COUNT, 2, 8], [BI_CLR_USED, 4, 300]]))).toBe(
			`The BMP file is damaged: its colour table lists 300 colours, more than its 8-bit pixels can use. ${SAVE_AGAIN}`,
		);
		expect(problem(bmpWith([[BI_CLR_USED, 4, 0xff000006]]))).toBe('The BMP file is cut off or damaged: it ends before the end of its image data.');
		// A 24-bit file may carry an optional table of any length that fits (bmpsuite's q/rgb24largepal.bmp).
		expect(readImageInfo(bmpWith([[BI_CLR_USED, 4, 300]]))).toEqual({ format: 'bmp', width: 40, height: 30 });
		expect(readImageInfo(bmpWith([[BI_CLR_USED, 4, 2]], { bitsPerPixel: 1 }))).toEqual({ format: 'bmp', width: 40, height: 30 });
	});

	it('reads an unlisted header size, as ImageMagick does (bmpsuite b/badheadersize.bmp, 66 bytes)', () => {
		const bmp = makeBmp(40, 30, { infoHeaderSize: 66 });
		expect(describeFormat(bmp)).toBe('BMP');
		expect(readImageInfo(bmp)).toEqual({ format: 'bmp', width: 40, height: 30 });
		// Text starting with "BM" is still text.
		expect(describeFormat(Buffer.from('BMW drivers wanted: apply within, 42 Main St.'))).toBe('plain text');
	});
});

/** The JPEG's bytes with `at` replaced. */
function jpegWith(jpeg: Buffer, at: number, bytes: number[]): Buffer {
	const copy = Buffer.from(jpeg);
	Buffer.from(bytes).copy(copy, at);
	return copy;
}

const MALFORMED = 'Send the original photo again, or save it again as JPEG or PNG.';

describe('JPEG processes and sections libjpeg stops on', () => {
	const baseline = makeJpeg(40, 30);
	const progressive = makeJpeg(40, 30, { progressive: true });
	const sof = baseline.indexOf(Buffer.from([0xff, 0xc0]));

	it('lossless and hierarchical processes', () => {
		expect(problem(jpegWith(baseline, sof + 1, [0xc3]))).toBe(
			'The JPEG file uses lossless JPEG compression, a kind of JPEG that common image programs cannot open. Save it again as a regular JPEG or as PNG.',
		);
		expect(problem(jpegWith(baseline, sof + 1, [0xc5]))).toMatch(/^The JPEG file uses hierarchical JPEG compression, /);
		// DHP (FF DE) opens a hierarchical file before its first frame.
		const dhp = Buffer.concat([baseline.subarray(0, 2), Buffer.from([0xff, 0xde, 0x00, 0x0b, 8, 0, 30, 0, 40, 1, 1, 0x11, 0]), baseline.subarray(2)]);
		expect(problem(dhp)).toMatch(/^The JPEG file uses hierarchical JPEG compression, /);
	});

	it('keeps reading arithmetic-coded frames (SOF9, SOF10), which ImageMagick and Pillow decode', () => {
		expect(readImageInfo(jpegWith(baseline, sof + 1, [0xc9]))).toEqual({ format: 'jpeg', width: 40, height: 30 });
		expect(readImageInfo(jpegWith(progressive, progressive.indexOf(Buffer.from([0xff, 0xc2])) + 1, [0xca]))).toEqual({ format: 'jpeg', width: 40, height: 30 });
	});

	it('progressive scan settings out of range, in the first scan or a later one', () => {
		const scans = [progressive.indexOf(Buffer.from([0xff, 0xda]))];
		scans.push(progressive.indexOf(Buffer.from([0xff, 0xda]), scans[0] + 2));
		// SOS: FF DA, length, Ns 1, Cs/Td-Ta, then Ss at +7, Se at +8, Ah/Al at +9.
		expect(progressive.subarray(scans[1] + 7, scans[1] + 10)).toEqual(Buffer.from([1, 63, 0]));
		const expected = `The JPEG file is damaged: a progressive scan has settings out of range. ${MALFORMED}`;
		expect(problem(jpegWith(progressive, scans[1] + 9, [0x0e]))).toBe(expected); // Al 14, above 13
		expect(problem(jpegWith(progressive, scans[1] + 9, [0xab]))).toBe(expected); // Ah 10 with Al 11
		expect(problem(jpegWith(progressive, scans[1] + 8, [64]))).toBe(expected); // Se past 63
		expect(problem(jpegWith(progressive, scans[0] + 8, [5]))).toBe(expected); // a DC scan with Se 5
		expect(readImageInfo(progressive)).toEqual({ format: 'jpeg', width: 40, height: 30 });
	});

	it('bogus section lengths and Huffman tables', () => {
		const dht = baseline.indexOf(Buffer.from([0xff, 0xc4]));
		// Two codes of length 1 leave no room: the all-ones code of a length is not used.
		expect(problem(jpegWith(baseline, dht + 5, [2]))).toBe(`The JPEG file is damaged: a Huffman table is malformed. ${MALFORMED}`);
		// A count past the section's end.
		expect(problem(jpegWith(baseline, dht + 20, [0x40]))).toMatch(/^The JPEG file is damaged: a Huffman table section is malformed\. /);
		const sos = baseline.indexOf(Buffer.from([0xff, 0xda]));
		expect(problem(jpegWith(baseline, sos + 4, [2]))).toMatch(/^The JPEG file is damaged: a scan header is malformed\. /);
		expect(problem(jpegWith(baseline, sos + 5, [7]))).toMatch(/^The JPEG file is damaged: a scan names its colour components wrongly\. /);
		const dqt = baseline.indexOf(Buffer.from([0xff, 0xdb]));
		expect(problem(jpegWith(baseline, dqt + 4, [0x05]))).toMatch(/^The JPEG file is damaged: a quantisation table section is malformed\. /);
	});

	it('reads stray bytes between the start marker and the first section, as libjpeg does with a warning', () => {
		const stray = Buffer.concat([baseline.subarray(0, 2), Buffer.from([0x00, 0xe0, 0x00, 0x10, 0x4a]), baseline.subarray(2)]);
		expect(describeFormat(stray)).toBe('JPEG');
		expect(readImageInfo(stray)).toEqual({ format: 'jpeg', width: 40, height: 30 });
		// libjpeg reads on past an APPn section whose length is below 2.
		expect(readImageInfo(jpegWith(baseline, 4, [0, 1]))).toEqual({ format: 'jpeg', width: 40, height: 30 });
	});
});

describe('a progressive JPEG of very many scans', () => {
	// Searched for its end once per scan, this file is 80 GB of searching: a hang, which the 5 s
	// bound every read has (as in the corpus suite) catches. Walked once it takes milliseconds.
	it('is walked once, not searched to its end at every scan', () => {
		const progressive = makeJpeg(40, 30, { progressive: true });
		const second = progressive.indexOf(Buffer.from([0xff, 0xda]), progressive.indexOf(Buffer.from([0xff, 0xda])) + 2);
		const eoi = progressive.length - 2;
		// 20,000 copies of the AC scan (its header and data), then 4 MB before EOI.
		const scan = progressive.subarray(second, eoi);
		const bytes = Buffer.concat([progressive.subarray(0, eoi), Buffer.concat(new Array<Buffer>(20000).fill(scan)), Buffer.alloc(4 * 1024 * 1024), progressive.subarray(eoi)]);
		const started = Date.now();
		expect(readImageInfo(bytes)).toEqual({ format: 'jpeg', width: 40, height: 30 });
		expect(Date.now() - started).toBeLessThan(5000);
	});
});
