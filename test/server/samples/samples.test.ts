/**
 * The sample card photos of `npm run dev` and the editor test: real PNGs the node accepts, each
 * carrying a card of its own, and together as varied as the README promises.
 */
import { spawnSync } from 'child_process';

import { BANKCARD_IMAGE_LIMITS } from '../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { cardChecks } from '../../../nodes/HuaweiOcr/BankcardOcr/cardChecks';
import { readImageInfo } from '../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { cardResult, readCard } from '../cardImage';
import { PICTURE_HEIGHT, PICTURE_WIDTH } from './cardPicture';
import { describeWith, IDENTIFY } from '../../helpers/debianTools';
import { readPdfPhotos } from '../../../nodes/HuaweiOcr/shared/input/pdf/readPdf';
import { EMAIL_ATTACHMENTS } from './emailSample';
import { SAMPLE_PHOTOS, SAMPLES, SCAN_SAMPLE, sampleFiles, sampleFolders, scanSampleJpeg } from './samples';
import { SCAN_HEIGHT, SCAN_WIDTH } from './scanSample';
import { SEVERAL_CARDS_FILE, SEVERAL_CARDS_HEIGHT, SEVERAL_CARDS_WIDTH } from './severalCardsPhoto';
import { readDocuments } from '../photoDocuments';
import { idCardFiles } from './idCardSamples';
import { pixels } from './pngPixels';
import { AUTO_CLASSIFICATION_IMAGE_LIMITS } from '../../../nodes/HuaweiOcr/BankcardOcr/autoClassificationApi';

const files = sampleFiles();
// A fixed "today", so that which card is expired does not change with the calendar.
const TODAY = new Date('2026-12-01T00:00:00Z');
const checksOf = (file: string) => {
	const card = SAMPLES.find((sample) => sample.file === file)!.card;
	return cardChecks(cardResult(card), TODAY, 0.8, { missingFieldsApart: true });
};

describe('sample card photos', () => {
	it('are PNGs of a card-photo size that the node accepts, small enough to hand around', () => {
		expect([...files.keys()]).toEqual(SAMPLE_PHOTOS.map((sample) => sample.file));
		expect(SAMPLE_PHOTOS.map((sample) => sample.file)).toEqual([...SAMPLES.map((sample) => sample.file), SEVERAL_CARDS_FILE]);
		for (const sample of SAMPLES) {
			const bytes = files.get(sample.file)!;
			expect({ file: sample.file, info: readImageInfo(bytes, BANKCARD_IMAGE_LIMITS) }).toEqual({
				file: sample.file,
				info: expect.objectContaining({ format: 'png', width: PICTURE_WIDTH, height: PICTURE_HEIGHT }),
			});
			expect(bytes.length).toBeLessThan(300 * 1024);
		}
		const several = files.get(SEVERAL_CARDS_FILE)!;
		expect(readImageInfo(several, AUTO_CLASSIFICATION_IMAGE_LIMITS)).toEqual(
			expect.objectContaining({ format: 'png', width: SEVERAL_CARDS_WIDTH, height: SEVERAL_CARDS_HEIGHT }),
		);
		expect(several.length).toBeLessThan(1024 * 1024);
	});

	it('one photo holds several cards: two read, one not, and an identity card, each where it is painted', () => {
		const image = pixels(files.get(SEVERAL_CARDS_FILE)!);
		const reading = readDocuments(files.get(SEVERAL_CARDS_FILE)!);
		expect(reading).toEqual({ documents: expect.any(Array) });
		const documents = (reading as { documents: Array<{ type: string; location: number[][]; content?: Record<string, unknown> }> }).documents;
		expect(documents.map((document) => [document.type, document.content?.bank_name ?? (document.content ? 'other' : 'not read')])).toEqual([
			['bankcard', '招商银行'],
			['id_card', 'other'],
			['bankcard', '中国工商银行'],
			['bankcard', 'not read'],
		]);
		const colourOf = (file: string) => SAMPLES.find((sample) => sample.file === file)!.picture.colours[0];
		// Inside each bank card read, left of its chip, the card's own colour.
		for (const [index, file] of [[0, 'cmb-visa-credit.png'], [2, 'icbc-unionpay-debit.png']] as const) {
			const [[left, top]] = documents[index].location;
			const from = Number.parseInt(colourOf(file).slice(1), 16);
			const expected = [(from >> 16) & 0xff, (from >> 8) & 0xff, from & 0xff];
			const distance = Math.hypot(...image.at(left + 88, top + 262).map((value, i) => value - expected[i]));
			expect({ file, nearCardColour: distance < 90 }).toEqual({ file, nearCardColour: true });
		}
		// The desk shows between the cards.
		const [r, g, b] = image.at(SEVERAL_CARDS_WIDTH / 2, 20);
		expect(r > g && g > b && r > 180).toBe(true);
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

describe('the other sample folders of dev mode', () => {
	const folders = sampleFolders();
	const folder = (name: string) => folders.find((one) => one.folder === name)!;

	it('are cards (one card per file, what the example reads), scans, email and id-cards, each listed with what it shows', () => {
		expect(folders.map((one) => one.folder)).toEqual(['cards', 'scans', 'email', 'id-cards']);
		expect(folder('cards').files).toBe(files);
		for (const one of folders) expect([...one.files.keys()]).toEqual(one.list.map((file) => file.file));
	});

	it('the PDF scan: one page whose photo, taken out as the node does, is the grey scan carrying the ICBC card', () => {
		const pdf = folder('scans').files.get(SCAN_SAMPLE.file)!;
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const read = readPdfPhotos(pdf);
		expect(read).toMatchObject({ pages: 1, skippedPages: [] });
		const [photo] = (read as { photos: Array<{ bytes: Buffer; format: string; width: number; height: number; page: number }> }).photos;
		expect({ format: photo.format, width: photo.width, height: photo.height, page: photo.page }).toEqual({ format: 'jpeg', width: SCAN_WIDTH, height: SCAN_HEIGHT, page: 1 });
		expect(photo.bytes.equals(scanSampleJpeg())).toBe(true);
		expect(readImageInfo(photo.bytes, BANKCARD_IMAGE_LIMITS)).toEqual(expect.objectContaining({ format: 'jpeg', width: SCAN_WIDTH, height: SCAN_HEIGHT }));
		expect(readCard(photo.bytes)).toEqual({ card: cardResult(SCAN_SAMPLE.card) });
		expect(pdf.length).toBeLessThan(200 * 1024);
	});

	it("the email: two card photos, the scan, a logo and an invite, as README's \"Cards in emails\" tells it", () => {
		const email = folder('email').files;
		expect([...email.keys()]).toEqual(['card-front.png', 'second-card.png', 'logo.png', 'scan.pdf', 'invite.ics']);
		expect(EMAIL_ATTACHMENTS.filter((one) => one.read).map((one) => one.file)).toEqual(['card-front.png', 'second-card.png', 'scan.pdf']);
		expect(readCard(email.get('card-front.png')!)).toEqual({ card: cardResult(SAMPLES[1].card) });
		expect(readCard(email.get('second-card.png')!)).toEqual({ card: cardResult(SAMPLES[2].card) });
		expect(email.get('scan.pdf')!.equals(folder('scans').files.get(SCAN_SAMPLE.file)!)).toBe(true);
		expect(readImageInfo(email.get('logo.png')!, BANKCARD_IMAGE_LIMITS)).toEqual(expect.objectContaining({ width: 120, height: 40 }));
		expect(email.get('invite.ics')!.toString('latin1')).toMatch(/^BEGIN:VCALENDAR/);
	});
});

// A real decoder, when Debian's ImageMagick is installed; a stand-in or nothing skips this.
describeWith(IDENTIFY)('sample card photos in ImageMagick', () => {
	it('the PDF scan\'s JPEG decodes without a warning, at its size, in grey', () => {
		const run = spawnSync('/usr/bin/identify', ['-regard-warnings', '-format', '%m %w %h %[colorspace]', 'jpeg:-'], { input: scanSampleJpeg(), encoding: 'utf8' });
		expect({ status: run.status, stderr: run.stderr, out: run.stdout }).toEqual({ status: 0, stderr: '', out: `JPEG ${SCAN_WIDTH} ${SCAN_HEIGHT} Gray` });
	});

	it('decode without a warning, at their size, in colour (the ID card specimens too)', () => {
		for (const [file, bytes] of [...files, ...idCardFiles()]) {
			// Our PNGs' IHDR: width and height right after the signature and the chunk header.
			const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
			const run = spawnSync('/usr/bin/identify', ['-regard-warnings', '-format', '%m %w %h %[colorspace]', 'png:-'], { input: bytes, encoding: 'utf8' });
			expect({ file, status: run.status, stderr: run.stderr, out: run.stdout }).toEqual({
				file,
				status: 0,
				stderr: '',
				out: `PNG ${width} ${height} sRGB`,
			});
		}
	});
});
