import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';
import { CREDENTIAL_TYPE } from '../../../../credentials/common/huawei/credential';
import type { AdviceTable } from './advice';
import { huaweiApiError } from './apiError';
import { CredentialGate, type Outcome } from './credentialGate';
import { failureFromError, sentSecrets } from './failure';
import { isRetryable, retryDelayMs } from './retry';

export interface OcrCall {
	url: string;
	/** JSON: an object, or its bytes already serialised (image bodies, see input/requestBody.ts). */
	body: IDataObject | Buffer;
	headers?: Record<string, string>;
	timeoutMs: number;
	maxRetries: number;
	/** Values that must never appear in an error shown to the user. */
	secrets: readonly string[];
	/** The API's own wording for its error codes (see advice.ts). */
	advice?: AdviceTable;
	/** Shared by the execution's calls with one credential (see credentialGate.ts). */
	gate: CredentialGate;
	/**
	 * How long the credential's sign-in has been waiting for IAM (ms, 0 for none), to tell a hung
	 * sign-in from a slow OCR answer when an attempt runs out of time.
	 */
	signInWaitingMs?: () => number;
}

/**
 * One authenticated call to an OCR API, retried with backoff while Huawei reports a transient
 * condition; any other failure, or the last one, comes back as a NodeApiError for `itemIndex`.
 * A rejected token is not retried here: n8n already refreshed it once inside the call.
 */
export async function callOcr(
	context: IExecuteFunctions,
	call: OcrCall,
	itemIndex: number,
): Promise<IDataObject> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: call.url,
		body: call.body,
		json: true,
		timeout: call.timeoutMs,
		headers: { 'Content-Type': 'application/json', ...call.headers },
	};
	for (let attempt = 0; ; attempt++) {
		const outcome = await call.gate.attempt(async () => await attemptCall(context, options, call));
		if (outcome.ok) return outcome.body;
		const { failure } = outcome;
		if (attempt >= call.maxRetries || !isRetryable(failure)) {
			const secrets = [...call.secrets, ...outcome.sent];
			throw huaweiApiError(context.getNode(), failure, itemIndex, secrets, attempt + 1, call.advice);
		}
		await sleep(retryDelayMs(attempt, failure.retryAfterMs));
	}
}

/** What an attempt that ran out of time reports: a sign-in still waiting, or no answer. */
function timedOut(call: OcrCall): HuaweiFailure {
	const seconds = call.timeoutMs / 1000;
	// IAM answers in well under a second: one still waiting after half the timeout is what held
	// this attempt, not a sign-in another item just started.
	if ((call.signInWaitingMs?.() ?? 0) >= call.timeoutMs / 2) {
		return {
			signInFailure: 'timeout',
			detail: `Huawei Cloud IAM did not answer the sign-in within the node's Timeout (${seconds} s). Check the credential's region and IAM Endpoint, and that n8n can reach it.`,
		};
	}
	return { errorCode: 'ETIMEDOUT', detail: `No complete answer within ${seconds} s` };
}

// How much longer than the call's timeout the abort signal waits: the HTTP client's own timeout
// should be the one that fires; the signal is there for a body that stops arriving unnoticed.
function backstopMs(timeoutMs: number): number {
	return timeoutMs * 2 + 5000;
}

/**
 * One try, bounded in time. The HTTP client's own timeout covers the connection, the headers and
 * a silent socket; an abort signal a little later covers whatever it misses; and at the timeout a
 * sign-in that n8n runs inside the call (which neither reaches) and that has been waiting since
 * the attempt began ends the attempt.
 */
async function attemptCall(context: IExecuteFunctions, options: IHttpRequestOptions, call: OcrCall): Promise<Outcome<IDataObject>> {
	const backstop = AbortSignal.timeout(backstopMs(call.timeoutMs));
	const signInLimit = AbortSignal.timeout(call.timeoutMs);
	const signInHung = new Promise<Outcome<IDataObject>>((resolve) => {
		signInLimit.addEventListener(
			'abort',
			() => {
				const failure = timedOut(call);
				if (failure.signInFailure) resolve({ ok: false, failure, sent: [] });
			},
			{ once: true },
		);
	});
	const answered = (async (): Promise<Outcome<IDataObject>> => {
		try {
			const body = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				// n8n may rewrite the options it is given (authentication, body handling): each
				// attempt starts from the same untouched request.
				{ ...options, headers: { ...options.headers }, abortSignal: backstop },
			)) as IDataObject;
			return { ok: true, body };
		} catch (error) {
			// Not swallowed: the caller retries it or throws it as a NodeApiError.
			if (backstop.aborted) return { ok: false, failure: timedOut(call), sent: sentSecrets(error) };
			return { ok: false, failure: failureFromError(error), sent: sentSecrets(error) };
		}
	})();
	return await Promise.race([answered, signInHung]);
}
