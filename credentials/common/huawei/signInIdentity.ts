import { createHash } from 'crypto';

import type { AccessKeyCredential, HuaweiCredential } from './credential';

/** A SHA-256 over `parts`: identifies them without keeping a secret among them as plain text. */
export function hashOf(parts: readonly string[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The key under which this process shares a sign-in (signInCache.ts): a hash of everything a
 * token or project lookup depends on, so that two credentials with the same login share one and
 * an edited credential gets its own.
 */
export function signInCacheKey(credential: HuaweiCredential): string {
	const parts =
		credential.mode === 'password'
			? [credential.userName, credential.password, credential.accountName, credential.project]
			: [credential.accessKeyId, credential.secretAccessKey, credential.securityToken, credential.projectId];
	return hashOf([credential.mode, credential.iamEndpoint, credential.region, ...parts]);
}

/**
 * The short fingerprint stored in the credential's hidden `signInFingerprint` field beside a
 * token or project id: the start of the cache key. n8n keeps hidden credential fields when a
 * user edits the credential, so without it a token of the old user, account or key would go on
 * being used (and billed) until it expired.
 */
export function fingerprintOf(credential: HuaweiCredential): string {
	return signInCacheKey(credential).slice(0, 16);
}

/**
 * What an access key credential stores in the hidden `token` field. AK/SK signs every request
 * and has no token; the field is n8n's "expirable" one, whose emptiness (or a 401) makes n8n run
 * the sign-in, so it holds this marker instead: proof that the project lookup ran for this key.
 */
export function accessKeyMarker(credential: AccessKeyCredential): string {
	return `accessKey:${fingerprintOf(credential)}`;
}
