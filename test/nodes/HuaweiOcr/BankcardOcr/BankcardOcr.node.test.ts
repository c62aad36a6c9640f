/**
 * The node run through n8n-core's WorkflowExecute with only Huawei's endpoints mocked: what a
 * user sees when the node runs in a workflow.
 */
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { binaryItem, runNode, testCredential, type RunNodeResult } from '../../../helpers/engine';
import {
	BANKCARD_PATH,
	CARD_NUMBER_MASKED,
	CARD_OUTPUT_MASKED,
	CARD_RESULT,
	cardImage,
	countTokenRequests,
	huaweiError,
	IAM,
	mockToken,
	OCR,
	PASSWORD,
	passwordCredential,
	PROJECT_ID,
	resetNock,
	signedInCredential,
	TOKEN,
} from '../../../helpers/huawei';

const node = new BankcardOcr();
const binaryParameters = { inputType: 'binaryData', binaryPropertyName: 'data' };

/** Every string a run produced: items, error fields and log lines, for leak checks. */
function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return [JSON.stringify(result.items), error?.message, error?.description, ...result.logs].join('\n');
}

beforeEach(resetNock);
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
});

describe('Bankcard OCR in a workflow', () => {
	it('reads a card from a binary field and outputs Huawei\'s fields', async () => {
		const credentials = passwordCredential();
		mockToken();
		const image = cardImage();
		nock(OCR, { reqheaders: { 'x-auth-token': TOKEN } })
			.post(BANKCARD_PATH, { image: image.toString('base64') })
			.reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: binaryParameters,
			items: [await binaryItem(image, { fileName: 'card.jpg', mimeType: 'image/jpeg' })],
			credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ ...CARD_OUTPUT_MASKED, source_binary_field: 'data', source_file_name: 'card.jpg' });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		// The token and its project are stored with the credential, so the next run needs no sign-in.
		expect(credentials.data.token).toBe(TOKEN);
		expect(credentials.data.resolvedProjectId).toBe(PROJECT_ID);
	});

	it('reads binary data stored by n8n\'s filesystem mode', async () => {
		mockToken();
		const image = cardImage();
		nock(OCR).post(BANKCARD_PATH, { image: image.toString('base64') }).reply(200, { result: CARD_RESULT });

		const item = await binaryItem(image, { fileName: 'card.jpg', mimeType: 'image/jpeg', mode: 'filesystem' });
		expect(item.binary?.data.id).toBeDefined();
		const result = await runNode({
			node,
			parameters: binaryParameters,
			items: [item],
			credentials: passwordCredential(),
			binaryMode: 'filesystem',
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.card_number).toBe(CARD_NUMBER_MASKED);
	});

	it('sends an image URL for Huawei to download', async () => {
		mockToken();
		nock(OCR)
			.post(BANKCARD_PATH, { url: 'https://example.com/card.jpg' })
			.reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: '={{ $json.link }}' },
			items: [{ json: { link: ' https://example.com/card.jpg ' } }],
			credentials: passwordCredential(),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.bank_name)).toEqual([CARD_RESULT.bank_name]);
	});

	it('signs in once for five items, and not again in the next run', async () => {
		const credentials = passwordCredential();
		const tokens = countTokenRequests();
		nock(OCR).post(BANKCARD_PATH).times(8).reply(200, { result: CARD_RESULT });
		const items = Array.from({ length: 5 }, (_, i) => ({ json: { link: `https://example.com/${i}.jpg` } }));

		const first = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: '={{ $json.link }}' },
			items,
			credentials,
		});
		expect(first.items).toHaveLength(5);
		expect(tokens.count).toBe(1);

		const second = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: '={{ $json.link }}' },
			items: items.slice(0, 3),
			credentials,
		});
		expect(second.items).toHaveLength(3);
		expect(tokens.count).toBe(1);
		nock.cleanAll(); // the optional counter interceptor stays registered on purpose
	});

	it('refreshes an expired token once and repeats the request', async () => {
		const credentials = signedInCredential(passwordCredential(), 'expired-token');
		nock(OCR, { reqheaders: { 'x-auth-token': 'expired-token' } })
			.post(BANKCARD_PATH)
			.reply(401, huaweiError('APIG.0307', 'The token must be updated.'));
		mockToken('fresh-token');
		nock(OCR, { reqheaders: { 'x-auth-token': 'fresh-token' } })
			.post(BANKCARD_PATH)
			.reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://example.com/card.jpg' },
			items: [{ json: {} }],
			credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.card_number).toBe(CARD_NUMBER_MASKED);
		expect(credentials.data.token).toBe('fresh-token');
		expect(credentials.preAuthCalls).toBe(1);
	});

	it('puts the project of a refreshed token into the repeated request', async () => {
		const otherProject = 'ffffffffffffffffffffffffffffffff';
		const credentials = signedInCredential(passwordCredential(), 'expired-token');
		nock(OCR).post(BANKCARD_PATH).reply(401, huaweiError('APIG.0307', 'The token must be updated.'));
		mockToken('fresh-token', otherProject);
		nock(OCR).post(`/v2/${otherProject}/ocr/bankcard`).reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://example.com/card.jpg' },
			items: [{ json: {} }],
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(credentials.data.resolvedProjectId).toBe(otherProject);
	});

	it('stops at a Huawei error with a message a person understands, keeping the code', async () => {
		mockToken();
		nock(OCR)
			.post(BANKCARD_PATH)
			.reply(400, huaweiError('AIS.0104', 'The image is not supported.'), { 'X-Request-Id': 'req-123' });

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://example.com/cat.jpg' },
			items: [{ json: {} }],
			credentials: passwordCredential(),
		});

		const error = result.error as Error & { description?: string; httpCode?: string };
		expect(error.message).toBe('Huawei OCR could not find a readable bank card in the image (AIS.0104)');
		expect(error.description).toContain('front of one bank card');
		expect(error.description).toContain('The image is not supported.');
		expect(error.description).toContain('req-123');
		expect(error.httpCode).toBe('400');
	});

	it('with Continue On Fail, marks only the failed item and goes on', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/0.jpg' }).reply(200, { result: CARD_RESULT });
		nock(OCR)
			.post(BANKCARD_PATH, { url: 'https://example.com/1.jpg' })
			.reply(400, huaweiError('AIS.0103', 'The image size does not meet the requirements.'), {
				'X-Request-Id': 'req-456',
			});
		nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/2.jpg' }).reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: '={{ $json.link }}' },
			items: [0, 1, 2].map((i) => ({ json: { link: `https://example.com/${i}.jpg` } })),
			credentials: passwordCredential(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toEqual(CARD_OUTPUT_MASKED);
		expect(result.items[1].json).toEqual({
			error: 'The image is too small or too large (AIS.0103)',
			description: expect.stringContaining('between 15 and 8192 pixels'),
			error_code: 'AIS.0103',
			http_code: 400,
			request_id: 'req-456',
		});
		expect(result.items[2].json).toEqual(CARD_OUTPUT_MASKED);
	});

	it('names the missing binary field, the item and the fields it does have', async () => {
		const image = cardImage();
		const item = await binaryItem(image, { name: 'attachment_0', fileName: 'card.jpg', mimeType: 'image/jpeg' });

		const result = await runNode({
			node,
			parameters: binaryParameters,
			items: [item],
			credentials: passwordCredential(),
		});

		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('The item has no binary field "data" [item 0]');
		expect(error.description).toContain('"attachment_0"');
		expect(result.items).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]); // refused before any sign-in or paid call
	});

	it('explains an item without any file, and goes on under Continue On Fail', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: binaryParameters,
			items: [{ json: { note: 'no file' } }, await binaryItem(cardImage(), { mimeType: 'image/jpeg' })],
			credentials: passwordCredential(),
			continueOnFail: true,
		});

		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe('The item has no binary field "data" [item 0]');
		expect(result.items[0].json.description).toMatch(/carries no file/);
		expect(result.items[1].json.card_number).toBe(CARD_NUMBER_MASKED);
	});

	it('reports a wrong password in words, and never shows the password or token', async () => {
		nock(IAM)
			.post('/v3/auth/tokens')
			.query(true)
			.reply(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://example.com/card.jpg' },
			items: [{ json: {} }],
			credentials: passwordCredential(),
		});

		expect(result.error?.message).toMatch(/did not accept the sign-in for IAM user "ocr-bot" of account "acme-corp"/);
		expect(everything(result)).not.toContain(PASSWORD);
	});

	it('never puts the password or the token into items, errors or logs', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT });
		nock(OCR).post(BANKCARD_PATH).reply(403, huaweiError('ModelArts.4203', 'no permission'));

		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://example.com/card.jpg' },
			items: [{ json: {} }, { json: {} }],
			credentials: passwordCredential(),
			continueOnFail: true,
		});

		expect(result.items[1].json.error).toMatch(/not allowed to use OCR/);
		const text = everything(result);
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toContain(TOKEN);
	});
});

describe('Huawei OCR API credential test', () => {
	it('passes when IAM issues a token and accepts it', async () => {
		mockToken();
		nock(IAM, { reqheaders: { 'x-auth-token': TOKEN } })
			.get('/v3/auth/projects')
			.reply(200, { projects: [{ id: PROJECT_ID, name: 'cn-north-4' }] });

		await expect(testCredential(passwordCredential())).resolves.toEqual({
			status: 'OK',
			message: expect.any(String),
		});
	});

	it('says what to check when the sign-in is refused', async () => {
		nock(IAM)
			.post('/v3/auth/tokens')
			.query(true)
			.reply(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });

		const outcome = await testCredential(passwordCredential());
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toContain('The username or password is wrong.');
		expect(outcome.message).toContain('Account Name');
		expect(outcome.message).not.toContain(PASSWORD);
	});

	it('names the project when IAM cannot scope the token to it', async () => {
		nock(IAM)
			.post('/v3/auth/tokens', (body) => body.auth.scope.project.name === 'cn-north-4_missing')
			.query(true)
			.reply(400, { error_code: 'IAM.0010', error_msg: 'The project does not exist.' });

		const outcome = await testCredential(passwordCredential({ project: 'cn-north-4_missing' }));
		expect(outcome).toEqual({ status: 'Error', message: expect.stringContaining('"cn-north-4_missing"') });
	});
});
