/**
 * PDFs written by real tools from Debian: img2pdf (what scanning scripts use; PNG input becomes
 * Flate with PNG predictors, JPEG input is embedded as it is), Ghostscript's pdfwrite (which
 * re-encodes, inlines small pictures and writes palettes without predictors) and qpdf (object
 * streams, cross-reference streams, linearization, encryption). Photos must come out as the very
 * JPEG, or as a PNG with the same pixels as ImageMagick reads from the source.
 *
 * Debian's ImageMagick refuses to write PDF (its security policy), so it only makes the source
 * images and decodes results. Each tool's cases are skipped when it is missing, their title naming
 * the Debian package (debianTools.ts).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { BANKCARD_IMAGE_LIMITS } from '../../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { checkImage } from '../../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { readPdfPhotos, type PdfPhotos } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/readPdf';
import { describeWith, GHOSTSCRIPT, IMAGEMAGICK, IMG2PDF, QPDF } from '../../../../../helpers/debianTools';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'pdf-real-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[]): void {
	const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
}

/** Source pictures of every kind img2pdf handles differently, made by ImageMagick. */
const SOURCES: Record<string, string[]> = {
	'card.jpg': ['-size', '320x200', 'plasma:fractal', '-quality', '85'],
	'rgb8.png': ['-size', '320x200', 'plasma:fractal', '-type', 'TrueColor', '-depth', '8'],
	'rgb16.png': ['-size', '160x100', 'gradient:white-navy', '-depth', '16'],
	'grey8.png': ['-size', '160x100', 'gradient:white-black', '-colorspace', 'Gray', '-depth', '8'],
	'grey16.png': ['-size', '160x100', 'gradient:white-black', '-colorspace', 'Gray', '-depth', '16'],
	'palette.png': ['-size', '160x100', 'gradient:white-navy', '-depth', '8', '-colors', '40', '-type', 'Palette'],
	'mono.png': ['-size', '200x120', 'gradient:white-black', '-monochrome'],
	'card.jp2': ['-size', '160x100', 'gradient:white-navy'],
};

const made = new Set<string>();

/** Makes a source picture once per run. */
function source(name: string): string {
	if (!made.has(name)) run('convert', [...SOURCES[name], name]);
	made.add(name);
	return join(dir, name);
}

function read(file: string): PdfPhotos {
	const result = readPdfPhotos(readFileSync(join(dir, file)));
	if ('problem' in result) throw new Error(result.problem);
	for (const photo of result.photos) {
		expect(checkImage(photo.bytes, BANKCARD_IMAGE_LIMITS)).toEqual({ info: { format: photo.format, width: photo.width, height: photo.height } });
	}
	return result;
}

function problem(file: string): string {
	const result = readPdfPhotos(readFileSync(join(dir, file)));
	if (!('problem' in result)) throw new Error(`expected a problem, got ${result.photos.length} photos`);
	return result.problem;
}

/** The pixels ImageMagick decodes, as 16-bit RGB so every depth and palette compares alike. */
function pixels(file: string): Buffer {
	const result = spawnSync('convert', [file, '-depth', '16', 'rgb:-'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
	expect(result.status).toBe(0);
	return result.stdout;
}

function samePixels(photo: PdfPhotos['photos'][number], original: string): void {
	const out = join(dir, `out-${photo.page}.${photo.format}`);
	writeFileSync(out, photo.bytes);
	expect(pixels(out).equals(pixels(original))).toBe(true);
}

describeWith(IMAGEMAGICK, IMG2PDF)('img2pdf', () => {
	it('embeds a JPEG as it is, and the reader gives back the very same file', () => {
		const jpg = source('card.jpg');
		run('img2pdf', [jpg, '-o', 'jpg.pdf']);
		const result = read('jpg.pdf');
		expect(result.photos).toHaveLength(1);
		expect(result.photos[0].bytes.equals(readFileSync(jpg))).toBe(true);
	});

	it.each(['rgb8.png', 'rgb16.png', 'grey8.png', 'grey16.png', 'palette.png', 'mono.png'])(
		'writes %s as Flate with a PNG predictor, which comes back as a PNG with the same pixels',
		(name) => {
			const png = source(name);
			run('img2pdf', [png, '-o', `${name}.pdf`]);
			const result = read(`${name}.pdf`);
			expect(result.photos.map((p) => p.format)).toEqual(['png']);
			samePixels(result.photos[0], png);
		},
	);

	it('a JPEG 2000 page is reported, the other pages of the PDF are read', () => {
		const files = [source('card.jpg'), source('grey8.png'), source('card.jp2')];
		run('img2pdf', [...files, '-o', 'three.pdf']);
		const result = read('three.pdf');
		expect(result.photos.map((p) => [p.page, p.format])).toEqual([
			[1, 'jpeg'],
			[2, 'png'],
		]);
		expect(result.skippedPages).toEqual([{ page: 3, reason: 'Page 3 has its picture stored as JPEG 2000, a format Huawei OCR does not accept.' }]);
		run('img2pdf', [files[2], '-o', 'jp2.pdf']);
		expect(problem('jp2.pdf')).toMatch(/^The PDF has no photo Huawei OCR can read\. Page 1 has its picture stored as JPEG 2000/);
	});
});

describeWith(IMAGEMAGICK, IMG2PDF, GHOSTSCRIPT)('Ghostscript pdfwrite', () => {
	const distill = (input: string, output: string) => run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', '-o', output, input]);

	it('re-encodes a JPEG page; the photo is a JPEG of the same size', () => {
		run('img2pdf', [source('card.jpg'), '-o', 'for-gs.pdf']);
		distill('for-gs.pdf', 'gs-jpg.pdf');
		const result = read('gs-jpg.pdf');
		expect(result.photos.map((p) => [p.format, p.width, p.height])).toEqual([['jpeg', 320, 200]]);
	});

	it.each(['grey8.png', 'palette.png', 'rgb8.png'])('keeps the pixels of %s (predicted or plain Flate, palettes)', (name) => {
		const png = source(name);
		run('img2pdf', [png, '-o', `for-gs-${name}.pdf`]);
		distill(`for-gs-${name}.pdf`, `gs-${name}.pdf`);
		const [photo] = read(`gs-${name}.pdf`).photos;
		if (photo.format === 'png') samePixels(photo, png);
		else expect(photo).toMatchObject({ format: 'jpeg', width: 320, height: 200 });
	});

	it('inlines a small black-and-white picture as CCITT fax, which is reported by name', () => {
		run('img2pdf', [source('mono.png'), '-o', 'for-gs-mono.pdf']);
		distill('for-gs-mono.pdf', 'gs-mono.pdf');
		expect(problem('gs-mono.pdf')).toMatch(/Page 1 has its picture stored as CCITT fax compression/);
	});

	it('a page of text gives the text-only sentence', () => {
		run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', '-o', 'text.pdf', '-c', '/Helvetica findfont 20 scalefont setfont 72 700 moveto (Invoice 17) show showpage']);
		expect(problem('text.pdf')).toMatch(/^The PDF has no photo in it: its page holds only text or drawings\./);
	});
});

describeWith(IMAGEMAGICK, IMG2PDF, QPDF)('qpdf', () => {
	let jpg: string;
	let png: string;
	beforeAll(() => {
		jpg = source('card.jpg');
		png = source('rgb8.png');
		run('img2pdf', [jpg, png, '-o', 'two.pdf']);
	});

	/** Page 1 is the JPEG itself; page 2 has the PNG's pixels, whether wrapped or decoded. */
	function sameTwoPhotos(file: string): void {
		const { photos } = read(file);
		expect(photos.map((p) => [p.page, p.format])).toEqual([
			[1, 'jpeg'],
			[2, 'png'],
		]);
		// Buffer.equals, not toEqual: a failing deep comparison of big buffers would take minutes to print.
		expect(photos[0].bytes.equals(readFileSync(jpg))).toBe(true);
		samePixels(photos[1], png);
	}

	it.each([
		['object streams and a cross-reference stream', ['--object-streams=generate']],
		['linearized (two cross-reference sections)', ['--linearize']],
		['linearized with object streams', ['--linearize', '--object-streams=generate']],
		['QDF form: streams uncompressed, so the PNG is decoded and rewritten', ['--qdf', '--object-streams=disable']],
	])('%s: the same photos come out', (_name, args) => {
		const file = `qpdf-${args.join('').replace(/\W/g, '')}.pdf`;
		run('qpdf', [...args, 'two.pdf', file]);
		sameTwoPhotos(file);
	});

	it.each([
		['with a user password', 'secret'],
		['with only an owner password (opens without asking)', ''],
	])('an AES-256 encrypted PDF %s is reported as protected', (_name, user) => {
		run('qpdf', ['--encrypt', user, 'owner-pw', '256', '--', 'two.pdf', `enc-${user.length}.pdf`]);
		expect(problem(`enc-${user.length}.pdf`)).toMatch(/^The PDF is password-protected \(encrypted\)/);
	});
});
