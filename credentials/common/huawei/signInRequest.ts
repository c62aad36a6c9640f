import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { redact } from './redact';

/**
 * Why a sign-in failed, for the node to decide what the rest of an execution does: a rejected
 * password or signature is not tried again (Huawei locks an IAM user or an access key after a few
 * failed attempts), and an IAM that redirects or does not answer will not do better for the next
 * item either.
 */
export type SignInFailureKind = 'rejected' | 'redirected' | 'timeout' | 'unreachable' | 'other';

export class SignInError extends UserError {
	constructor(
		message: string,
		readonly signInFailure: SignInFailureKind,
	) {
		super(message);
	}
}

/** The kind of a sign-in failure, also when n8n wrapped it (as `cause`) on its way to the node. */
export function signInFailureOf(error: unknown): SignInFailureKind | undefined {
	for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const kind = (current as { signInFailure?: unknown }).signInFailure;
		if (typeof kind === 'string') return kind as SignInFailureKind;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * How long a sign-in (IAM token or AK/SK project lookup) may take. IAM answers in well under a
 * second; n8n gives a credential's preAuthentication no time limit of its own, so without one an
 * IAM endpoint that accepts the connection and never answers would hold the whole run.
 */
export const SIGN_IN_TIMEOUT_MS = 30_000;

/** ` Huawei said: "…".` with Huawei's own punctuation kept and no second full stop. */
export function huaweiSaid(detail: string): string {
	if (!detail) return '';
	return /[.!?。]$/.test(detail) ? ` Huawei said: "${detail}"` : ` Huawei said: "${detail}".`;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** A sign-in that got no answer at all, in words that name the IAM address. */
function networkFailure(error: unknown, iam: string, secrets: readonly string[]): SignInError {
	const code = (error as { code?: unknown })?.code;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String((error as Error)?.message))) {
		return new SignInError(
			`Huawei Cloud IAM at ${iam} did not answer the sign-in within ${SIGN_IN_TIMEOUT_MS / 1000} seconds. ` +
				'Check the credential\'s region and IAM Endpoint, and that n8n can reach it; then try again.',
			'timeout',
		);
	}
	const detail = redact(String((error as Error)?.message ?? error), secrets);
	return new SignInError(
		`Huawei Cloud IAM at ${iam} could not be reached for the sign-in (${detail}). ` +
			'Check the credential\'s region and IAM Endpoint, and the network access of the n8n host.',
		'unreachable',
	);
}

/**
 * A sign-in request to IAM: never follows a redirect (the password, or a signature, would be
 * re-sent to whatever host the answer names), has a time limit, and turns a network failure into
 * a sentence that names the IAM address. Returns IAM's answer whatever its status.
 */
export async function signInRequest(
	context: IHttpRequestHelper,
	request: IHttpRequestOptions,
	secrets: readonly string[],
): Promise<{ statusCode: number; headers: IDataObject; body: unknown }> {
	const iam = hostOf(request.url);
	let response: { statusCode: number; headers: IDataObject; body: unknown } | undefined;
	let unanswered: unknown;
	try {
		response = (await context.helpers.httpRequest({
			...request,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: SIGN_IN_TIMEOUT_MS,
		})) as typeof response;
	} catch (error) {
		unanswered = error;
	}
	if (!response) throw networkFailure(unanswered, iam, secrets);
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const location = response.headers?.location;
		const target = typeof location === 'string' && location ? ` to ${hostOf(new URL(location, request.url).href)}` : '';
		throw new SignInError(
			`Huawei Cloud IAM at ${iam} answered the sign-in with a redirect (HTTP ${response.statusCode})${target}. ` +
				'The sign-in was not sent there. Set the credential\'s IAM Endpoint to the address IAM itself answers on, or leave it empty.',
			'redirected',
		);
	}
	return response;
}
