import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { signWithAccessKey } from './accessKeySigning';
import type { AccessKeyCredential } from './credential';
import { failureFromResponse } from './errorBody';
import { redact } from './redact';
import { sharedToken } from './signInCache';
import { huaweiSaid, SignInError, signInRequest } from './signInRequest';
import { accessKeyMarker, signInCacheKey } from './signInIdentity';

/** Huawei's gateway explains signature failures in words; these tell the cases apart. */
export function describeAccessKeyFailure(statusCode: number, body: unknown, login: AccessKeyCredential): string {
	const { errorCode: code, detail: message = '' } = failureFromResponse(statusCode, body);
	// Huawei's text is shown as it came, minus the key's secrets: a gateway or proxy that reflects
	// the request it rejected would otherwise put the Security Token into the message, which the
	// credential test shows and n8n logs as it is.
	const shown = redact(message, [login.secretAccessKey, login.securityToken]);
	// After a code in brackets the sentence still needs its own full stop; after a quote, only when
	// Huawei's words did not end one.
	const said = message && code ? ` Huawei said: "${shown}" (${code}).` : huaweiSaid(shown);
	const ak = `Access Key ID "${login.accessKeyId}"`;
	if (statusCode === 401 || statusCode === 403) {
		if (/expired|time|clock|skew/i.test(message)) {
			return (
				`Huawei rejected the signature as expired.${said} Signed requests are only valid within 15 minutes ` +
				'of Huawei\'s clock: check the date, time and time zone of the computer running n8n (enable NTP time sync).'
			);
		}
		if (/not.?exist|not.?found|invalid.?(ak|access)|ak.*(lock|forbid|disable)|locked|access failed|unknown/i.test(message)) {
			return (
				`Huawei does not accept ${ak}: it does not exist, was deleted or disabled, or is locked after repeated ` +
				`wrong signatures (Huawei locks a key for a while after 5 failures).${said} Check the key under ` +
				'My Credentials > Access Keys in the Huawei Cloud console, or create a new one.'
			);
		}
		if (/signature|sign/i.test(message)) {
			return (
				`The Secret Access Key does not match ${ak}.${said} Copy both values again from the credentials.csv ` +
				'file downloaded when the key was created; the secret is shown only at creation.'
			);
		}
		if (/token/i.test(message) && login.securityToken) {
			return `Huawei rejected the Security Token.${said} Temporary keys expire: request a new key, secret and token.`;
		}
		return `Huawei did not accept the access key.${said} Check the Access Key ID, the Secret Access Key and the region.`;
	}
	return `Huawei IAM answered with HTTP ${statusCode} when the project was looked up.${said} Try again later.`;
}

/**
 * The project id for AK/SK calls in the credential's region: the one the user entered, without
 * any request (setups that expose only OCR, such as a proxy, keep working), or a signed
 * `GET {iam}/v3/projects?name={region}` (what Huawei's own SDKs do), shared per key and region
 * in this process so a batch looks it up once. The lookup also proves the key pair works and is
 * where a rejected key is explained in plain words.
 */
export async function accessKeyProject(
	context: IHttpRequestHelper,
	login: AccessKeyCredential,
	heldMarker: string,
): Promise<{ token: string; resolvedProjectId: string }> {
	const key = signInCacheKey(login);
	const marker = accessKeyMarker(login);
	if (login.projectId) return { token: marker, resolvedProjectId: login.projectId };
	return await sharedToken(key, heldMarker, async () => {
		const request = signWithAccessKey(
			login,
			{ method: 'GET', url: `${login.iamEndpoint}/v3/projects`, qs: { name: login.region } },
			undefined,
			new Date(),
		);
		const response = await signInRequest(context, request, [login.secretAccessKey, login.securityToken]);

		if (response.statusCode !== 200) {
			const rejected = response.statusCode === 401 || response.statusCode === 403;
			throw new SignInError(describeAccessKeyFailure(response.statusCode, response.body, login), rejected ? 'rejected' : 'other');
		}
		const projects = ((response.body as IDataObject)?.projects ?? []) as IDataObject[];
		const matching = projects.filter((project) => project.name === login.region);
		if (matching.length !== 1 || typeof matching[0].id !== 'string') {
			throw new UserError(
				matching.length === 0
					? `The account of this access key has no project named "${login.region}". Check the region, or enter the Project ID from My Credentials > Projects.`
					: `The account of this access key has ${matching.length} projects named "${login.region}". Enter the Project ID to use from My Credentials > Projects.`,
			);
		}
		return { token: marker, resolvedProjectId: matching[0].id };
	});
}
