/**
 * The sample card photos of `npm run dev` and the editor test: real PNGs the node accepts, each
 * carrying a card of its own, and together as varied as the README promises.
 */
import { spawnSync } from 'child_process';
import { inflateSync } from 'zlib';

import { BANKCARD_IMAGE_LIMITS } from '../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { cardChecks } from '../../../nodes/HuaweiOcr/BankcardOcr/cardChecks';
import { readImageInfo } from '../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { cardResult, readCard } from '../cardImage';
import { PICTURE_HEIGHT, PICTURE_WIDTH } from './cardPicture';
import { SAMPLES, sampleFiles } from './samples';

const files = sampleFiles();
// A fixed "today", so that which card is expired does not change with the calendar.
const TODAY = new Date('2026-12-01T00:00:00Z');
const checksOf = (file: string) => {
	const card = SAMPLES.find((sample) => sample.file === file)!.card;
	return cardChecks(cardResult(card), TODAY, 0.8, { missingFieldsApart: true });
};

/** The RGB pixels of one of our PNGs (8-bit RGB, every row Up-filtered, one IDAT). */
function pixels(png: Buffer): { width: number; at: (x: number, y: number) => number[] } {
	const width = png.readUInt32BE(16);
	const chunks: Buffer[] = [];
	for (let at = 8; at < png.length; ) {
		const length = png.readUInt32BE(at);
		if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const rows = inflateSync(Buffer.concat(chunks));
	const stride = width * 3;
	const out = Buffer.alloc(rows.length);
	for (let y = 0; (y + 1) * (stride + 1) <= rows.length; y++) {
		expect(rows[y * (stride + 1)]).toBe(2);
		for (let x = 0; x < stride; x++) {
			const above = y === 0 ? 0 : out[(y - 1) * stride + x];
			out[y * stride + x] = (rows[y * (stride + 1) + 1 + x] + above) & 0xff;
		}
	}
	return { width, at: (x, y) => [...out.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)] };
}

describe('sample card photos', () => {
	it('are PNGs of a card-photo size that the node accepts, small enough to hand around', () => {
		expect([...files.keys()]).toEqual(SAMPLES.map((sample) => sample.file));
		for (const [file, bytes] of files) {
			expect({ file, info: readImageInfo(bytes, BANKCARD_IMAGE_LIMITS) }).toEqual({
				file,
				info: expect.objectContaining({ format: 'png', width: PICTURE_WIDTH, height: PICTURE_HEIGHT }),
			});
			expect(bytes.length).toBeLessThan(300 * 1024);
		}
	});

	it('show a card on a desk: desk colour in the corner, card colour inside, light digits on the number line', () => {
		for (const sample of SAMPLES) {
			const image = pixels(files.get(sample.file)!);
			const [r, g, b] = image.at(4, 4);
			expect({ file: sample.file, deskIsBeige: r > g && g > b && r > 180 }).toEqual({ file: sample.file, deskIsBeige: true });
			const card = image.at(140, 300); // left of the chip, inside the card
			const from = Number.parseInt(sample.picture.colours[0].slice(1), 16);
			const expected = [(from >> 16) & 0xff, (from >> 8) & 0xff, from & 0xff];
			const distance = Math.hypot(...card.map((value, i) => value - expected[i]));
			expect({ file: sample.file, nearCardColour: distance < 90 }).toEqual({ file: sample.file, nearCardColour: true });
			let light = 0;
			for (let x = 116; x < 800; x++) if (Math.min(...image.at(x, 376)) > 200) light++;
			expect({ file: sample.file, someLightDigits: light > 40 }).toEqual({ file: sample.file, someLightDigits: true });
		}
	});

	it('each carry their own card, which the stand-in answers with', () => {
		for (const sample of SAMPLES) {
			expect(readCard(files.get(sample.file)!)).toEqual({ card: cardResult(sample.card) });
		}
		const numbers = new Set(SAMPLES.map((sample) => sample.card.card_number));
		expect(numbers.size).toBe(SAMPLES.length);
	});

	it('cover different banks and networks, debit and credit, an expired card and a low-confidence misread', () => {
		const checks = SAMPLES.map((sample) => ({ file: sample.file, ...checksOf(sample.file) }));
		expect(new Set(SAMPLES.map((sample) => sample.card.bank_name)).size).toBe(SAMPLES.length);
		expect(new Set(checks.map((c) => c.card_network))).toEqual(new Set(['UnionPay', 'Visa', 'Mastercard']));
		expect(new Set(checks.map((c) => c.card_type_normalized))).toEqual(new Set(['debit', 'credit']));
		expect(checks.filter((c) => c.is_expired).map((c) => c.file)).toEqual(['ccb-unionpay-expired.png']);
		const unsure = checks.filter((c) => c.low_confidence_fields.length);
		expect(unsure.map(({ file, low_confidence_fields }) => ({ file, low_confidence_fields }))).toEqual([
			{ file: 'abc-glare-low-confidence.png', low_confidence_fields: ['card_number', 'expiry_date'] },
		]);
		// Most cards print no issue date: missing, and nothing else.
		expect(checks.map((c) => [c.file, c.missing_fields])).toEqual([
			['icbc-unionpay-debit.png', ['issue_date']],
			['cmb-visa-credit.png', []],
			['boc-mastercard-credit.png', []],
			['ccb-unionpay-expired.png', ['issue_date']],
			['abc-glare-low-confidence.png', ['issue_date']],
		]);
		expect(checks.filter((c) => !c.card_number_valid).map((c) => c.file)).toEqual(['abc-glare-low-confidence.png']);
	});
});

// A real decoder, when Debian's ImageMagick is installed; a stand-in or nothing skips this.
const identify = spawnSync('/usr/bin/identify', ['-version'], { encoding: 'utf8' });
const magick = identify.status === 0 && /ImageMagick/.test(identify.stdout);
if (!magick) console.info('samples.test.ts: ImageMagick is not installed here, so no real decoder reads the samples.');

(magick ? describe : describe.skip)('sample card photos in ImageMagick', () => {
	it('decode without a warning, at their size, in colour', () => {
		for (const [file, bytes] of files) {
			const run = spawnSync('/usr/bin/identify', ['-regard-warnings', '-format', '%m %w %h %[colorspace]', 'png:-'], { input: bytes, encoding: 'utf8' });
			expect({ file, status: run.status, stderr: run.stderr, out: run.stdout }).toEqual({
				file,
				status: 0,
				stderr: '',
				out: `PNG ${PICTURE_WIDTH} ${PICTURE_HEIGHT} sRGB`,
			});
		}
	});
});
