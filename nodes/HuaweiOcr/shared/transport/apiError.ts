import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';
import { redact } from '../../../../credentials/common/huawei/redact';
import { adviceFor, type AdviceTable } from './advice';

/**
 * Builds the error n8n shows for a failed call. The error is made from plain, already-safe
 * values, never from the HTTP library's error object, which carries the request's headers
 * (the token) and body (the image).
 */
export function huaweiApiError(
	node: INode,
	failure: HuaweiFailure,
	itemIndex: number,
	secrets: readonly string[],
	attempts = 1,
	specificAdvice?: AdviceTable,
): NodeApiError {
	const advice = adviceFor(failure, specificAdvice);
	// Network codes (ECONNRESET, ...) stay out of the message: NodeApiError would replace any
	// message containing one with its own generic sentence.
	const isHuaweiCode = failure.errorCode?.includes('.') ?? false;
	const code = isHuaweiCode ? ` (${failure.errorCode})` : '';
	const parts = advice.action ? [advice.action] : [];
	if (failure.errorCode && !isHuaweiCode) parts.push(`Network error: ${failure.errorCode}.`);
	// A failure in its own words (see adviceFor) is already the message and the action.
	if (failure.detail && !failure.detail.startsWith(advice.message)) {
		// Each part is a sentence, so the next one ("Request ID", "Tried 3 times") reads apart.
		const detail = /[.!?。]$/.test(failure.detail) ? failure.detail : `${failure.detail}.`;
		parts.push(`${failure.httpCode ? 'Huawei said' : 'Details'}: ${detail}`);
	}
	if (failure.requestId) parts.push(`Request ID: ${failure.requestId}.`);
	if (failure.notTried) {
		parts.push(
			'Not sent for this item: the credential already failed for an earlier item of this run, and repeating a rejected sign-in can lock the Huawei account or access key.',
		);
	}
	if (attempts > 1) parts.push(`Tried ${attempts} times.`);
	const safe = (text: string) => redact(text, secrets);
	// NodeApiError searches the body for a status when none is given, and would take a Huawei
	// or network code for one: the code is only filed under `error_code` beside a real status.
	const body: JsonObject = {
		error_msg: failure.detail ? safe(failure.detail) : null,
		request_id: failure.requestId ?? null,
	};
	if (failure.httpCode && failure.errorCode) body.error_code = failure.errorCode;
	return new NodeApiError(node, body, {
		message: safe(`${advice.message}${code}`),
		description: parts.length ? safe(parts.join(' ')) : undefined,
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex,
	});
}

