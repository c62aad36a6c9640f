/**
 * One email, two nodes: a customer's email brings a bank card photo and an ID card photo. From
 * Bankcard OCR 1.3, with Every File of the Item, the photo in which Huawei finds no bank card
 * goes to skipped_files with Huawei's reason when another file of the email gives a card; when no
 * file gives one, the item fails as before. Versions 1 to 1.2 keep their output. Through n8n's
 * engine, Huawei mocked.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { filesItem, runNode, type RunNodeResult } from '../../../helpers/engine';
import { BANKCARD_PATH, CARD_RESULT, huaweiError, mockToken, OCR, PROJECT_ID, passwordCredential, resetNock } from '../../../helpers/huawei';
import { makeJpeg, makePng } from '../../../helpers/images';

const node = new BankcardOcr();
const AUTO_PATH = `/v2/${PROJECT_ID}/ocr/auto-classification`;
const BANK_CARD_PHOTO = makeJpeg(856, 540);
const ID_CARD_PHOTO = makePng(1000, 630);
const NOT_A_CARD = 'Huawei OCR could not find a readable bank card in the image (AIS.0104)';

const email = () =>
	filesItem({
		attachment_0: { bytes: ID_CARD_PHOTO, fileName: 'id-front.png', mimeType: 'image/png' },
		attachment_1: { bytes: BANK_CARD_PHOTO, fileName: 'card.jpg', mimeType: 'image/jpeg' },
	});

function answers(bankCard: boolean, idCard: 'AIS.0104' | 'AIS.0103' = 'AIS.0104') {
	nock(OCR).post(BANKCARD_PATH, { image: ID_CARD_PHOTO.toString('base64') }).reply(400, huaweiError(idCard, 'The image is not supported.'));
	const second = nock(OCR).post(BANKCARD_PATH, { image: BANK_CARD_PHOTO.toString('base64') });
	if (bankCard) second.reply(200, { result: CARD_RESULT });
	else second.reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
}

async function read(options: { typeVersion?: number; continueOnFail?: boolean; parameters?: IDataObject } = {}): Promise<RunNodeResult> {
	return await runNode({
		node,
		parameters: { inputType: 'allFiles', ...(options.parameters ?? {}) },
		items: [await email()],
		credentials: passwordCredential(),
		typeVersion: options.typeVersion,
		continueOnFail: options.continueOnFail,
	});
}

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('an email with an ID card photo and a bank card photo', () => {
	it('1.3 (new nodes): one item, the card, with the ID card photo in skipped_files and Huawei\'s reason', async () => {
		mockToken();
		answers(true);
		const result = await read();

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({ bank_name: CARD_RESULT.bank_name, source_binary_field: 'attachment_1', source_file_name: 'card.jpg' });
		expect(result.items[0].json.skipped_files).toEqual([
			{
				binary_field: 'attachment_0',
				file_name: 'id-front.png',
				reason: `${NOT_A_CARD}. Huawei said: The image is not supported.`,
				error_code: 'AIS.0104',
			},
		]);
	});

	it('1.3: the skipped photo follows the files skipped before any call, on every card item', async () => {
		mockToken();
		answers(true);
		const item = await filesItem({
			attachment_0: { bytes: ID_CARD_PHOTO, fileName: 'id-front.png', mimeType: 'image/png' },
			attachment_1: { bytes: BANK_CARD_PHOTO, fileName: 'card.jpg', mimeType: 'image/jpeg' },
			attachment_2: { bytes: Buffer.from('Thanks!'), fileName: 'note.txt', mimeType: 'text/plain' },
		});
		const result = await runNode({ node, parameters: { inputType: 'allFiles' }, items: [item], credentials: passwordCredential() });

		expect((result.items[0].json.skipped_files as IDataObject[]).map((entry) => entry.binary_field)).toEqual(['attachment_2', 'attachment_0']);
	});

	it.each([1, 1.1, 1.2])('%s: the ID card photo stays an error item under Continue On Fail, as saved workflows had it', async (typeVersion) => {
		mockToken();
		answers(true);
		const result = await read({ typeVersion, continueOnFail: true });

		expect(result.items.map((item) => item.json.error ?? item.json.bank_name)).toEqual([NOT_A_CARD, CARD_RESULT.bank_name]);
		expect(result.items[1].json).not.toHaveProperty('skipped_files');
	});

	it('1.3, no file gives a card: the item fails as before, with the first photo\'s error', async () => {
		mockToken();
		answers(false);
		const result = await read();

		expect(result.error?.message).toBe(NOT_A_CARD);
		expect(result.items).toEqual([]);
	});

	it('1.3, no file gives a card, Continue On Fail: one error item per photo, as before', async () => {
		mockToken();
		answers(false);
		const result = await read({ continueOnFail: true });

		expect(result.items.map((item) => [item.json.error, item.json.source_binary_field])).toEqual([
			[NOT_A_CARD, 'attachment_0'],
			[NOT_A_CARD, 'attachment_1'],
		]);
	});

	it('1.3: a photo Huawei refuses for another reason (AIS.0103, size) stays an error, not a skipped file', async () => {
		mockToken();
		answers(true, 'AIS.0103');
		const result = await read({ continueOnFail: true });

		expect(result.items.map((item) => item.json.error_code ?? item.json.bank_name)).toEqual(['AIS.0103', CARD_RESULT.bank_name]);
	});

	it('1.3, one named file: the rule is for Every File of the Item only', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH).reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
		nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT });
		const result = await read({ parameters: { inputType: 'binaryData', binaryPropertyName: 'attachment_0, attachment_1' }, continueOnFail: true });

		expect(result.items.map((item) => item.json.error ?? item.json.bank_name)).toEqual([NOT_A_CARD, CARD_RESULT.bank_name]);
	});

	it('1.3, Photo May Hold Several Cards: a photo holding only an ID card is skipped too', async () => {
		mockToken();
		const idCardOnly = { result: [{ type: 'id_card', content: {}, location: [[0, 0], [10, 0], [10, 6], [0, 6]] }] };
		const oneCard = { result: [{ type: 'bankcard', content: CARD_RESULT, location: [[0, 0], [10, 0], [10, 6], [0, 6]], status: {} }] };
		nock(OCR).post(AUTO_PATH, (body: { image: string }) => body.image === ID_CARD_PHOTO.toString('base64')).reply(200, idCardOnly);
		nock(OCR).post(AUTO_PATH, (body: { image: string }) => body.image === BANK_CARD_PHOTO.toString('base64')).reply(200, oneCard);
		const result = await read({ parameters: { severalCardsPerPhoto: true } });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.skipped_files).toEqual([
			expect.objectContaining({ binary_field: 'attachment_0', reason: 'Huawei found no bank card in the photo' }),
		]);
	});

	it('1.3, Masked: a skipped photo named after the card does not bring the number back', async () => {
		mockToken();
		answers(true);
		const item = await filesItem({
			attachment_0: { bytes: ID_CARD_PHOTO, fileName: '6222021234567890128.png', mimeType: 'image/png' },
			attachment_1: { bytes: BANK_CARD_PHOTO, fileName: 'card.jpg', mimeType: 'image/jpeg' },
		});
		const result = await runNode({
			node,
			parameters: { inputType: 'allFiles', options: { cardNumberFormat: 'masked' } },
			items: [item],
			credentials: passwordCredential(),
		});

		expect((result.items[0].json.skipped_files as IDataObject[])[0].file_name).toBe('622202*********0128.png');
		expect(JSON.stringify(result.items[0].json)).not.toContain('6222021234567890128');
	});
});
