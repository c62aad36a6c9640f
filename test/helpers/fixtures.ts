/**
 * The identities and the card every kind of test shares: the nock-based workflow tests, the
 * local Huawei server (test/server), the e2e run and the benchmark. This module imports nothing,
 * so it is safe where nock must not be loaded: importing nock switches on its interception of
 * `http` and `fetch` in the whole process, and the e2e run and the benchmark talk to the local
 * server over real sockets.
 */

/** An IAM user the local Huawei server accepts. */
export interface UserSpec {
	/** IAM user name. */
	name: string;
	password: string;
	/** Account (domain) name that owns the user. */
	domain: string;
}

/** An access key the local Huawei server accepts. */
export interface AccessKeySpec {
	ak: string;
	sk: string;
	/** When set, requests signed with this AK must carry and sign this X-Security-Token. */
	securityToken?: string;
}

export const REGION = 'cn-north-4';
export const PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export const IAM_USER: UserSpec = { name: 'ocr-bot', password: 'Pa55word-never-shown', domain: 'acme-corp' };
export const PASSWORD = IAM_USER.password;

export const ACCESS_KEY_ID = 'HPUAEXAMPLEAK0000001';
export const SECRET_ACCESS_KEY = 'sK-secret-access-key-never-shown-0123456789';
/** The key pair as the local Huawei server is configured with it. */
export const ACCESS_KEY: AccessKeySpec = { ak: ACCESS_KEY_ID, sk: SECRET_ACCESS_KEY };
export const SECURITY_TOKEN = 'gQpjbi1ub3J0aC00-security-token-never-shown-zZ9';

/** A RecognizeBankcard result as Huawei sends it. */
export const CARD_RESULT = {
	bank_name: '中国工商银行',
	card_number: '6222 0212 3456 7890 128', // passes the Luhn check
	issue_date: '',
	expiry_date: '12/28',
	type: '借记卡',
	confidence: { bank_name: 0.9981, card_number: 0.9964, issue_date: 0, expiry_date: 0.9871, type: 0.9917 },
};

/** What versions 1 and 1.1 of the node output for CARD_RESULT with the default options (card checks on). */
export const CARD_OUTPUT_BEFORE_1_2 = {
	...CARD_RESULT,
	card_number_valid: true,
	card_network: 'UnionPay',
	card_type_normalized: 'debit',
	expiry_month: 12,
	expiry_year: 2028,
	is_expired: false,
	// The empty issue date (confidence 0) counted as unsure.
	low_confidence_fields: ['issue_date'],
};

/**
 * What the node outputs for CARD_RESULT with card checks on and the number as recognized: version
 * 1.2's default, and from 1.3 with Card Number Format "As Recognized".
 */
export const CARD_OUTPUT = {
	...CARD_OUTPUT_BEFORE_1_2,
	low_confidence_fields: [],
	missing_fields: ['issue_date'],
};

/** CARD_RESULT's card number masked (first 6 and last 4 digits kept). */
export const CARD_NUMBER_MASKED = '622202*********0128';

/** What a node added now (version 1.3) outputs for CARD_RESULT with the default options: the number masked. */
export const CARD_OUTPUT_MASKED = { ...CARD_OUTPUT, card_number: CARD_NUMBER_MASKED };
