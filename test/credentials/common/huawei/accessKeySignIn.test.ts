// The official Node.js SDK signer, used only as a test oracle (devDependency, never shipped).
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { accessKeyProject, describeAccessKeyFailure } from '../../../../credentials/common/huawei/accessKeySignIn';
import type { AccessKeyCredential } from '../../../../credentials/common/huawei/credential';
import { signWithAccessKey } from '../../../../credentials/common/huawei/accessKeySigning';
import { clearSignInCache } from '../../../../credentials/common/huawei/signInCache';

const NOW = new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 321));
const SDK_DATE = '20240229T235958Z';
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

const login: AccessKeyCredential = {
	mode: 'accessKey',
	region: 'cn-north-4',
	iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
	ocrEndpoint: 'https://ocr.cn-north-4.myhuaweicloud.com',
	accessKeyId: 'HPUAEXAMPLEAK0000001',
	secretAccessKey: 'secret-access-key-0123456789',
	securityToken: '',
	projectId: '',
};
const temporary: AccessKeyCredential = { ...login, securityToken: 'temporary-security-token-0123456789' };
const OCR_URL = `https://ocr.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/ocr/bankcard`;

type Headers = Record<string, string>;

function headersOf(options: IHttpRequestOptions): Headers {
	return (options.headers ?? {}) as Headers;
}

/** Header value by name in any case, and how many spellings of it there are. */
function header(options: IHttpRequestOptions, name: string): { value: string | undefined; count: number } {
	const found = Object.entries(headersOf(options)).filter(([key]) => key.toLowerCase() === name.toLowerCase());
	return { value: found[0]?.[1], count: found.length };
}

function signedHeaderNames(options: IHttpRequestOptions): string[] {
	const match = /SignedHeaders=([^,]*),/.exec(header(options, 'authorization').value ?? '');
	if (!match) throw new Error('no SDK-HMAC-SHA256 Authorization header');
	return match[1].split(';');
}

/**
 * What the official signer computes for the request as it will be sent: method, URL, the headers
 * named in SignedHeaders (values as they are, the SDK does not trim) and the body text.
 */
function oracle(options: IHttpRequestOptions, key: AccessKeyCredential = login): string {
	const sent = headersOf(options);
	const lower = Object.fromEntries(Object.entries(sent).map(([name, value]) => [name.toLowerCase(), value]));
	const headers: Headers = {};
	for (const name of signedHeaderNames(options)) {
		headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = lower[name];
	}
	const url = new URL(options.url);
	const queryParams: Record<string, string | string[]> = {};
	for (const [name, value] of url.searchParams) {
		const existing = queryParams[name];
		if (existing === undefined) queryParams[name] = value;
		else queryParams[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	const body = options.body as string | undefined;
	let data: unknown;
	if (body) {
		expect(typeof body).toBe('string');
		data = JSON.parse(body);
		expect(JSON.stringify(data)).toBe(body); // the SDK hashes JSON.stringify(data)
	}
	const credential = new BasicCredentials().withAk(key.accessKeyId).withSk(key.secretAccessKey);
	return (
		AKSKSigner.sign({ method: options.method, endpoint: options.url, headers, queryParams, data }, credential) as Headers
	).Authorization;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

describe('signWithAccessKey', () => {
	it('adds X-Sdk-Date, host, X-Project-Id and an Authorization the official signer agrees with', () => {
		const signed = signWithAccessKey(
			login,
			{ method: 'POST', url: OCR_URL, body: { url: 'https://example.com/card.jpg' }, json: true },
			PROJECT,
			NOW,
		);

		expect(header(signed, 'X-Sdk-Date').value).toBe(SDK_DATE);
		expect(header(signed, 'host').value).toBe('ocr.cn-north-4.myhuaweicloud.com');
		expect(header(signed, 'X-Project-Id').value).toBe(PROJECT);
		expect(header(signed, 'X-Security-Token').count).toBe(0);
		expect(signedHeaderNames(signed)).toEqual(['host', 'x-project-id', 'x-sdk-date']);
		expect(header(signed, 'authorization').value).toMatch(/^SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, /);
		expect(header(signed, 'authorization').value).toBe(oracle(signed));
		expect(oracle(signed, { ...login, secretAccessKey: 'another-secret' })).not.toBe(header(signed, 'authorization').value);
		expect(signed.json).toBe(true);
	});

	it('sends and signs the Security Token of temporary keys', () => {
		const signed = signWithAccessKey(temporary, { method: 'GET', url: 'https://iam.example.com/v3/projects' }, undefined, NOW);

		expect(header(signed, 'X-Security-Token').value).toBe(temporary.securityToken);
		expect(header(signed, 'X-Project-Id').count).toBe(0);
		expect(signedHeaderNames(signed)).toEqual(['host', 'x-sdk-date', 'x-security-token']);
		expect(header(signed, 'authorization').value).toBe(oracle(signed, temporary));
	});

	it('folds qs into the URL with %20 for spaces, repeated values in order, and signs that URL', () => {
		const signed = signWithAccessKey(
			login,
			{
				method: 'GET',
				url: 'https://iam.example.com/v3/projects?fixed=a+b',
				qs: { name: 'cn north 4', plus: '1+1', tag: ['b', 'a'], none: null, missing: undefined, n: 5 },
			},
			undefined,
			NOW,
		);

		expect(signed.url).toBe(
			'https://iam.example.com/v3/projects?fixed=a%20b&name=cn%20north%204&plus=1%2B1&tag=b&tag=a&n=5',
		);
		expect(signed.qs).toBeUndefined();
		expect(header(signed, 'authorization').value).toBe(oracle(signed));
	});

	it('appends a relative URL to baseURL as the HTTP client does, keeping a path prefix', () => {
		for (const baseURL of ['https://gw.example.com/iam', 'https://gw.example.com/iam/']) {
			const signed = signWithAccessKey(login, { method: 'GET', baseURL, url: '/v3/projects' }, undefined, NOW);
			expect(signed.url).toBe('https://gw.example.com/iam/v3/projects');
			expect(signed.baseURL).toBeUndefined();
			expect(header(signed, 'authorization').value).toBe(oracle(signed));
		}
		const absolute = signWithAccessKey(
			login,
			{ method: 'GET', baseURL: 'https://gw.example.com/iam', url: 'https://other.example.com/x' },
			undefined,
			NOW,
		);
		expect(absolute.url).toBe('https://other.example.com/x');
	});

	it('serialises an object body once and signs exactly those bytes', () => {
		let serialised = 0;
		// A body that would come out differently if it were serialised a second time for sending.
		const body = { toJSON: () => ({ image: 'aGVsbG8=', call: ++serialised }) };

		const signed = signWithAccessKey(login, { method: 'POST', url: OCR_URL, body: body as unknown as IDataObject }, PROJECT, NOW);

		expect(serialised).toBe(1);
		expect(signed.body).toBe('{"image":"aGVsbG8=","call":1}');
		expect(header(signed, 'authorization').value).toBe(oracle(signed));
	});

	it('signs a string body as it is, and a Buffer body as its text', () => {
		const text = '{"url":"https://example.com/a.jpg","return_text_location":true}';
		const fromString = signWithAccessKey(login, { method: 'POST', url: OCR_URL, body: text }, PROJECT, NOW);
		const fromBuffer = signWithAccessKey(login, { method: 'POST', url: OCR_URL, body: Buffer.from(text) }, PROJECT, NOW);

		expect(fromString.body).toBe(text);
		expect(fromBuffer.body).toBe(text);
		expect(header(fromString, 'authorization').value).toBe(oracle(fromString));
		expect(header(fromBuffer, 'authorization').value).toBe(header(fromString, 'authorization').value);
	});

	it('signs an empty body as the hash of nothing', () => {
		const signed = signWithAccessKey(login, { method: 'GET', url: 'https://iam.example.com/v3/projects' }, undefined, NOW);
		expect(signed.body).toBeUndefined();
		expect(header(signed, 'authorization').value).toBe(oracle(signed));
		const withBody = signWithAccessKey(login, { method: 'GET', url: 'https://iam.example.com/v3/projects', body: '{}' }, undefined, NOW);
		expect(header(withBody, 'authorization').value).not.toBe(header(signed, 'authorization').value);
	});

	it('drops a stale Authorization, X-Auth-Token and signing headers in any spelling, and keeps the rest', () => {
		const signed = signWithAccessKey(
			login,
			{
				method: 'POST',
				url: OCR_URL,
				body: '{}',
				headers: {
					Authorization: 'SDK-HMAC-SHA256 Access=OLD, SignedHeaders=host, Signature=00',
					'X-AUTH-TOKEN': 'token-of-the-password-mode',
					'x-sdk-date': '20000101T000000Z',
					Host: 'stale.example.com',
					'x-project-id': 'old-project',
					'X-Security-Token': 'old-security-token',
					'Content-Type': 'application/json',
					'Enterprise-Project-Id': 'eps-1',
				},
			},
			PROJECT,
			NOW,
		);

		expect(header(signed, 'authorization').count).toBe(1);
		expect(header(signed, 'authorization').value).not.toContain('Access=OLD');
		expect(header(signed, 'x-auth-token').count).toBe(0);
		expect(header(signed, 'x-sdk-date')).toEqual({ value: SDK_DATE, count: 1 });
		expect(header(signed, 'host')).toEqual({ value: 'ocr.cn-north-4.myhuaweicloud.com', count: 1 });
		expect(header(signed, 'x-project-id')).toEqual({ value: PROJECT, count: 1 });
		expect(header(signed, 'x-security-token').count).toBe(0);
		expect(header(signed, 'content-type').value).toBe('application/json');
		expect(header(signed, 'enterprise-project-id').value).toBe('eps-1');
		// Headers the client may rewrite are sent but not signed.
		expect(signedHeaderNames(signed)).toEqual(['host', 'x-project-id', 'x-sdk-date']);
		expect(header(signed, 'authorization').value).toBe(oracle(signed));
	});

	it('re-signing its own output gives one fresh signature (n8n authenticates a request again after a 401)', () => {
		const first = signWithAccessKey(temporary, { method: 'POST', url: OCR_URL, body: { url: 'u' } }, PROJECT, NOW);
		const later = new Date(NOW.getTime() + 90_000);
		const second = signWithAccessKey(temporary, first, PROJECT, later);

		expect(header(second, 'x-sdk-date').value).toBe('20240301T000128Z');
		expect(second.body).toBe(first.body);
		expect(second.url).toBe(first.url);
		expect(header(second, 'authorization').count).toBe(1);
		expect(header(second, 'authorization').value).not.toBe(header(first, 'authorization').value);
		expect(header(second, 'authorization').value).toBe(oracle(second, temporary));
	});

	it('does not change the options it is given', () => {
		const input: IHttpRequestOptions = {
			method: 'POST',
			baseURL: 'https://ocr.cn-north-4.myhuaweicloud.com',
			url: `/v2/${PROJECT}/ocr/bankcard`,
			qs: { a: 'b c' },
			body: { url: 'https://example.com/card.jpg', nested: { deep: [1, 2] } },
			headers: { Authorization: 'old', 'Content-Type': 'application/json' },
			json: true,
		};
		const before = structuredClone(input);
		deepFreeze(input);

		const signed = signWithAccessKey(temporary, input, PROJECT, NOW);

		expect(input).toEqual(before);
		expect(signed).not.toBe(input);
		expect(signed.headers).not.toBe(input.headers);
	});
});

describe('describeAccessKeyFailure', () => {
	const said = (message: string, code = 'APIG.0301') => ({ error_code: code, error_msg: message });

	it.each([
		[401, 'Incorrect IAM authentication information: calc ak sk signature fail:signature expired'],
		[401, 'Incorrect IAM authentication information: signature expired'],
		[403, 'The request has expired: clock skew too large'],
	])('reads HTTP %s "%s" as clock skew and points at the n8n host\'s clock', (status, message) => {
		const text = describeAccessKeyFailure(status, said(message), login);
		expect(text).toMatch(/^Huawei rejected the signature as expired\./);
		expect(text).toContain('check the date, time and time zone of the computer running n8n');
		expect(text).toContain(`Huawei said: "${message}" (APIG.0301).`);
	});

	it.each([
		'Incorrect IAM authentication information: Get secretKey failed,ak:HPUAEXAMPLEAK0000001,err:ak not exist',
		'Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.',
		'Incorrect IAM authentication information: AK locked',
		'The access key was not found',
		'invalid access key',
	])('reads "%s" as an access key Huawei does not accept', (message) => {
		const text = describeAccessKeyFailure(401, said(message), login);
		expect(text).toMatch(/^Huawei does not accept Access Key ID "HPUAEXAMPLEAK0000001": it does not exist/);
		expect(text).toContain('locked');
		expect(text).toContain(message);
	});

	it('reads a failed signature check as a secret key that does not match the access key', () => {
		const text = describeAccessKeyFailure(
			401,
			said('Incorrect IAM authentication information: verify aksk signature fail'),
			login,
		);
		expect(text).toMatch(/^The Secret Access Key does not match Access Key ID "HPUAEXAMPLEAK0000001"\./);
		expect(text).toContain('credentials.csv');
	});

	it('blames the Security Token only when there is one', () => {
		const message = said('Incorrect IAM authentication information: decrypt token fail');
		expect(describeAccessKeyFailure(401, message, temporary)).toMatch(/^Huawei rejected the Security Token\./);
		expect(describeAccessKeyFailure(401, message, login)).toMatch(/^Huawei did not accept the access key\./);
	});

	it('quotes Huawei\'s words without a code and ends the sentence once', () => {
		const body = { error_msg: 'Access denied.' };
		expect(describeAccessKeyFailure(403, body, login)).toBe(
			'Huawei did not accept the access key. Huawei said: "Access denied." Check the Access Key ID, the Secret Access Key and the region.',
		);
		expect(describeAccessKeyFailure(503, 'busy', login)).toBe(
			'Huawei IAM answered with HTTP 503 when the project was looked up. Huawei said: "busy". Try again later.',
		);
	});

	it('falls back to a general 401/403 message, and to "try again" for other statuses', () => {
		expect(describeAccessKeyFailure(403, said('Forbidden', 'APIG.0302'), login)).toBe(
			'Huawei did not accept the access key. Huawei said: "Forbidden" (APIG.0302). Check the Access Key ID, the Secret Access Key and the region.',
		);
		expect(describeAccessKeyFailure(503, said('IAM unavailable', 'APIG.0613'), login)).toBe(
			'Huawei IAM answered with HTTP 503 when the project was looked up. Huawei said: "IAM unavailable" (APIG.0613). Try again later.',
		);
	});

	it('reads IAM\'s nested error shape, a text body, and no body at all', () => {
		expect(describeAccessKeyFailure(401, { error: { code: 401, message: 'signature expired' } }, login)).toContain(
			'Huawei said: "signature expired" (401).',
		);
		const long = `verify aksk signature fail ${'x'.repeat(500)}`;
		const fromText = describeAccessKeyFailure(401, long, login);
		expect(fromText).toMatch(/^The Secret Access Key does not match/);
		expect(fromText).toContain(`Huawei said: "${long.slice(0, 200)}".`);
		expect(fromText).not.toContain(long.slice(0, 201));
		expect(describeAccessKeyFailure(401, undefined, login)).toBe(
			'Huawei did not accept the access key. Check the Access Key ID, the Secret Access Key and the region.',
		);
	});

	it('never repeats the secret key or the security token, even when Huawei\'s text does', () => {
		const text = describeAccessKeyFailure(
			401,
			said(`verify aksk signature fail, x-security-token:${temporary.securityToken}, sk=${temporary.secretAccessKey}`),
			temporary,
		);
		expect(text).toMatch(/^The Secret Access Key does not match/);
		expect(text).not.toContain(temporary.securityToken);
		expect(text).not.toContain(temporary.secretAccessKey);
		expect(text).toContain('x-security-token:[redacted]');
	});
});

describe('accessKeyProject', () => {
	beforeEach(clearSignInCache);

	function iam(answers: Array<{ statusCode: number; body: unknown }>) {
		const requests: IHttpRequestOptions[] = [];
		const context: IHttpRequestHelper = {
			helpers: {
				httpRequest: (async (options: IHttpRequestOptions) => {
					requests.push(options);
					const answer = answers.shift();
					if (!answer) throw new Error('unexpected request');
					return answer;
				}) as IHttpRequestHelper['helpers']['httpRequest'],
			},
		};
		return { context, requests };
	}

	it('resolves the region\'s project with one signed lookup and shares it with later callers', async () => {
		const { context, requests } = iam([{ statusCode: 200, body: { projects: [{ id: PROJECT, name: 'cn-north-4' }] } }]);

		const first = await accessKeyProject(context, login, '');
		const second = await accessKeyProject(context, login, '');

		expect(first).toEqual({ token: expect.stringMatching(/^accessKey:[0-9a-f]{16}$/), resolvedProjectId: PROJECT });
		expect(second).toEqual(first);
		expect(requests).toHaveLength(1);
		expect(requests[0].url).toBe('https://iam.cn-north-4.myhuaweicloud.com/v3/projects?name=cn-north-4');
		expect(requests[0].method).toBe('GET');
		expect(header(requests[0], 'authorization').value).toBe(oracle(requests[0]));
		expect(header(requests[0], 'x-project-id').count).toBe(0);
		expect(first.token).not.toContain(login.secretAccessKey);
	});

	it('shares a lookup only between callers with the same key, token, region and endpoint', async () => {
		const variants: AccessKeyCredential[] = [
			login,
			{ ...login, accessKeyId: 'HPUAOTHERKEY00000001' },
			{ ...login, secretAccessKey: 'other-secret' },
			temporary,
			{ ...login, region: 'cn-east-3' },
			{ ...login, iamEndpoint: 'https://iam.example.eu' },
		];
		const { context, requests } = iam(
			variants.map((variant) => ({ statusCode: 200, body: { projects: [{ id: PROJECT, name: variant.region }] } })),
		);

		for (const variant of variants) await accessKeyProject(context, variant, '');
		for (const variant of variants) await accessKeyProject(context, variant, '');

		expect(requests).toHaveLength(variants.length);
	});

	it('looks up again when the caller reports the shared result as rejected', async () => {
		const { context, requests } = iam([
			{ statusCode: 200, body: { projects: [{ id: PROJECT, name: 'cn-north-4' }] } },
			{ statusCode: 200, body: { projects: [{ id: PROJECT, name: 'cn-north-4' }] } },
		]);
		const first = await accessKeyProject(context, login, '');
		await accessKeyProject(context, login, first.token);
		expect(requests).toHaveLength(2);
	});

	it('uses a Project ID the user entered without any request', async () => {
		const { context, requests } = iam([]);

		await expect(accessKeyProject(context, { ...login, projectId: PROJECT }, '')).resolves.toEqual({
			token: expect.stringMatching(/^accessKey:[0-9a-f]{16}$/),
			resolvedProjectId: PROJECT,
		});
		expect(requests).toHaveLength(0);
	});

	it.each([
		[{ projects: [] }, /has no project named "cn-north-4"/],
		[{}, /has no project named "cn-north-4"/],
		[{ projects: [{ id: 'a', name: 'cn-north-4_other' }] }, /has no project named "cn-north-4"/],
		[{ projects: [{ id: 'a', name: 'cn-north-4' }, { id: 'b', name: 'cn-north-4' }] }, /has 2 projects named "cn-north-4"/],
	])('refuses a lookup answer of %j, naming the region', async (body, message) => {
		const { context } = iam([{ statusCode: 200, body }]);
		const error = await accessKeyProject(context, login, '').catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(UserError);
		expect((error as Error).message).toMatch(message);
	});
});
