/**
 * AK/SK requests as Huawei's API gateway checks them (SDK-HMAC-SHA256): the Authorization header,
 * X-Sdk-Date within 15 minutes, the signed headers and payload hash, the signature, and the
 * security token of temporary keys. Signing guide:
 * https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-provide01.html
 */
import { timingSafeEqual } from 'crypto';
import type { IncomingMessage } from 'http';

import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import type { AccessKeySpec } from '../helpers/fixtures';
import { headerValue, huaweiError, type Answer } from './exchange';
import type { Identities } from './identities';

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/;

export type AccessKeyCheck = { ok: true; mode: 'accessKey'; key: AccessKeySpec } | { ok: false; answer: Answer };

/** The gateway's answer to a failed signature; the node tells the cases apart by these words. */
export const aksk = (detail: string): Answer => huaweiError(401, 'APIG.0301', `Incorrect IAM authentication information: ${detail}`);

/**
 * The signature Huawei's gateway expects, computed with the official SDK's own canonicalisation
 * (@huaweicloud/huaweicloud-sdk-core, AKSKSigner), not with the node's signer, so that this server
 * is an independent check of it. The SDK signs every header it is given and encodes the path it
 * is given; the gateway canonicalises what arrives on the wire: the signed headers as received
 * and the path decoded segment by segment, which the SDK then encodes again.
 */
class GatewaySigner extends AKSKSigner {
	// The SDK's canonicalisation steps are protected members; a subclass may call them.
	static signatureFor(
		method: string,
		target: string,
		headers: Record<string, string>,
		signedNames: string[],
		secretKey: string,
	): string {
		const url = new URL(target, 'http://gateway.invalid');
		const path = url.pathname
			.split('/')
			.map((segment) => decodeURIComponent(segment))
			.join('/');
		const queryParams: Record<string, string | string[]> = {};
		for (const [name, value] of url.searchParams) {
			const known = queryParams[name];
			queryParams[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
		}
		const signedHeaders: Record<string, string> = {};
		for (const name of signedNames) signedHeaders[name] = headers[name];
		const canonicalRequest = this.buildCanonicalRequest(
			method,
			this.CanonicalURI(path),
			this.CanonicalQueryString({ queryParams }),
			this.buildCanonicalHeaders(signedHeaders),
			[...signedNames].sort().join(';'),
			headers['x-sdk-content-sha256'],
		);
		const stringToSign = this.getStringToSign('SDK-HMAC-SHA256', headers['x-sdk-date'], this.Hex(canonicalRequest));
		return this.hmacSHA256(secretKey, stringToSign);
	}
}

/** AK/SK requests are known by their Authorization header, before the body arrives. */
export function signedRequest(req: IncomingMessage): boolean {
	return /^SDK-HMAC-SHA256\s/i.test(headerValue(req.headers.authorization) ?? '');
}

function parseSdkDate(value: string | undefined): number | undefined {
	const match = SDK_DATE.exec(value ?? '');
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Verifies an SDK-HMAC-SHA256 signature over the request as received. */
export function verifyAccessKey(req: IncomingMessage, bodyHash: string, identities: Identities): AccessKeyCheck {
	const match = AUTHORIZATION.exec(headerValue(req.headers.authorization) ?? '');
	if (!match) return { ok: false, answer: aksk('the Authorization header is malformed') };
	const [, ak, signedList, given] = match;
	const key = identities.accessKey(ak);
	if (!key) return { ok: false, answer: aksk(`ak ${ak} not exist`) };

	const signedNames = signedList.toLowerCase().split(';').filter(Boolean);
	if (!signedNames.includes('x-sdk-date')) {
		return { ok: false, answer: aksk('verify aksk signature fail: x-sdk-date must be in SignedHeaders') };
	}
	const date = parseSdkDate(headerValue(req.headers['x-sdk-date']));
	if (date === undefined) {
		return { ok: false, answer: aksk('verify aksk signature fail: x-sdk-date is not of the form YYYYMMDDTHHmmssZ') };
	}
	if (Math.abs(identities.now() - date) > SIGNATURE_WINDOW_MS) {
		return { ok: false, answer: aksk('signature expired: X-Sdk-Date is more than 15 minutes from the server time') };
	}

	const headers: Record<string, string> = {};
	for (const name of signedNames) {
		const value = headerValue(req.headers[name]);
		if (value === undefined) {
			return { ok: false, answer: aksk(`verify aksk signature fail: signed header ${name} is missing`) };
		}
		headers[name] = value;
	}
	const declared = headers['x-sdk-content-sha256'];
	if (declared === undefined) {
		// Not signed: the payload hash is the body's (the signer reads it from this header).
		headers['x-sdk-content-sha256'] = bodyHash;
	} else if (declared !== 'UNSIGNED-PAYLOAD' && declared.toLowerCase() !== bodyHash) {
		return { ok: false, answer: aksk('verify aksk signature fail: x-sdk-content-sha256 does not match the body') };
	}

	let expected: string;
	try {
		expected = GatewaySigner.signatureFor(req.method ?? 'GET', req.url ?? '/', headers, signedNames, key.sk);
	} catch {
		return { ok: false, answer: aksk('verify aksk signature fail') };
	}
	if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'))) {
		return { ok: false, answer: aksk('verify aksk signature fail') };
	}
	if (key.securityToken !== undefined) {
		const sent = headerValue(req.headers['x-security-token']);
		if (!signedNames.includes('x-security-token') || sent !== key.securityToken) {
			return { ok: false, answer: aksk('verify security token fail: X-Security-Token is missing, unsigned or wrong') };
		}
	}
	return { ok: true, mode: 'accessKey', key };
}
