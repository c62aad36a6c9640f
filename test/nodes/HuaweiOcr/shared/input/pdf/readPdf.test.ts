/**
 * What a whole PDF gives: one photo per page that carries one, in page order, up to the photo
 * limit; otherwise a sentence that says what is wrong and what to do.
 */
import { BANKCARD_IMAGE_LIMITS } from '../../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { checkImage } from '../../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { readPdfPhotos, type PdfPhotos } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/readPdf';
import { makeJpeg } from '../../../../../helpers/images';
import { buildPdf, flateImage, jpegImage, pagesPdf, type PageSpec, type Source } from '../../../../../helpers/pdf';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const card = (width = 428, height = 270) => jpegImage(makeJpeg(width, height), width, height);
const textPage: PageSpec = { content: 'BT /F1 12 Tf 72 700 Td (Invoice 2024-17) Tj ET' };

function read(pdf: Buffer, limits = {}): PdfPhotos {
	const result = readPdfPhotos(pdf, limits);
	if ('problem' in result) throw new Error(result.problem);
	return result;
}

function problem(pdf: Buffer): string {
	const result = readPdfPhotos(pdf);
	if (!('problem' in result)) throw new Error('expected a problem');
	return result.problem;
}

describe('one photo per page', () => {
	it('takes the largest picture of a page, after leaving out thin rules and icons', () => {
		const result = read(
			pagesPdf([
				{
					images: [card(200, 120), card(428, 270), jpegImage(makeJpeg(2400, 4), 2400, 4), jpegImage(makeJpeg(14, 14), 14, 14)],
				},
			]),
		);
		expect(result.photos.map((p) => [p.page, p.width, p.height])).toEqual([[1, 428, 270]]);
		expect(checkImage(result.photos[0].bytes, BANKCARD_IMAGE_LIMITS)).toEqual({ info: { format: 'jpeg', width: 428, height: 270 } });
	});

	it('reports pages without a photo and keeps the photos of the others, in page order', () => {
		const jpx = { dict: '/Width 300 /Height 200 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /JPXDecode', data: Buffer.alloc(50) };
		const result = read(pagesPdf([textPage, { images: [card()] }, { images: [jpx] }, { images: [flateImage(Buffer.alloc(40 * 30), 40, 30)] }]));
		expect(result.pages).toBe(4);
		expect(result.photos.map((p) => [p.page, p.format])).toEqual([
			[2, 'jpeg'],
			[4, 'png'],
		]);
		expect(result.skippedPages).toEqual([
			{ page: 1, reason: 'Page 1 has no picture, only text or drawings.' },
			{ page: 3, reason: 'Page 3 has its picture stored as JPEG 2000, a format Huawei OCR does not accept.' },
		]);
		expect(result.unreadPages).toBeUndefined();
	});

	it(`reads at most 10 photos by default and says which pages were not read`, () => {
		const pages = Array.from({ length: 13 }, (_v, i) => (i === 1 ? textPage : { images: [card(100 + i, 80)] }));
		const result = read(pagesPdf(pages));
		expect(result.pages).toBe(13);
		expect(result.photos.map((p) => p.page)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(result.unreadPages).toEqual({ first: 12, last: 13, reason: 'At most 10 photos are read from one PDF, so pages 12 to 13 were not read.' });
		const one = read(pagesPdf(pages), { maxPhotos: 1 });
		expect(one.photos.map((p) => p.page)).toEqual([1]);
		expect(one.unreadPages?.reason).toBe('At most 1 photos are read from one PDF, so pages 2 to 13 were not read.');
		expect(read(pagesPdf(pages.slice(0, 12))).unreadPages?.reason).toBe('At most 10 photos are read from one PDF, so page 12 was not read.');
	});

	it('reads pages that share one content stream and inherited resources, each page on its own', () => {
		const image = card();
		const pdf = buildPdf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Resources <</XObject <</Im0 7 0 R>>>>>>',
			3: '<</Type /Page /Parent 2 0 R /Contents 6 0 R>>',
			4: '<</Type /Page /Parent 2 0 R /Contents [6 0 R]>>',
			5: '<</Type /Page /Parent 2 0 R /Contents 8 0 R>>',
			6: { dict: '', data: latin1('q /Im0 Do Q') },
			7: { dict: `/Type /XObject /Subtype /Image ${image.dict}`, data: image.data },
			8: { dict: '', data: latin1('BT (no picture here) Tj ET') },
		});
		const result = read(pdf);
		expect(result.photos.map((p) => p.page)).toEqual([1, 2]);
		expect(result.skippedPages.map((p) => p.page)).toEqual([3]);
	});

	it('reads the same documents written with cross-reference streams and object streams', () => {
		for (const options of [{ xref: 'stream' as const }, { objectStream: true }]) {
			const result = read(pagesPdf([{ images: [card()] }, textPage], options));
			expect(result.photos.map((p) => p.page)).toEqual([1]);
		}
	});
});

describe('PDFs without a usable photo', () => {
	it('a text-only PDF says so and says what to send instead', () => {
		expect(problem(pagesPdf([textPage, textPage]))).toBe(
			'The PDF has no photo in it: its 2 pages hold only text or drawings. ' +
				'Huawei OCR reads photos and scans: send the photo or scan as a JPEG or PNG image, or as a PDF made by a scanner or scanning app.',
		);
		expect(problem(pagesPdf([textPage]))).toMatch(/^The PDF has no photo in it: its page holds only text or drawings\./);
	});

	it('a PDF with only a logo names its size', () => {
		expect(problem(pagesPdf([{ images: [card(120, 14)] }]))).toBe(
			'The PDF has no photo Huawei OCR can read. Page 1 has only small pictures such as logos (the largest is 120 x 14 pixels; a photo needs at least 15 on each side). ' +
				'Send a photo or scan in which the card or document fills most of the picture.',
		);
	});

	it('lists at most three pages and counts the rest', () => {
		const jpx = { dict: '/Width 300 /Height 200 /Filter /JPXDecode', data: Buffer.alloc(50) };
		const text = problem(pagesPdf(Array.from({ length: 5 }, () => ({ images: [jpx] }))));
		expect(text).toContain('Page 3 has its picture');
		expect(text).not.toContain('Page 4');
		expect(text).toContain('2 more pages likewise.');
	});

	it('an encrypted PDF asks for the password to be removed', () => {
		const pdf = pagesPdf([{ images: [card()] }], { trailer: '/Encrypt <</Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4>> /ID [<01><01>]' });
		expect(problem(pdf)).toBe(
			'The PDF is password-protected (encrypted), so the scan inside cannot be read. ' +
				'Remove the protection (open it and save a copy without a password), or export the scan as a JPEG image.',
		);
	});

	it('a file that is no PDF, or a PDF without pages, says so', () => {
		expect(problem(makeJpeg(20, 20))).toBe('The file is not a PDF: it does not start with "%PDF-".');
		expect(problem(Buffer.alloc(0))).toBe('The file is not a PDF: it does not start with "%PDF-".');
		expect(problem(buildPdf({ 1: '<</Type /Catalog /Pages 2 0 R>>', 2: '<</Type /Pages /Kids [] /Count 0>>' }))).toMatch(/^The PDF has no pages \(its page list is missing or empty\)\./);
	});

	it('a damaged PDF names the damage and how to repair it', () => {
		expect(problem(latin1('%PDF-1.4\n1 0 obj <</Type /Pages /Kids []>> endobj\n%%EOF'))).toBe(
			'The PDF is damaged: its catalog (the object that leads to the pages) cannot be found. ' +
				'Open it in a PDF viewer and save or print it to a new PDF, or export the scan as a JPEG image.',
		);
		const pdf = pagesPdf([{ images: [card()] }]);
		const cut = pdf.subarray(0, pdf.indexOf('stream\n', pdf.indexOf('/DCTDecode')) + 100);
		expect(problem(cut)).toMatch(/^The PDF has no photo Huawei OCR can read\. Page 1 cannot be read: it is cut off in the middle of a stream\. Open it in a PDF viewer/);
	});

	it('accepts a header a little way into the file, as readers do, but not far in', () => {
		const pdf = pagesPdf([{ images: [card()] }]);
		expect(read(Buffer.concat([Buffer.alloc(100, 0x20), pdf])).photos).toHaveLength(1);
		expect(problem(Buffer.concat([Buffer.alloc(2000, 0x20), pdf]))).toMatch(/not a PDF/);
	});
});

describe('damaged pages and pictures', () => {
	const jpegImageObject = (width: number, height: number): Source => {
		const spec = card(width, height);
		return { dict: `/Type /XObject /Subtype /Image ${spec.dict}`, data: spec.data };
	};

	it("never gives a page whose content is damaged another page's picture from shared resources", () => {
		const result = read(
			buildPdf({
				1: '<</Type /Catalog /Pages 2 0 R>>',
				2: '<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Resources <</XObject <</Im0 10 0 R /Im1 11 0 R>>>>>>',
				3: '<</Type /Page /Parent 2 0 R /Contents 5 0 R>>',
				4: '<</Type /Page /Parent 2 0 R /Contents 6 0 R>>',
				5: { dict: '', data: latin1('q 100 0 0 60 0 0 cm /Im0 Do Q') },
				6: { dict: '/Filter /FlateDecode', data: latin1('not deflate data') },
				10: jpegImageObject(428, 270),
				11: jpegImageObject(300, 200),
			}),
		);
		expect(result.photos.map((p) => [p.page, p.width, p.height])).toEqual([[1, 428, 270]]);
		expect(result.skippedPages).toEqual([{ page: 2, reason: expect.stringMatching(/^Page 2 cannot be read: .*damaged/) }]);
	});

	it('reads an inline JPEG whose data starts after an extra newline, as pdf.js does', () => {
		const jpeg = makeJpeg(48, 32);
		const result = read(pagesPdf([{ content: `q BI /W 48 /H 32 /CS /G /BPC 8 /F /DCT ID\n\n${jpeg.toString('latin1')} EI Q` }]));
		expect(result.photos.map((p) => [p.format, p.width, p.height])).toEqual([['jpeg', 48, 32]]);
		expect(result.photos[0].bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
	});

	it('takes a whole picture of the same size when the first is damaged', () => {
		const damaged = { dict: '/Width 428 /Height 270 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode', data: latin1('not deflate data') };
		const result = read(pagesPdf([{ images: [damaged, card(428, 270)] }]));
		expect(result.photos.map((p) => [p.format, p.width, p.height])).toEqual([['jpeg', 428, 270]]);
		// Alone, the damaged one is reported as such.
		expect(problem(pagesPdf([{ images: [damaged, card(300, 200)] }]))).toMatch(/^The PDF has no photo Huawei OCR can read\. Page 1 has a damaged picture/);
	});
});
