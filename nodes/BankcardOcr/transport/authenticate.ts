import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { withProjectId } from './endpoints';

/**
 * Adds the IAM token to a request and fills in the project id that came with it.
 *
 * n8n runs this after preAuthentication, with the credential as just refreshed, so it is the
 * one place that knows the current token and its project together: the node builds its URL
 * before a token exists (the very first call of a new credential) or while an old one is about
 * to be replaced (a 401 and a refresh).
 */
export function authenticateWithToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const projectId = credentials.resolvedProjectId as string | undefined;
	return {
		...requestOptions,
		url: projectId ? withProjectId(requestOptions.url, projectId) : requestOptions.url,
		headers: { ...requestOptions.headers, 'X-Auth-Token': credentials.token as string },
	};
}
