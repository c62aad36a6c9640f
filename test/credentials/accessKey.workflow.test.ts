/**
 * The credential's second authentication type (AK/SK signing), custom endpoints, region guidance,
 * the Enterprise Project ID option and the sign-in fingerprint, run through n8n-core's
 * WorkflowExecute with only Huawei's endpoints mocked. Signatures are checked against the
 * official SDK signer (AKSKSigner), recomputed from what reached the mocked server.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import nock from 'nock';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { BankcardOcr } from '../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { parseCredential } from '../../credentials/common/huawei/credential';
import { fingerprintOf } from '../../credentials/common/huawei/signInIdentity';
import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { binaryItem, runNode, testCredential, type RunNodeResult } from '../helpers/engine';
import type { CredentialStore } from '../helpers/engine';
import {
	ACCESS_KEY_ID,
	accessKeyCredential,
	authorizationParts,
	BANKCARD_PATH,
	CARD_OUTPUT_MASKED,
	CARD_RESULT,
	cardImage,
	countProjectLookups,
	huaweiError,
	IAM,
	mockProjectLookup,
	mockToken,
	OCR,
	oracleAuthorization,
	PASSWORD,
	passwordCredential,
	PROJECT_ID,
	recordRequests,
	REGION,
	resetNock,
	sdkDateAgeMs,
	SECRET_ACCESS_KEY,
	SECURITY_TOKEN,
	signedInCredential,
	TOKEN,
	type ReceivedRequest,
} from '../helpers/huawei';
import { makeJpeg, makePng } from '../helpers/images';

const node = new BankcardOcr();
const urlParameters = { inputType: 'url', imageUrl: '={{ $json.link }}' };
const binaryParameters = { inputType: 'binaryData', binaryPropertyName: 'data' };
const USER_PROJECT_ID = 'aaaabbbbccccddddeeeeffff00001111';
const SIGNATURE_MISMATCH =
	'Incorrect IAM authentication information: verify aksk signature fail, SignedHeaders: host;x-sdk-date';
const ALL_SECRETS = [PASSWORD, SECRET_ACCESS_KEY, SECURITY_TOKEN, TOKEN];

function links(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({ json: { link: `https://example.com/card-${i}.jpg` } }));
}

/** Every request reaching the mocked server that nothing was set up for. */
function unmatchedRequests(): string[] {
	const seen: string[] = [];
	nock.emitter.on('no match', (req: { path?: string; href?: string }) => seen.push(String(req.href ?? req.path)));
	return seen;
}

/** The log lines of the last credential test (the harness captures them, testCredential does not return them). */
function credentialTestLogs(): string[] {
	return [...(Container.get(Logger) as unknown as { lines: string[] }).lines];
}

/** Everything a run produced that a person or a log file could see. */
function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	const errorFields = error ? JSON.stringify({ ...error, message: error.message, stack: error.stack }) : '';
	return [JSON.stringify(result.items), error?.message, error?.description, errorFields, ...result.logs].join('\n');
}

function expectSignedByOracle(request: ReceivedRequest, key = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }) {
	expect(request.headers.authorization).toBe(oracleAuthorization(request, key));
	// The comparison can fail: the same request signed with another secret gives another header.
	expect(oracleAuthorization(request, { ...key, secretAccessKey: `${key.secretAccessKey}x` })).not.toBe(
		request.headers.authorization,
	);
	expect(sdkDateAgeMs(request.headers['x-sdk-date'])).toBeLessThan(60_000);
	expect(authorizationParts(request.headers.authorization).access).toBe(key.accessKeyId);
}

beforeEach(resetNock);
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.emitter.removeAllListeners('no match');
});

describe('password and AK/SK modes give the same items', () => {
	/** OCR as each mode must reach it: with the token, or signed by the key (and never both). */
	function ocrFor(mode: 'password' | 'accessKey'): () => nock.Scope {
		return mode === 'password'
			? () => nock(OCR, { reqheaders: { 'x-auth-token': TOKEN }, badheaders: ['authorization'] })
			: () =>
					nock(OCR, {
						reqheaders: { authorization: /^SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, / },
						badheaders: ['x-auth-token'],
					});
	}

	async function runMode(
		mode: 'password' | 'accessKey',
		parameters: INodeParameters,
		items: INodeExecutionData[],
		replies: (ocr: () => nock.Scope) => void,
	): Promise<RunNodeResult> {
		resetNock();
		if (mode === 'password') mockToken();
		else mockProjectLookup();
		replies(ocrFor(mode));
		const result = await runNode({
			node,
			parameters,
			items,
			credentials: mode === 'password' ? passwordCredential() : accessKeyCredential(),
			continueOnFail: true,
		});
		expect(nock.pendingMocks()).toEqual([]);
		return result;
	}

	it('outputs identical items for the same OCR answers to image URLs, failures included', async () => {
		const second = { ...CARD_RESULT, bank_name: '招商银行', card_number: '4111 1111 1111 1111', type: '信用卡' };
		const replies = (ocr: () => nock.Scope) => {
			ocr().post(BANKCARD_PATH, { url: 'https://example.com/card-0.jpg' }).reply(200, { result: CARD_RESULT });
			ocr().post(BANKCARD_PATH, { url: 'https://example.com/card-1.jpg' }).reply(200, { result: second });
			ocr()
				.post(BANKCARD_PATH, { url: 'https://example.com/card-2.jpg' })
				.reply(400, huaweiError('AIS.0104', 'The image is not supported.'), { 'X-Request-Id': 'req-9' });
		};
		const password = await runMode('password', urlParameters, links(3), replies);
		const accessKey = await runMode('accessKey', urlParameters, links(3), replies);

		expect(password.error).toBeUndefined();
		expect(password.items.map((item) => item.json)).toEqual([
			CARD_OUTPUT_MASKED,
			expect.objectContaining({ bank_name: '招商银行', card_network: 'Visa' }),
			expect.objectContaining({ error_code: 'AIS.0104', http_code: 400, request_id: 'req-9' }),
		]);
		expect(accessKey.error).toBeUndefined();
		expect(accessKey.items).toEqual(password.items);
	});

	it('outputs identical items for the same OCR answer to a binary image', async () => {
		const image = cardImage();
		const replies = (ocr: () => nock.Scope) => {
			ocr().post(BANKCARD_PATH, { image: image.toString('base64') }).reply(200, { result: CARD_RESULT });
		};
		const input = async () => [await binaryItem(image, { fileName: 'card.jpg', mimeType: 'image/jpeg' })];
		const keeping = { ...binaryParameters, options: { keepInputBinary: true } };
		const password = await runMode('password', keeping, await input(), replies);
		const accessKey = await runMode('accessKey', keeping, await input(), replies);

		expect(password.error).toBeUndefined();
		expect(password.items[0].json).toEqual({ ...CARD_OUTPUT_MASKED, source_binary_field: 'data', source_file_name: 'card.jpg' });
		expect(password.items[0].binary?.data).toBeDefined();
		expect(accessKey.error).toBeUndefined();
		expect(accessKey.items).toEqual(password.items);
	});
});

describe('AK/SK project lookup', () => {
	it('looks the project up once for five items, and the stored result serves the next run', async () => {
		const credentials = accessKeyCredential();
		const lookups = countProjectLookups();
		const seen = recordRequests(nock(OCR).post(BANKCARD_PATH).times(8).reply(200, { result: CARD_RESULT }));

		const first = await runNode({ node, parameters: urlParameters, items: links(5), credentials });
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(5);
		expect(lookups.count).toBe(1);
		expect(credentials.data.resolvedProjectId).toBe(PROJECT_ID);

		// As after a restart of n8n: nothing shared in memory, only what the credential stored.
		clearSignInCache();
		const second = await runNode({ node, parameters: urlParameters, items: links(3), credentials });
		expect(second.error).toBeUndefined();
		expect(second.items).toHaveLength(3);
		expect(lookups.count).toBe(1);

		expect(seen).toHaveLength(8);
		for (const request of seen) {
			expect(request.url).toBe(`${OCR}${BANKCARD_PATH}`);
			expect(request.headers['x-project-id']).toBe(PROJECT_ID);
		}
		nock.cleanAll(); // the optional counting interceptors stay registered on purpose
	});

	it('shares one lookup between credentials with the same key and region in one process', async () => {
		const lookups = countProjectLookups();
		nock(OCR).post(BANKCARD_PATH).times(2).reply(200, { result: CARD_RESULT });

		await runNode({ node, parameters: urlParameters, items: links(1), credentials: accessKeyCredential() });
		const other = accessKeyCredential();
		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials: other });

		expect(result.error).toBeUndefined();
		expect(lookups.count).toBe(1);
		expect(other.data.resolvedProjectId).toBe(PROJECT_ID);
		nock.cleanAll();
	});

	it('with a Project ID set by the user, makes no lookup at all and uses that project', async () => {
		const credentials = accessKeyCredential({ projectId: ` ${USER_PROJECT_ID} ` });
		// No IAM mock: a project lookup would fail the run with "no match".
		const seen = recordRequests(
			nock(OCR).post(`/v2/${USER_PROJECT_ID}/ocr/bankcard`).times(5).reply(200, { result: CARD_RESULT }),
		);

		const result = await runNode({ node, parameters: urlParameters, items: links(5), credentials });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(seen.map((request) => request.headers['x-project-id'])).toEqual(Array(5).fill(USER_PROJECT_ID));
		expect(credentials.data.resolvedProjectId).toBe(USER_PROJECT_ID);
	});
});

describe('AK/SK signatures verify against the official SDK signer', () => {
	it('signs the project lookup and every OCR request over what was actually sent', async () => {
		const image = cardImage();
		const seen = recordRequests(mockProjectLookup());
		recordRequests(nock(OCR).post(BANKCARD_PATH).times(3).reply(200, { result: CARD_RESULT }), seen);

		const result = await runNode({
			node,
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data', options: { returnTextLocation: true } },
			items: [
				await binaryItem(image, { fileName: 'card.jpg', mimeType: 'image/jpeg' }),
				await binaryItem(makeJpeg(1200, 760), { fileName: 'b.jpg', mimeType: 'image/jpeg' }),
				await binaryItem(makePng(640, 400), { fileName: 'c.png', mimeType: 'image/png' }),
			],
			credentials: accessKeyCredential(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);

		const [lookup, ...ocr] = seen;
		expect(lookup.method).toBe('GET');
		expect(lookup.url).toBe(`${IAM}/v3/projects?name=${REGION}`);
		expectSignedByOracle(lookup);
		expect(lookup.headers['x-project-id']).toBeUndefined();
		expect(ocr).toHaveLength(3);
		for (const request of ocr) {
			expect(request.method).toBe('POST');
			expect(JSON.parse(request.body).image).toEqual(expect.any(String));
			expectSignedByOracle(request);
			expect(request.headers['x-project-id']).toBe(PROJECT_ID);
			expect(authorizationParts(request.headers.authorization).signedHeaders).toEqual(
				expect.arrayContaining(['host', 'x-project-id', 'x-sdk-date']),
			);
			expect(request.headers['x-security-token']).toBeUndefined();
			expect(request.headers['x-auth-token']).toBeUndefined();
		}
	});

	it('sends the Security Token of temporary keys and signs it, on the lookup and on OCR', async () => {
		const seen = recordRequests(mockProjectLookup());
		recordRequests(nock(OCR).post(BANKCARD_PATH).times(2).reply(200, { result: CARD_RESULT }), seen);

		const result = await runNode({
			node,
			parameters: urlParameters,
			items: links(2),
			credentials: accessKeyCredential({ securityToken: SECURITY_TOKEN }),
		});

		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(3);
		for (const request of seen) {
			expect(request.headers['x-security-token']).toBe(SECURITY_TOKEN);
			expect(authorizationParts(request.headers.authorization).signedHeaders).toContain('x-security-token');
			expectSignedByOracle(request);
		}
	});

	it('signs again with a fresh date when OCR rejects a signature, and the repeat verifies', async () => {
		const credentials = accessKeyCredential();
		const seen = recordRequests(mockProjectLookup());
		recordRequests(nock(OCR).post(BANKCARD_PATH).reply(401, huaweiError('APIG.0301', SIGNATURE_MISMATCH)), seen);
		recordRequests(mockProjectLookup(), seen);
		recordRequests(nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT }), seen);

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(CARD_OUTPUT_MASKED);
		expect(seen.map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
		for (const request of seen) expectSignedByOracle(request);
	});
});

describe('Huawei OCR API credential test with an access key', () => {
	function lookupAnswers(status: number, body: object, iam = IAM, region = REGION): ReceivedRequest[] {
		return recordRequests(nock(iam).get('/v3/projects').query({ name: region }).reply(status, body));
	}

	it('passes when the signed lookup and the signed test request are accepted', async () => {
		const seen = lookupAnswers(200, { projects: [{ id: PROJECT_ID, name: REGION }] });
		recordRequests(nock(IAM).get('/v3/projects').reply(200, { projects: [{ id: PROJECT_ID, name: REGION }] }), seen);

		await expect(testCredential(accessKeyCredential())).resolves.toEqual({ status: 'OK', message: expect.any(String) });
		expect(seen.map((request) => request.url)).toEqual([`${IAM}/v3/projects?name=${REGION}`, `${IAM}/v3/projects`]);
		for (const request of seen) expectSignedByOracle(request);
	});

	it('with a Project ID entered, proves the key with the signed test request alone and explains a rejection', async () => {
		const seen = recordRequests(nock(IAM).get('/v3/projects').reply(200, { projects: [] }));
		await expect(testCredential(accessKeyCredential({ projectId: USER_PROJECT_ID }))).resolves.toEqual({
			status: 'OK',
			message: expect.any(String),
		});
		expect(seen).toHaveLength(1);
		expectSignedByOracle(seen[0]);
		// IAM is global: like Huawei's SDKs, no project header on it, only on OCR calls.
		expect(seen[0].headers['x-project-id']).toBeUndefined();

		// n8n signs in again after a 401 and repeats the request once before giving up.
		nock(IAM).get('/v3/projects').times(2).reply(401, huaweiError('APIG.0301', SIGNATURE_MISMATCH));
		const outcome = await testCredential(accessKeyCredential({ projectId: USER_PROJECT_ID }));
		expect(outcome).toEqual({
			status: 'Error',
			message: expect.stringMatching(/Secret Access Key.*clock.*Leave Project ID empty/),
		});
	});

	it('says the secret key does not match when the gateway reports a signature mismatch', async () => {
		lookupAnswers(401, { ...huaweiError('APIG.0301', SIGNATURE_MISMATCH), request_id: 'r-1' });

		const outcome = await testCredential(accessKeyCredential());

		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^The Secret Access Key does not match Access Key ID "HPUAEXAMPLEAK0000001"/);
		expect(outcome.message).toContain('verify aksk signature fail');
		expect(outcome.message).toContain('credentials.csv');
		expect(outcome.message).not.toMatch(/clock|does not accept/);
	});

	it.each([
		// Wordings from Huawei's API Gateway FAQ ("Common Errors Related to IAM Authentication Information").
		['unknown', 'Incorrect IAM authentication information: Get secretKey failed,ak:HPUAEXAMPLEAK0000001,err:ak not exist'],
		['locked', 'Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.'],
		['locked (short wording)', 'Incorrect IAM authentication information: AK locked'],
	])('says Huawei does not accept the key when it is %s', async (_case, message) => {
		lookupAnswers(401, huaweiError('APIG.0301', message));

		const outcome = await testCredential(accessKeyCredential());

		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^Huawei does not accept Access Key ID "HPUAEXAMPLEAK0000001": it does not exist/);
		expect(outcome.message).toContain('locked');
		expect(outcome.message).toContain(message);
		expect(outcome.message).toContain('My Credentials > Access Keys');
		expect(outcome.message).not.toMatch(/Secret Access Key does not match|clock/);
	});

	it('tells the user to check the n8n host\'s clock when the signature has expired', async () => {
		lookupAnswers(
			401,
			huaweiError('APIG.0301', 'Incorrect IAM authentication information: calc ak sk signature fail:signature expired'),
		);

		const outcome = await testCredential(accessKeyCredential());

		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^Huawei rejected the signature as expired/);
		expect(outcome.message).toMatch(/check the date, time and time zone of the computer running n8n/);
		expect(outcome.message).toMatch(/15 minutes/);
		expect(outcome.message).not.toMatch(/Secret Access Key does not match|does not accept/);
	});

	it('names the region when its account has no project of that name', async () => {
		lookupAnswers(200, { projects: [] }, 'https://iam.cn-east-3.myhuaweicloud.com', 'cn-east-3');

		const outcome = await testCredential(accessKeyCredential({ region: 'cn-east-3' }));

		expect(outcome).toEqual({
			status: 'Error',
			message: expect.stringMatching(/has no project named "cn-east-3".*enter the Project ID/),
		});
	});

	it('names the region and asks for a Project ID when several projects carry its name', async () => {
		lookupAnswers(200, {
			projects: [
				{ id: PROJECT_ID, name: REGION },
				{ id: USER_PROJECT_ID, name: REGION },
			],
		});

		const outcome = await testCredential(accessKeyCredential());

		expect(outcome).toEqual({
			status: 'Error',
			message: expect.stringMatching(/has 2 projects named "cn-north-4"\. Enter the Project ID/),
		});
	});
});

describe('custom endpoints', () => {
	it('sends the password sign-in and the OCR call to the custom hosts, keeping a path prefix', async () => {
		const credentials = passwordCredential({
			iamEndpoint: ' https://iam.hcs.example.com/ ',
			ocrEndpoint: 'https://proxy.example.com/huawei-ocr/',
		});
		nock('https://iam.hcs.example.com')
			.post('/v3/auth/tokens')
			.query({ nocatalog: 'true' })
			.reply(201, { token: { project: { id: PROJECT_ID } } }, { 'X-Subject-Token': TOKEN });
		nock('https://proxy.example.com', { reqheaders: { 'x-auth-token': TOKEN } })
			.post(`/huawei-ocr${BANKCARD_PATH}`, { url: 'https://example.com/card-0.jpg' })
			.reply(200, { result: CARD_RESULT });
		const unmatched = unmatchedRequests();

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(CARD_OUTPUT_MASKED);
		expect(unmatched).toEqual([]);
	});

	it('looks the project up and signs OCR calls at the custom hosts, the signature covering the prefix', async () => {
		const credentials = accessKeyCredential({
			iamEndpoint: 'https://iam.example.eu/',
			ocrEndpoint: 'https://proxy.example.com/huawei-ocr',
		});
		const seen = recordRequests(mockProjectLookup(undefined, 'https://iam.example.eu'));
		recordRequests(
			nock('https://proxy.example.com').post(`/huawei-ocr${BANKCARD_PATH}`).reply(200, { result: CARD_RESULT }),
			seen,
		);

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials });

		expect(result.error).toBeUndefined();
		expect(seen.map((request) => request.url)).toEqual([
			`https://iam.example.eu/v3/projects?name=${REGION}`,
			`https://proxy.example.com/huawei-ocr${BANKCARD_PATH}`,
		]);
		expect(seen[1].headers.host).toBe('proxy.example.com');
		for (const request of seen) expectSignedByOracle(request);
	});

	it('runs the password credential test against a custom IAM endpoint with a path prefix', async () => {
		nock('https://gw.example.com')
			.post('/iam/v3/auth/tokens')
			.query(true)
			.reply(201, { token: { project: { id: PROJECT_ID } } }, { 'X-Subject-Token': TOKEN });
		nock('https://gw.example.com', { reqheaders: { 'x-auth-token': TOKEN } })
			.get('/iam/v3/auth/projects')
			.reply(200, { projects: [] });

		await expect(testCredential(passwordCredential({ iamEndpoint: 'https://gw.example.com/iam/' }))).resolves.toEqual({
			status: 'OK',
			message: expect.any(String),
		});
	});

	it('runs the access key credential test against a custom IAM endpoint with a path prefix', async () => {
		const seen = recordRequests(
			nock('https://gw.example.com').get('/iam/v3/projects').query({ name: REGION }).reply(200, {
				projects: [{ id: PROJECT_ID, name: REGION }],
			}),
		);
		recordRequests(nock('https://gw.example.com').get('/iam/v3/projects').reply(200, { projects: [] }), seen);

		await expect(testCredential(accessKeyCredential({ iamEndpoint: 'https://gw.example.com/iam/' }))).resolves.toEqual({
			status: 'OK',
			message: expect.any(String),
		});
		expect(seen.map((request) => request.url)).toEqual([
			`https://gw.example.com/iam/v3/projects?name=${REGION}`,
			'https://gw.example.com/iam/v3/projects',
		]);
		for (const request of seen) expectSignedByOracle(request);
	});

	it.each([
		['password', 'iamEndpoint', 'ftp://x', /^The credential's IAM Endpoint must start with https:\/\/ \(or http:\/\/\), not "ftp:"/],
		['accessKey', 'iamEndpoint', 'ftp://x', /^The credential's IAM Endpoint must start with https:\/\//],
		['password', 'ocrEndpoint', 'not a url', /^The credential's OCR Endpoint "not a url" is not a valid URL\. Use a full address such as https:\/\/ocr\./],
		['accessKey', 'ocrEndpoint', 'javascript:alert(1)', /^The credential's OCR Endpoint must start with https:\/\//],
	])('refuses a %s credential whose %s is "%s" before any request, naming the field', async (mode, field, value, message) => {
		const make = mode === 'password' ? passwordCredential : accessKeyCredential;
		const unmatched = unmatchedRequests();

		const run = await runNode({ node, parameters: urlParameters, items: links(2), credentials: make({ [field]: value }) });
		const tested = await testCredential(make({ [field]: value }));

		expect(run.items).toEqual([]);
		expect(run.error?.message).toMatch(message);
		expect(tested).toEqual({ status: 'Error', message: expect.stringMatching(message) });
		expect(unmatched).toEqual([]);
	});
});

describe('region guidance', () => {
	it.each([
		['password', 403, 'ModelArts.4204', 'The API is not subscribed.'],
		['accessKey', 400, 'ModelArts.4204', 'The API is not subscribed.'],
	])('in %s mode, explains HTTP %s %s as OCR not enabled in the region, and how to enable it', async (mode, status, code, text) => {
		if (mode === 'password') mockToken();
		else mockProjectLookup();
		nock(OCR).post(BANKCARD_PATH).reply(status, huaweiError(code, text));

		const result = await runNode({
			node,
			parameters: urlParameters,
			items: links(1),
			credentials: mode === 'password' ? passwordCredential() : accessKeyCredential(),
		});

		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('Bank card OCR is not enabled for this account in the chosen region (ModelArts.4204)');
		expect(error.description).toMatch(/Open the OCR console in the same region as the credential .* and enable "Bank Card"/);
		expect(error.description).toContain(text);
	});

	it.each([
		['with Huawei\'s APIG.0101 code', huaweiError('APIG.0101', 'The API does not exist or has not been published in the environment.')],
		['from a plain 404 page', '<html><body>404 Not Found</body></html>'],
	])('explains a 404 %s as bank card OCR not offered there, naming the regions that have it', async (_case, body) => {
		const south = 'https://ocr.cn-south-1.myhuaweicloud.com';
		nock('https://iam.cn-south-1.myhuaweicloud.com')
			.get('/v3/projects')
			.query({ name: 'cn-south-1' })
			.reply(200, { projects: [{ id: PROJECT_ID, name: 'cn-south-1' }] });
		nock(south).post(BANKCARD_PATH).reply(404, body);

		const result = await runNode({
			node,
			parameters: urlParameters,
			items: links(1),
			credentials: accessKeyCredential({ region: 'cn-south-1' }),
			continueOnFail: true,
		});

		expect(result.items[0].json).toEqual(
			expect.objectContaining({
				error: expect.stringMatching(/^Bank card OCR is not available at this address/),
				description: expect.stringMatching(
					/Check the credential's region: bank card OCR is offered in Beijing4 \(cn-north-4\) and Shanghai1 \(cn-east-3\)/,
				),
				http_code: 404,
			}),
		);
	});
});

describe('Enterprise Project ID option', () => {
	const parameters = { ...urlParameters, options: { enterpriseProjectId: ' b7a4e6f1-5d2c-4e8a-9f3b-1c2d3e4f5a6b ' } };

	it('is sent as the Enterprise-Project-Id header with a password token', async () => {
		mockToken();
		nock(OCR, { reqheaders: { 'enterprise-project-id': 'b7a4e6f1-5d2c-4e8a-9f3b-1c2d3e4f5a6b', 'x-auth-token': TOKEN } })
			.post(BANKCARD_PATH)
			.reply(200, { result: CARD_RESULT });

		const result = await runNode({ node, parameters, items: links(1), credentials: passwordCredential() });
		expect(result.error).toBeUndefined();
	});

	it('is sent as the Enterprise-Project-Id header on a signed request whose signature still verifies', async () => {
		mockProjectLookup();
		const seen = recordRequests(nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT }));

		const result = await runNode({ node, parameters, items: links(1), credentials: accessKeyCredential() });

		expect(result.error).toBeUndefined();
		expect(seen[0].headers['enterprise-project-id']).toBe('b7a4e6f1-5d2c-4e8a-9f3b-1c2d3e4f5a6b');
		expectSignedByOracle(seen[0]);
	});

	it('is not sent when the option is not set', async () => {
		mockProjectLookup();
		const seen = recordRequests(nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT }));

		await runNode({ node, parameters: urlParameters, items: links(1), credentials: accessKeyCredential() });
		expect(seen[0].headers['enterprise-project-id']).toBeUndefined();
	});
});

describe('sign-in fingerprint', () => {
	const rejected = huaweiError('APIG.0301', 'Incorrect IAM authentication information: Authorization not found.');

	/** The OCR request that carries no credentials at all, answered with 401. */
	function unauthenticatedOcr(): ReceivedRequest[] {
		return recordRequests(
			nock(OCR, { badheaders: ['x-auth-token', 'authorization', 'x-security-token', 'x-sdk-date'] })
				.post(/\/ocr\/bankcard$/)
				.reply(401, rejected),
		);
	}

	function mockTokenFor(userName: string, token: string): void {
		nock(IAM)
			.post('/v3/auth/tokens', (body) => body?.auth?.identity?.password?.user?.name === userName)
			.query({ nocatalog: 'true' })
			.reply(201, { token: { project: { id: PROJECT_ID } } }, { 'X-Subject-Token': token });
	}

	function expectCurrent(store: CredentialStore): void {
		expect(store.data.signInFingerprint).toBe(fingerprintOf(parseCredential(store.data)));
	}

	it('does not use a token of another IAM user: 401 without credentials, sign in again, repeat', async () => {
		const store = signedInCredential(passwordCredential({ userName: 'previous-user' }), 'token-of-previous-user');
		store.data.userName = 'ocr-bot'; // edited in n8n; the hidden token stays
		const seen = unauthenticatedOcr();
		mockTokenFor('ocr-bot', 'token-of-ocr-bot');
		recordRequests(
			nock(OCR, { reqheaders: { 'x-auth-token': 'token-of-ocr-bot' } }).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT }),
			seen,
		);

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials: store });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual(CARD_OUTPUT_MASKED);
		expect(seen).toHaveLength(2);
		expect(JSON.stringify(seen)).not.toContain('token-of-previous-user');
		expect(store.data.token).toBe('token-of-ocr-bot');
		expectCurrent(store);
		expect(store.preAuthCalls).toBe(1);
	});

	it('does not sign with a replaced access key: 401 unsigned, look up with the new key, repeat signed', async () => {
		const oldKey = { accessKeyId: 'HPUAOLDKEY0000000001', secretAccessKey: 'old-secret-access-key-value' };
		const store = signedInCredential(accessKeyCredential(oldKey), 'accessKey:old');
		store.data.accessKeyId = ACCESS_KEY_ID;
		store.data.secretAccessKey = SECRET_ACCESS_KEY;
		const seen = unauthenticatedOcr();
		recordRequests(mockProjectLookup(), seen);
		recordRequests(nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT }), seen);

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials: store });

		expect(result.error).toBeUndefined();
		expect(seen.map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
		expectSignedByOracle(seen[1]);
		expectSignedByOracle(seen[2]);
		expect(JSON.stringify(seen)).not.toContain('HPUAOLDKEY');
		expect(store.data.token).not.toBe('accessKey:old');
		expectCurrent(store);
	});

	it('heals a credential stored by the previous version (a token but no fingerprint) the same way', async () => {
		const store = passwordCredential({ token: 'token-from-previous-version', resolvedProjectId: PROJECT_ID });
		const seen = unauthenticatedOcr();
		mockTokenFor('ocr-bot', 'token-of-ocr-bot');
		recordRequests(
			nock(OCR, { reqheaders: { 'x-auth-token': 'token-of-ocr-bot' } }).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT }),
			seen,
		);

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials: store });

		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(2);
		expect(store.data.token).toBe('token-of-ocr-bot');
		expectCurrent(store);
	});

	it('keeps using the stored token when only the OCR endpoint changed', async () => {
		const store = signedInCredential(passwordCredential(), TOKEN);
		store.data.ocrEndpoint = 'https://proxy.example.com';
		nock('https://proxy.example.com', { reqheaders: { 'x-auth-token': TOKEN } })
			.post(BANKCARD_PATH)
			.reply(200, { result: CARD_RESULT });

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials: store });

		expect(result.error).toBeUndefined();
		expect(store.preAuthCalls).toBe(0);
	});
});

describe('no secret leaks', () => {
	/** A gateway that echoes the credentials it received in its error text: the worst case. */
	function echoingError(status: number, code: string, reason = 'verify aksk signature fail') {
		return function (this: { req: { headers: Record<string, string> } }) {
			const h = this.req.headers;
			return [
				status,
				huaweiError(
					code,
					`Incorrect IAM authentication information: ${reason}, x-auth-token=${h['x-auth-token']}, x-security-token=${h['x-security-token']}, authorization=${h.authorization}`,
				),
			] as [number, object];
		};
	}

	function expectNoSecrets(text: string): void {
		for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
	}

	it.each([false, true])('in password mode, with Continue On Fail %s: sign-in, success and Huawei errors', async (continueOnFail) => {
		const credentials = passwordCredential();
		mockToken();
		nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/card-0.jpg' }).reply(200, { result: CARD_RESULT });
		nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/card-1.jpg' }).reply(403, huaweiError('ModelArts.4203', 'no permission'));
		nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/card-2.jpg' }).optionally().reply(400, huaweiError('AIS.0104', 'bad image'));

		const first = await runNode({
			node,
			parameters: { ...urlParameters, options: { batchConcurrency: 1 } },
			items: links(3),
			credentials,
			continueOnFail,
		});
		expect(credentials.data.token).toBe(TOKEN);

		// The next run starts with the token stored; Huawei's error text now even repeats it.
		nock(OCR).post(BANKCARD_PATH).reply(echoingError(403, 'ModelArts.4203'));
		nock(OCR).post(BANKCARD_PATH).optionally().reply(echoingError(400, 'AIS.0104'));
		const second = await runNode({
			node,
			parameters: { ...urlParameters, options: { batchConcurrency: 1 } },
			items: links(2),
			credentials,
			continueOnFail,
		});

		for (const result of [first, second]) {
			if (continueOnFail) expect(result.items[result.items.length === 3 ? 1 : 0].json.error).toMatch(/not allowed to use OCR/);
			else expect(result.error?.message).toMatch(/not allowed to use OCR/);
			expectNoSecrets(everything(result));
		}
		expect(everything(second)).toContain('x-auth-token=[redacted]');
		nock.cleanAll();
	});

	it('redacts a token issued during the same run from Huawei\'s error text', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH).reply(echoingError(403, 'ModelArts.4203'));

		const result = await runNode({ node, parameters: urlParameters, items: links(1), credentials: passwordCredential() });

		expect(result.error?.message).toMatch(/not allowed to use OCR/);
		const text = everything(result);
		expect(ALL_SECRETS.filter((secret) => text.includes(secret))).toEqual([]);
	});

	it.each([false, true])(
		'in AK/SK mode with a Security Token, with Continue On Fail %s: success, Huawei errors and a rejected signature',
		async (continueOnFail) => {
			mockProjectLookup();
			nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/card-0.jpg' }).reply(200, { result: CARD_RESULT });
			nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/card-1.jpg' }).reply(echoingError(400, 'AIS.0104'));
			// A rejected signature: n8n looks up again (rejected too) and the item fails.
			nock(OCR).post(BANKCARD_PATH, { url: 'https://example.com/card-2.jpg' }).optionally().reply(echoingError(401, 'APIG.0301'));
			nock(IAM).get('/v3/projects').query(true).optionally().reply(echoingError(401, 'APIG.0301'));

			const result = await runNode({
				node,
				parameters: { ...urlParameters, options: { batchConcurrency: 1 } },
				items: links(3),
				credentials: accessKeyCredential({ securityToken: SECURITY_TOKEN }),
				continueOnFail,
			});

			if (continueOnFail) {
				expect(result.items.map((item) => Boolean(item.json.error))).toEqual([false, true, true]);
			} else {
				expect(result.error?.message).toMatch(/could not find a readable bank card/);
			}
			expectNoSecrets(everything(result));
			nock.cleanAll();
		},
	);

	it.each([
		['password: wrong password', () => passwordCredential(), () => nock(IAM).post('/v3/auth/tokens').query(true).reply(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } })],
		['AK/SK: signature mismatch', () => accessKeyCredential({ securityToken: SECURITY_TOKEN }), () => nock(IAM).get('/v3/projects').query(true).reply(echoingError(401, 'APIG.0301'))],
		['AK/SK: signature expired', () => accessKeyCredential({ securityToken: SECURITY_TOKEN }), () => nock(IAM).get('/v3/projects').query(true).reply(echoingError(401, 'APIG.0301', 'signature expired'))],
		['AK/SK: IAM down', () => accessKeyCredential({ securityToken: SECURITY_TOKEN }), () => nock(IAM).get('/v3/projects').query(true).reply(echoingError(503, 'APIG.0613'))],
	])('in a failed credential test (%s), neither the message nor a log line shows a secret', async (_case, credential, mock) => {
		mock();

		const outcome = await testCredential(credential());

		expect(outcome.status).toBe('Error');
		expectNoSecrets([outcome.message, ...credentialTestLogs()].join('\n'));
	});
});
