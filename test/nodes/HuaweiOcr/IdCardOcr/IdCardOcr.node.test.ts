/**
 * ID Card OCR through n8n's engine, Huawei's RecognizeIdCard mocked: the fields and our checks on
 * the full number, masking, the side, photo checks, the portrait and card image as files, front
 * and back joined, both sides in one photo, several cards per photo, and the errors.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { IdCardOcr } from '../../../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node';
import { binaryItem, filesItem, runNode, type RunNodeResult } from '../../../helpers/engine';
import { huaweiError, mockToken, OCR, passwordCredential, resetNock } from '../../../helpers/huawei';
import { makeGif, makeHeic, makeJpeg, makePng } from '../../../helpers/images';
import { jpegImage, pagesPdf } from '../../../helpers/pdf';
import {
	AUTO_PATH,
	BACK,
	FRONT,
	ID_CARD_PATH,
	MASKED_NUMBER,
	NUMBER,
	NUMBER_WITH_X,
	TINY_JPEG_BASE64,
	TINY_PNG_BASE64,
} from './idCardAnswers';

const node = new IdCardOcr();
const URL_INPUT = { inputType: 'url', imageUrl: 'https://example.com/id-front.jpg' };
const FRONT_PHOTO = makeJpeg(856, 540);
const BACK_PHOTO = makePng(1000, 630);

/** Everything an item (or an error) could show: json, file names, error text, log lines. */
function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	const files = result.items.flatMap((item) => Object.values(item.binary ?? {}).map((file) => file.fileName));
	return [JSON.stringify(result.items.map((item) => item.json)), ...files, error?.message, error?.description, ...result.logs].join('\n');
}

async function readUrl(result: object, parameters: IDataObject = {}, body?: (body: IDataObject) => boolean): Promise<RunNodeResult> {
	mockToken();
	nock(OCR).post(ID_CARD_PATH, body ?? (() => true)).reply(200, { result });
	return await runNode({ node, parameters: { ...URL_INPUT, ...parameters }, items: [{ json: {} }], credentials: passwordCredential() });
}

async function readOne(result: object, parameters: IDataObject = {}): Promise<IDataObject> {
	const run = await readUrl(result, parameters);
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	return run.items[0].json;
}

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

/** Whole years since a birth date, today in China (UTC+8), computed apart from the node's code. */
function ageToday(year: number, month: number, day: number): number {
	const china = new Date(Date.now() + 8 * 3600 * 1000);
	const [y, m, d] = [china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate()];
	return y - year - (m < month || (m === month && d < day) ? 1 : 0);
}

/** A date `years` from today in China, as the card prints it (YYYY-MM-DD). */
function yearsFromToday(years: number): string {
	const china = new Date(Date.now() + 8 * 3600 * 1000);
	china.setUTCFullYear(china.getUTCFullYear() + years);
	return china.toISOString().slice(0, 10);
}

describe('the front of a card', () => {
	it('gives Huawei\'s fields, the side read and our checks, the number masked by default', async () => {
		const json = await readOne(FRONT);
		expect(json).toEqual({
			...FRONT,
			number: MASKED_NUMBER,
			side: 'front',
			number_valid: true,
			birth_matches_number: true,
			sex_matches_number: true,
			age: ageToday(1990, 3, 7),
			is_expired: null,
			missing_fields: [],
		});
	});

	it('As Recognized shows the full number', async () => {
		expect((await readOne(FRONT, { options: { idNumberFormat: 'asRecognized' } })).number).toBe(NUMBER);
	});

	it('a number failing its check character gives an item with number_valid false, not an error', async () => {
		const wrong = `${NUMBER.slice(0, 17)}9`;
		const json = await readOne({ ...FRONT, number: wrong }, { options: { idNumberFormat: 'asRecognized' } });
		expect(json).toMatchObject({ number: wrong, number_valid: false, birth_matches_number: true, sex_matches_number: true });
	});

	it('an X check character is valid, and kept as X when masked', async () => {
		const json = await readOne({ ...FRONT, sex: '女', birth: '1988年8月12日', number: NUMBER_WITH_X });
		expect(json).toMatchObject({ number: '**************002X', number_valid: true, birth_matches_number: true, sex_matches_number: true });
		expect(json.age).toBe(ageToday(1988, 8, 12));
	});

	it('a lower-case x is read as X', async () => {
		const json = await readOne({ ...FRONT, sex: '女', birth: '19880812', number: NUMBER_WITH_X.toLowerCase() });
		expect(json).toMatchObject({ number_valid: true, birth_matches_number: true });
	});

	it('sex and birth date disagreeing with the number are flagged, the age from the number', async () => {
		const json = await readOne({ ...FRONT, sex: '女', birth: '1990.03.08' });
		expect(json).toMatchObject({ number_valid: true, birth_matches_number: false, sex_matches_number: false, age: ageToday(1990, 3, 7) });
	});

	it('an unreadable birth date or sex gives null, not false, and missing_fields lists empty fields', async () => {
		const json = await readOne({ ...FRONT, sex: '', birth: '', ethnicity: '' });
		expect(json).toMatchObject({ birth_matches_number: null, sex_matches_number: null, missing_fields: ['sex', 'birth', 'ethnicity'] });
	});

	it('an empty number is an error naming the item and what to do', async () => {
		const run = await readUrl({ ...FRONT, number: '' });
		expect(run.error?.message).toBe('Huawei read no ID number on the front of the ID card [item 0]');
		expect((run.error as Error & { description?: string }).description).toMatch(/sharp, well-lit photo of the whole front/);
	});

	it('Leave Out Fields keeps chosen fields out of the item; the checks are still made on them', async () => {
		const json = await readOne(FRONT, { options: { leaveOutFields: ['address', 'birth', 'name'] } });
		expect(json).not.toHaveProperty('address');
		expect(json).not.toHaveProperty('birth');
		expect(json).not.toHaveProperty('name');
		expect(json).toMatchObject({ birth_matches_number: true, sex: '男' });
	});

	it('sends the side when named, and none on Auto (Huawei decides)', async () => {
		const front = await readUrl(FRONT, { side: 'front' }, (body) => body.side === 'front');
		expect(front.error).toBeUndefined();
		resetNock();
		const auto = await readUrl(FRONT, {}, (body) => !('side' in body));
		expect(auto.error).toBeUndefined();
	});
});

describe('the back of a card', () => {
	it('gives its fields, is_expired from valid_to, and no number checks', async () => {
		const json = await readOne(BACK);
		expect(json).toEqual({
			...BACK,
			side: 'back',
			number_valid: null,
			birth_matches_number: null,
			sex_matches_number: null,
			age: null,
			is_expired: false,
			missing_fields: [],
		});
	});

	it.each([
		['yesterday, written 2001.01.01', '2001.01.01', true],
		['a year on, written YYYYMMDD', yearsFromToday(1).replace(/-/g, ''), false],
		['a year ago, written YYYY年M月D日', yearsFromToday(-1).replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'), true],
		['长期 (long-term)', '长期', false],
		['unreadable', '2035-13-45', null],
	])('valid_to %s: is_expired %s', async (_label, validTo, expired) => {
		expect((await readOne({ ...BACK, valid_to: validTo })).is_expired).toBe(expired);
	});

	it('is valid through its valid_to day, in China\'s time', async () => {
		expect((await readOne({ ...BACK, valid_to: yearsFromToday(0) })).is_expired).toBe(false);
	});

	it('a back where Front was chosen is an error saying so', async () => {
		const run = await readUrl(BACK, { side: 'front' });
		expect(run.error?.message).toBe('The photo shows the back of the ID card (national emblem side), but "Side" is set to "Front" [item 0]');
	});

	it('Huawei\'s AIS.0104 (no ID card found) names the fix', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH).reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
		const run = await runNode({ node, parameters: URL_INPUT, items: [{ json: {} }], credentials: passwordCredential() });
		expect(run.error?.message).toBe('Huawei OCR could not find a readable ID card in the image (AIS.0104)');
		expect((run.error as Error & { description?: string }).description).toMatch(/check that the photo shows that side/);
	});
});

describe('masked: no full ID number anywhere in the item', () => {
	it('not in file names, skipped_files, text locations, raw output, errors or logs', async () => {
		mockToken();
		nock(OCR)
			.post(ID_CARD_PATH)
			.times(2)
			.reply(200, { result: { ...FRONT, text_location: { number: { words: NUMBER, location: [[1, 2]] } } } });
		const item = await filesItem({
			attachment_0: { bytes: FRONT_PHOTO, fileName: `${NUMBER}.jpg`, mimeType: 'image/jpeg' },
			attachment_1: { bytes: Buffer.from(`ID ${NUMBER}`), fileName: `${NUMBER.slice(0, 6)} ${NUMBER.slice(6)}.txt`, mimeType: 'text/plain' },
		});
		const tidy = await runNode({ node, parameters: { inputType: 'allFiles' }, items: [item], credentials: passwordCredential() });
		const raw = await runNode({ node, parameters: { inputType: 'allFiles', options: { rawOutput: true } }, items: [item], credentials: passwordCredential() });

		for (const result of [tidy, raw]) {
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			const text = everything(result);
			expect(text).not.toContain(NUMBER);
			expect(text).not.toContain(NUMBER.slice(0, 14));
		}
		expect(tidy.items[0].json).toMatchObject({ number: MASKED_NUMBER, source_file_name: `${MASKED_NUMBER}.jpg`, number_valid: true });
		expect((tidy.items[0].json.skipped_files as IDataObject[])[0].file_name).toBe(`${MASKED_NUMBER}.txt`);
		expect(raw.items[0].json).toMatchObject({ result: { number: MASKED_NUMBER } });
	});

	it('not in the error item of a photo Huawei could not read', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH).reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
		const item = await binaryItem(FRONT_PHOTO, { fileName: `身份证 ${NUMBER}.jpg`, mimeType: 'image/jpeg' });
		const run = await runNode({ node, parameters: { inputType: 'binaryData', binaryPropertyName: 'data' }, items: [item], credentials: passwordCredential(), continueOnFail: true });
		expect(run.items[0].json).toMatchObject({ error_code: 'AIS.0104', source_file_name: `身份证 ${MASKED_NUMBER}.jpg` });
		expect(everything(run)).not.toContain(NUMBER);
	});
});

describe('photo checks', () => {
	it('asks for the chosen checks and gives the flagged ones in warnings, Huawei\'s integer scores in warning_scores', async () => {
		const answer = {
			...FRONT,
			detect_copy_result: true,
			detect_reproduce_result: false,
			detect_glare_result: true,
			score_info: { copy_score: 93, reproduce_score: 4, glare_score: 71, blur_score: 2 },
		};
		const asked = (body: IDataObject) =>
			body.detect_copy === true && body.detect_reproduce === true && body.detect_glare === true && !('detect_blur' in body);
		const run = await readUrl(answer, { photoChecks: ['glare', 'copy', 'reproduce'] }, asked);
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ warnings: ['copy', 'glare'], warning_scores: { copy: 93, reproduce: 4, glare: 71 } });
		expect(run.items[0].json).not.toHaveProperty('detect_copy_result');
		expect(run.items[0].json).not.toHaveProperty('score_info');
	});

	it('adds neither field when none is chosen', async () => {
		const json = await readOne(FRONT);
		expect(json).not.toHaveProperty('warnings');
		expect(json).not.toHaveProperty('warning_scores');
	});

	it('adds Huawei\'s verification_result when asked for', async () => {
		const verification = { valid_number: true, valid_birth: true, valid_sex: true, valid_date: false, valid_validity_period: false };
		const run = await readUrl({ ...FRONT, verification_result: verification }, { options: { returnVerification: true } }, (body) => body.return_verification === true);
		expect(run.items[0].json.verification_result).toEqual(verification);
	});
});

describe('portrait and card image', () => {
	it('come as the files portrait and card_image, never as base64 in the json', async () => {
		const answer = { ...FRONT, portrait_image: TINY_PNG_BASE64, adjusted_image: TINY_JPEG_BASE64 };
		const asked = (body: IDataObject) => body.return_portrait_image === true && body.return_adjusted_image === true;
		const run = await readUrl(answer, { options: { returnPortrait: true, returnCardImage: true } }, asked);
		expect(run.error).toBeUndefined();
		const { binary, json } = run.items[0];
		expect(binary?.portrait).toMatchObject({ mimeType: 'image/png', fileName: 'portrait.png' });
		expect(Buffer.from(binary!.portrait.data, 'base64').equals(Buffer.from(TINY_PNG_BASE64, 'base64'))).toBe(true);
		expect(binary?.card_image).toMatchObject({ mimeType: 'image/jpeg', fileName: 'card_image.jpg' });
		expect(JSON.stringify(json)).not.toContain(TINY_PNG_BASE64);
		expect(json).not.toHaveProperty('portrait_image');
	});

	it('Raw Output is Huawei\'s answer as received except the pictures, which are files', async () => {
		const answer = { ...FRONT, portrait_image: TINY_PNG_BASE64 };
		const run = await readUrl(answer, { options: { returnPortrait: true, rawOutput: true, idNumberFormat: 'asRecognized' } });
		expect(run.items[0].json).toEqual({ result: FRONT });
		expect(run.items[0].binary?.portrait).toBeDefined();
	});

	it('a back\'s empty portrait gives no file', async () => {
		const run = await readUrl({ ...BACK, portrait_image: '' }, { options: { returnPortrait: true } });
		expect(run.items[0].binary).toBeUndefined();
	});
});

/** The item of a card read on both sides (FRONT and BACK), masked, valid, not expired. */
function bothSides(): IDataObject {
	return {
		...FRONT,
		...BACK,
		number: MASKED_NUMBER,
		side: 'both',
		number_valid: true,
		birth_matches_number: true,
		sex_matches_number: true,
		age: ageToday(1990, 3, 7),
		is_expired: false,
		missing_fields: [],
	};
}

describe('front and back', () => {
	it('two files of one item give one item with both sides\' fields; the back\'s source as back_source_*', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === FRONT_PHOTO.toString('base64')).reply(200, { result: { ...FRONT, detect_copy_result: false, score_info: { copy_score: 3 } } });
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === BACK_PHOTO.toString('base64')).reply(200, { result: { ...BACK, valid_to: '2001-01-01', detect_copy_result: true, score_info: { copy_score: 88 } } });
		const item = await filesItem({
			attachment_0: { bytes: BACK_PHOTO, fileName: 'back.png', mimeType: 'image/png' },
			attachment_1: { bytes: FRONT_PHOTO, fileName: 'front.jpg', mimeType: 'image/jpeg' },
		});
		const run = await runNode({ node, parameters: { inputType: 'allFiles', photoChecks: ['copy'] }, items: [item], credentials: passwordCredential() });

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(run.items[0].json).toEqual({
			...bothSides(),
			valid_to: '2001-01-01',
			is_expired: true,
			warnings: ['copy'],
			warning_scores: { front: { copy: 3 }, back: { copy: 88 } },
			source_binary_field: 'attachment_1',
			source_file_name: 'front.jpg',
			back_source_binary_field: 'attachment_0',
			back_source_file_name: 'back.png',
		});
	});

	it('two fronts stay one item each', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH).times(2).reply(200, { result: FRONT });
		const item = await filesItem({
			attachment_0: { bytes: FRONT_PHOTO, fileName: 'a.jpg', mimeType: 'image/jpeg' },
			attachment_1: { bytes: BACK_PHOTO, fileName: 'b.png', mimeType: 'image/png' },
		});
		const run = await runNode({ node, parameters: { inputType: 'allFiles' }, items: [item], credentials: passwordCredential() });
		expect(run.items.map((one) => one.json.side)).toEqual(['front', 'front']);
	});

	it('the bank card photo of the email goes to skipped_files with Huawei\'s reason', async () => {
		const bankCardPhoto = makeJpeg(900, 560);
		mockToken();
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === FRONT_PHOTO.toString('base64')).reply(200, { result: FRONT });
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === BACK_PHOTO.toString('base64')).reply(200, { result: BACK });
		nock(OCR)
			.post(ID_CARD_PATH, (body: IDataObject) => body.image === bankCardPhoto.toString('base64'))
			.reply(400, huaweiError('AIS.0104', 'The image is not supported or its quality is poor.'));
		const item = await filesItem({
			attachment_0: { bytes: FRONT_PHOTO, fileName: 'id-front.jpg', mimeType: 'image/jpeg' },
			attachment_1: { bytes: BACK_PHOTO, fileName: 'id-back.png', mimeType: 'image/png' },
			attachment_2: { bytes: bankCardPhoto, fileName: 'bank-card.jpg', mimeType: 'image/jpeg' },
		});
		const run = await runNode({ node, parameters: { inputType: 'allFiles' }, items: [item], credentials: passwordCredential() });

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ side: 'both', source_file_name: 'id-front.jpg', back_source_file_name: 'id-back.png' });
		expect(run.items[0].json.skipped_files).toEqual([
			{
				binary_field: 'attachment_2',
				file_name: 'bank-card.jpg',
				reason: 'Huawei OCR could not find a readable ID card in the image (AIS.0104). Huawei said: The image is not supported or its quality is poor.',
				error_code: 'AIS.0104',
			},
		]);
	});
});

describe('both sides in one photo (double_side)', () => {
	const both = {
		front: { ...FRONT, portrait_image: TINY_PNG_BASE64, adjusted_image: TINY_JPEG_BASE64, detect_blur_result: false, score_info: { blur_score: 5 } },
		back: { ...BACK, adjusted_image: TINY_PNG_BASE64, detect_blur_result: true, score_info: { blur_score: 80 } },
	};

	it('gives one flat item, card_image_front and card_image_back, warnings merged, scores per side', async () => {
		const run = await readUrl(
			both,
			{ side: 'double_side', photoChecks: ['blur'], options: { returnPortrait: true, returnCardImage: true } },
			(body) => body.side === 'double_side',
		);
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual({
			...bothSides(),
			warnings: ['blur'],
			warning_scores: { front: { blur: 5 }, back: { blur: 80 } },
		});
		expect(Object.keys(run.items[0].binary ?? {}).sort()).toEqual(['card_image_back', 'card_image_front', 'portrait']);
	});

	it('AIS.0122 (two sides of the same kind) says to send one front and one back', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH).reply(400, huaweiError('AIS.0122', 'The image holds two sides of the same kind.'));
		const run = await runNode({ node, parameters: { ...URL_INPUT, side: 'double_side' }, items: [{ json: {} }], credentials: passwordCredential() });
		expect(run.error?.message).toBe('The photo shows two sides of the same kind (AIS.0122)');
		expect((run.error as Error & { description?: string }).description).toMatch(/the front \(portrait side\) and the back \(national emblem side\) once each/);
	});
});

describe('Photo May Hold Several Cards', () => {
	it('reads every ID card through auto-classification (type id_card), in reading order, with a flat location and a confidence', async () => {
		mockToken();
		nock(OCR)
			.post(AUTO_PATH, (body: IDataObject) => JSON.stringify(body.type_list) === '["id_card"]')
			.reply(200, {
				result: [
					{ type: 'id_card', content: BACK, location: [500, 0, 900, 0, 900, 250, 500, 250], confidence: 0.97, status: {} },
					{ type: 'id_card', content: FRONT, location: [0, 10, 400, 10, 400, 260, 0, 260], confidence: 0.99, status: {} },
					{ type: 'bankcard', content: {}, location: [0, 400, 400, 400, 400, 650, 0, 650] },
				],
			});
		const run = await readSeveral();
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.side, item.json.card_index, item.json.confidence])).toEqual([
			['front', 1, 0.99],
			['back', 2, 0.97],
		]);
		expect(run.items[0].json).toMatchObject({ number: MASKED_NUMBER, number_valid: true, cards_in_photo: 2 });
		expect(run.items[0].json.skipped_in_photo).toEqual([expect.objectContaining({ type: 'bankcard', reason: 'Not an ID card (bankcard), so not read' })]);
	});

	it('a photo without an ID card is an error naming the item', async () => {
		mockToken();
		nock(OCR).post(AUTO_PATH).reply(200, { result: [{ type: 'bankcard', content: {}, location: [] }] });
		const run = await readSeveral();
		expect(run.error?.message).toBe('Huawei found no ID card in the photo [item 0]');
	});

	async function readSeveral(): Promise<RunNodeResult> {
		return await runNode({ node, parameters: { ...URL_INPUT, severalCardsPerPhoto: true }, items: [{ json: {} }], credentials: passwordCredential() });
	}
});

describe('errors under Masked', () => {
	it('Huawei\'s words quoting the number are masked in the error, As Recognized shows them', async () => {
		const reply = () => nock(OCR).post(ID_CARD_PATH).reply(400, huaweiError('AIS.0101', `The parameter is invalid: ${NUMBER}.`));
		mockToken();
		reply();
		const masked = await runNode({ node, parameters: URL_INPUT, items: [{ json: {} }], credentials: passwordCredential(), continueOnFail: true });
		expect(masked.items[0].json.description).toContain(`Huawei said: The parameter is invalid: ${MASKED_NUMBER}.`);
		expect(everything(masked)).not.toContain(NUMBER);

		reply();
		const plain = await runNode({
			node,
			parameters: { ...URL_INPUT, options: { idNumberFormat: 'asRecognized' } },
			items: [{ json: {} }],
			credentials: passwordCredential(),
			continueOnFail: true,
		});
		expect(plain.items[0].json.description).toContain(NUMBER);
	});
});

describe('input as Bankcard OCR offers it, with this API\'s limits', () => {
	it('reads the photo inside a PDF scan, and skips a logo and a HEIC photo in ID card words', async () => {
		const scanned = makeJpeg(1240, 780);
		mockToken();
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === scanned.toString('base64')).reply(200, { result: FRONT });
		const item = await filesItem({
			attachment_0: { bytes: pagesPdf([{ images: [jpegImage(scanned, 1240, 780)] }]), fileName: 'scan.pdf', mimeType: 'application/pdf' },
			attachment_1: { bytes: makePng(120, 40), fileName: 'logo.png', mimeType: 'image/png' },
			attachment_2: { bytes: makeHeic(), fileName: 'IMG_0001.heic', mimeType: 'image/heic' },
		});
		const run = await runNode({ node, parameters: { inputType: 'allFiles' }, items: [item], credentials: passwordCredential() });

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({ side: 'front', source_file_name: 'scan.pdf', source_pdf_page: 1 });
		const reasons = (run.items[0].json.skipped_files as IDataObject[]).map((entry) => entry.reason);
		expect(reasons[0]).toMatch(/too small to hold a readable ID card/);
		expect(reasons[1]).toMatch(/ID card OCR accepts JPEG, PNG, BMP or TIFF images\./);
	});

	it('refuses a named GIF before any call, saying what ID card OCR accepts', async () => {
		const item = await binaryItem(makeGif(900, 560), { fileName: 'id.gif', mimeType: 'image/gif' });
		const run = await runNode({ node, parameters: { inputType: 'binaryData', binaryPropertyName: 'data' }, items: [item], credentials: passwordCredential() });
		expect((run.error as Error & { description?: string }).description).toMatch(/ID card OCR accepts JPEG, PNG, BMP or TIFF images\./);
	});
});

describe('Keep Input Binary', () => {
	it('is off unless added: the item carries only the pictures asked for', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH).reply(200, { result: { ...FRONT, portrait_image: TINY_PNG_BASE64 } });
		const item = await binaryItem(FRONT_PHOTO, { fileName: 'front.jpg', mimeType: 'image/jpeg' });
		const run = await runNode({
			node,
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data', options: { returnPortrait: true } },
			items: [item],
			credentials: passwordCredential(),
		});
		expect(Object.keys(run.items[0].binary ?? {})).toEqual(['portrait']);
	});

	it('added, a joined front and back carries both photos under their own names', async () => {
		mockToken();
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === FRONT_PHOTO.toString('base64')).reply(200, { result: FRONT });
		nock(OCR).post(ID_CARD_PATH, (body: IDataObject) => body.image === BACK_PHOTO.toString('base64')).reply(200, { result: BACK });
		const item = await filesItem({
			attachment_0: { bytes: FRONT_PHOTO, fileName: 'front.jpg', mimeType: 'image/jpeg' },
			attachment_1: { bytes: BACK_PHOTO, fileName: 'back.png', mimeType: 'image/png' },
		});
		const run = await runNode({ node, parameters: { inputType: 'allFiles', options: { keepInputBinary: true } }, items: [item], credentials: passwordCredential() });
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toEqual({ ...bothSides(), source_binary_field: 'attachment_0', source_file_name: 'front.jpg', back_source_binary_field: 'attachment_1', back_source_file_name: 'back.png' });
		expect(Object.keys(run.items[0].binary ?? {}).sort()).toEqual(['attachment_0', 'attachment_1']);
	});
});
