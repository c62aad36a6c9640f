/**
 * The local Huawei IAM + OCR server (test/server/), driven over real sockets with Node's fetch
 * and our own signer, as the benchmark, the fault suite and the e2e run will drive it.
 */
import { spawn } from 'child_process';
import { once } from 'events';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createInterface } from 'readline';

import { createHash } from 'crypto';

import { signRequest } from '../../credentials/common/huawei/signer';
import { BANKCARD_IMAGE_LIMITS } from '../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { readImageInfo } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { makeJpeg, makePdf, makePng, pngChunk, splice } from '../helpers/images';
import { decodeBase64Range, memberValue, scanObject } from './body';
import { UNKNOWN_PHOTO_MESSAGE } from './unknownPhoto';
import { CARD_KEYWORD, HuaweiError, mulberry32, readCard, seededFault, seededFaults, startHuaweiServer, withCard, type CarriedCard, type Fault, type HuaweiServer, type HuaweiServerOptions, type SeededFaultPlan } from './huaweiServer';
import { ACCESS_KEY, CARD_RESULT, PROJECT_ID, REGION, SECURITY_TOKEN, IAM_USER, type AccessKeySpec } from '../helpers/fixtures';

const OTHER_PROJECT = 'ffffeeeeddddccccbbbbaaaa99998888';
const CARD_IMAGE = makeJpeg(856, 540).toString('base64');
const bankcardPath = (projectId = PROJECT_ID) => `/v2/${projectId}/ocr/bankcard`;

const servers: HuaweiServer[] = [];
async function start(options: HuaweiServerOptions = {}): Promise<HuaweiServer> {
	const server = await startHuaweiServer(options);
	servers.push(server);
	return server;
}
afterAll(async () => {
	await Promise.all(servers.map((server) => server.close()));
});

function tokenBody(
	project: { name?: string; id?: string } | null = { name: REGION },
	user: { name: string; password: string; domain: string } = IAM_USER,
) {
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: { user: { name: user.name, password: user.password, domain: { name: user.domain } } },
			},
			...(project ? { scope: { project } } : {}),
		},
	};
}

async function requestToken(server: HuaweiServer, body: unknown = tokenBody(), query = '?nocatalog=true') {
	return await fetch(`${server.url}/v3/auth/tokens${query}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
}

async function token(server: HuaweiServer, project?: { name?: string; id?: string }): Promise<string> {
	const response = await requestToken(server, tokenBody(project));
	expect(response.status).toBe(201);
	return response.headers.get('x-subject-token') as string;
}

async function ocrWithToken(
	server: HuaweiServer,
	authToken: string | undefined,
	body: unknown = { image: CARD_IMAGE },
	projectId = PROJECT_ID,
	init: RequestInit = {},
) {
	return await fetch(`${server.url}${bankcardPath(projectId)}`, {
		method: 'POST',
		headers: authToken ? { 'Content-Type': 'application/json', 'X-Auth-Token': authToken } : { 'Content-Type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		...init,
	});
}

interface SignOptions {
	method?: string;
	body?: string;
	/** Headers signed along with the ones the signer adds (X-Sdk-Date, host). */
	headers?: Record<string, string>;
	key?: { ak: string; sk: string };
	now?: Date;
	/** Changes to what is sent after signing (tampering). */
	send?: { body?: string; headers?: Record<string, string>; path?: string };
}

/** Signs with our signer (SDK-HMAC-SHA256) and sends with fetch, which sets Host itself. */
async function signedFetch(server: HuaweiServer, path: string, options: SignOptions = {}) {
	const method = options.method ?? 'POST';
	const url = `${server.url}${path}`;
	const body = options.body ?? '';
	const key = options.key ?? ACCESS_KEY;
	const added = signRequest(
		{ method, url, headers: options.headers ?? {}, body },
		{ accessKeyId: key.ak, secretAccessKey: key.sk },
		options.now ?? new Date(),
	);
	delete added.host;
	return await fetch(`${server.url}${options.send?.path ?? path}`, {
		method,
		headers: { 'Content-Type': 'application/json', ...options.headers, ...added, ...options.send?.headers },
		body: method === 'GET' ? undefined : (options.send?.body ?? body),
	});
}

const signedOcr = (server: HuaweiServer, body: unknown, options: SignOptions = {}) =>
	signedFetch(server, bankcardPath(), {
		body: JSON.stringify(body),
		headers: { 'X-Project-Id': PROJECT_ID },
		...options,
	});

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
	const body = (await response.json()) as { error_code: string; error_msg: string; request_id?: string };
	expect({ status: response.status, code: body.error_code }).toEqual({ status, code });
	if (message) expect(body.error_msg).toMatch(message);
	expect(body.request_id).toBe(response.headers.get('x-request-id'));
	return body;
}

let server: HuaweiServer;
beforeAll(async () => {
	server = await start();
});

describe('IAM password tokens', () => {
	it('issues a project-scoped token: 201, X-Subject-Token, expires_at 24 h ahead, project id and name', async () => {
		const before = Date.now();
		const response = await requestToken(server);
		expect(response.status).toBe(201);
		const issued = response.headers.get('x-subject-token');
		expect(issued).toMatch(/^MIIT[\w-]{100,}$/);
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
		const body = (await response.json()) as { token: Record<string, unknown> };
		expect(body.token.project).toMatchObject({ id: PROJECT_ID, name: REGION });
		expect(body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
		const lifetime = Date.parse(body.token.expires_at as string) - before;
		expect(lifetime).toBeGreaterThanOrEqual(24 * 3600_000 - 5);
		expect(lifetime).toBeLessThan(24 * 3600_000 + 5000);
		expect(body.token.catalog).toBeUndefined();
		expect(server.issuedTokens()).toContain(issued);
	});

	it('issues a different opaque token each time, scoped by project id too, with a catalog unless nocatalog', async () => {
		const first = await token(server, { id: PROJECT_ID });
		const second = await token(server, { name: REGION });
		expect(first).not.toBe(second);
		const withCatalog = await requestToken(server, tokenBody(), '');
		expect(withCatalog.status).toBe(201);
		expect(((await withCatalog.json()) as { token: { catalog: unknown[] } }).token.catalog.length).toBeGreaterThan(0);
	});

	it.each([
		['password', { ...IAM_USER, password: 'wrong' }],
		['user name', { ...IAM_USER, name: 'someone-else' }],
		['account name', { ...IAM_USER, domain: 'other-corp' }],
	])('rejects a wrong %s with IAM\'s 401', async (_what, user) => {
		const response = await requestToken(server, tokenBody({ name: REGION }, user));
		expect(response.status).toBe(401);
		expect(response.headers.get('x-subject-token')).toBeNull();
		expect(await response.json()).toEqual({
			error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
		});
	});

	it('rejects an unknown project by name or id with 400 IAM.0010, and a malformed body with 400', async () => {
		for (const project of [{ name: 'cn-east-3' }, { id: OTHER_PROJECT }]) {
			const response = await requestToken(server, tokenBody(project));
			expect(response.status).toBe(400);
			expect(((await response.json()) as { error_code: string }).error_code).toBe('IAM.0010');
		}
		const garbage = await fetch(`${server.url}/v3/auth/tokens`, { method: 'POST', body: '{"auth":' });
		expect(garbage.status).toBe(400);
		const noPassword = await requestToken(server, { auth: { identity: { methods: ['token'] } } });
		expect(noPassword.status).toBe(400);
	});

	it('lists projects for a valid token on GET /v3/auth/projects and answers 401 otherwise', async () => {
		const valid = await fetch(`${server.url}/v3/auth/projects`, { headers: { 'X-Auth-Token': await token(server) } });
		expect(valid.status).toBe(200);
		const body = (await valid.json()) as { projects: Array<{ id: string; name: string }> };
		expect(body.projects.map(({ id, name }) => ({ id, name }))).toEqual([{ id: PROJECT_ID, name: REGION }]);
		for (const headers of [{}, { 'X-Auth-Token': 'MIIT-not-issued' }] as Array<Record<string, string>>) {
			const response = await fetch(`${server.url}/v3/auth/projects`, { headers });
			expect(response.status).toBe(401);
			expect(((await response.json()) as { error: { code: number } }).error.code).toBe(401);
		}
	});

	it('expires tokens after tokenTtlMs (APIG.0307 on OCR, 401 on IAM)', async () => {
		let now = Date.UTC(2030, 0, 1);
		const timed = await start({ tokenTtlMs: 60_000, now: () => now });
		const response = await requestToken(timed);
		const expiresAt = ((await response.json()) as { token: { expires_at: string } }).token.expires_at;
		expect(expiresAt).toBe('2030-01-01T00:01:00.000000Z');
		const issued = response.headers.get('x-subject-token') as string;
		now += 59_999;
		expect((await ocrWithToken(timed, issued)).status).toBe(200);
		now += 1;
		await expectError(await ocrWithToken(timed, issued), 401, 'APIG.0307', /token must be updated/);
		expect((await fetch(`${timed.url}/v3/auth/projects`, { headers: { 'X-Auth-Token': issued } })).status).toBe(401);
		expect((await ocrWithToken(timed, await token(timed))).status).toBe(200);
	});

	it('expires every issued token on expireTokens() and on POST /__admin/expire-tokens; new ones work', async () => {
		const own = await start();
		const first = await token(own);
		expect((await ocrWithToken(own, first)).status).toBe(200);
		expect(own.expireTokens()).toBe(1);
		await expectError(await ocrWithToken(own, first), 401, 'APIG.0307');
		const second = await token(own);
		expect((await ocrWithToken(own, second)).status).toBe(200);
		const admin = await fetch(`${own.url}/__admin/expire-tokens`, { method: 'POST' });
		expect(await admin.json()).toEqual({ expired: 1 });
		await expectError(await ocrWithToken(own, second), 401, 'APIG.0307');
		expect(own.issuedTokens()).toEqual([first, second]);
		expect(await (await fetch(`${own.url}/__admin/tokens`)).json()).toEqual({ tokens: [first, second] });
	});
});

describe('RecognizeBankcard with a token', () => {
	let authToken: string;
	beforeAll(async () => {
		authToken = await token(server);
	});

	it('reads an image: 200 {result: default card} with X-Request-Id', async () => {
		const response = await ocrWithToken(server, authToken);
		expect(response.status).toBe(200);
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
		expect(await response.json()).toEqual({ result: CARD_RESULT });
	});

	it('reads a URL, and adds text_location only when asked', async () => {
		const plain = await ocrWithToken(server, authToken, { url: 'https://example.com/card.jpg' });
		expect(await plain.json()).toEqual({ result: CARD_RESULT });
		const located = await ocrWithToken(server, authToken, { image: CARD_IMAGE, return_text_location: true });
		const { result } = (await located.json()) as { result: Record<string, unknown> };
		const location = result.text_location as Record<string, number[][]>;
		expect(Object.keys(location).sort()).toEqual(['bank_name', 'card_number', 'expiry_date', 'type']);
		expect(location.card_number).toHaveLength(4);
		for (const corner of location.card_number) expect(corner).toEqual([expect.any(Number), expect.any(Number)]);
	});

	it.each<[string, number, string, unknown]>([
		['image and url', 400, 'AIS.0101', { image: CARD_IMAGE, url: 'https://example.com/card.jpg' }],
		['neither image nor url', 400, 'AIS.0101', { return_text_location: true }],
		['a body that is not JSON', 400, 'AIS.0101', '{"image": '],
		['a non-boolean return_text_location', 400, 'AIS.0101', { image: CARD_IMAGE, return_text_location: 'yes' }],
		['text that is not base64', 400, 'AIS.0102', { image: 'not base64 at all!' }],
		['base64 of a PDF', 400, 'AIS.0102', { image: makePdf().toString('base64') }],
		['base64 of plain text', 400, 'AIS.0102', { image: Buffer.from('hello, card').toString('base64') }],
		['a 10 x 10 image', 400, 'AIS.0103', { image: makeJpeg(10, 10).toString('base64') }],
		['a URL showing no card', 400, 'AIS.0104', { url: 'https://example.com/notacard.jpg' }],
		['an unreachable URL', 400, 'ModelArts.4603', { url: 'https://unreachable.example.com/card.jpg' }],
		['a URL that is not http(s)', 400, 'ModelArts.4601', { url: 'ftp://example.com/card.jpg' }],
	])('answers %s with %i %s', async (_what, status, code, body) => {
		await expectError(await ocrWithToken(server, authToken, body), status, code);
	});

	it('answers 401 APIG.0301 without a token or with one it never issued', async () => {
		await expectError(await ocrWithToken(server, undefined), 401, 'APIG.0301', /x-auth-token not found/);
		await expectError(await ocrWithToken(server, 'MIIT-forged'), 401, 'APIG.0301', /verify token fail/);
	});

	it('answers 401 APIG.0307 for a token of another project, 403 ModelArts.0212 for an unscoped one', async () => {
		const two = await start({ projects: { [REGION]: [PROJECT_ID], 'cn-east-3': [OTHER_PROJECT] } });
		const east = await token(two, { name: 'cn-east-3' });
		expect((await ocrWithToken(two, east, undefined, OTHER_PROJECT)).status).toBe(200);
		await expectError(await ocrWithToken(two, east, undefined, PROJECT_ID), 401, 'APIG.0307');
		const unscoped = await requestToken(two, tokenBody(null));
		expect(unscoped.status).toBe(201);
		const domainToken = unscoped.headers.get('x-subject-token') as string;
		await expectError(await ocrWithToken(two, domainToken), 403, 'ModelArts.0212');
	});

	it('answers 404 APIG.0101 on an unknown path or method', async () => {
		await expectError(await fetch(`${server.url}/v2/${PROJECT_ID}/ocr/idcard`, { method: 'POST', body: '{}' }), 404, 'APIG.0101');
		await expectError(await fetch(`${server.url}${bankcardPath()}`), 404, 'APIG.0101');
	});

	it('takes results from a cards function, which sees the decoded image or the URL, or throws a Huawei error', async () => {
		const seen: Array<{ image?: number; url?: string; location: boolean }> = [];
		const custom = await start({
			cards: (input) => {
				seen.push({ image: input.image?.length, url: input.url, location: input.returnTextLocation });
				if (input.url?.includes('blurry')) throw new HuaweiError(400, 'AIS.0104', 'The image quality is poor.');
				if (input.url?.includes('default')) return undefined;
				return { ...CARD_RESULT, card_number: input.url ? 'from url' : 'from image' };
			},
		});
		const customToken = await token(custom);
		const fromImage = (await (await ocrWithToken(custom, customToken)).json()) as { result: { card_number: string } };
		expect(fromImage.result.card_number).toBe('from image');
		const fromUrl = await ocrWithToken(custom, customToken, { url: 'https://x.test/a.jpg', return_text_location: true });
		expect(((await fromUrl.json()) as { result: { card_number: string } }).result.card_number).toBe('from url');
		await expectError(await ocrWithToken(custom, customToken, { url: 'https://x.test/blurry.jpg' }), 400, 'AIS.0104', /poor/);
		expect(await (await ocrWithToken(custom, customToken, { url: 'https://x.test/default.jpg' })).json()).toEqual({
			result: CARD_RESULT,
		});
		expect(seen).toEqual([
			{ image: Buffer.from(CARD_IMAGE, 'base64').length, url: undefined, location: false },
			{ image: undefined, url: 'https://x.test/a.jpg', location: true },
			{ image: undefined, url: 'https://x.test/blurry.jpg', location: false },
			{ image: undefined, url: 'https://x.test/default.jpg', location: false },
		]);
	});

	it('takes a ~7 MB image (9.3 MB of base64) by token and by AK/SK, and refuses bodies over maxBodyBytes', async () => {
		const big = makePng(856, 540, { extraBytes: 7_000_000 }).toString('base64');
		expect(big.length).toBeGreaterThan(9_000_000);
		expect((await ocrWithToken(server, authToken, { image: big })).status).toBe(200);
		expect((await signedOcr(server, { image: big })).status).toBe(200);
		const tooLong = `${big}${big.slice(0, 1_200_000)}`;
		await expectError(await ocrWithToken(server, authToken, { image: tooLong }), 400, 'AIS.0103', /10 MB/);
		const small = await start({ maxBodyBytes: 1024 * 1024 });
		const smallToken = await token(small);
		await expectError(await ocrWithToken(small, smallToken, { image: big }), 400, 'AIS.0103');
		// Without Content-Length (chunked) the limit holds too, and small chunked bodies are read whole.
		await expectError(await ocrWithToken(small, smallToken, undefined, undefined, streamed(JSON.stringify({ image: big }))), 400, 'AIS.0103');
		expect((await ocrWithToken(small, smallToken, undefined, undefined, streamed(JSON.stringify({ image: CARD_IMAGE })))).status).toBe(200);
	});

	it('gives every concurrent call its own image and answer (pooled buffers, scratch decoding)', async () => {
		const images = Array.from({ length: 12 }, (_, i) => makePng(100 + i, 60, { extraBytes: (i % 4) * 400_000 + i }));
		const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
		const echo = await start({
			latencyMs: 20,
			cards: (input) => ({ ...CARD_RESULT, card_number: digest(input.image as Buffer) }),
		});
		const echoToken = await token(echo);
		for (let round = 0; round < 2; round++) {
			const answers = await Promise.all(
				images.map(async (image) => {
					const response = await ocrWithToken(echo, echoToken, { image: image.toString('base64') });
					return ((await response.json()) as { result: { card_number: string } }).result.card_number;
				}),
			);
			expect(answers).toEqual(images.map(digest));
		}
		const statuses = await Promise.all(
			[...images, makePdf()].map(async (image) => (await ocrWithToken(server, authToken, { image: image.toString('base64') })).status),
		);
		expect(statuses).toEqual([...images.map(() => 200), 400]);
	});
});

describe('cards carried in the image', () => {
	const CARRIED: CarriedCard = {
		bank_name: '招商银行',
		card_number: '6225 8801 2345 6786',
		issue_date: '03/21',
		expiry_date: '03/31',
		type: '信用卡',
		confidence: { card_number: 0.8123 },
	};
	const expected = {
		...CARRIED,
		confidence: { ...(CARD_RESULT.confidence as Record<string, number>), card_number: 0.8123 },
	};
	const resultOf = async (response: Response) => {
		expect(response.status).toBe(200);
		return ((await response.json()) as { result: Record<string, unknown> }).result;
	};
	/** A COM segment built by hand, as other tools write one. */
	const com = (text: Buffer) => Buffer.concat([Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]), text]);
	let authToken: string;
	beforeAll(async () => {
		authToken = await token(server);
	});

	it('answers a JPEG (COM segment) or PNG (tEXt chunk) with the card it carries, by token and by AK/SK', async () => {
		const jpeg = withCard(makeJpeg(856, 540), CARRIED).toString('base64');
		const png = withCard(makePng(856, 540), CARRIED).toString('base64');
		expect(await resultOf(await ocrWithToken(server, authToken, { image: jpeg }))).toEqual(expected);
		expect(await resultOf(await ocrWithToken(server, authToken, { image: png }))).toEqual(expected);
		expect(await resultOf(await signedOcr(server, { image: jpeg }))).toEqual(expected);
		// Without a card: the fixture, as before.
		expect(await resultOf(await ocrWithToken(server, authToken, { image: CARD_IMAGE }))).toEqual(CARD_RESULT);
	});

	it('keeps the image what it was: same format and size, and nothing but the tagged text is read', () => {
		for (const image of [makeJpeg(856, 540), makeJpeg(300, 200, { progressive: true, fillBytes: true }), makePng(640, 400)]) {
			const carrying = withCard(image, CARRIED);
			expect(readImageInfo(carrying, BANKCARD_IMAGE_LIMITS)).toEqual(readImageInfo(image, BANKCARD_IMAGE_LIMITS));
			expect(readCard(carrying)).toEqual({ card: expected });
			expect(readCard(image)).toBeUndefined();
		}
		expect(() => withCard(makePdf(), CARRIED)).toThrow(/JPEG and PNG/);
	});

	it('reads the tag as other tools write it: a NUL separator, raw UTF-8, after other comments and chunks', () => {
		const json = JSON.stringify({ ...CARRIED, confidence: undefined });
		const jpeg = splice(
			makeJpeg(100, 60),
			2,
			Buffer.concat([com(Buffer.from('made by a scanner')), com(Buffer.from(`${CARD_KEYWORD}\0${json}`, 'utf8'))]),
		);
		expect(readCard(jpeg)).toEqual({ card: { ...CARRIED, confidence: CARD_RESULT.confidence } });
		const png = makePng(100, 60);
		const ihdrEnd = 8 + 12 + 13;
		const chunks = Buffer.concat([
			pngChunk('tEXt', Buffer.from('Comment\0hello', 'latin1')),
			pngChunk('tEXt', Buffer.from(`${CARD_KEYWORD}\0${json}`, 'utf8')),
		]);
		expect(readCard(splice(png, ihdrEnd, chunks))).toEqual({ card: { ...CARRIED, confidence: CARD_RESULT.confidence } });
		// A comment that only starts like the keyword is not the tag.
		expect(readCard(splice(makeJpeg(100, 60), 2, com(Buffer.from(`${CARD_KEYWORD}s:{}`))))).toBeUndefined();
		// A COM after the first scan is entropy-coded territory and is not looked for.
		const late = makeJpeg(100, 60);
		expect(readCard(splice(late, late.length - 2, com(Buffer.from(`${CARD_KEYWORD}:${json}`))))).toBeUndefined();
	});

	it('answers 400 AIS.0101 naming the problem when the tagged text is not a card, and a cards function still decides first', async () => {
		const tagged = (text: string) => splice(makeJpeg(100, 60), 2, com(Buffer.from(text)));
		const cases: Array<[string, RegExp]> = [
			[`${CARD_KEYWORD}:{"bank_name":`, /not JSON/],
			[`${CARD_KEYWORD}:[1]`, /not a JSON object/],
			[`${CARD_KEYWORD}:{"bank_name":"x","card_number":1}`, /card_number must be a string/],
			[`${CARD_KEYWORD}:${JSON.stringify({ ...CARRIED, confidence: { type: 2 } })}`, /confidence\.type must be a number from 0 to 1/],
			[`${CARD_KEYWORD}:${JSON.stringify({ ...CARRIED, confidence: { cvv: 1 } })}`, /confidence\.cvv is not a card field/],
		];
		for (const [text, problem] of cases) {
			const body = await expectError(await ocrWithToken(server, authToken, { image: tagged(text).toString('base64') }), 400, 'AIS.0101');
			expect(body.error_msg).toMatch(problem);
		}
		const decided = await start({ cards: (input) => (input.image ? { ...CARD_RESULT, card_number: 'from cards' } : undefined) });
		const result = await resultOf(await ocrWithToken(decided, await token(decided), { image: withCard(makeJpeg(100, 60), CARRIED).toString('base64') }));
		expect(result.card_number).toBe('from cards');
	});

	it('gives 64 concurrent calls, each with its own card, their own answers (scratch decoding shared)', async () => {
		const slow = await start({ latencyMs: 15 });
		const slowToken = await token(slow);
		const cards = Array.from({ length: 64 }, (_, i) => ({ ...CARRIED, card_number: `6225 8801 0000 ${String(i).padStart(4, '0')}` }));
		const answers = await Promise.all(
			cards.map(async (card, i) => {
				const image = withCard(i % 2 ? makePng(200 + i, 120) : makeJpeg(200 + i, 120), card);
				return (await resultOf(await ocrWithToken(slow, slowToken, { image: image.toString('base64') }))).card_number;
			}),
		);
		expect(answers).toEqual(cards.map((card) => card.card_number));
	});
});

describe('files served for Image URL mode', () => {
	const ABC: CarriedCard = {
		bank_name: '中国农业银行',
		card_number: '6228 4800 1234 5678 911',
		issue_date: '',
		expiry_date: '10/30',
		type: '借记卡',
	};
	const files = { 'abc card.png': withCard(makePng(640, 400), ABC), 'plain.jpg': makeJpeg(320, 200) };
	let shelf: HuaweiServer;
	let shelfToken: string;
	beforeAll(async () => {
		shelf = await start({ files });
		shelfToken = await token(shelf);
	});
	const resultFor = async (url: string) => {
		const response = await ocrWithToken(shelf, shelfToken, { url });
		expect(response.status).toBe(200);
		return ((await response.json()) as { result: Record<string, unknown> }).result;
	};

	it('serves each file with its content type, lists them, and says which exist for an unknown name', async () => {
		const png = await fetch(`${shelf.url}/files/abc%20card.png`);
		expect(png.status).toBe(200);
		expect(png.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await png.arrayBuffer()).equals(files['abc card.png'])).toBe(true);
		expect((await fetch(`${shelf.url}/files/plain.jpg`)).headers.get('content-type')).toBe('image/jpeg');
		expect(await (await fetch(`${shelf.url}/files/`)).json()).toEqual({ files: ['abc card.png', 'plain.jpg'] });
		const missing = await fetch(`${shelf.url}/files/nope.png`);
		expect(missing.status).toBe(404);
		expect(await missing.text()).toMatch(/abc card\.png, plain\.jpg/);
		expect((await fetch(`${shelf.url}/files/plain.jpg`, { method: 'DELETE' })).status).toBe(405);
		// Downloads are not Huawei API calls.
		expect(shelf.stats.requests).toBe(1);
	});

	it('answers the URL of a served file with the card that file carries, under any loopback name', async () => {
		const expected = { ...ABC, confidence: CARD_RESULT.confidence };
		expect(await resultFor(`${shelf.url}/files/abc%20card.png`)).toEqual(expected);
		expect(await resultFor(`http://localhost:${shelf.port}/files/abc%20card.png`)).toEqual(expected);
		// A served file without a card, another port, or a path outside /files/: the default card.
		expect(await resultFor(`${shelf.url}/files/plain.jpg`)).toEqual(CARD_RESULT);
		expect(await resultFor(`http://127.0.0.1:${shelf.port + 1}/files/abc%20card.png`)).toEqual(CARD_RESULT);
		expect(await resultFor(`${shelf.url}/other/abc%20card.png`)).toEqual(CARD_RESULT);
		// Without files, nothing is served.
		expect((await fetch(`${server.url}/files/abc%20card.png`)).status).toBe(404);
	});
});

describe("unknownPhotos: 'noCard' (dev mode)", () => {
	const carried: CarriedCard = { bank_name: '中国银行', card_number: '5409 8712 3456 7899', issue_date: '', expiry_date: '09/27', type: '信用卡' };
	const files = { 'tagged.png': withCard(makePng(640, 400), carried), 'plain.jpg': makeJpeg(320, 200) };
	let honest: HuaweiServer;
	let honestToken: string;
	beforeAll(async () => {
		honest = await start({ files, unknownPhotos: 'noCard' });
		honestToken = await token(honest);
	});

	it('answers a photo it knows nothing about with AIS.0104, saying it knows only its samples and tagged photos', async () => {
		for (const body of [
			{ image: makeJpeg(320, 200).toString('base64') },
			{ image: makePng(120, 40).toString('base64') },
			{ url: 'https://example.com/my-own-card.jpg' },
			{ url: `${honest.url}/files/plain.jpg` },
		]) {
			const answer = await expectError(await ocrWithToken(honest, honestToken, body), 400, 'AIS.0104', /no bank card was found/);
			expect(answer.error_msg).toBe(UNKNOWN_PHOTO_MESSAGE);
		}
		expect(UNKNOWN_PHOTO_MESSAGE).toMatch(/local Huawei stand-in.*knows only its own sample photos and photos tagged with a card/);
	});

	it('still reads what it knows: a tagged photo, sent or by its URL, and a cards function decides first', async () => {
		const expected = { ...carried, confidence: CARD_RESULT.confidence };
		for (const body of [{ image: files['tagged.png'].toString('base64') }, { url: `${honest.url}/files/tagged.png` }]) {
			const response = await ocrWithToken(honest, honestToken, body);
			expect(response.status).toBe(200);
			expect(((await response.json()) as { result: unknown }).result).toEqual(expected);
		}
		const decided = await start({ unknownPhotos: 'noCard', cards: () => ({ ...CARD_RESULT, card_number: 'from the function' }) });
		try {
			const response = await ocrWithToken(decided, await token(decided));
			expect(((await response.json()) as { result: { card_number: string } }).result.card_number).toBe('from the function');
		} finally {
			await decided.close();
		}
	});

	it('is off by default: the test suites and the benchmark get the default card for any photo', async () => {
		const response = await ocrWithToken(server, await token(server), { image: makeJpeg(320, 200).toString('base64') });
		expect(await response.json()).toEqual({ result: CARD_RESULT });
	});

	afterAll(async () => await honest.close());
});

describe('OCR body reading', () => {
	const parseLike = (text: string) => {
		const body = Buffer.from(text);
		const scanned = scanObject(body);
		if (!scanned.ok) return 'invalid';
		return Object.fromEntries([...scanned.members].map(([key, member]) => [key, memberValue(body, member)]));
	};
	const reference = (text: string) => {
		try {
			const value = JSON.parse(text) as unknown;
			return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : 'invalid';
		} catch {
			return 'invalid';
		}
	};

	it.each([
		'{"image":"QUJD"}',
		' \n{ "url" : "https://x.test/a.jpg" , "return_text_location" : true }\t',
		'{"url":"https:\\/\\/x.test\\/\\u4e2d.jpg","image":null}',
		'{"url":"\\"quoted\\" \\\\","n":-1.5e3,"f":false,"z":null}',
		'{"a":1,"a":2}',
		'{"url":"中文 ✓"}',
		'{"nested":{"url":"x"},"url":"y"}',
		'{"list":[1,2],"image":"QUJD"}',
		'{}',
		'{"url":"x",}',
		'{"url":"x"} trailing',
		'{"url":"x""y":1}',
		'{"url":"a\u0001b"}',
		'{"n":-}',
		'{"n":tru}',
		'{"url":"open',
		'[]',
		'"text"',
		'',
		'{',
		'{"image" "QUJD"}',
	])('reads %j exactly as JSON.parse does', (text) => {
		expect(parseLike(text)).toEqual(reference(text));
	});

	it('agrees with JSON.parse on 2000 seeded random and mutated bodies', () => {
		const random = mulberry32(20261129);
		const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
		const value = (depth: number): unknown => {
			const roll = random();
			if (roll < 0.35) return pick(['', 'QUJD', 'a"b', 'back\\slash', 'tab\t', '中', '\u2028', 'https://x.test/a b']);
			if (roll < 0.5) return pick([0, -1, 1.25, 1e21, 42]);
			if (roll < 0.6) return pick([true, false, null]);
			if (roll < 0.7 && depth < 2) return { k: value(depth + 1) };
			if (roll < 0.75 && depth < 2) return [value(depth + 1)];
			return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256))).toString('base64');
		};
		const mutate = (text: string) => {
			const bytes = Buffer.from(text);
			const at = Math.floor(random() * bytes.length);
			const roll = random();
			if (roll < 0.3) return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]).toString();
			if (roll < 0.6) bytes[at] = pick([0x22, 0x5c, 0x2c, 0x7d, 0x7b, 0x3a, 0x20, 0x01, 0x41]);
			else return `${text.slice(0, at)}${pick(['"', '\\', ',', '}', ' ', ':', 'x'])}${text.slice(at)}`;
			return bytes.toString();
		};
		for (let i = 0; i < 2000; i++) {
			const object: Record<string, unknown> = {};
			for (const key of ['image', 'url', 'return_text_location', 'x'].filter(() => random() < 0.6)) object[key] = value(0);
			const text = JSON.stringify(object, null, random() < 0.2 ? 1 : undefined);
			for (const candidate of [text, mutate(text)]) {
				expect({ candidate, result: parseLike(candidate) }).toEqual({ candidate, result: reference(candidate) });
			}
		}
	});

	it('decodes base64 from a byte range across 1 MiB steps, refusing characters outside the alphabet', () => {
		const bytes = Buffer.alloc(3_000_001);
		for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
		const text = Buffer.from(`xx${bytes.toString('base64')}yy`);
		expect(decodeBase64Range(text, 2, text.length - 2)?.equals(bytes)).toBe(true);
		const scratch = Buffer.alloc(4_000_000);
		const intoScratch = decodeBase64Range(text, 2, text.length - 2, scratch);
		expect(intoScratch?.buffer).toBe(scratch.buffer);
		expect(intoScratch?.equals(bytes)).toBe(true);
		for (const at of [10, 1_500_000, text.length - 5]) {
			const broken = Buffer.from(text);
			broken[at] = 0x21; // '!'
			expect(decodeBase64Range(broken, 2, broken.length - 2)).toBeUndefined();
		}
		expect(decodeBase64Range(Buffer.from('QUJD'), 0, 0)).toBeUndefined();
		expect(decodeBase64Range(Buffer.from('QUJDRA=='), 0, 8)?.toString()).toBe('ABCD');
		expect(decodeBase64Range(Buffer.from('QUJDRA'), 0, 6)?.toString()).toBe('ABCD');
	});
});

describe('AK/SK signatures', () => {
	it('looks up projects with a signed GET /v3/projects?name=: 1, 0 or several, and rejects unsigned calls', async () => {
		const lookup = async (target: HuaweiServer, name: string) => {
			const response = await signedFetch(target, `/v3/projects?name=${name}`, { method: 'GET' });
			expect(response.status).toBe(200);
			return ((await response.json()) as { projects: Array<{ id: string; name: string }> }).projects.map(({ id, name }) => ({ id, name }));
		};
		expect(await lookup(server, REGION)).toEqual([{ id: PROJECT_ID, name: REGION }]);
		expect(await lookup(server, 'cn-east-3')).toEqual([]);
		const several = await start({
			projects: { [REGION]: [PROJECT_ID, OTHER_PROJECT, { id: 'aaaa', name: 'cn-north-4_finance' }] },
		});
		expect(await lookup(several, REGION)).toEqual([
			{ id: PROJECT_ID, name: REGION },
			{ id: OTHER_PROJECT, name: REGION },
		]);
		const all = await signedFetch(several, '/v3/projects', { method: 'GET' });
		expect(((await all.json()) as { projects: unknown[] }).projects).toHaveLength(3);
		expect((await fetch(`${server.url}/v3/projects?name=${REGION}`)).status).toBe(401);
		const wrong = await signedFetch(server, `/v3/projects?name=${REGION}`, {
			method: 'GET',
			key: { ak: ACCESS_KEY.ak, sk: 'not-the-secret' },
		});
		await expectError(wrong, 401, 'APIG.0301', /verify aksk signature fail/);
		const tamperedQuery = await signedFetch(server, `/v3/projects?name=${REGION}`, {
			method: 'GET',
			send: { path: '/v3/projects?name=cn-east-3' },
		});
		await expectError(tamperedQuery, 401, 'APIG.0301', /verify aksk signature fail/);
	});

	it('accepts a valid signature on OCR (image and url), counted as accessKey calls', async () => {
		const own = await start();
		const image = await signedOcr(own, { image: CARD_IMAGE });
		expect(image.status).toBe(200);
		expect(await image.json()).toEqual({ result: CARD_RESULT });
		expect((await signedOcr(own, { url: 'https://example.com/card.jpg' })).status).toBe(200);
		await expectError(await signedOcr(own, { url: 'https://example.com/notacard.png' }), 400, 'AIS.0104');
		expect(own.stats.ocrByAuth).toEqual({ token: 0, accessKey: 3 });
	});

	it('rejects a tampered body, a tampered signed header and a wrong secret', async () => {
		const body = JSON.stringify({ image: CARD_IMAGE });
		const tamperedBody = await signedOcr(server, undefined, { body, send: { body: body.replace('"image"', ' "image"') } });
		await expectError(tamperedBody, 401, 'APIG.0301', /verify aksk signature fail/);
		const tamperedHeader = await signedOcr(server, { image: CARD_IMAGE }, {
			headers: { 'X-Project-Id': PROJECT_ID, 'X-Trace': 'a' },
			send: { headers: { 'X-Trace': 'b' } },
		});
		await expectError(tamperedHeader, 401, 'APIG.0301', /verify aksk signature fail/);
		const wrongSecret = await signedOcr(server, { image: CARD_IMAGE }, { key: { ak: ACCESS_KEY.ak, sk: `${ACCESS_KEY.sk}x` } });
		await expectError(wrongSecret, 401, 'APIG.0301', /verify aksk signature fail/);
		// An unsigned extra header changes nothing: only the SignedHeaders count.
		const extra = await signedOcr(server, { image: CARD_IMAGE }, { send: { headers: { 'X-Unsigned': 'anything' } } });
		expect(extra.status).toBe(200);
	});

	it('rejects an X-Sdk-Date more than 15 minutes off the server clock, either way', async () => {
		for (const offset of [-16 * 60_000, 16 * 60_000]) {
			const response = await signedOcr(server, { image: CARD_IMAGE }, { now: new Date(Date.now() + offset) });
			await expectError(response, 401, 'APIG.0301', /signature expired/);
		}
		const fourteen = await signedOcr(server, { image: CARD_IMAGE }, { now: new Date(Date.now() - 14 * 60_000) });
		expect(fourteen.status).toBe(200);
	});

	it('rejects an unknown AK, a malformed Authorization and an X-Project-Id that is not the path\'s', async () => {
		const unknown = await signedOcr(server, { image: CARD_IMAGE }, { key: { ak: 'HPUAUNKNOWNAK0000000', sk: 'whatever' } });
		await expectError(unknown, 401, 'APIG.0301', /ak HPUAUNKNOWNAK0000000 not exist/);
		const malformed = await ocrWithToken(server, undefined, { image: CARD_IMAGE }, PROJECT_ID, {
			headers: { Authorization: 'SDK-HMAC-SHA256 Access=x, Signature=00' },
		});
		await expectError(malformed, 401, 'APIG.0301');
		const otherProject = await signedOcr(server, { image: CARD_IMAGE }, { headers: { 'X-Project-Id': OTHER_PROJECT } });
		await expectError(otherProject, 401, 'APIG.0301', /X-Project-Id/);
		const noProject = await signedOcr(server, { image: CARD_IMAGE }, { headers: {} });
		await expectError(noProject, 401, 'APIG.0301', /X-Project-Id/);
	});

	it('requires the configured X-Security-Token, sent and signed, for a temporary key', async () => {
		const temporary: AccessKeySpec = { ak: 'HPUATEMPORARYAK00001', sk: 'temporary-secret', securityToken: SECURITY_TOKEN };
		const sts = await start({ accessKeys: [ACCESS_KEY, temporary] });
		const key = { ak: temporary.ak, sk: temporary.sk };
		const withToken = { 'X-Project-Id': PROJECT_ID, 'X-Security-Token': SECURITY_TOKEN };
		expect((await signedOcr(sts, { image: CARD_IMAGE }, { key, headers: withToken })).status).toBe(200);
		await expectError(await signedOcr(sts, { image: CARD_IMAGE }, { key }), 401, 'APIG.0301', /security token/);
		const unsigned = await signedOcr(sts, { image: CARD_IMAGE }, { key, send: { headers: { 'X-Security-Token': SECURITY_TOKEN } } });
		await expectError(unsigned, 401, 'APIG.0301', /security token/);
		const wrong = await signedOcr(sts, { image: CARD_IMAGE }, { key, headers: { ...withToken, 'X-Security-Token': 'stale' } });
		await expectError(wrong, 401, 'APIG.0301', /security token/);
		// The permanent key on the same server needs none.
		expect((await signedOcr(sts, { image: CARD_IMAGE })).status).toBe(200);
	});

	it('honours a signed X-Sdk-Content-Sha256 (UNSIGNED-PAYLOAD or the body hash)', async () => {
		const unsignedPayload = await signedOcr(server, undefined, {
			body: JSON.stringify({ image: CARD_IMAGE }),
			headers: { 'X-Project-Id': PROJECT_ID, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
			send: { body: JSON.stringify({ url: 'https://example.com/other.jpg' }) },
		});
		expect(unsignedPayload.status).toBe(200);
		const lying = await signedOcr(server, { image: CARD_IMAGE }, {
			headers: { 'X-Project-Id': PROJECT_ID, 'X-Sdk-Content-Sha256': '0'.repeat(64) },
		});
		await expectError(lying, 401, 'APIG.0301', /x-sdk-content-sha256/);
	});

	it('answers 403 for a signed call to a project it does not know', async () => {
		const response = await signedFetch(server, bankcardPath(OTHER_PROJECT), {
			body: JSON.stringify({ image: CARD_IMAGE }),
			headers: { 'X-Project-Id': OTHER_PROJECT },
		});
		await expectError(response, 403, 'APIG.0302');
	});
});

describe('fault injection', () => {
	it('answers a status fault as planned (429 APIG.0308 with Retry-After), then serves normally', async () => {
		const calls: number[] = [];
		const faulty = await start({
			faults: (n) => {
				calls.push(n);
				return n === 1 ? { status: 429, body: { error_code: 'APIG.0308', error_msg: 'throttled' }, headers: { 'Retry-After': '2' } } : undefined;
			},
		});
		const authToken = await token(faulty);
		const throttled = await ocrWithToken(faulty, authToken);
		expect(throttled.headers.get('retry-after')).toBe('2');
		await expectError(throttled, 429, 'APIG.0308');
		expect((await ocrWithToken(faulty, authToken)).status).toBe(200);
		expect(calls).toEqual([1, 2]);
		expect(faulty.stats).toMatchObject({ ocrRequests: 2, ocrSucceeded: 1, faultsInjected: 1, faultsByKind: { 'status:429': 1 } });
	});

	it('resets the connection (fetch rejects), and a reset socket does not break the next call', async () => {
		const faulty = await start({ faults: (n) => (n === 1 ? 'reset' : undefined) });
		const authToken = await token(faulty);
		await expect(ocrWithToken(faulty, authToken)).rejects.toThrow(/fetch failed/);
		expect((await ocrWithToken(faulty, authToken)).status).toBe(200);
	});

	it('hangs until the client gives up (AbortSignal.timeout), and close() still resolves', async () => {
		const faulty = await startHuaweiServer({ faults: () => 'hang' });
		const authToken = await token(faulty);
		const started = Date.now();
		await expect(ocrWithToken(faulty, authToken, undefined, undefined, { signal: AbortSignal.timeout(200) })).rejects.toThrow(
			/timeout|aborted/i,
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		const pending = ocrWithToken(faulty, authToken).catch((error: Error) => error);
		await waitFor(() => faulty.stats.ocrInFlight === 1);
		const closing = Date.now();
		await faulty.close();
		expect(Date.now() - closing).toBeLessThan(1000);
		expect(await pending).toMatchObject({ message: 'fetch failed' });
	});

	it('answers an HTML 502 page', async () => {
		const faulty = await start({ faults: () => 'html' });
		const response = await ocrWithToken(faulty, await token(faulty));
		expect(response.status).toBe(502);
		expect(response.headers.get('content-type')).toMatch(/text\/html/);
		expect(await response.text()).toMatch(/<title>502 Bad Gateway<\/title>/);
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
	});

	it('sends a truncated 200 whose JSON does not parse', async () => {
		const faulty = await start({ faults: () => 'truncated' });
		const response = await ocrWithToken(faulty, await token(faulty));
		expect(response.status).toBe(200);
		// (fetch's errors come from Node's realm, not Jest's: matched by name, not instanceof)
		await expect(response.json()).rejects.toMatchObject({ name: 'SyntaxError' });
		expect(faulty.stats).toMatchObject({ ocrSucceeded: 0, faultsByKind: { truncated: 1 }, byStatus: { '200': 1 } });
	});

	it('makes a seeded plan reproducible: the same seed faults the same calls, sequentially or concurrently', async () => {
		const plan: SeededFaultPlan = { seed: 42, throttleRatio: 0.2, errorRatio: { ratio: 0.2, status: [500, 503] }, htmlRatio: 0.1, truncatedRatio: 0.1, retryAfterSeconds: 3 };
		const expected = Array.from({ length: 40 }, (_, i) => describeFault(seededFault(plan, i + 1)));
		expect(expected.filter((kind) => kind !== 'ok').length).toBeGreaterThan(8);
		expect(new Set(expected)).toEqual(new Set(['ok', '429', '500', '503', 'html', 'truncated']));

		// What the client saw, classified like describeFault().
		const run = async (concurrently: boolean) => {
			const faulty = await start({ faults: plan });
			const authToken = await token(faulty);
			const one = async () => {
				const response = await ocrWithToken(faulty, authToken, { url: 'https://example.com/card.jpg' });
				const text = await response.text();
				if (response.status === 502 && text.startsWith('<html')) return 'html';
				if (response.status !== 200) return String(response.status);
				try {
					JSON.parse(text);
					return 'ok';
				} catch {
					return 'truncated';
				}
			};
			const outcomes: string[] = [];
			if (concurrently) outcomes.push(...(await Promise.all(Array.from({ length: 40 }, one))));
			else for (let i = 0; i < 40; i++) outcomes.push(await one());
			expect(faulty.stats.faultsInjected).toBe(expected.filter((kind) => kind !== 'ok').length);
			return outcomes;
		};
		const sequential = await run(false);
		expect(sequential).toEqual(expected);
		const concurrent = await run(true);
		expect(concurrent.sort()).toEqual([...expected].sort());

		const other = Array.from({ length: 40 }, (_, i) => describeFault(seededFault({ ...plan, seed: 43 }, i + 1)));
		expect(other).not.toEqual(expected);
		const throttle = seededFaults({ seed: 1, throttleRatio: 1, retryAfterSeconds: 3 })(1, { method: 'POST', url: '/', headers: {} });
		expect(throttle).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
	});

	it('keeps the shares of a seeded plan over many calls, and honours script, from and until', () => {
		const plan: SeededFaultPlan = { seed: 7, throttleRatio: 0.1, errorRatio: 0.05, resetRatio: 0.05, hangRatio: 0.05 };
		const kinds = Array.from({ length: 10_000 }, (_, i) => describeFault(seededFault(plan, i + 1)));
		const share = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
		expect(share('429')).toBeCloseTo(0.1, 1);
		expect(share('500') + share('502') + share('503')).toBeCloseTo(0.05, 1);
		expect(share('reset')).toBeCloseTo(0.05, 1);
		expect(share('hang')).toBeCloseTo(0.05, 1);
		expect(share('ok')).toBeCloseTo(0.75, 1);

		const scripted: SeededFaultPlan = { seed: 1, script: ['reset', null, { status: 503 }], errorRatio: 1, from: 6, until: 7 };
		expect(Array.from({ length: 8 }, (_, i) => describeFault(seededFault(scripted, i + 1)))).toEqual([
			'reset', 'ok', '503', 'ok', 'ok', expect.stringMatching(/^50[023]$/), expect.stringMatching(/^50[023]$/), 'ok',
		]);
	});

	it('takes a declarative plan on POST /__admin/faults (counting from 1 again), and null clears it', async () => {
		const faulty = await start();
		const authToken = await token(faulty);
		expect((await ocrWithToken(faulty, authToken)).status).toBe(200);
		const set = await postJson(faulty, '/__admin/faults', { seed: 5, script: [{ status: 500 }, 'html'] });
		expect(set.status).toBe(200);
		await expectError(await ocrWithToken(faulty, authToken), 500, 'ModelArts.4302');
		expect((await ocrWithToken(faulty, authToken)).status).toBe(502);
		expect((await ocrWithToken(faulty, authToken)).status).toBe(200);
		await postJson(faulty, '/__admin/faults', { seed: 5, errorRatio: 1, errorStatus: [503] });
		expect((await ocrWithToken(faulty, authToken)).status).toBe(503);
		await postJson(faulty, '/__admin/faults', null);
		expect((await ocrWithToken(faulty, authToken)).status).toBe(200);
		expect((await postJson(faulty, '/__admin/faults', { ratio: 1 })).status).toBe(400);
	});
});

describe('stats, latency and admin endpoints', () => {
	it('counts token requests, lookups, OCR calls, successes and statuses, and keeps recent headers', async () => {
		const own = await start({ recentLimit: 3 });
		await requestToken(own, tokenBody({ name: REGION }, { ...IAM_USER, password: 'nope' }));
		const authToken = await token(own);
		await signedFetch(own, `/v3/projects?name=${REGION}`, { method: 'GET' });
		await fetch(`${own.url}/v3/auth/projects`, { headers: { 'X-Auth-Token': authToken } });
		await ocrWithToken(own, authToken);
		await ocrWithToken(own, authToken, { url: 'https://example.com/notacard.jpg' });
		const stats = own.stats;
		expect(stats).toMatchObject({
			requests: 6,
			tokenRequests: 2,
			tokensIssued: 1,
			projectLookups: 1,
			authProjectRequests: 1,
			ocrRequests: 2,
			ocrSucceeded: 1,
			ocrByAuth: { token: 2, accessKey: 0 },
			faultsInjected: 0,
			byStatus: { '200': 3, '201': 1, '400': 1, '401': 1 },
		});
		expect(stats.recent.map((r) => [r.method, r.url.split('?')[0], r.status])).toEqual([
			['GET', '/v3/auth/projects', 200],
			['POST', bankcardPath(), 200],
			['POST', bankcardPath(), 400],
		]);
		expect(stats.recent[2].headers['x-auth-token']).toBe(authToken);
		expect(await (await fetch(`${own.url}/__admin/stats`)).json()).toEqual(JSON.parse(JSON.stringify(stats)));

		expect((await postJson(own, '/__admin/reset-stats', undefined)).status).toBe(200);
		expect(own.stats).toMatchObject({ requests: 0, ocrRequests: 0, byStatus: {}, recent: [] });
		await ocrWithToken(own, authToken);
		own.resetStats();
		expect(own.stats.ocrSucceeded).toBe(0);
		expect((await fetch(`${own.url}/__admin/nothing`)).status).toBe(404);
	});

	it('delays OCR answers by the latency (option, setLatency, POST /__admin/latency) and tracks concurrency', async () => {
		const slow = await start({ latencyMs: 120 });
		const authToken = await token(slow);
		const timed = async () => {
			const started = Date.now();
			expect((await ocrWithToken(slow, authToken)).status).toBe(200);
			return Date.now() - started;
		};
		expect(await timed()).toBeGreaterThanOrEqual(115);
		slow.setLatency(0);
		expect(await timed()).toBeLessThan(100);
		expect(await (await postJson(slow, '/__admin/latency', { ms: 150 })).json()).toEqual({ ok: true, ms: 150 });
		const started = Date.now();
		await Promise.all(Array.from({ length: 4 }, () => ocrWithToken(slow, authToken)));
		expect(Date.now() - started).toBeLessThan(400);
		expect(slow.stats.ocrPeakConcurrency).toBe(4);
		expect(slow.stats.ocrInFlight).toBe(0);
		expect((await postJson(slow, '/__admin/latency', { ms: -1 })).status).toBe(400);
	});

	it('close() cancels latency timers and waiting requests and resolves at once', async () => {
		const slow = await startHuaweiServer({ latencyMs: 60_000 });
		const authToken = await token(slow);
		const pending = ocrWithToken(slow, authToken).catch((error: Error) => error);
		await waitFor(() => slow.stats.ocrInFlight === 1);
		const started = Date.now();
		await slow.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await pending).toMatchObject({ message: 'fetch failed' });
		await expect(fetch(`${slow.url}/__admin/stats`)).rejects.toThrow();
	});
});

describe('cli', () => {
	/**
	 * Starts the CLI in its own process group and reads its JSON line. npx runs it as npm exec ->
	 * sh -> tsx -> node, and sh does not pass a SIGTERM on to its child: signal the group (what
	 * Ctrl-C in a terminal does) or, for a single process, run `node --import tsx`.
	 */
	async function startCli(command: string, args: string[]) {
		const child = spawn(command, args, {
			cwd: join(__dirname, '..', '..'),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		// The pipe closes only once every process holding it, the server included, has exited.
		const stdoutClosed = once(child.stdout, 'close');
		const lines = createInterface({ input: child.stdout });
		const [first] = (await Promise.race([once(lines, 'line'), stdoutClosed])) as [string?];
		expect({ first, stderr }).toEqual({ first: expect.any(String), stderr: '' });
		const started = JSON.parse(first as string) as { url: string; port: number };
		const killGroup = () => {
			try {
				process.kill(-(child.pid as number), 'SIGKILL');
			} catch {
				// The group is gone already: the normal outcome.
			}
		};
		return { child, started, stdoutClosed, killGroup };
	}

	it('prints one JSON line with url and port, serves the default identities, and stops on SIGTERM', async () => {
		const { child, started, stdoutClosed, killGroup } = await startCli('npx', ['tsx', join('test', 'server', 'cli.ts'), '--latency', '1']);
		try {
			expect(started).toEqual({ url: `http://127.0.0.1:${started.port}`, port: expect.any(Number) });
			const remote = { url: started.url } as HuaweiServer;
			expect((await ocrWithToken(remote, await token(remote))).status).toBe(200);
			expect((await signedOcr(remote, { image: CARD_IMAGE })).status).toBe(200);
			const stats = (await (await fetch(`${started.url}/__admin/stats`)).json()) as { ocrSucceeded: number };
			expect(stats.ocrSucceeded).toBe(2);

			process.kill(-(child.pid as number), 'SIGTERM');
			await stdoutClosed;
			await expect(fetch(`${started.url}/__admin/stats`)).rejects.toThrow('fetch failed');
		} finally {
			killGroup();
		}
	}, 15_000);

	it('runs as one process under node --import tsx, takes --port and --config, and exits 0 on SIGINT', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'huawei-server-'));
		const config = join(dir, 'config.json');
		writeFileSync(config, JSON.stringify({ projects: { 'cn-east-3': ['eeee'] }, region: 'cn-east-3', latencyMs: 0 }));
		const probe = await startHuaweiServer();
		const port = probe.port;
		await probe.close();
		const { child, started, stdoutClosed, killGroup } = await startCli(process.execPath, [
			'--import',
			'tsx',
			join('test', 'server', 'cli.ts'),
			'--config',
			config,
			`--port=${port}`,
		]);
		try {
			expect(started).toEqual({ url: `http://127.0.0.1:${port}`, port });
			const lookup = await signedFetch({ url: started.url } as HuaweiServer, '/v3/projects?name=cn-east-3', { method: 'GET' });
			expect(((await lookup.json()) as { projects: Array<{ id: string }> }).projects.map((p) => p.id)).toEqual(['eeee']);
			const exited = once(child, 'exit');
			child.kill('SIGINT');
			expect(await exited).toEqual([0, null]);
			await stdoutClosed;
		} finally {
			killGroup();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 15_000);
});

// ------------------------------------------------------------------------------------ helpers

function describeFault(fault: Fault | undefined): string {
	if (!fault) return 'ok';
	return typeof fault === 'string' ? fault : String(fault.status);
}

/** A body sent without Content-Length (chunked), as streaming clients do. */
function streamed(text: string): RequestInit & { duplex: 'half' } {
	const bytes = Buffer.from(text);
	return {
		body: new ReadableStream({
			start(controller) {
				for (let at = 0; at < bytes.length; at += 256 * 1024) controller.enqueue(bytes.subarray(at, at + 256 * 1024));
				controller.close();
			},
		}),
		duplex: 'half',
	};
}

async function postJson(target: HuaweiServer, path: string, body: unknown) {
	return await fetch(`${target.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('Condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
