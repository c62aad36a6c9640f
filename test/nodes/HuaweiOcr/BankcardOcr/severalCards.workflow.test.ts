/**
 * "Photo May Hold Several Cards" through n8n-core's WorkflowExecute, with only
 * Huawei's RecognizeAutoClassification mocked (nock), in the shape its official SDK models give
 * (result: [{type, status, content, location}]).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { binaryItem, runNode, type RunNodeResult } from '../../../helpers/engine';
import {
	BANKCARD_PATH,
	CARD_OUTPUT_MASKED,
	CARD_RESULT,
	huaweiError,
	mockToken,
	OCR,
	passwordCredential,
	PROJECT_ID,
	resetNock,
} from '../../../helpers/huawei';
import { makeJpeg } from '../../../helpers/images';
import { jpegImage, pagesPdf } from '../../../helpers/pdf';
import { messageStyleProblems } from '../../../helpers/messageStyle';

const node = new BankcardOcr();
const AUTO_PATH = `/v2/${PROJECT_ID}/ocr/auto-classification`;
const PHOTO = makeJpeg(1600, 1200);

type Corner = [number, number];
const at = (left: number, top: number, width = 430, height = 270): Corner[] => [
	[left, top],
	[left + width, top],
	[left + width, top + height],
	[left, top + height],
];

/** Three cards that pass the Luhn check, with their full numbers as digits. */
const ICBC = { ...CARD_RESULT };
const VISA = { ...CARD_RESULT, bank_name: '招商银行', card_number: '4111 1111 1111 1111', type: '信用卡' };
const MASTERCARD = { ...CARD_RESULT, bank_name: '中国银行', card_number: '5555 5555 5555 4444', type: '信用卡' };
const FULL_NUMBERS = [ICBC, VISA, MASTERCARD].map((card) => card.card_number.replace(/\D/g, ''));

const card = (content: IDataObject, location: Corner[]) => ({ type: 'bankcard', status: {}, content, location });
const unreadable = (location: Corner[]) => ({
	type: 'bankcard',
	status: { error_code: 'AIS.0104', error_msg: 'The image is not supported or has poor quality.' },
	content: {},
	location,
});
const idCard = (location: Corner[]) => ({ type: 'id_card', status: {}, content: { name: '张三', number: '110101199003077777' }, location });

/** One call to RecognizeAutoClassification for `bytes`, bank cards only, answered with `result`. */
function expectPhoto(result: unknown[], bytes: Buffer = PHOTO): nock.Scope {
	return nock(OCR)
		.post(AUTO_PATH, { image: bytes.toString('base64'), type_list: ['bankcard'] })
		.reply(200, { result });
}

const several = (options: IDataObject = {}): INodeParameters => ({
	inputType: 'binaryData',
	binaryPropertyName: 'data',
	severalCardsPerPhoto: true,
	options: options as INodeParameters,
});

async function runPhoto(parameters: INodeParameters, opts: { continueOnFail?: boolean; bytes?: Buffer; typeVersion?: number } = {}) {
	return await runNode({
		node,
		parameters,
		items: [await binaryItem(opts.bytes ?? PHOTO, { fileName: 'desk.jpg', mimeType: 'image/jpeg' })],
		credentials: passwordCredential(),
		continueOnFail: opts.continueOnFail,
		typeVersion: opts.typeVersion,
	});
}

function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return [JSON.stringify(result.items), error?.message, error?.description, ...result.logs].join('\n');
}

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('several cards in one photo', () => {
	it('is off by default: a saved workflow without the setting still reads one card with RecognizeBankcard', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH, { image: PHOTO.toString('base64') }).reply(200, { result: CARD_RESULT });

		const result = await runPhoto({ inputType: 'binaryData', binaryPropertyName: 'data' });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).not.toHaveProperty('card_index');
		expect(result.items[0].json).not.toHaveProperty('card_location');
	});

	it('one card: one item with the usual fields and checks, its location and "1 of 1"', async () => {
		mockToken();
		expectPhoto([card(ICBC, at(40, 60))]);

		const result = await runPhoto(several());

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					...CARD_OUTPUT_MASKED,
					card_location: at(40, 60),
					card_index: 1,
					cards_in_photo: 1,
					source_binary_field: 'data',
					source_file_name: 'desk.jpg',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('three cards: one item each, in reading order (top row left to right, then below), all paired with the photo', async () => {
		mockToken();
		// Huawei's order is not the reading order; the right-hand card of the top row sits a little higher.
		expectPhoto([card(MASTERCARD, at(60, 700)), card(VISA, at(620, 40)), card(ICBC, at(50, 80))]);

		const result = await runPhoto(several());

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.bank_name, item.json.card_index, item.json.cards_in_photo])).toEqual([
			[ICBC.bank_name, 1, 3],
			[VISA.bank_name, 2, 3],
			[MASTERCARD.bank_name, 3, 3],
		]);
		expect(result.items.map((item) => item.json.card_network)).toEqual(['UnionPay', 'Visa', 'Mastercard']);
		expect(result.items.map((item) => item.json.card_number_valid)).toEqual([true, true, true]);
		expect(result.items.map((item) => item.json.card_location)).toEqual([at(50, 80), at(620, 40), at(60, 700)]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(result.items.every((item) => !('skipped_in_photo' in item.json))).toBe(true);
	});

	it('a card Huawei could not read is listed on every item of the photo, with its code and place', async () => {
		mockToken();
		expectPhoto([card(ICBC, at(40, 60)), unreadable(at(560, 60)), card(VISA, at(40, 500))]);

		const result = await runPhoto(several());

		expect(result.items).toHaveLength(2);
		const expected = [
			{
				type: 'bankcard',
				reason: 'Huawei found a bank card here but could not read it: The image is not supported or has poor quality.',
				location: at(560, 60),
				error_code: 'AIS.0104',
			},
		];
		for (const item of result.items) expect(item.json.skipped_in_photo).toEqual(expected);
		// Each item has its own copy: a later node changing one leaves the other alone.
		expect(result.items[0].json.skipped_in_photo).not.toBe(result.items[1].json.skipped_in_photo);
	});

	it('three cards, the middle one unreadable: cards_in_photo counts all three, card_index is each card\'s place among them', async () => {
		mockToken();
		// Reading order: top left, top right (unreadable), bottom left.
		expectPhoto([card(VISA, at(40, 500)), unreadable(at(560, 60)), card(ICBC, at(40, 60))]);

		const result = await runPhoto(several());

		expect(result.items.map((item) => [item.json.bank_name, item.json.card_index, item.json.cards_in_photo])).toEqual([
			[ICBC.bank_name, 1, 3],
			[VISA.bank_name, 3, 3],
		]);
	});

	it.each([1, 1.1, 1.2])('%s: the same photo counts the cards read, as saved workflows had it', async (typeVersion) => {
		mockToken();
		expectPhoto([card(VISA, at(40, 500)), unreadable(at(560, 60)), card(ICBC, at(40, 60))]);

		const result = await runPhoto(several(), { typeVersion });

		expect(result.items.map((item) => [item.json.bank_name, item.json.card_index, item.json.cards_in_photo])).toEqual([
			[ICBC.bank_name, 1, 2],
			[VISA.bank_name, 2, 2],
		]);
	});

	it('a document of another kind is not counted among the cards', async () => {
		mockToken();
		expectPhoto([idCard(at(40, 60)), card(ICBC, at(560, 60))]);

		const result = await runPhoto(several());

		expect([result.items[0].json.card_index, result.items[0].json.cards_in_photo]).toEqual([1, 1]);
	});

	it('a bank card with no number read is listed, not output as an empty card', async () => {
		mockToken();
		expectPhoto([card(ICBC, at(40, 60)), card({ ...ICBC, card_number: '' }, at(40, 500))]);

		const result = await runPhoto(several());

		expect(result.items).toHaveLength(1);
		// Counted among the photo's cards (from 1.3), but not output.
		expect(result.items[0].json.cards_in_photo).toBe(2);
		expect(result.items[0].json.skipped_in_photo).toEqual([
			{ type: 'bankcard', reason: 'Huawei found a bank card here but read no card number on it', location: at(40, 500) },
		]);
	});

	it('a mixed photo: the bank card gives an item, the ID card beside it is listed, none of its fields shown', async () => {
		mockToken();
		expectPhoto([idCard(at(40, 60)), card(ICBC, at(560, 60))]);

		const result = await runPhoto(several());

		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.bank_name).toBe(ICBC.bank_name);
		expect(result.items[0].json.skipped_in_photo).toEqual([
			{ type: 'id_card', reason: 'Not a bank card (id_card), so not read', location: at(40, 60) },
		]);
		expect(JSON.stringify(result.items)).not.toContain('110101199003077777');
	});

	it('masks every card of the photo: no full number anywhere in the output or the log, raw output included', async () => {
		for (const rawOutput of [false, true]) {
			resetNock();
			mockToken();
			expectPhoto([
				card(ICBC, at(40, 60)),
				card(VISA, at(560, 60)),
				card(MASTERCARD, at(40, 500)),
				{ ...unreadable(at(560, 500)), status: { error_code: 'AIS.0104', error_msg: `half read: ${ICBC.card_number}` } },
			]);

			const result = await runPhoto(several({ cardNumberFormat: 'masked', rawOutput }));

			expect(result.items).toHaveLength(3);
			const text = everything(result);
			for (const digits of FULL_NUMBERS) {
				expect(text).not.toContain(digits);
				expect(text.replace(/\D/g, ' ')).not.toContain(digits);
			}
			expect(text.replace(/[\s-]/g, '')).not.toMatch(/\d{12,}/);
			if (!rawOutput) {
				expect(result.items.map((item) => item.json.card_number)).toEqual([
					'622202*********0128',
					'411111******1111',
					'555555******4444',
				]);
			}
		}
	});

	it('no bank card at all: a clear error naming what Huawei did find, never an empty output', async () => {
		mockToken();
		expectPhoto([idCard(at(40, 60))]);

		const result = await runPhoto(several());

		expect(result.items).toEqual([]);
		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('Huawei found no bank card in the photo [item 0]');
		expect(error.description).toContain('It found: id_card.');
		expect(messageStyleProblems(error.message, error.description)).toEqual([]);
	});

	it('an empty answer is an error too, and bank cards none of which could be read say so', async () => {
		mockToken();
		expectPhoto([]);
		const empty = await runPhoto(several());
		expect((empty.error as Error).message).toBe('Huawei found no bank card in the photo [item 0]');

		resetNock();
		mockToken();
		expectPhoto([unreadable(at(40, 60)), unreadable(at(40, 500))]);
		const unread = await runPhoto(several());
		const error = unread.error as Error & { description?: string };
		expect(error.message).toBe('Huawei found 2 bank cards in the photo but could read none [item 0]');
		expect(messageStyleProblems(error.message, error.description)).toEqual([]);
	});

	it('Continue On Fail: a photo without a card becomes one error item listing what was found, between the cards of the others', async () => {
		mockToken();
		const first = makeJpeg(1600, 1201);
		const empty = makeJpeg(1600, 1202);
		const third = makeJpeg(1600, 1203);
		expectPhoto([card(ICBC, at(40, 60)), card(VISA, at(560, 60))], first);
		expectPhoto([idCard(at(40, 60))], empty);
		expectPhoto([card(MASTERCARD, at(40, 60))], third);

		const result = await runNode({
			node,
			parameters: several(),
			items: await Promise.all(
				[first, empty, third].map(async (bytes, i) => await binaryItem(bytes, { fileName: `photo${i}.jpg`, mimeType: 'image/jpeg' })),
			),
			credentials: passwordCredential(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.bank_name ?? item.json.error)).toEqual([
			ICBC.bank_name,
			VISA.bank_name,
			'Huawei found no bank card in the photo [item 1]',
			MASTERCARD.bank_name,
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[2].json).toMatchObject({
			source_file_name: 'photo1.jpg',
			skipped_in_photo: [{ type: 'id_card', reason: 'Not a bank card (id_card), so not read', location: at(40, 60) }],
		});
	});

	it('Batch Concurrency > 1: cards come out in input order, then reading order, each paired with its photo', async () => {
		mockToken();
		const counts = [3, 1, 2, 0, 2];
		let active = 0;
		let peak = 0;
		nock(OCR)
			.post(AUTO_PATH, (body: { url: string; type_list: string[] }) => body.type_list.join() === 'bankcard' && /^https:/.test(body.url))
			.times(counts.length)
			.reply((_uri, body, callback) => {
				const photo = Number(/\/(\d+)\.jpg$/.exec((body as { url: string }).url)?.[1]);
				active++;
				peak = Math.max(peak, active);
				// Later photos answer sooner, and each lists its cards bottom first.
				const result = Array.from({ length: counts[photo] }, (_, n) =>
					card({ ...ICBC, bank_name: `photo ${photo} card ${n + 1}` }, at(40, 60 + n * 400)),
				).reverse();
				setTimeout(() => {
					active--;
					callback(null, [200, { result }]);
				}, 80 - photo * 15);
			});

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: '={{ $json.link }}', severalCardsPerPhoto: true, options: { batchConcurrency: 4 } },
			items: counts.map((_, i) => ({ json: { link: `https://example.com/${i}.jpg` } })),
			credentials: passwordCredential(),
			continueOnFail: true,
		});

		expect(peak).toBe(4);
		expect(result.items.map((item) => [item.pairedItem, item.json.bank_name ?? 'error', item.json.card_index ?? null])).toEqual([
			[{ item: 0 }, 'photo 0 card 1', 1],
			[{ item: 0 }, 'photo 0 card 2', 2],
			[{ item: 0 }, 'photo 0 card 3', 3],
			[{ item: 1 }, 'photo 1 card 1', 1],
			[{ item: 2 }, 'photo 2 card 1', 1],
			[{ item: 2 }, 'photo 2 card 2', 2],
			[{ item: 3 }, 'error', null],
			[{ item: 4 }, 'photo 4 card 1', 1],
			[{ item: 4 }, 'photo 4 card 2', 2],
		]);
	});

	it('a PDF scan: each page\'s photo is asked for its cards, the items say which page they are from', async () => {
		mockToken();
		const first = makeJpeg(1700, 2200);
		const second = makeJpeg(1700, 2201);
		expectPhoto([card(VISA, at(60, 900)), card(ICBC, at(60, 100))], first);
		expectPhoto([card(MASTERCARD, at(60, 100))], second);
		const pdf = pagesPdf([{ images: [jpegImage(first, 1700, 2200)] }, { images: [jpegImage(second, 1700, 2201)] }]);

		const result = await runNode({
			node,
			parameters: several(),
			items: [await binaryItem(pdf, { fileName: 'scanner-page.pdf', mimeType: 'application/pdf' })],
			credentials: passwordCredential(),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.bank_name, item.json.source_pdf_page, item.json.card_index, item.json.cards_in_photo])).toEqual([
			[ICBC.bank_name, 1, 1, 2],
			[VISA.bank_name, 1, 2, 2],
			[MASTERCARD.bank_name, 2, 1, 1],
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it.each([1, 1.1, 1.2])('works the same in node version %s, with that version\'s card checks and defaults', async (typeVersion) => {
		mockToken();
		expectPhoto([card(VISA, at(560, 60)), card(ICBC, at(40, 60))]);

		const result = await runNode({
			node,
			parameters: several(),
			items: [await binaryItem(PHOTO, { fileName: 'desk.jpg', mimeType: 'image/jpeg' })],
			credentials: passwordCredential(),
			typeVersion,
		});

		expect(result.items.map((item) => [item.json.bank_name, item.json.card_index])).toEqual([
			[ICBC.bank_name, 1],
			[VISA.bank_name, 2],
		]);
		// 1.2 lists the empty issue date apart; 1 keeps the photo on the items unless told otherwise.
		expect(result.items.map((item) => 'missing_fields' in item.json)).toEqual([typeVersion >= 1.2, typeVersion >= 1.2]);
		expect(result.items.map((item) => item.binary?.data?.fileName)).toEqual(typeVersion < 1.1 ? ['desk.jpg', 'desk.jpg'] : [undefined, undefined]);
	});

	it('keeps the photo on each card\'s item with Keep Input Binary, a copy each', async () => {
		mockToken();
		expectPhoto([card(ICBC, at(40, 60)), card(VISA, at(560, 60))]);

		const result = await runPhoto(several({ keepInputBinary: true }));

		expect(result.items).toHaveLength(2);
		expect(result.items.map((item) => item.binary?.data?.fileName)).toEqual(['desk.jpg', 'desk.jpg']);
		expect(result.items[0].binary).not.toBe(result.items[1].binary);
	});
});

describe('the region notice', () => {
	const SHANGHAI = 'cn-east-3';
	const OCR_SHANGHAI = `https://ocr.${SHANGHAI}.myhuaweicloud.com`;

	it('a Shanghai1 credential: Huawei\'s "no such API" names the region that offers it and the credential\'s', async () => {
		mockToken(undefined, undefined, SHANGHAI);
		nock(OCR_SHANGHAI).post(AUTO_PATH).reply(404, huaweiError('APIG.0101', 'The API does not exist or has not been published in the environment.'));

		const result = await runNode({
			node,
			parameters: several(),
			items: [await binaryItem(PHOTO, { fileName: 'desk.jpg', mimeType: 'image/jpeg' })],
			credentials: passwordCredential({ region: SHANGHAI }),
		});

		const error = result.error as Error & { description?: string };
		expect(error.message).toMatch(/^Auto-classification OCR \(several cards per photo\) is not available at this address/);
		expect(error.description).toContain('Huawei offers it in Beijing4 (cn-north-4) only.');
		expect(error.description).toContain('The credential is set to Shanghai1 (cn-east-3)');
	});

	it('Beijing4, service not enabled: says to enable auto-classification, without blaming the region', async () => {
		mockToken();
		nock(OCR).post(AUTO_PATH).reply(403, huaweiError('ModelArts.4204', 'The API is not subscribed.'));

		const result = await runPhoto(several());

		const error = result.error as Error & { description?: string };
		expect(error.message).toMatch(/^Auto-classification OCR \(several cards per photo\) is not enabled/);
		expect(error.description).toContain('智能分类识别');
		expect(error.description).not.toContain('The credential is set to');
	});
});

describe('this API\'s own wording reads the house way', () => {
	it.each([
		['AIS.0103', 400],
		['AIS.0104', 400],
		['ModelArts.4204', 403],
		['APIG.0101', 404],
	])('%s (HTTP %i), as an error item under Continue On Fail', async (code, status) => {
		mockToken();
		nock(OCR).post(AUTO_PATH).reply(status, huaweiError(code, 'Huawei said no.'));

		const result = await runPhoto(several({ maxRetries: 0 }), { continueOnFail: true });

		const json = result.items[0].json as { error: string; description: string; error_code: string };
		expect(json.error_code).toBe(code);
		expect(messageStyleProblems(json.error, json.description)).toEqual([]);
		expect(json).toMatchObject({ source_file_name: 'desk.jpg' });
	});
});
