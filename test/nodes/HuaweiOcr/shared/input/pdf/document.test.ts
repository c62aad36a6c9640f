import { deflateSync } from 'zlib';

import { PdfDocument } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/document';
import { DEFAULT_LIMITS } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/limits';
import { Dict, Name, PdfDamage, PdfLimit, PdfString, Stream } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/objects';
import { appendUpdate, buildPdf, pngUp, type Source } from '../../../../../helpers/pdf';
import { thrown } from '../../../../../helpers/thrown';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

function open(bytes: Buffer, limits = DEFAULT_LIMITS): PdfDocument {
	return new PdfDocument(bytes, limits);
}

function text(doc: PdfDocument, num: number): string {
	const value = doc.get(num);
	return value instanceof PdfString ? value.bytes.toString('latin1') : String(value);
}

const BASIC: Record<number, Source> = {
	1: '<</Type /Catalog /Pages 2 0 R>>',
	2: '<</Type /Pages /Kids [] /Count 0>>',
	3: '(version one)',
	4: { dict: '/Filter /FlateDecode', data: deflateSync(latin1('0 0 m 10 10 l S')) },
};

describe.each(['table', 'stream'] as const)('cross-reference %s (ISO 32000-1 §7.5.4, §7.5.8)', (xref) => {
	it('finds every object and the catalog through the trailer', () => {
		const doc = open(buildPdf(BASIC, { xref }));
		expect(doc.catalog().get('Type')).toEqual(new Name('Catalog'));
		expect(text(doc, 3)).toBe('version one');
		const stream = doc.get(4) as Stream;
		expect(doc.decode(stream).toString('latin1')).toBe('0 0 m 10 10 l S');
		// §7.3.10: a reference to an object that does not exist is the null object.
		expect(doc.get(99)).toBeNull();
	});

	it('reads an incremental update: the newer object wins, the rest stays (§7.5.6)', () => {
		const first = buildPdf(BASIC, { xref });
		const updated = appendUpdate(first, { 3: '(version two)', 5: '(added)' }, { xref });
		const doc = open(updated);
		expect(text(doc, 3)).toBe('version two');
		expect(text(doc, 5)).toBe('added');
		expect(doc.catalog().get('Type')).toEqual(new Name('Catalog'));
	});
});

describe('object streams (§7.5.7)', () => {
	it('reads objects packed in an object stream, named by a cross-reference stream', () => {
		const doc = open(buildPdf(BASIC, { objectStream: true }));
		expect(doc.catalog().get('Pages')).toBeDefined();
		expect(text(doc, 3)).toBe('version one');
		expect(doc.get(4)).toBeInstanceOf(Stream);
	});

	it('reads an update with an object stream over a file with a classic table', () => {
		const first = buildPdf(BASIC);
		const doc = open(appendUpdate(first, { 3: '(packed update)' }, { objectStream: true }));
		expect(text(doc, 3)).toBe('packed update');
		expect(doc.catalog().get('Type')).toEqual(new Name('Catalog'));
	});

	it('finds packed objects by scanning when the cross-reference data is gone', () => {
		const pdf = buildPdf(BASIC, { objectStream: true });
		const cut = pdf.subarray(0, pdf.lastIndexOf('startxref'));
		const doc = open(cut);
		expect(text(doc, 3)).toBe('version one');
		expect(doc.catalog().get('Type')).toEqual(new Name('Catalog'));
	});

	it('reads each packed object only up to the next one, even when the header says otherwise', () => {
		// Three entries pointing at the same offset: only the first owns it.
		const content = latin1('3 0 4 0 5 0 [1 2 3]');
		const pdf = buildPdf({
			...BASIC,
			6: { dict: `/Type /ObjStm /N 3 /First 12`, data: content },
			3: '6 0 R',
		});
		const doc = open(pdf);
		const stream = doc.get(6) as Stream;
		expect(stream).toBeInstanceOf(Stream);
		expect(doc.decode(stream).toString('latin1')).toBe('3 0 4 0 5 0 [1 2 3]');
	});
});

describe('hybrid files (§7.5.8.4)', () => {
	it('completes the classic table with the stream at /XRefStm', () => {
		// Object 3 lives in an object stream that only the cross-reference stream knows of.
		const header = latin1('%PDF-1.5\n');
		const parts: Buffer[] = [header];
		let at = header.length;
		const offsets: Record<number, number> = {};
		const add = (num: number, body: Buffer) => {
			offsets[num] = at;
			parts.push(body);
			at += body.length;
		};
		add(1, latin1('1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n'));
		add(2, latin1('2 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\n'));
		const packed = deflateSync(latin1('3 0 (hybrid)'));
		add(4, Buffer.concat([latin1(`4 0 obj\n<</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${packed.length}>>\nstream\n`), packed, latin1('\nendstream\nendobj\n')]));
		const rows = Buffer.from([2, 0, 0, 0, 4, 0, 0]);
		const xrefData = deflateSync(pngUp(rows, 7));
		const xrefStmAt = at;
		add(
			5,
			Buffer.concat([
				latin1(`5 0 obj\n<</Type /XRef /Size 6 /W [1 4 2] /Index [3 1] /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 7>> /Length ${xrefData.length}>>\nstream\n`),
				xrefData,
				latin1('\nendstream\nendobj\n'),
			]),
		);
		const entry = (num: number) => `${String(offsets[num]).padStart(10, '0')} 00000 n\r\n`;
		const table = `xref\n0 3\n0000000000 65535 f\r\n${entry(1)}${entry(2)}4 1\n${entry(4)}trailer\n<</Size 6 /Root 1 0 R /XRefStm ${xrefStmAt}>>\nstartxref\n${at}\n%%EOF\n`;
		const doc = open(Buffer.concat([...parts, latin1(table)]));
		expect(text(doc, 3)).toBe('hybrid');
	});
});

describe('stream lengths (§7.3.8.2)', () => {
	it('reads an indirect /Length', () => {
		const doc = open(buildPdf({ ...BASIC, 4: { dict: '', data: latin1('q Q'), length: '7 0 R' }, 7: '3' }));
		expect(doc.decode(doc.get(4) as Stream).toString('latin1')).toBe('q Q');
	});

	it('finds the end by "endstream" when /Length is wrong, missing, beyond the file or the stream itself', () => {
		for (const length of ['2', '999999', '(text)', '4 0 R', '8 0 R']) {
			const doc = open(buildPdf({ ...BASIC, 4: { dict: '', data: latin1('BT (ok) Tj ET'), length }, 8: '9 0 R', 9: '8 0 R' }));
			expect(doc.decode(doc.get(4) as Stream).toString('latin1')).toBe('BT (ok) Tj ET');
		}
	});

	it('reports a stream cut off by the end of the file', () => {
		const pdf = buildPdf(BASIC);
		const start = pdf.indexOf('stream\n') + 7;
		const cut = pdf.subarray(0, start + 3);
		const doc = open(cut);
		expect((thrown(() => doc.get(4)) as PdfDamage).reason).toBe('it is cut off in the middle of a stream');
	});
});

describe('damaged cross-reference data', () => {
	it('scans for the objects when every offset is wrong', () => {
		const pdf = buildPdf(BASIC);
		// Bytes inserted after the header shift every object away from its table offset.
		const shifted = Buffer.concat([pdf.subarray(0, 9), latin1('%'.repeat(37) + '\n'), pdf.subarray(9)]);
		const doc = open(shifted);
		expect(text(doc, 3)).toBe('version one');
		expect(doc.catalog().get('Type')).toEqual(new Name('Catalog'));
	});

	it('scans when the end with startxref and the trailer is cut off, finding the catalog by its type', () => {
		const pdf = buildPdf(BASIC);
		const doc = open(pdf.subarray(0, pdf.indexOf('xref\n')));
		expect(doc.catalog().get('Type')).toEqual(new Name('Catalog'));
	});

	it('follows /Prev no further than it goes round', () => {
		const pdf = buildPdf(BASIC);
		const xrefAt = pdf.indexOf('xref\n');
		const looped = latin1(pdf.toString('latin1').replace('/Root 1 0 R', `/Root 1 0 R /Prev ${xrefAt}`));
		expect(open(looped).catalog().get('Type')).toEqual(new Name('Catalog'));
	});

	it('accepts a table numbered from 1 whose first entry is the free-list head', () => {
		const pdf = buildPdf(BASIC).toString('latin1').replace('xref\n0 1\n', 'xref\n1 1\n');
		expect(text(open(latin1(pdf)), 3)).toBe('version one');
	});

	it('reports references that go round in a circle, without looping', () => {
		const doc = open(buildPdf({ ...BASIC, 5: '6 0 R', 6: '5 0 R' }));
		expect((thrown(() => doc.resolve(doc.get(5))) as PdfDamage).reason).toBe('its references go round in a circle');
	});

	it('stops at the object limit', () => {
		const pdf = buildPdf(BASIC);
		const error = thrown(() => open(pdf, { ...DEFAULT_LIMITS, maxObjects: 3 }));
		expect(error).toBeInstanceOf(PdfLimit);
	});

	it('reports a file with no catalog to be found', () => {
		const pdf = buildPdf({ 2: '<</Type /Pages /Kids [] /Count 0>>', 3: '(x)' }, { root: 9 });
		expect((thrown(() => open(pdf).catalog()) as PdfDamage).reason).toMatch(/catalog/);
	});

	it('counts the bytes it scans: a file of nested never-closed objects hits the work limit', () => {
		// Object n starts inside object n - 1's string, never closed, so each read scans to the end.
		let body = '%PDF-1.4\n';
		for (let n = 1; n <= 3000; n++) body += `${n} 0 obj ( `;
		const limits = { ...DEFAULT_LIMITS, maxWorkBase: 0, maxWorkFactor: 8 };
		const doc = open(latin1(body), limits);
		let limited = false;
		for (let n = 1; n <= 3000 && !limited; n++) {
			try {
				doc.get(n);
			} catch (error) {
				if (error instanceof PdfLimit) limited = true;
				else expect(error).toBeInstanceOf(PdfDamage);
			}
		}
		expect(limited).toBe(true);
	});
});

describe('decompression budget', () => {
	it('stops one stream at maxStreamBytes and the whole file at maxTotalBytes', () => {
		const big = { dict: '/Filter /FlateDecode', data: deflateSync(Buffer.alloc(300000)) };
		const doc = open(buildPdf({ ...BASIC, 4: big, 5: big, 6: big }), { ...DEFAULT_LIMITS, maxStreamBytes: 400000, maxTotalBytes: 700000 });
		expect(doc.decode(doc.get(4) as Stream).length).toBe(300000);
		expect(doc.decode(doc.get(5) as Stream).length).toBe(300000);
		expect(thrown(() => doc.decode(doc.get(6) as Stream))).toBeInstanceOf(PdfLimit);
		const small = open(buildPdf({ ...BASIC, 4: big }), { ...DEFAULT_LIMITS, maxStreamBytes: 1000 });
		expect(thrown(() => small.decode(small.get(4) as Stream))).toBeInstanceOf(PdfLimit);
	});

	it('keeps the trailer keys of the newest section and fills the rest from older ones', () => {
		const first = buildPdf(BASIC, { trailer: '/Info 3 0 R' });
		const doc = open(appendUpdate(first, { 5: '(x)' }));
		expect(doc.trailer.get('Info')).toBeDefined();
		expect(doc.trailer).toBeInstanceOf(Dict);
	});
});
