import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { accessKeyProject } from './accessKeySignIn';
import { signWithAccessKey } from './accessKeySigning';
import { isOcrUrl, withProjectId } from './endpoints';
import { passwordToken } from './passwordSignIn';
import { parseCredential } from './credential';
import { fingerprintOf } from './signInIdentity';

/** What the credential stores after signing in: n8n merges it into the credential and saves it. */
export interface SignInResult {
	[key: string]: string;
	token: string;
	resolvedProjectId: string;
	signInFingerprint: string;
}

/**
 * The credential's preAuthentication: a password token (password mode) or the project lookup
 * that also proves the key pair (AK/SK mode). `token` is n8n's "expirable" field: n8n calls this
 * when it is empty or a request came back 401, and never on a timer.
 */
export async function signIn(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<SignInResult> {
	const settings = parseCredential(credentials);
	const held = typeof credentials.token === 'string' ? credentials.token : '';
	const issued =
		settings.mode === 'password'
			? await passwordToken(context, settings, held)
			: await accessKeyProject(context, settings, held);
	return {
		token: issued.token,
		resolvedProjectId: issued.resolvedProjectId,
		signInFingerprint: fingerprintOf(settings),
	};
}

/**
 * Adds the token header or the AK/SK signature to a request and fills in the project id.
 *
 * n8n runs this after preAuthentication, with the credential as just refreshed, so it is the
 * one place that knows the current token and its project together: the node builds its URL
 * before a token exists (the very first call of a new credential) or while an old one is about
 * to be replaced (a 401 and a refresh).
 *
 * When the stored sign-in belongs to other settings (the user edited the credential), the
 * request goes out without credentials: Huawei answers 401, and n8n then signs in again with the
 * new settings and repeats it. A credential cannot fetch anything from here, only n8n's 401
 * path can.
 */
export function authenticateRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	now: Date = new Date(),
): IHttpRequestOptions {
	const settings = parseCredential(credentials);
	const current = credentials.signInFingerprint === fingerprintOf(settings);
	const projectId =
		(settings.mode === 'accessKey' && settings.projectId) ||
		(current && typeof credentials.resolvedProjectId === 'string' ? credentials.resolvedProjectId : '');
	const url = projectId ? withProjectId(requestOptions.url, projectId) : requestOptions.url;
	// A redirect would re-send the token or signature, and the image, to whatever host the
	// answer names, in clear text if it says http://: no call with this credential follows one.
	const options: IHttpRequestOptions = { ...requestOptions, url, disableFollowRedirect: true };
	if (!current) return options;
	if (settings.mode === 'accessKey') {
		// X-Project-Id belongs to project-scoped services; Huawei's SDKs leave it off IAM calls
		// (the credential test's), which are global.
		const scoped = isOcrUrl(url) ? projectId || undefined : undefined;
		return signWithAccessKey(settings, options, scoped, now, true);
	}
	return { ...options, headers: { ...options.headers, 'X-Auth-Token': credentials.token as string } };
}
