/**
 * Stand-ins for Huawei's IAM and OCR endpoints (nock), and the credential data tests start from.
 * Shapes follow shared/reference/huawei-ocr-api.md.
 */
import nock from 'nock';

import { HuaweiOcrApi } from '../../credentials/HuaweiOcrApi.credentials';
import { credentialSettings, signInFingerprint } from '../../nodes/BankcardOcr/transport/settings';
import { clearTokenCache } from '../../nodes/BankcardOcr/transport/tokenCache';
import { CredentialStore } from './engine';
import { makeJpeg } from './images';

export const REGION = 'cn-north-4';
export const IAM = `https://iam.${REGION}.myhuaweicloud.com`;
export const OCR = `https://ocr.${REGION}.myhuaweicloud.com`;
export const PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const PASSWORD = 'Pa55word-never-shown';
export const TOKEN = 'MIIT-token-issued-by-iam-0001';
export const BANKCARD_PATH = `/v2/${PROJECT_ID}/ocr/bankcard`;

export const CARD_RESULT = {
	bank_name: '中国工商银行',
	card_number: '6222 0212 3456 7890 128', // passes the Luhn check
	issue_date: '',
	expiry_date: '12/28',
	type: '借记卡',
	confidence: { bank_name: 0.9981, card_number: 0.9964, issue_date: 0, expiry_date: 0.9871, type: 0.9917 },
};

export function passwordCredential(data: Record<string, unknown> = {}): CredentialStore {
	return new CredentialStore(new HuaweiOcrApi(), {
		region: REGION,
		userName: 'ocr-bot',
		password: PASSWORD,
		accountName: 'acme-corp',
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
		signInFingerprint: signInFingerprint(credentialSettings(store.data)),
	};
	return store;
}

/** IAM's answer to a password token request: 201, token in X-Subject-Token, project in the body. */
export function mockToken(token = TOKEN, projectId = PROJECT_ID): nock.Scope {
	return nock(IAM)
		.post('/v3/auth/tokens', (body) => body?.auth?.identity?.password?.user?.password === PASSWORD)
		.query({ nocatalog: 'true' })
		.reply(
			201,
			{ token: { expires_at: '2099-01-01T00:00:00.000000Z', project: { id: projectId, name: REGION } } },
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
	clearTokenCache();
	nock.cleanAll();
	nock.disableNetConnect();
}

/** What the node outputs for CARD_RESULT with the default options (card checks on). */
export const CARD_OUTPUT = {
	...CARD_RESULT,
	card_number_valid: true,
	card_network: 'UnionPay',
	card_type_normalized: 'debit',
	expiry_month: 12,
	expiry_year: 2028,
	is_expired: false,
	low_confidence_fields: ['issue_date'],
};

/** A structurally valid JPEG the size of a card photo; its base64 is what OCR must receive. */
export function cardImage(): Buffer {
	return makeJpeg(856, 540);
}
