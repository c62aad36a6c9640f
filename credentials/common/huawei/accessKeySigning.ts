import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { AccessKeyCredential } from './credential';
import { signRequest } from './signer';

/** Serialises a request body exactly once, so the signature covers the bytes that are sent. */
function bodyText(body: IHttpRequestOptions['body']): string | Buffer {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
	return JSON.stringify(body);
}

/**
 * The absolute URL the HTTP client will request. A relative `url` is appended to `baseURL` the
 * way axios does it (the credential test sends `/v3/projects` with the IAM endpoint as baseURL),
 * not resolved like a link: `new URL('/v3/projects', 'https://gw.example.com/iam')` would drop
 * the `/iam` path prefix of a custom endpoint and sign (and send) a different path.
 */
function absoluteUrl(options: IHttpRequestOptions): string {
	if (!options.baseURL || /^[a-z][a-z\d+\-.]*:\/\//i.test(options.url)) return options.url;
	if (options.url.startsWith('//')) return new URL(options.url, options.baseURL).toString();
	if (!options.url) return options.baseURL;
	return `${options.baseURL.replace(/\/?\/$/, '')}/${options.url.replace(/^\/+/, '')}`;
}

/** The URL with `qs` folded in, so what is signed is what is sent, not axios' own encoding. */
function urlWithQuery(options: IHttpRequestOptions): string {
	const url = new URL(absoluteUrl(options));
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item !== undefined && item !== null) url.searchParams.append(key, String(item));
		}
	}
	// URLSearchParams writes spaces as "+", which a signing server reads as a literal plus.
	url.search = url.search.replace(/\+/g, '%20');
	return url.toString();
}

/**
 * Signs a request with SDK-HMAC-SHA256 (Huawei Cloud "API Request Signing Guide",
 * https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-provide01.html). Signed are host,
 * X-Sdk-Date, X-Project-Id and, for temporary keys, X-Security-Token; other headers are left
 * out because the HTTP client may rewrite them (content-type charset, user-agent) after
 * signing, which would break the signature.
 */
export function signWithAccessKey(
	login: AccessKeyCredential,
	options: IHttpRequestOptions,
	projectId: string | undefined,
	now: Date,
	/**
	 * Send a Buffer body as it is rather than as its text. The node's image bodies are 10 MB
	 * Buffers: as text they would be copied twice more (to a string, and back by the HTTP client).
	 */
	keepBuffer = false,
): IHttpRequestOptions {
	const url = urlWithQuery(options);
	const body = bodyText(options.body);
	const signed: Record<string, string> = {};
	if (projectId) signed['X-Project-Id'] = projectId;
	if (login.securityToken) signed['X-Security-Token'] = login.securityToken;
	const added = signRequest(
		{ method: options.method ?? 'GET', url, headers: signed, body },
		{ accessKeyId: login.accessKeyId, secretAccessKey: login.secretAccessKey },
		now,
	);
	const headers: IDataObject = { ...options.headers };
	for (const name of Object.keys(headers)) {
		if (/^(authorization|x-sdk-date|host|x-project-id|x-security-token|x-auth-token)$/i.test(name)) {
			delete headers[name];
		}
	}
	const result: IHttpRequestOptions = {
		...options,
		url,
		headers: { ...headers, ...signed, ...added },
	};
	delete result.qs;
	delete result.baseURL;
	if (body.length > 0) result.body = Buffer.isBuffer(body) && !keepBuffer ? body.toString('utf8') : body;
	return result;
}
