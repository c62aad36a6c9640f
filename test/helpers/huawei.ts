/**
 * Stand-ins for Huawei's IAM and OCR endpoints (nock), and the credential data tests start from.
 * Shapes follow Huawei's API reference: IAM's KeystoneCreateUserTokenByPassword
 * (https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html) and OCR's RecognizeBankcard
 * (https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeBankcard).
 */
import nock from 'nock';

import { HuaweiOcrApi } from '../../credentials/HuaweiOcrApi.credentials';
import { parseCredential } from '../../credentials/common/huawei/credential';
import { fingerprintOf } from '../../credentials/common/huawei/signInIdentity';
import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { CredentialStore } from './engine';
import {
	ACCESS_KEY_ID,
	IAM_USER,
	PASSWORD,
	PROJECT_ID,
	REGION,
	SECRET_ACCESS_KEY,
} from './fixtures';
import { makeJpeg } from './images';

export {
	ACCESS_KEY_ID,
	CARD_NUMBER_MASKED,
	CARD_OUTPUT,
	CARD_OUTPUT_BEFORE_1_2,
	CARD_OUTPUT_MASKED,
	CARD_RESULT,
	PASSWORD,
	PROJECT_ID,
	REGION,
	SECRET_ACCESS_KEY,
	SECURITY_TOKEN,
} from './fixtures';
export const IAM = `https://iam.${REGION}.myhuaweicloud.com`;
export const OCR = `https://ocr.${REGION}.myhuaweicloud.com`;
export const TOKEN = 'MIIT-token-issued-by-iam-0001';
export const BANKCARD_PATH = `/v2/${PROJECT_ID}/ocr/bankcard`;

export function passwordCredential(data: Record<string, unknown> = {}): CredentialStore {
	return new CredentialStore(new HuaweiOcrApi(), {
		region: REGION,
		userName: IAM_USER.name,
		password: PASSWORD,
		accountName: IAM_USER.domain,
		project: '',
		...data,
	});
}

/** A credential that signed in earlier with its current settings, as n8n would have stored it. */
export function signedInCredential(store: CredentialStore, token: string, projectId = PROJECT_ID): CredentialStore {
	store.data = {
		...store.data,
		token,
		resolvedProjectId: projectId,
		signInFingerprint: fingerprintOf(parseCredential(store.data)),
	};
	return store;
}

/** IAM's answer to a password token request: 201, token in X-Subject-Token, project in the body. */
export function mockToken(token = TOKEN, projectId = PROJECT_ID, region = REGION): nock.Scope {
	return nock(`https://iam.${region}.myhuaweicloud.com`)
		.post('/v3/auth/tokens', (body) => body?.auth?.identity?.password?.user?.password === PASSWORD)
		.query({ nocatalog: 'true' })
		.reply(
			201,
			{ token: { expires_at: '2099-01-01T00:00:00.000000Z', project: { id: projectId, name: region } } },
			{ 'X-Subject-Token': token },
		);
}

/** Counts every token request, so a test can assert "exactly one" for a whole batch. */
export function countTokenRequests(): { count: number } {
	const counter = { count: 0 };
	nock(IAM)
		.post('/v3/auth/tokens')
		.query(true)
		.times(1000)
		.optionally()
		.reply(() => {
			counter.count++;
			return [
				201,
				{ token: { expires_at: '2099-01-01T00:00:00.000000Z', project: { id: PROJECT_ID, name: REGION } } },
				{ 'X-Subject-Token': TOKEN },
			];
		});
	return counter;
}

export function huaweiError(code: string, message: string) {
	return { error_code: code, error_msg: message };
}

/** Each test starts like a fresh n8n process: no mocks left, no network, no shared tokens. */
export function resetNock(): void {
	clearSignInCache();
	nock.cleanAll();
	nock.disableNetConnect();
}

/** A structurally valid JPEG the size of a card photo; its base64 is what OCR must receive. */
export function cardImage(): Buffer {
	return makeJpeg(856, 540);
}

// ---------------------------------------------------------------------------------------------
// Access key (AK/SK) mode
// ---------------------------------------------------------------------------------------------

// Imports of this section stay here, below the original module, so the file only grows at its end.
// The official Node.js SDK signer is a test-only oracle (devDependency, never shipped).
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';


export function accessKeyCredential(data: Record<string, unknown> = {}): CredentialStore {
	return new CredentialStore(new HuaweiOcrApi(), {
		authentication: 'accessKey',
		region: REGION,
		accessKeyId: ACCESS_KEY_ID,
		secretAccessKey: SECRET_ACCESS_KEY,
		securityToken: '',
		projectId: '',
		...data,
	});
}

/** IAM's answer to the signed project lookup `GET {iam}/v3/projects?name={region}`. */
export function mockProjectLookup(
	projects: Array<{ id: string; name: string }> = [{ id: PROJECT_ID, name: REGION }],
	iam = IAM,
	region = REGION,
): nock.Scope {
	return nock(iam).get('/v3/projects').query({ name: region }).reply(200, { projects });
}

/** Counts signed project lookups, so a test can assert "exactly one" for a whole batch. */
export function countProjectLookups(
	reply: { status: number; body: object } = { status: 200, body: { projects: [{ id: PROJECT_ID, name: REGION }] } },
): { count: number } {
	const counter = { count: 0 };
	nock(IAM)
		.get('/v3/projects')
		.query(true)
		.times(1000)
		.optionally()
		.reply(() => {
			counter.count++;
			return [reply.status, reply.body];
		});
	return counter;
}

/** A request as it reached the (mocked) server: the bytes and headers that went over the wire. */
export interface ReceivedRequest {
	method: string;
	/** Absolute URL, query included. */
	url: string;
	/** Names lower-cased, values exactly as sent. */
	headers: Record<string, string>;
	/** The exact body text ('' for none). */
	body: string;
}

/**
 * Records every request the scope answers. nock hands reply callbacks a parsed JSON body; its
 * 'request' event carries the raw text, which is what a signature must cover.
 */
export function recordRequests(scope: nock.Scope, into: ReceivedRequest[] = []): ReceivedRequest[] {
	scope.on(
		'request',
		(
			req: { method: string; path: string; headers: Record<string, string | string[] | number> },
			interceptor: { basePath: string },
			body: string,
		) => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers)) {
				headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
			}
			into.push({
				method: req.method,
				url: new URL(req.path, interceptor.basePath).toString(),
				headers,
				body: body ?? '',
			});
		},
	);
	return into;
}

/** The parts of an `SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...` header. */
export function authorizationParts(authorization: string | undefined): {
	access: string;
	signedHeaders: string[];
	signature: string;
} {
	const match = /^SDK-HMAC-SHA256 Access=([^,]*), SignedHeaders=([^,]*), Signature=([0-9a-f]{64})$/.exec(
		authorization ?? '',
	);
	if (!match) throw new Error(`Not an SDK-HMAC-SHA256 Authorization header: ${String(authorization)}`);
	return { access: match[1], signedHeaders: match[2].split(';'), signature: match[3] };
}

/**
 * The Authorization header the official SDK signer (`AKSKSigner`, test-only oracle) computes for
 * a received request: same method, URL, the headers named in the received SignedHeaders with the
 * values as received (the SDK does not trim), and the exact body. The SDK hashes
 * JSON.stringify(data), so a body is only accepted when that reproduces its bytes exactly.
 */
export function oracleAuthorization(
	request: ReceivedRequest,
	key: { accessKeyId: string; secretAccessKey: string } = {
		accessKeyId: ACCESS_KEY_ID,
		secretAccessKey: SECRET_ACCESS_KEY,
	},
): string {
	const { signedHeaders } = authorizationParts(request.headers.authorization);
	const headers: Record<string, string> = {};
	for (const name of signedHeaders) {
		const value = request.headers[name];
		if (value === undefined) throw new Error(`Signed header "${name}" was not sent`);
		// The SDK looks its date header up with this exact spelling (and adds its own otherwise).
		headers[name === 'x-sdk-date' ? 'X-Sdk-Date' : name] = value;
	}
	const url = new URL(request.url);
	const queryParams: Record<string, string | string[]> = {};
	for (const [name, value] of url.searchParams) {
		const existing = queryParams[name];
		if (existing === undefined) queryParams[name] = value;
		else queryParams[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	let data: unknown;
	if (request.body !== '') {
		data = JSON.parse(request.body);
		if (JSON.stringify(data) !== request.body) {
			throw new Error('The oracle hashes JSON.stringify(data), which does not reproduce this body');
		}
	}
	const credential = new BasicCredentials().withAk(key.accessKeyId).withSk(key.secretAccessKey);
	const signed = AKSKSigner.sign(
		{ method: request.method, endpoint: request.url, headers, queryParams, data },
		credential,
	) as Record<string, string>;
	return signed.Authorization;
}

/** Milliseconds between an `X-Sdk-Date` value (YYYYMMDDTHHmmssZ) and `now`. */
export function sdkDateAgeMs(value: string | undefined, now: number = Date.now()): number {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
	if (!match) throw new Error(`Not an X-Sdk-Date value: ${String(value)}`);
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Math.abs(now - Date.UTC(y, mo - 1, d, h, mi, s));
}

// ---------------------------------------------------------------------------------------------
// Isolation between test files
// ---------------------------------------------------------------------------------------------

// Jest runs several test files one after another in the same worker process. Each file gets its
// own copy of nock, but node:http is shared, and nock 14 (@mswjs/interceptors) patches it without
// undoing the patch when the file ends. The next file's patch then wraps the old one, and the old
// file's nock, which knows none of the new file's mocks, sees each request first: requests to
// hosts the earlier file never mocked fail (or try the real network) depending on which files
// happened to share a worker. Every file that imports these helpers undoes its patch when it ends.
if (typeof afterAll === 'function') {
	afterAll(() => {
		nock.restore();
	});
}
