import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { DEFAULT_REGION, iamEndpoint, ocrEndpoint } from './endpoints';

/** The credential's name in n8n, by which nodes ask for it. */
export const CREDENTIAL_TYPE = 'huaweiOcrApi';

/** A Huawei OCR API credential as the code uses it: the mode's fields, endpoints resolved. */
export type HuaweiCredential = {
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

export type PasswordCredential = Extract<HuaweiCredential, { mode: 'password' }>;
export type AccessKeyCredential = Extract<HuaweiCredential, { mode: 'accessKey' }>;

/**
 * A custom endpoint (Huawei Cloud Stack, the European site, a proxy) or the one derived from the
 * region. Only http(s) is accepted: anything else would send the credential's signature or
 * token somewhere it was not meant to go, or nowhere.
 */
function endpoint(value: unknown, field: string, derived: string, apiPath: RegExp): string {
	const given = text(value);
	if (!given) return derived;
	if (!URL.canParse(given)) {
		throw new UserError(`The credential's ${field} "${given}" is not a valid URL. Use a full address such as ${derived}.`);
	}
	const url = new URL(given);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UserError(`The credential's ${field} must start with https:// (or http://), not "${url.protocol}".`);
	}
	// A pasted request URL (".../v3/auth/tokens", ".../v2/{project}/ocr/bankcard") rather than the
	// address: the node appends those paths itself, and would then call ".../v3/v3/...".
	if (apiPath.test(url.pathname)) {
		throw new UserError(
			`The credential's ${field} "${url.origin}${url.pathname}" includes an API path. Enter only the address, such as ${derived} (a proxy's own path prefix is fine, without Huawei's API path).`,
		);
	}
	return given.replace(/\/+$/, '');
}

// Where Huawei's API paths begin: IAM's under /v3, OCR's under /v1 or /v2 followed by a project.
const IAM_API_PATH = /\/v3(\/|$)/i;
const OCR_API_PATH = /\/v[12]\/[^/]+\/ocr(\/|$)|\/v[12]\/?$/i;

/** Reads what n8n hands over (the saved fields, decrypted) into a HuaweiCredential. */
export function parseCredential(credentials: ICredentialDataDecryptedObject): HuaweiCredential {
	const region = text(credentials.region) || DEFAULT_REGION;
	const endpoints = {
		region,
		iamEndpoint: endpoint(credentials.iamEndpoint, 'IAM Endpoint', iamEndpoint(region), IAM_API_PATH),
		ocrEndpoint: endpoint(credentials.ocrEndpoint, 'OCR Endpoint', ocrEndpoint(region), OCR_API_PATH),
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
