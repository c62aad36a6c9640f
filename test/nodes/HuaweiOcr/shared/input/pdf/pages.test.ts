import { PdfDocument } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/document';
import { pageImages } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/images';
import { DEFAULT_LIMITS } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/limits';
import { Name, PdfLimit } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/objects';
import { listPages } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/pages';
import { makeJpeg } from '../../../../../helpers/images';
import { buildPdf, jpegImage, type Source } from '../../../../../helpers/pdf';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

function pagesOf(objects: Record<number, Source>, limits = DEFAULT_LIMITS) {
	const doc = new PdfDocument(buildPdf(objects), limits);
	return { doc, pages: listPages(doc, doc.catalog()) };
}

function image(width: number, height: number): Source {
	const spec = jpegImage(makeJpeg(width, height), width, height);
	return { dict: `/Type /XObject /Subtype /Image ${spec.dict}`, data: spec.data };
}

const content = (text: string): Source => ({ dict: '', data: latin1(text) });

describe('page tree (ISO 32000-1 §7.7.3)', () => {
	it('lists pages in order through nested /Pages nodes, inheriting /Resources', () => {
		const { pages } = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /Resources <</Font <<>>>>>>',
			3: '<</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 /Resources 9 0 R>>',
			4: '<</Type /Page /Parent 2 0 R>>',
			5: '<</Type /Page /Parent 3 0 R /Resources <</XObject <<>>>>>>',
			6: '<</Type /Page /Parent 3 0 R>>',
			9: '<</ProcSet [/PDF]>>',
		});
		expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
		// Page 1 (object 5) has its own; page 2 (6) inherits from node 3; page 3 (4) from the root.
		expect(pages[0].resources?.has('XObject')).toBe(true);
		expect(pages[1].resources?.get('ProcSet')).toEqual([new Name('PDF')]);
		expect(pages[2].resources?.has('Font')).toBe(true);
	});

	it('visits each node once when /Kids point back up or twice at one page', () => {
		const { pages } = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R 2 0 R 3 0 R 4 0 R] /Count 9>>',
			3: '<</Type /Page>>',
			4: '<</Type /Pages /Kids [2 0 R 4 0 R]>>',
		});
		expect(pages).toHaveLength(1);
	});

	it('reads a node without /Type by whether it has /Kids', () => {
		const { pages } = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Kids [3 0 R 4 0 R]>>',
			3: '<</MediaBox [0 0 10 10]>>',
			4: '<</Kids [5 0 R]>>',
			5: '<</Contents 6 0 R>>',
		});
		expect(pages).toHaveLength(2);
	});

	it('stops at the page limit', () => {
		const kids = Array.from({ length: 20 }, () => '3 0 R').join(' ');
		const objects = { 1: '<</Type /Catalog /Pages 2 0 R>>', 2: `<</Type /Pages /Kids [${kids} 4 0 R 5 0 R 6 0 R]>>`, 3: '<</Type /Page>>', 4: '<</Type /Page>>', 5: '<</Type /Page>>', 6: '<</Type /Page>>' };
		expect(pagesOf(objects).pages).toHaveLength(4);
		expect(() => pagesOf(objects, { ...DEFAULT_LIMITS, maxPages: 3 })).toThrow(PdfLimit);
	});
});

describe('pictures on a page (§8.8, §8.9.5, §8.10)', () => {
	function images(objects: Record<number, Source>, limits = DEFAULT_LIMITS) {
		const { doc, pages } = pagesOf({ 1: '<</Type /Catalog /Pages 2 0 R>>', 2: '<</Type /Pages /Kids [3 0 R]>>', ...objects }, limits);
		return pageImages(doc, pages[0]).map((found) => `${found.width}x${found.height}`);
	}

	it('takes only the images the content draws, not all a shared /Resources lists', () => {
		const found = images({
			3: '<</Type /Page /Resources <</XObject <</Im0 10 0 R /Im1 11 0 R /Other#20Name 12 0 R>>>> /Contents [4 0 R 5 0 R]>>',
			4: content('q 10 0 0 10 0 0 cm /Im1 Do Q'),
			5: content('q/Other#20Name Do Q % /Im0 Do'),
			10: image(600, 400),
			11: image(300, 200),
			12: image(40, 40),
		});
		// The comment's "/Im0 Do" is matched too: a name in a comment or string costs at most a look.
		expect(found.sort()).toEqual(['300x200', '40x40', '600x400']);
		const drawn = images({
			3: '<</Type /Page /Resources <</XObject <</Im0 10 0 R /Im1 11 0 R>>>> /Contents 4 0 R>>',
			4: content('/Im1 Do'),
			10: image(600, 400),
			11: image(300, 200),
		});
		expect(drawn).toEqual(['300x200']);
	});

	it('takes every listed image when the content cannot be read', () => {
		const found = images({
			3: '<</Type /Page /Resources <</XObject <</Im0 10 0 R /Im1 11 0 R>>>> /Contents 4 0 R>>',
			4: { dict: '/Filter /FlateDecode', data: latin1('not deflate data') },
			10: image(600, 400),
			11: image(300, 200),
		});
		expect(found.sort()).toEqual(['300x200', '600x400']);
	});

	it('looks inside Form XObjects, with their own or the page resources, to a bounded depth', () => {
		const objects: Record<number, Source> = {
			3: '<</Type /Page /Resources <</XObject <</Fm0 20 0 R /Im9 13 0 R>>>> /Contents 4 0 R>>',
			4: content('/Fm0 Do'),
			20: { dict: '/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources <</XObject <</Fm1 21 0 R /Im0 10 0 R>>>>', data: latin1('/Fm1 Do /Im0 Do') },
			// No /Resources: the page's are used (§8.10.1), where /Im9 is.
			21: { dict: '/Type /XObject /Subtype /Form /BBox [0 0 1 1]', data: latin1('/Im9 Do') },
			10: image(500, 300),
			13: image(800, 500),
		};
		expect(images(objects).sort()).toEqual(['500x300', '800x500']);
		expect(images(objects, { ...DEFAULT_LIMITS, maxFormDepth: 1 })).toEqual(['500x300']);
	});

	it('does not loop on a form that draws itself', () => {
		expect(
			images({
				3: '<</Type /Page /Resources 6 0 R /Contents 4 0 R>>',
				4: content('/Fm0 Do'),
				6: '<</XObject <</Fm0 20 0 R /Im0 10 0 R>>>>',
				20: { dict: '/Type /XObject /Subtype /Form /Resources 6 0 R', data: latin1('/Fm0 Do /Im0 Do') },
				10: image(100, 100),
			}),
		).toEqual(['100x100']);
	});

	it('leaves out stencil masks (§8.9.6.2), which are shapes, not pictures', () => {
		expect(
			images({
				3: '<</Type /Page /Resources <</XObject <</Im0 10 0 R>>>> /Contents 4 0 R>>',
				4: content('/Im0 Do'),
				10: { dict: '/Type /XObject /Subtype /Image /Width 500 /Height 500 /ImageMask true /BitsPerComponent 1', data: Buffer.alloc(63 * 500) },
			}),
		).toEqual([]);
	});

	it('finds inline images (§8.9.7) with abbreviated keys and resource colour spaces', () => {
		const jpeg = makeJpeg(40, 30);
		const grey = Buffer.alloc(20 * 16, 0x45); // contains "E" bytes; its length is known, so no search for "EI"
		const data = Buffer.concat([
			latin1('q BI /W 40 /H 30 /CS /CS0 /BPC 8 /F /DCT ID '),
			jpeg,
			latin1('\nEI Q q BI /W 20 /H 16 /CS /G /BPC 8 ID '),
			grey,
			latin1(' EI Q BI /IM true /W 50 /H 50 ID '),
			Buffer.alloc(7 * 50),
			latin1(' EI'),
		]);
		const { doc, pages } = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R]>>',
			3: '<</Type /Page /Resources <</ColorSpace <</CS0 /DeviceRGB>>>> /Contents 4 0 R>>',
			4: { dict: '', data },
		});
		const found = pageImages(doc, pages[0]);
		// The stencil mask (/IM true) is left out, as for XObjects.
		expect(found.map((f) => `${f.width}x${f.height}`)).toEqual(['40x30', '20x16']);
		expect(found[0].stream.data.equals(jpeg)).toBe(true);
		expect(found[0].stream.dict.get('ColorSpace')).toEqual(new Name('DeviceRGB'));
		expect(found[1].stream.data.equals(grey)).toBe(true);
	});

	it('reads a content stream full of "BI" in bounded work, and stops at an inline image without "EI"', () => {
		const { doc, pages } = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R]>>',
			3: '<</Type /Page /Contents 4 0 R>>',
			// 800 KB of "BI (": each would scan to the end of the content if reads were unbounded.
			4: { dict: '', data: latin1(' BI ('.repeat(160000)) },
		});
		expect(pageImages(doc, pages[0])).toEqual([]);
		const unterminated = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R]>>',
			3: '<</Type /Page /Contents 4 0 R>>',
			4: { dict: '', data: latin1(`BI /W 20 /H 20 /F /DCT ID ${'x'.repeat(1000)} BI /W 30 /H 30 /BPC 8 /CS /G ID ${'y'.repeat(900)} EI`) },
		});
		// The first picture's data runs to "EI" (§8.9.7), swallowing the second "BI".
		expect(pageImages(unterminated.doc, unterminated.pages[0]).map((f) => f.width)).toEqual([20]);
		const noEnd = pagesOf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R]>>',
			3: '<</Type /Page /Contents 4 0 R>>',
			4: { dict: '', data: latin1(`BI /W 20 /H 20 /F /DCT ID ${' BI /W 30 /H 30 /F /DCT ID x'.repeat(50000)}`) },
		});
		// Without any "EI" the rest is data: no picture, and no search per "BI" inside it.
		expect(pageImages(noEnd.doc, noEnd.pages[0])).toEqual([]);
	});
});
