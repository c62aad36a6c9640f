/**
 * Batches through n8n's engine: concurrency, order, pairedItem, retries, timeouts and what
 * happens when a run stops. Backoff waits are shortened by backoff.scale, not skipped.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { backoff } from '../../../../nodes/HuaweiOcr/shared/transport/retry';
import { runNode } from '../../../helpers/engine';
import {
	BANKCARD_PATH,
	CARD_NUMBER_MASKED,
	CARD_RESULT,
	countTokenRequests,
	huaweiError,
	mockToken,
	OCR,
	passwordCredential,
	resetNock,
	signedInCredential,
	TOKEN,
} from '../../../helpers/huawei';

const node = new BankcardOcr();
const urlParameters = (options: INodeParameters = {}): INodeParameters => ({
	inputType: 'url',
	imageUrl: '={{ $json.link }}',
	options,
});
const urlItems = (count: number) =>
	Array.from({ length: count }, (_, i) => ({ json: { link: `https://example.com/${i}.jpg` } }));
/** Which item a request was for, from the URL in its body. */
const itemOf = (body: { url: string }) => Number(/\/(\d+)\.jpg$/.exec(body.url)?.[1]);

const scale = backoff.scale;
beforeAll(() => {
	backoff.scale = 0.001;
});
afterAll(() => {
	backoff.scale = scale;
});
beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('batches', () => {
	it('runs Batch Concurrency items at once and keeps input order and pairedItem', async () => {
		mockToken();
		let active = 0;
		let peak = 0;
		nock(OCR)
			.post(BANKCARD_PATH)
			.times(12)
			.reply((_uri, body, callback) => {
				const item = itemOf(body as { url: string });
				active++;
				peak = Math.max(peak, active);
				// Later items answer sooner, so completion order is the reverse of input order.
				setTimeout(() => {
					active--;
					callback(null, [200, { result: { ...CARD_RESULT, bank_name: `bank ${item}` } }]);
				}, 60 - item * 4);
			});

		const result = await runNode({
			node,
			parameters: urlParameters({ batchConcurrency: 4 }),
			items: urlItems(12),
			credentials: passwordCredential(),
		});

		expect(result.error).toBeUndefined();
		expect(peak).toBe(4);
		expect(result.items.map((item) => item.json.bank_name)).toEqual(
			Array.from({ length: 12 }, (_, i) => `bank ${i}`),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 12 }, (_, i) => ({ item: i })),
		);
	});

	it('signs in once when many items start at the same moment', async () => {
		const tokens = countTokenRequests();
		nock(OCR).post(BANKCARD_PATH).times(10).delay(20).reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: urlParameters({ batchConcurrency: 10 }),
			items: urlItems(10),
			credentials: passwordCredential(),
		});

		expect(result.items).toHaveLength(10);
		expect(tokens.count).toBe(1);
		nock.cleanAll();
	});

	it('refreshes a token that expires mid-batch once for all items in flight', async () => {
		const credentials = signedInCredential(passwordCredential(), 'old-token');
		nock(OCR, { reqheaders: { 'x-auth-token': 'old-token' } })
			.post(BANKCARD_PATH)
			.times(4)
			.delay(20)
			.reply(401, huaweiError('APIG.0307', 'The token must be updated.'));
		const tokens = countTokenRequests();
		nock(OCR, { reqheaders: { 'x-auth-token': TOKEN } }).post(BANKCARD_PATH).times(8).reply(200, { result: CARD_RESULT });

		const result = await runNode({
			node,
			parameters: urlParameters({ batchConcurrency: 4 }),
			items: urlItems(8),
			credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 8 }, (_, i) => ({ item: i })));
		expect(tokens.count).toBe(1);
		nock.cleanAll();
	});

	it('retries throttling (429 / APIG.0308) and recovers, honouring Retry-After', async () => {
		mockToken();
		const calls: number[] = [];
		nock(OCR)
			.post(BANKCARD_PATH)
			.times(2)
			.reply(429, huaweiError('APIG.0308', 'The throttling threshold has been reached'), { 'Retry-After': '2' });
		nock(OCR).post(BANKCARD_PATH).reply(200, (_uri, body) => {
			calls.push(itemOf(body as { url: string }));
			return { result: CARD_RESULT };
		});
		const waits: number[] = [];
		const random = backoff.random;
		backoff.random = () => {
			waits.push(1);
			return 0;
		};

		const started = Date.now();
		const result = await runNode({ node, parameters: urlParameters(), items: urlItems(1), credentials: passwordCredential() });
		backoff.random = random;

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.card_number).toBe(CARD_NUMBER_MASKED);
		expect(calls).toEqual([0]);
		expect(waits).toHaveLength(2);
		// Retry-After: 2 s at scale 0.001 is 2 ms per wait, more than the 0.5 ms jittered floor.
		expect(Date.now() - started).toBeGreaterThanOrEqual(4);
	});

	it.each([
		['ModelArts.4401', 500],
		['ModelArts.4402', 500],
		['APIG.0201', 504],
	])('retries the transient Huawei error %s', async (code, status) => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH).reply(status, huaweiError(code, 'busy'));
		nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT });
		const result = await runNode({ node, parameters: urlParameters(), items: urlItems(1), credentials: passwordCredential() });
		expect(result.error).toBeUndefined();
	});

	it('retries a connection reset', async () => {
		// nock's replyWithError never settles a POST with a body, so a local server stands in
		// for OCR (through the credential's OCR Endpoint) and cuts the first connection.
		let requests = 0;
		const server = createServer((request, response) => {
			requests++;
			if (requests === 1) {
				request.socket.destroy();
				return;
			}
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify({ result: CARD_RESULT }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		nock.enableNetConnect('127.0.0.1');
		try {
			mockToken();
			const { port } = server.address() as AddressInfo;
			const result = await runNode({
				node,
				parameters: urlParameters(),
				items: urlItems(1),
				credentials: passwordCredential({ ocrEndpoint: `http://127.0.0.1:${port}` }),
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.card_number).toBe(CARD_NUMBER_MASKED);
			expect(requests).toBe(2);
		} finally {
			server.close();
		}
	});

	it('stops after Max Retries and says how often it tried', async () => {
		mockToken();
		const scope = nock(OCR).post(BANKCARD_PATH).times(3).reply(503, '<html>Service Unavailable</html>');
		const result = await runNode({
			node,
			parameters: urlParameters({ maxRetries: 2 }),
			items: urlItems(1),
			credentials: passwordCredential(),
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items[0].json).toEqual({
			error: 'Huawei OCR had an internal problem',
			description: expect.stringMatching(/Service Unavailable.*Tried 3 times\./),
			http_code: 503,
		});
	});

	it('never retries an image error', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH).once().reply(400, huaweiError('AIS.0104', 'not a card'));
		const result = await runNode({ node, parameters: urlParameters(), items: urlItems(1), credentials: passwordCredential() });
		expect(result.error?.message).toMatch(/AIS\.0104/);
	});

	it('does not retry a rejected sign-in beyond n8n\'s single refresh', async () => {
		const credentials = signedInCredential(passwordCredential(), 'old-token');
		nock(OCR).post(BANKCARD_PATH).times(2).reply(401, huaweiError('APIG.0301', 'Incorrect IAM authentication information'));
		const tokens = countTokenRequests();
		const result = await runNode({ node, parameters: urlParameters(), items: urlItems(1), credentials });
		expect(result.error?.message).toBe('Huawei did not accept the sign-in for this request (APIG.0301)');
		expect(tokens.count).toBe(1);
		nock.cleanAll();
	});

	it('gives up on an answer that takes longer than the Timeout, retrying first', async () => {
		mockToken();
		const scope = nock(OCR).post(BANKCARD_PATH).times(2).delay(1500).reply(200, { result: CARD_RESULT });
		const result = await runNode({
			node,
			parameters: urlParameters({ timeout: 1, maxRetries: 1 }),
			items: urlItems(1),
			credentials: passwordCredential(),
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items[0].json.error).toBe('The request to Huawei timed out');
		expect(result.items[0].json.description).toMatch(/Tried 2 times/);
	});

	it('stops at the first failing item without Continue On Fail, naming it', async () => {
		mockToken();
		nock(OCR)
			.post(BANKCARD_PATH)
			.times(6)
			.optionally()
			.reply((_uri, body) =>
				itemOf(body as { url: string }) === 2
					? [400, huaweiError('AIS.0104', 'not a card')]
					: [200, { result: CARD_RESULT }],
			);
		const result = await runNode({
			node,
			parameters: urlParameters({ batchConcurrency: 2 }),
			items: urlItems(6),
			credentials: passwordCredential(),
		});
		expect(result.error?.message).toMatch(/AIS\.0104/);
		expect((result.error as Error & { context?: { itemIndex?: number } }).context?.itemIndex).toBe(2);
		nock.cleanAll();
	});

	it('with Continue On Fail, returns every item in order whatever fails', async () => {
		mockToken();
		nock(OCR)
			.post(BANKCARD_PATH)
			.times(9)
			.reply((_uri, body) => {
				const item = itemOf(body as { url: string });
				return item % 3 === 1 ? [400, huaweiError('AIS.0103', 'size')] : [200, { result: CARD_RESULT }];
			});
		const result = await runNode({
			node,
			parameters: urlParameters({ batchConcurrency: 5 }),
			items: urlItems(9),
			credentials: passwordCredential(),
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 9 }, (_, i) => ({ item: i })));
		expect(result.items.map((item) => ('error_code' in item.json ? item.json.error_code : 'ok'))).toEqual([
			'ok', 'AIS.0103', 'ok', 'ok', 'AIS.0103', 'ok', 'ok', 'AIS.0103', 'ok',
		]);
	});
});
