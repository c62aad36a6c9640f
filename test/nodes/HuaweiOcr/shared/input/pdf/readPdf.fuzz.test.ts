/**
 * A seeded fuzz run over malformed PDFs (fuzzPdfs.ts): every case must come back as photos or as
 * a problem sentence; none may throw, hang (the test's timeout) or reach the reader's last-resort
 * sentence, which only a mistake in the reader leads to. FAULT_SEED=<n> generates other cases.
 */
import { BANKCARD_IMAGE_LIMITS } from '../../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { checkImage } from '../../../../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { readPdfPhotos, UNREADABLE } from '../../../../../../nodes/HuaweiOcr/shared/input/pdf/readPdf';
import { faultSeed, mulberry32 } from '../../../../../helpers/random';
import { basePdfs, bombPdf, fuzzCase, type PdfCase } from './fuzzPdfs';

const SEED = faultSeed();
const CASES = 1200;

interface Outcome {
	label: string;
	kind: 'photos' | 'problem';
	problem?: string;
}

function check(c: PdfCase): Outcome {
	let result: ReturnType<typeof readPdfPhotos>;
	try {
		result = readPdfPhotos(c.bytes);
	} catch (error) {
		throw new Error(`[seed ${SEED}] ${c.label}: threw ${String(error)}`);
	}
	if ('problem' in result) {
		if (typeof result.problem !== 'string' || result.problem.includes(UNREADABLE) || !/\.$/.test(result.problem)) {
			throw new Error(`[seed ${SEED}] ${c.label}: unclear problem ${JSON.stringify(result.problem)}`);
		}
		return { label: c.label, kind: 'problem', problem: result.problem };
	}
	expect(result.photos.length).toBeGreaterThan(0);
	for (const photo of result.photos) {
		expect(photo.bytes.length).toBeGreaterThan(0);
		// A PNG is the reader's own writing: it must always be well formed. A JPEG is passed on
		// as the file holds it, possibly damaged; the image checker judges it later.
		if (photo.format === 'png' && photo.width <= 8192 && photo.height <= 8192) {
			expect(checkImage(photo.bytes, BANKCARD_IMAGE_LIMITS)).toEqual({ info: { format: 'png', width: photo.width, height: photo.height } });
		}
	}
	return { label: c.label, kind: 'photos' };
}

describe(`PDF reader fuzzing [seed ${SEED}]`, () => {
	it(`${CASES} mutated PDFs each give photos or a clear problem, never a throw`, () => {
		const random = mulberry32(SEED);
		const bases = basePdfs(random);
		const outcomes: Outcome[] = [];
		for (let i = 0; i < CASES; i++) outcomes.push(check(fuzzCase(random, bases)));
		const problems = outcomes.filter((o) => o.kind === 'problem');
		// Both outcomes occur, so neither "all refused" nor "all read" can pass by accident.
		expect(problems.length).toBeGreaterThan(CASES / 10);
		expect(problems.length).toBeLessThan(CASES - CASES / 10);
		// And the damage is named: several distinct sentences, not one catch-all.
		expect(new Set(problems.map((o) => o.problem?.slice(0, 60))).size).toBeGreaterThan(10);
	});

	it('the well-formed bases all read as expected', () => {
		const bases = basePdfs(mulberry32(SEED));
		const outcomes = bases.map((base) => check(base));
		expect(outcomes.map((o) => [o.label, o.kind])).toEqual(
			bases.map((b) => [b.label, b.label === 'text' ? 'problem' : 'photos']),
		);
	});

	it('decompression bombs stop at the limits with a sentence', () => {
		const result = readPdfPhotos(bombPdf().bytes);
		expect(result).toEqual({
			problem: expect.stringMatching(/^The PDF has no photo Huawei OCR can read\. Page 1 has a picture too large to convert \(8000 x 4000 pixels\)\. Page 2 has a picture with far more data than its size \(4000 x 2000 pixels\) needs\. Page 3 has a picture too large to convert \(8000 x 4000 pixels\)\./),
		});
	});
});
