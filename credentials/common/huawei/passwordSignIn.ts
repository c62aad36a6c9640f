import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { huaweiWords } from './errorBody';
import { redact } from './redact';
import { huaweiSaid, SignInError, signInRequest } from './signInRequest';
import type { HuaweiCredential, PasswordCredential } from './credential';
import { sharedToken } from './signInCache';
import { signInCacheKey } from './signInIdentity';

/** What the password flow needs from the credential. */
export type PasswordLogin = Pick<
	Extract<HuaweiCredential, { mode: 'password' }>,
	'region' | 'iamEndpoint' | 'userName' | 'password' | 'accountName' | 'project'
>;

export interface IssuedToken {
	token: string;
	resolvedProjectId: string;
	expiresAt?: number;
}

// Project ids are 32 lower-case hex characters; anything else the user types is a project name
// (such as "cn-north-4" or "cn-north-4_finance").
const PROJECT_ID = /^[0-9a-f]{32}$/i;

/**
 * Body of a project-scoped password token request (IAM API "Obtaining an IAM user token").
 * OCR rejects domain-scoped tokens with ModelArts.0212, so the scope is always a project:
 * the one the user named, or the region's default project, whose name is the region id.
 */
export function passwordTokenBody(login: PasswordLogin): IDataObject {
	const project = (login.project ?? '').trim() || login.region;
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						name: login.userName.trim(),
						password: login.password,
						domain: { name: login.accountName.trim() },
					},
				},
			},
			scope: { project: PROJECT_ID.test(project) ? { id: project } : { name: project } },
		},
	};
}

/** Turns a failed IAM token answer into advice a person can act on. */
export function describeTokenFailure(statusCode: number, body: unknown, login: PasswordLogin): string {
	// IAM answers in two shapes, the older `{error: {code, message}}` and `{error_code, error_msg}`.
	// IAM may repeat the request it refused, password included, in its error text.
	const said = huaweiSaid(redact(huaweiWords(body), [login.password]));
	const where = `IAM user "${login.userName.trim()}" of account "${login.accountName.trim()}"`;
	if (statusCode === 401) {
		return (
			`Huawei Cloud did not accept the sign-in for ${where}.${said} ` +
			'Check the IAM User Name, the Password and the Account Name (the account that owns the IAM user, ' +
			'shown under "My Credentials" in the Huawei Cloud console). A HUAWEI ID cannot sign in here: create an IAM user.'
		);
	}
	if (statusCode === 403) {
		return (
			`Huawei Cloud refused a token to ${where}.${said} ` +
			'The user may be disabled, locked after repeated wrong passwords, or need a password change in the console.'
		);
	}
	if (statusCode === 400 || statusCode === 404) {
		return (
			`Huawei Cloud could not issue a token for project "${(login.project ?? '').trim() || login.region}".${said} ` +
			'Leave Project empty to use the region\'s default project, or enter a project name or ID from "My Credentials".'
		);
	}
	return `Huawei Cloud IAM answered with HTTP ${statusCode} when asked for a token.${said} Try again later.`;
}

/**
 * A project-scoped token for an IAM user's password, shared with concurrent and later requests
 * of the same login (see signInCache.ts). Called by n8n through the credential's
 * preAuthentication hook, the only place n8n lets a credential fetch and store a token; n8n
 * persists what this returns, so the project id travels with the token.
 */
export async function passwordToken(
	context: IHttpRequestHelper,
	login: PasswordCredential,
	heldToken: string,
): Promise<IssuedToken> {
	return await sharedToken(signInCacheKey(login), heldToken, async () => await requestPasswordToken(context, login));
}

async function requestPasswordToken(
	context: IHttpRequestHelper,
	login: PasswordLogin,
): Promise<IssuedToken> {
	const response = await signInRequest(
		context,
		{
			method: 'POST',
			url: `${login.iamEndpoint}/v3/auth/tokens`,
			body: passwordTokenBody(login),
			// IAM sends the token in a header and a large catalog in the body we do not need.
			qs: { nocatalog: 'true' },
		},
		[login.password],
	);

	if (response.statusCode !== 201 && response.statusCode !== 200) {
		const rejected = response.statusCode === 401 || response.statusCode === 403;
		throw new SignInError(describeTokenFailure(response.statusCode, response.body, login), rejected ? 'rejected' : 'other');
	}
	const token = response.headers['x-subject-token'];
	const project = ((response.body as IDataObject)?.token as IDataObject | undefined)?.project as
		| IDataObject
		| undefined;
	if (typeof token !== 'string' || !token) {
		throw new UserError(
			'Huawei Cloud IAM answered without a token (no X-Subject-Token header). Check that the region is right.',
		);
	}
	if (typeof project?.id !== 'string' || !project.id) {
		throw new UserError(
			'Huawei Cloud issued a token that is not bound to a project, which OCR requires. ' +
				'Enter a project name or ID in the credential\'s Project field.',
		);
	}
	const expiresAt = Date.parse(String(((response.body as IDataObject)?.token as IDataObject)?.expires_at));
	return {
		token,
		resolvedProjectId: project.id,
		expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt,
	};
}
