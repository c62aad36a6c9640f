/**
 * Every file reader over the public test corpus (../shared/corpus, read in place), judged against
 * what independent decoders made of each file (expected.json, from
 * scripts/corpus/establishAnswers.py): a picture that ImageMagick or Pillow decodes is read with
 * their size, one neither decodes is refused with a sentence, and a PDF page gets a photo only of
 * a picture MuPDF draws on that page, the largest. A crash, a read over 5 s or another answer fails.
 * Where the reader departs from the decoders on purpose, policies.ts says so and why.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { BANKCARD_IMAGE_LIMITS } from '../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { checkImage, readImageInfo } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { readPdfPhotos, UNREADABLE, type PdfPhotos } from '../../nodes/HuaweiOcr/shared/input/pdf/readPdf';
import { CORPUS_DIR, corpusFiles, corpusPresent } from '../helpers/corpus';
import expected from './expected.json';
import { IMAGE_POLICIES, IMAGE_REFUSALS, PDF_PINS } from './policies';

const READ_LIMIT_MS = 5000;
const MIN_SIDE = 15;

interface Decoder {
	decodes: boolean;
	format?: string;
	width?: number;
	height?: number;
}
interface ImageAnswer {
	imagemagick: Decoder;
	pillow: Decoder;
}
interface Drawn {
	width: number;
	height: number;
	inMask: boolean;
}
interface PdfAnswer {
	pdfinfo: { pages: number | null; encrypted: boolean };
	mutool: { drawn?: Record<string, Drawn[]> };
	pdfimages: { images: Array<{ page: number; enc: string; width: number; height: number; decodes: boolean | null }> };
}

const FILES = expected.files as Record<string, ImageAnswer | PdfAnswer>;

/** The formats Huawei OCR takes, under the names ImageMagick (BMP3, JPG, TIFF64) and Pillow give them. */
function huaweiFormat(name: string | undefined): string | undefined {
	if (!name) return undefined;
	if (/^BMP\d?$/.test(name)) return 'bmp';
	if (name === 'JPEG' || name === 'JPG') return 'jpeg';
	if (name === 'PNG') return 'png';
	if (name === 'TIFF' || name === 'TIFF64') return 'tiff';
	return undefined;
}

function timed<T>(read: () => T): T {
	const started = performance.now();
	const result = read();
	const ms = performance.now() - started;
	if (ms > READ_LIMIT_MS) throw new Error(`the read took ${Math.round(ms)} ms, over ${READ_LIMIT_MS} ms`);
	return result;
}

function checkImageFile(file: string, answer: ImageAnswer, bytes: Buffer): void {
	const read = timed(() => readImageInfo(bytes, BANKCARD_IMAGE_LIMITS));
	const decoder = answer.pillow.decodes ? answer.pillow : answer.imagemagick.decodes ? answer.imagemagick : undefined;
	const format = huaweiFormat(decoder?.format);
	const policy = IMAGE_POLICIES[file];
	const shouldRead = policy ? policy.reader === 'reads' : Boolean(decoder && format);
	if (shouldRead) {
		expect(read).toEqual({ format: format ?? expect.any(String), width: decoder?.width ?? expect.any(Number), height: decoder?.height ?? expect.any(Number) });
		return;
	}
	// Refused by its header or, beyond the largest side Huawei takes, by its size (neither
	// decoder holds a 65535 x 65535 picture either); a small side alone is no refusal here.
	const tooLarge = !('problem' in read) && Math.max(read.width, read.height) > BANKCARD_IMAGE_LIMITS.maxSide;
	const checked = tooLarge ? checkImage(bytes, BANKCARD_IMAGE_LIMITS) : read;
	expect(checked).toEqual({ problem: expect.stringMatching(/\.$/) });
	expect((checked as { problem: string }).problem).not.toMatch(/could not be read/);
	const reason = IMAGE_REFUSALS[file];
	if (reason) expect((checked as { problem: string }).problem).toMatch(reason);
}

/** What a page should give: the size of its largest picture the content draws, or none. */
function expectedPhoto(answer: PdfAnswer, page: number): Drawn[] {
	const drawn = (answer.mutool.drawn?.[String(page)] ?? []).filter((d) => !d.inMask && d.width >= MIN_SIDE && d.height >= MIN_SIDE);
	const area = Math.max(0, ...drawn.map((d) => d.width * d.height));
	return drawn.filter((d) => d.width * d.height === area);
}

function checkPdfFile(file: string, answer: PdfAnswer, bytes: Buffer): void {
	const read = timed(() => readPdfPhotos(bytes));
	if ('problem' in read) expect(read.problem).not.toContain(UNREADABLE);
	if (answer.pdfinfo.encrypted) {
		expect(read).toEqual({ problem: expect.stringContaining('password-protected') });
		return;
	}
	if (answer.pdfinfo.pages === null) {
		// Neither poppler nor this reader finds the pages.
		expect(read).toEqual({ problem: expect.stringMatching(/\.$/) });
		return;
	}
	const pinned = PDF_PINS[file];
	if (pinned) {
		expect(photoList(read)).toEqual(pinned.photos);
		return;
	}
	if ('problem' in read) {
		// No page gave a photo: then no page may have a picture this reader can take. A page
		// whose pictures all are in formats or colours it does not convert says so in the problem.
		for (let page = 1; page <= answer.pdfinfo.pages; page++) {
			if (expectedPhoto(answer, page).length > 0) expect(read.problem).toMatch(/a format Huawei OCR does not accept|colour format|damaged|too large/);
		}
		return;
	}
	expect(read.pages).toBe(answer.pdfinfo.pages);
	for (const photo of read.photos) {
		// Never another page's picture: the photo is one of the largest this page draws.
		expect(expectedPhoto(answer, photo.page).map((d) => `${d.width} x ${d.height}`)).toContain(`${photo.width} x ${photo.height}`);
	}
	for (const skipped of read.skippedPages) {
		if (expectedPhoto(answer, skipped.page).length > 0) expect(skipped.reason).toMatch(/a format Huawei OCR does not accept|colour format|damaged|too large/);
	}
}

function photoList(read: PdfPhotos | { problem: string }): string[] {
	return 'problem' in read ? [] : read.photos.map((photo) => `page ${photo.page}: ${photo.format} ${photo.width} x ${photo.height}`);
}

if (!corpusPresent()) {
	console.warn(`corpus suite: ${CORPUS_DIR} is absent (a plain GitHub checkout), so the readers are NOT checked against the public test corpus.`);
	describe.skip(`corpus suite SKIPPED: the public test corpus is not at ../shared/corpus`, () => {
		test('every reader over the public test corpus', () => undefined);
	});
} else {
	describe('the readers over the public test corpus', () => {
		test('expected.json has an answer for every corpus file, and only for those', () => {
			expect(Object.keys(FILES).sort()).toEqual(corpusFiles());
		});

		test('every policy names a corpus file', () => {
			for (const file of [...Object.keys(IMAGE_POLICIES), ...Object.keys(IMAGE_REFUSALS), ...Object.keys(PDF_PINS)]) expect(FILES[file]).toBeDefined();
			for (const policy of [...Object.values(IMAGE_POLICIES), ...Object.values(PDF_PINS)]) expect(policy.why.length).toBeGreaterThan(10);
		});

		test.each(Object.keys(FILES))('%s', (file) => {
			const bytes = readFileSync(join(CORPUS_DIR, file));
			const answer = FILES[file];
			if ('pdfinfo' in answer) checkPdfFile(file, answer, bytes);
			else checkImageFile(file, answer, bytes);
		});
	});
}
