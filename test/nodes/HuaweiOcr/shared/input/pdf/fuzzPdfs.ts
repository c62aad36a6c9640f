/**
 * Seeded generator of malformed PDFs for the reader's fuzz run: well-formed hand-built files of
 * every structure (classic table, cross-reference stream, object stream, incremental update,
 * forms, inline images), then mutated the ways real damage and crafted files look: cut off,
 * flipped bytes, wrong or indirect or self-referring /Length, empty streams, deep nesting, huge
 * declared sizes and counts, reference cycles, wrong offsets, spliced pieces, a decompression bomb.
 * Inputs stay small so every case runs in milliseconds; a hang would show as a test timeout.
 */
import { deflateSync } from 'zlib';

import { makeJpeg } from '../../../../../helpers/images';
import { appendUpdate, buildPdf, flateImage, jpegImage, pagesPdf } from '../../../../../helpers/pdf';

type Random = () => number;

export interface PdfCase {
	label: string;
	bytes: Buffer;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

function noise(random: Random, size: number): Buffer {
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) out[i] = Math.floor(random() * 256);
	return out;
}

/** The well-formed starting points, each small. */
export function basePdfs(random: Random): Array<{ label: string; bytes: Buffer }> {
	const jpeg = jpegImage(makeJpeg(48, 32), 48, 32);
	const grey = flateImage(noise(random, 40 * 24), 40, 24, { predictor: true });
	const rgb = flateImage(noise(random, 20 * 16 * 3), 20, 16, { colorSpace: '/DeviceRGB' });
	const indexed = flateImage(noise(random, 24 * 24), 24, 24, { colorSpace: '[/Indexed /DeviceRGB 255 <' + noise(random, 768).toString('hex') + '>]' });
	const text = { content: 'BT /F1 12 Tf (text) Tj ET' };
	const twoPages = [{ images: [jpeg] }, { images: [grey, rgb] }];
	const form = buildPdf({
		1: '<</Type /Catalog /Pages 2 0 R>>',
		2: '<</Type /Pages /Kids [3 0 R] /Count 1 /Resources <</XObject <</Fm0 5 0 R /Im0 6 0 R>>>>>>',
		3: '<</Type /Page /Parent 2 0 R /Contents 4 0 R>>',
		4: { dict: '', data: latin1('q /Fm0 Do Q') },
		5: { dict: '/Type /XObject /Subtype /Form /BBox [0 0 1 1]', data: latin1('/Im0 Do') },
		6: { dict: `/Type /XObject /Subtype /Image ${grey.dict}`, data: grey.data },
	});
	const inline = pagesPdf([{ content: `q BI /W 20 /H 20 /CS /G /BPC 8 ID ${noise(random, 400).toString('latin1')} EI Q` }]);
	return [
		{ label: 'table, two pages', bytes: pagesPdf(twoPages) },
		{ label: 'xref stream', bytes: pagesPdf(twoPages, { xref: 'stream' }) },
		{ label: 'object stream', bytes: pagesPdf([...twoPages, text], { objectStream: true }) },
		{ label: 'indexed', bytes: pagesPdf([{ images: [indexed] }]) },
		{ label: 'incremental', bytes: appendUpdate(pagesPdf(twoPages), { 99: '(new)', 3: '<</Type /Page /Parent 2 0 R /Contents 4 0 R>>' }) },
		{ label: 'form', bytes: form },
		{ label: 'inline', bytes: inline },
		{ label: 'text', bytes: pagesPdf([text]) },
	];
}

type Mutation = (random: Random, pdf: Buffer) => Buffer;

function replaceAll(pdf: Buffer, pattern: RegExp, make: (match: string) => string): Buffer {
	return latin1(pdf.toString('latin1').replace(pattern, make));
}

/** Replaces one match of the pattern, chosen at random. */
function replaceOne(random: Random, pdf: Buffer, pattern: RegExp, make: (match: string) => string): Buffer {
	const text = pdf.toString('latin1');
	const matches = [...text.matchAll(pattern)];
	if (matches.length === 0) return pdf;
	const match = pick(random, matches);
	return latin1(text.slice(0, match.index) + make(match[0]) + text.slice(match.index + match[0].length));
}

const HUGE = ['4294967296', '99999999999', '1e308', '-1', '0', '2147483647', '9007199254740993', '3.5', '-0'];

const MUTATIONS: Array<[string, Mutation]> = [
	['truncated', (random, pdf) => pdf.subarray(0, int(random, 0, pdf.length - 1))],
	['flipped bytes', (random, pdf) => {
		const out = Buffer.from(pdf);
		for (let i = int(random, 1, 12); i > 0; i--) out[int(random, 0, out.length - 1)] ^= 1 << int(random, 0, 7);
		return out;
	}],
	['random bytes', (random, pdf) => {
		const out = Buffer.from(pdf);
		const at = int(random, 0, out.length - 1);
		noise(random, Math.min(64, out.length - at)).copy(out, at);
		return out;
	}],
	['wrong /Length', (random, pdf) => replaceOne(random, pdf, /\/Length \d+/g, () => `/Length ${pick(random, [...HUGE, String(int(random, 0, 500))])}`)],
	['indirect /Length', (random, pdf) => replaceOne(random, pdf, /\/Length \d+/g, () => `/Length ${int(random, 0, 12)} 0 R`)],
	['empty streams', (_random, pdf) => replaceAll(pdf, /stream\n[\s\S]*?\nendstream/g, () => 'stream\nendstream')],
	['deep nesting', (random, pdf) => {
		const depth = int(random, 50, 4000);
		const open = pick(random, ['[', '<< /A ', '<< /A [']).repeat(depth);
		return replaceOne(random, pdf, /<</g, (match) => `${open}${match}`);
	}],
	['huge sizes', (random, pdf) => replaceOne(random, pdf, /\/(Width|Height|Size|N|First|Count|Columns|Colors|BitsPerComponent|Predictor) \d+/g, (m) => `${m.split(' ')[0]} ${pick(random, HUGE)}`)],
	['huge xref counts', (random, pdf) => replaceOne(random, pdf, /\n(\d+) (\d+)\n/g, () => `\n0 ${pick(random, ['1000000000', '99999', '4294967295'])}\n`)],
	['wide /W', (random, pdf) => replaceAll(pdf, /\/W \[[^\]]*\]/g, () => `/W [${int(random, 0, 9)} ${int(random, 0, 9)} ${int(random, 0, 9)}]`)],
	['cycles', (random, pdf) => {
		const kind = int(random, 0, 3);
		if (kind === 0) return replaceOne(random, pdf, /\/Kids \[[^\]]*\]/g, () => '/Kids [2 0 R 2 0 R]');
		if (kind === 1) return replaceOne(random, pdf, /\/Contents \d+ 0 R/g, () => '/Contents 3 0 R');
		if (kind === 2) return replaceOne(random, pdf, /\/Root \d+ 0 R/g, () => `/Root 2 0 R /Prev ${pdf.lastIndexOf('xref')}`);
		return replaceOne(random, pdf, /\/Pages \d+ 0 R/g, () => '/Pages 1 0 R');
	}],
	['wrong startxref', (random, pdf) => replaceOne(random, pdf, /startxref\s+\d+/g, () => `startxref\n${pick(random, [...HUGE, String(int(random, 0, pdf.length))])}`)],
	['wrong offsets', (random, pdf) => replaceOne(random, pdf, /\d{10} 00000 n/g, () => `${String(int(random, 0, pdf.length + 100)).padStart(10, '0')} 00000 n`)],
	['spliced', (random, pdf) => {
		const a = int(random, 0, pdf.length);
		const b = int(random, 0, pdf.length);
		return Buffer.concat([pdf.subarray(0, Math.min(a, b)), pdf.subarray(Math.max(a, b) - int(random, 0, 200)), pdf.subarray(Math.min(a, b))]);
	}],
	['bad filters', (random, pdf) => replaceOne(random, pdf, /\/Filter \/\w+/g, () => `/Filter ${pick(random, ['/LZWDecode', '/ASCII85Decode', '/RunLengthDecode', '/Bogus', '[/FlateDecode /FlateDecode]', '[]', '(x)', '/Crypt'])}`)],
	['bad colour spaces', (random, pdf) => replaceOne(random, pdf, /\/ColorSpace \/\w+/g, () => `/ColorSpace ${pick(random, ['/DeviceN', '[/Indexed /DeviceRGB 300 <00>]', '[/ICCBased 1 0 R]', '[/Indexed [/Indexed /DeviceRGB 1 <000000>] 1 <00>]', '[]', '7 0 R', '/Pattern'])}`)],
	['garbage body', (random) => Buffer.concat([latin1('%PDF-1.7\n'), noise(random, int(random, 0, 3000))])],
];

/**
 * Decompression bombs, 96 MB of zeros in about 100 KB: as a picture declared far larger than a
 * page needs, as a picture whose rows are predicted (the PNG path checks them by inflating), and
 * as a page's content stream.
 */
export function bombPdf(): PdfCase {
	const zeros = deflateSync(Buffer.alloc(96 * 1024 * 1024), { level: 9 });
	const image = (dict: string) => ({ dict: `/Type /XObject /Subtype /Image ${dict} /Filter /FlateDecode`, data: zeros });
	const page = (content: number, image: number) => `<</Type /Page /Parent 2 0 R /Resources <</XObject <</Im0 ${image} 0 R>>>> /Contents ${content} 0 R>>`;
	return {
		label: 'decompression bombs',
		bytes: buildPdf({
			1: '<</Type /Catalog /Pages 2 0 R>>',
			2: '<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>>',
			3: page(6, 8),
			4: page(6, 9),
			5: page(7, 8),
			6: { dict: '', data: latin1('/Im0 Do') },
			7: { dict: '/Filter /FlateDecode', data: zeros },
			8: image('/Width 8000 /Height 4000 /ColorSpace /DeviceRGB /BitsPerComponent 8'),
			9: image('/Width 4000 /Height 2000 /ColorSpace /DeviceGray /BitsPerComponent 8 /DecodeParms <</Predictor 15 /Columns 4000>>'),
		}),
	};
}

export function fuzzCase(random: Random, bases: Array<{ label: string; bytes: Buffer }>): PdfCase {
	const base = pick(random, bases);
	let bytes = base.bytes;
	const names: string[] = [];
	// One to three mutations, so damage combines (a cut-off file with a wrong /Length...).
	for (let i = int(random, 1, 3); i > 0; i--) {
		const [name, mutate] = pick(random, MUTATIONS);
		names.push(name);
		bytes = mutate(random, bytes);
	}
	return { label: `${base.label}: ${names.join(', ')}`, bytes };
}
