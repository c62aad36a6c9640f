/**
 * Default identities and the default card of the local Huawei server.
 *
 * These values are the ones `test/helpers/huawei.ts` uses (IAM user, password, account, project,
 * access key, CARD_RESULT), so credentials built by the test helpers sign in to this server as
 * they are. They are repeated here rather than imported because that module imports nock, and
 * importing nock switches on its global interception of `http` and `fetch` in whatever process
 * loads it: the benchmark's bare client and the e2e CLI must talk to this server over real
 * sockets. `test/server/fixtures.test.ts` fails if the two ever drift apart.
 */

export const DEFAULT_REGION = 'cn-north-4';
export const DEFAULT_PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export interface UserSpec {
	/** IAM user name. */
	name: string;
	password: string;
	/** Account (domain) name that owns the user. */
	domain: string;
}

export interface AccessKeySpec {
	ak: string;
	sk: string;
	/** When set, requests signed with this AK must carry and sign this X-Security-Token. */
	securityToken?: string;
}

export const DEFAULT_USER: UserSpec = {
	name: 'ocr-bot',
	password: 'Pa55word-never-shown',
	domain: 'acme-corp',
};

export const DEFAULT_ACCESS_KEY: AccessKeySpec = {
	ak: 'HPUAEXAMPLEAK0000001',
	sk: 'sK-secret-access-key-never-shown-0123456789',
};

/** The security token of `test/helpers/huawei.ts`, for configuring a temporary (STS) key. */
export const DEFAULT_SECURITY_TOKEN = 'gQpjbi1ub3J0aC00-security-token-never-shown-zZ9';

/** Same as CARD_RESULT of test/helpers/huawei.ts. */
export const DEFAULT_CARD: Readonly<Record<string, unknown>> = Object.freeze({
	bank_name: '中国工商银行',
	card_number: '6222 0212 3456 7890 128',
	issue_date: '',
	expiry_date: '12/28',
	type: '借记卡',
	confidence: { bank_name: 0.9981, card_number: 0.9964, issue_date: 0, expiry_date: 0.9871, type: 0.9917 },
});
