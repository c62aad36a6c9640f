/**
 * What an attacker, a broken proxy or a careless user can do to a credential, through n8n's
 * engine against servers on 127.0.0.1 (the local Huawei server, plus small servers that redirect,
 * never answer, or echo what they were sent), in both authentication modes, with and without
 * Continue On Fail. Attempts are counted at the servers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { HuaweiOcrApi } from '../../credentials/HuaweiOcrApi.credentials';
import { CredentialStore, testCredential } from '../helpers/engine';
import { IAM_USER, PROJECT_ID, REGION, SECRET_ACCESS_KEY } from '../helpers/fixtures';
import { startHuaweiServer, type HuaweiServer } from '../server/huaweiServer';
import { findLeaks, node, runNode, TEMPORARY_ACCESS_KEY, urlItems, type AuthMode } from './support';

/** A bare server on 127.0.0.1 that counts requests and answers them with `answer`. */
interface BareServer {
	url: string;
	requests: Array<{ method: string; url: string; body: string }>;
	close(): Promise<void>;
}

async function startBare(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<BareServer> {
	const sockets = new Set<Socket>();
	const requests: BareServer['requests'] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({ method: req.method ?? '', url: req.url ?? '', body });
			answer(req, res, body);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

function credential(mode: AuthMode, endpoints: { iam: string; ocr: string }, overrides: Record<string, string> = {}): CredentialStore {
	const common = { region: REGION, iamEndpoint: endpoints.iam, ocrEndpoint: endpoints.ocr };
	return new CredentialStore(
		new HuaweiOcrApi(),
		mode === 'password'
			? { authentication: 'password', ...common, userName: IAM_USER.name, password: IAM_USER.password, accountName: IAM_USER.domain, project: '', ...overrides }
			: {
					authentication: 'accessKey',
					...common,
					accessKeyId: TEMPORARY_ACCESS_KEY.ak,
					secretAccessKey: TEMPORARY_ACCESS_KEY.sk,
					securityToken: TEMPORARY_ACCESS_KEY.securityToken,
					projectId: '',
					...overrides,
				},
	);
}

const urlParameters = (options: Record<string, unknown> = {}) => ({
	inputType: 'url',
	imageUrl: '={{ $json.link }}',
	options: { maxRetries: 2, batchConcurrency: 4, ...options },
});

let huawei: HuaweiServer;
let target: BareServer;

beforeAll(async () => {
	huawei = await startHuaweiServer({ accessKeys: [TEMPORARY_ACCESS_KEY] });
	// Where every redirect points: it must never see a request.
	target = await startBare((_req, res) => res.end('{}'));
});
afterAll(async () => {
	await huawei.close();
	await target.close();
});
beforeEach(() => {
	clearSignInCache();
	huawei.resetStats();
	target.requests.length = 0;
});

describe.each(['password', 'accessKey'] as const)('%s mode', (mode) => {
	describe.each([301, 302, 307, 308])('an OCR endpoint that answers %i', (status) => {
		it.each([true, false])('sends nothing to the other host and says where it pointed (Continue On Fail %s)', async (continueOnFail) => {
			const redirector = await startBare((_req, res) => {
				res.writeHead(status, { Location: `${target.url}/v2/${PROJECT_ID}/ocr/bankcard` });
				res.end();
			});
			try {
				const result = await runNode({
					node,
					parameters: urlParameters(),
					items: urlItems(3),
					credentials: credential(mode, { iam: huawei.url, ocr: redirector.url }),
					continueOnFail,
				});
				expect(target.requests).toEqual([]);
				const message = `The OCR address answered with a redirect (HTTP ${status}) to ${new URL(target.url).host}`;
				if (continueOnFail) {
					expect(result.items).toHaveLength(3);
					for (const item of result.items) expect(item.json.error).toBe(message);
				} else {
					expect(result.error?.message).toBe(message);
				}
				// A redirect is not retried.
				expect(redirector.requests.length).toBeLessThanOrEqual(3);
			} finally {
				await redirector.close();
			}
		});
	});

	it('never re-sends the sign-in to the host an IAM redirect names', async () => {
		const redirector = await startBare((_req, res) => {
			res.writeHead(307, { Location: `${target.url}/v3/auth/tokens` });
			res.end();
		});
		try {
			const result = await runNode({
				node,
				parameters: urlParameters(),
				items: urlItems(6),
				credentials: credential(mode, { iam: redirector.url, ocr: huawei.url }),
				continueOnFail: true,
			});
			expect(target.requests).toEqual([]);
			expect(result.items).toHaveLength(6);
			for (const item of result.items) {
				expect(item.json.error).toMatch(/answered the sign-in with a redirect \(HTTP 307\) to 127\.0\.0\.1/);
			}
			// One sign-in for the execution: the rest are not tried.
			expect(redirector.requests).toHaveLength(1);
			expect(result.items[5].json.description).toMatch(/Not sent for this item/);
		} finally {
			await redirector.close();
		}
	});

	it.each([true, false])('ends a sign-in that never answers within the node\'s Timeout (Continue On Fail %s)', async (continueOnFail) => {
		const silent = await startBare(() => undefined);
		try {
			const started = Date.now();
			const result = await runNode({
				node,
				parameters: urlParameters({ timeout: 1 }),
				items: urlItems(5),
				credentials: credential(mode, { iam: silent.url, ocr: huawei.url }),
				continueOnFail,
			});
			expect(Date.now() - started).toBeLessThan(8000);
			const expected = /did not answer the sign-in within the node's Timeout \(1 s\)/;
			if (continueOnFail) {
				expect(result.items).toHaveLength(5);
				for (const item of result.items) expect(item.json.error).toMatch(expected);
			} else {
				expect(result.error?.message).toMatch(expected);
			}
			expect(silent.requests.length).toBeLessThanOrEqual(1);
			expect(huawei.stats.ocrRequests).toBe(0);
		} finally {
			await silent.close();
		}
	});
});

describe('a wrong password or secret key is not retried into a lockout', () => {
	it.each([true, false])('password: one sign-in attempt for 20 items (Continue On Fail %s)', async (continueOnFail) => {
		const result = await runNode({
			node,
			parameters: urlParameters(),
			items: urlItems(20),
			credentials: credential('password', { iam: huawei.url, ocr: huawei.url }, { password: 'wrong-password' }),
			continueOnFail,
		});
		expect(huawei.stats.tokenRequests).toBeLessThanOrEqual(2);
		expect(huawei.stats.tokenRequests).toBe(1);
		expect(huawei.stats.ocrRequests).toBe(0);
		if (continueOnFail) {
			expect(result.items).toHaveLength(20);
			for (const item of result.items) expect(item.json.error).toMatch(/did not accept the sign-in/);
		} else {
			expect(result.error?.message).toMatch(/did not accept the sign-in/);
		}
	});

	it.each([true, false])('access key with a Project ID: at most two rejected signed calls for 20 items (Continue On Fail %s)', async (continueOnFail) => {
		const result = await runNode({
			node,
			parameters: urlParameters(),
			items: urlItems(20),
			credentials: credential('accessKey', { iam: huawei.url, ocr: huawei.url }, { secretAccessKey: `${SECRET_ACCESS_KEY}-typo`, projectId: PROJECT_ID }),
			continueOnFail,
		});
		// n8n's own repeat after a 401 counts: the first item may send two signed calls.
		expect(huawei.stats.ocrRequests).toBeLessThanOrEqual(2);
		expect(huawei.stats.ocrSucceeded).toBe(0);
		if (continueOnFail) expect(result.items).toHaveLength(20);
		else expect(result.error).toBeDefined();
	});

	it('access key without a Project ID: one rejected project lookup for 20 items', async () => {
		const result = await runNode({
			node,
			parameters: urlParameters(),
			items: urlItems(20),
			credentials: credential('accessKey', { iam: huawei.url, ocr: huawei.url }, { secretAccessKey: `${SECRET_ACCESS_KEY}-typo` }),
			continueOnFail: true,
		});
		expect(huawei.stats.projectLookups).toBe(1);
		expect(huawei.stats.ocrRequests).toBe(0);
		expect(result.items).toHaveLength(20);
		expect(result.items[0].json.error).toMatch(/Secret Access Key does not match/);
	});
});

describe('echoes never reveal a secret', () => {
	// Quotes, a backslash, a space, "&" and non-ASCII: its JSON, URL and form encodings all differ.
	const PASSWORD = 'Pa"ss\\wörd 1&2+x';
	const forms = [
		PASSWORD,
		JSON.stringify(PASSWORD).slice(1, -1),
		encodeURIComponent(PASSWORD),
		encodeURIComponent(PASSWORD).replace(/%20/g, '+'),
		// Hex digits of the escapes in lower case, which is as valid.
		encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
	];

	let echo: BareServer;
	beforeAll(async () => {
		// An IAM (or a proxy in front of it) that repeats the request it refuses, in every form.
		echo = await startBare((_req, res, body) => {
			const text = `rejected ${body} form=password=${encodeURIComponent(PASSWORD).replace(/%20/g, '+')} url=${encodeURIComponent(PASSWORD)} lower=${forms[4]}`;
			res.writeHead(401, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: { code: 401, message: text } }));
		});
	});
	afterAll(async () => await echo.close());

	const store = () => credential('password', { iam: echo.url, ocr: echo.url }, { password: PASSWORD });

	it('in the credential test', async () => {
		const { status, message } = await testCredential(store());
		expect(status).toBe('Error');
		expect(message).toMatch(/did not accept the sign-in/);
		for (const form of forms) expect(message).not.toContain(form);
	});

	it('in a run: items, errors and logs', async () => {
		const result = await runNode({ node, parameters: urlParameters(), items: urlItems(2), credentials: store(), continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/did not accept the sign-in/);
		expect(findLeaks(result, forms)).toEqual([]);
	});

	it('an image URL with a login is refused before any call, and its login appears nowhere', async () => {
		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://card-user:S3cret-pass@cards.example.com/card.jpg', options: {} },
			items: [{ json: {} }],
			credentials: credential('password', { iam: huawei.url, ocr: huawei.url }),
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toMatch(/contains a user name or password/);
		expect(findLeaks(result, ['S3cret-pass', 'card-user'])).toEqual([]);
		expect(huawei.stats.requests).toBe(0);
	});
});

describe('endpoints a user may paste', () => {
	it.each([
		['iamEndpoint', 'https://iam.cn-north-4.myhuaweicloud.com/v3', /IAM Endpoint .* includes an API path/],
		['iamEndpoint', 'https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens', /IAM Endpoint .* includes an API path/],
		['ocrEndpoint', `https://ocr.cn-north-4.myhuaweicloud.com/v2/${PROJECT_ID}/ocr/bankcard`, /OCR Endpoint .* includes an API path/],
	])('%s "%s" gets a message about the endpoint field', async (field, value, expected) => {
		const { message } = await testCredential(credential('password', { iam: huawei.url, ocr: huawei.url }, { [field]: value }));
		expect(message).toMatch(expected);
		expect(message).not.toMatch(/project/i);
	});

	it('a plain http:// IAM endpoint in password mode shows a warning in the credential', () => {
		const notice = new HuaweiOcrApi().properties.find((property) => property.name === 'plainHttpIamNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions?.show).toEqual({ authentication: ['password'], iamEndpoint: [{ _cnd: { startsWith: 'http://' } }] });
	});
});
