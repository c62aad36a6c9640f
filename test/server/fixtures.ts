/**
 * Default identities and the default card of the local Huawei server: those of the shared,
 * nock-free test fixtures (test/helpers/fixtures.ts), so credentials built by the test helpers
 * sign in to this server as they are.
 */
import {
	ACCESS_KEY_ID,
	CARD_RESULT,
	IAM_USER,
	PROJECT_ID,
	REGION,
	SECRET_ACCESS_KEY,
	SECURITY_TOKEN,
} from '../helpers/fixtures';

export const DEFAULT_REGION = REGION;
export const DEFAULT_PROJECT_ID = PROJECT_ID;

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

export const DEFAULT_USER: UserSpec = { ...IAM_USER };

export const DEFAULT_ACCESS_KEY: AccessKeySpec = { ak: ACCESS_KEY_ID, sk: SECRET_ACCESS_KEY };

/** The shared security token, for configuring a temporary (STS) key. */
export const DEFAULT_SECURITY_TOKEN = SECURITY_TOKEN;

/** The shared CARD_RESULT. */
export const DEFAULT_CARD: Readonly<Record<string, unknown>> = Object.freeze({ ...CARD_RESULT });
