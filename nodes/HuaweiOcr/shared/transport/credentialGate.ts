import type { HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';

/** One attempt of a call, as the transport sees it: an answer, or why there was none. */
export type Outcome<T> = { ok: true; body: T } | { ok: false; failure: HuaweiFailure; sent: string[] };

/**
 * Whether a failure means the credential itself does not work: a password or signature that
 * Huawei rejected (after n8n's own new sign-in and repeat), or a sign-in that was redirected or
 * got no answer. Trying again with the next item cannot succeed, and rejected attempts count
 * towards Huawei's lockout of the IAM user or access key (a few failures lock it for a while).
 */
export function credentialFailed(failure: HuaweiFailure): boolean {
	if (failure.signInFailure) return failure.signInFailure !== 'other' && failure.signInFailure !== 'unreachable';
	return failure.httpCode === 401;
}

/**
 * Guards one execution's calls with one credential. Until a call has succeeded, calls go one at a
 * time, so a wrong password or secret key is tried once, not once per item in flight; once the
 * credential has failed in a way that cannot heal (see credentialFailed), every later call fails
 * at once with the same failure and nothing is sent. After the first success calls run freely.
 */
export class CredentialGate {
	private proven = false;

	private probe?: Promise<void>;

	private failed?: HuaweiFailure;

	async attempt<T>(call: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
		for (;;) {
			if (this.failed) return { ok: false, failure: { ...this.failed, notTried: true }, sent: [] };
			if (this.proven) return await call();
			if (!this.probe) break;
			// Another call is proving the credential: its outcome decides what this one does.
			await this.probe;
		}
		const outcome = call();
		this.probe = outcome.then(() => undefined);
		const result = await outcome;
		this.probe = undefined;
		if (result.ok) this.proven = true;
		else if (credentialFailed(result.failure)) this.failed = result.failure;
		return result;
	}
}
