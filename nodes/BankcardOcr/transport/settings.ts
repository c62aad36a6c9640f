import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { DEFAULT_REGION, iamEndpoint, ocrEndpoint } from './endpoints';
import { loginKey } from './tokenCache';

/** The credential as the transport uses it: the mode's fields, and endpoints resolved. */
export type CredentialSettings = {
	region: string;
	iamEndpoint: string;
	ocrEndpoint: string;
} & (
	| {
			mode: 'password';
			userName: string;
			password: string;
			accountName: string;
			project: string;
	  }
	| {
			mode: 'accessKey';
			accessKeyId: string;
			secretAccessKey: string;
			securityToken: string;
			/** Set by the user; empty means "look up the region's default project". */
			projectId: string;
	  }
);

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * A custom endpoint (Huawei Cloud Stack, the European site, a proxy) or the one derived from the
 * region. Only http(s) is accepted: anything else would send the credential's signature or
 * token somewhere it was not meant to go, or nowhere.
 */
function endpoint(value: unknown, field: string, derived: string): string {
	const given = text(value);
	if (!given) return derived;
	if (!URL.canParse(given)) {
		throw new UserError(`The credential's ${field} "${given}" is not a valid URL. Use a full address such as ${derived}.`);
	}
	const url = new URL(given);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UserError(`The credential's ${field} must start with https:// (or http://), not "${url.protocol}".`);
	}
	return given.replace(/\/+$/, '');
}

export function credentialSettings(credentials: ICredentialDataDecryptedObject): CredentialSettings {
	const region = text(credentials.region) || DEFAULT_REGION;
	const endpoints = {
		region,
		iamEndpoint: endpoint(credentials.iamEndpoint, 'IAM Endpoint', iamEndpoint(region)),
		ocrEndpoint: endpoint(credentials.ocrEndpoint, 'OCR Endpoint', ocrEndpoint(region)),
	};
	// Credentials saved before the Authentication field existed have none: they are password ones.
	if (credentials.authentication === 'accessKey') {
		return {
			...endpoints,
			mode: 'accessKey',
			accessKeyId: text(credentials.accessKeyId),
			secretAccessKey: text(credentials.secretAccessKey),
			securityToken: text(credentials.securityToken),
			projectId: text(credentials.projectId),
		};
	}
	return {
		...endpoints,
		mode: 'password',
		userName: text(credentials.userName),
		password: typeof credentials.password === 'string' ? credentials.password : '',
		accountName: text(credentials.accountName),
		project: text(credentials.project),
	};
}

/** Every secret of a credential, for redaction from anything shown to the user. */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	return ['password', 'secretAccessKey', 'securityToken', 'token']
		.map((name) => credentials[name])
		.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/**
 * A key for the sign-in settings: everything a token or project lookup depends on, hashed so no
 * secret is kept in memory as plain text. It keys the tokens shared within this process
 * (tokenCache.ts); its start is the fingerprint stored with the credential.
 */
export function signInKey(settings: CredentialSettings): string {
	const parts =
		settings.mode === 'password'
			? [settings.userName, settings.password, settings.accountName, settings.project]
			: [settings.accessKeyId, settings.secretAccessKey, settings.securityToken, settings.projectId];
	return loginKey([settings.mode, settings.iamEndpoint, settings.region, ...parts]);
}

/**
 * Identifies the sign-in settings a stored token or project id was obtained with. n8n keeps
 * hidden credential fields when a user edits the credential, so without it a token of the old
 * user, account or key would go on being used (and billed) until it expired.
 */
export function signInFingerprint(settings: CredentialSettings): string {
	return signInKey(settings).slice(0, 16);
}
