/**
 * What every OCR call goes through at Huawei's API gateway before and after the API itself
 * answers: counted, maybe faulted (faults.ts), the body read (hashed for AK/SK), authenticated
 * (a project-scoped token, or an AK/SK signature for a project of the key's account), answered by
 * the API's Recognizer after the configured latency. An OCR API of the stand-in (bankcard.ts) is
 * only its Recognizer; routes.ts puts it at its path.
 */
import { createHash } from 'crypto';

import { aksk, signedRequest, verifyAccessKey, type AccessKeyCheck } from './accessKey';
import { headerValue, huaweiError, send, type Answer, type Ctx } from './exchange';
import { injectFault } from './faultInjection';
import type { TokenRecord } from './identities';
import { readBody } from './incoming';
import { imageTooLarge } from './ocrInput';
import type { ServerState } from './state';

/** An OCR API's answer to an authenticated call: the body as received, the project of its URL. */
export type Recognizer = (body: Buffer, projectId: string, state: ServerState) => Answer;

type Auth = AccessKeyCheck | { ok: true; mode: 'token'; token: TokenRecord };

export async function ocrCall(ctx: Ctx, state: ServerState, projectId: string, recognize: Recognizer): Promise<void> {
	state.counters.ocrStarted(ctx.res);
	const fault = state.nextFault(ctx.req);
	if (fault) return await injectFault(ctx, fault, state.card);

	const hash = signedRequest(ctx.req) ? createHash('sha256') : undefined;
	const body = await readBody(ctx.req, state.maxBodyBytes, hash, state.pool);
	if (body === undefined) return;
	let answer: Answer;
	let authenticated = false;
	try {
		const auth = gatewayAuth(ctx, state, projectId, hash?.digest('hex'));
		if (!auth.ok) {
			answer = auth.answer;
		} else {
			authenticated = true;
			state.counters.counts.ocrByAuth[auth.mode]++;
			answer = body === 'too-large' ? imageTooLarge() : recognize(body.bytes, projectId, state);
		}
	} finally {
		// The answer is complete: nothing reads the body any more, while the latency runs.
		if (body !== 'too-large') state.pool.give(body.backing);
	}
	// Latency stands for the backend's work: gateway rejections come back at once.
	if (authenticated && state.latencyMs > 0 && !(await state.delays.wait(state.latencyMs, ctx.res))) return;
	if (answer.status === 200) state.counters.counts.ocrSucceeded++;
	send(ctx, answer);
}

/** `bodyHash` is given for AK/SK-signed calls. */
function gatewayAuth(ctx: Ctx, state: ServerState, projectId: string, bodyHash: string | undefined): Auth {
	const { req } = ctx;
	const { identities } = state;
	if (bodyHash !== undefined) {
		const auth = verifyAccessKey(req, bodyHash, identities);
		if (!auth.ok) return auth;
		const headerProject = headerValue(req.headers['x-project-id']);
		if (headerProject !== projectId) {
			return {
				ok: false,
				answer: aksk(`X-Project-Id "${headerProject ?? ''}" does not match the project in the URL`),
			};
		}
		if (!identities.projects.some((p) => p.id === projectId)) {
			return {
				ok: false,
				answer: huaweiError(403, 'APIG.0302', `Access denied: project ${projectId} is not available to this access key.`),
			};
		}
		return auth;
	}
	const token = headerValue(req.headers['x-auth-token']);
	if (!token) return { ok: false, answer: huaweiError(401, 'APIG.0301', 'Incorrect IAM authentication information: x-auth-token not found') };
	const record = identities.token(token);
	if (!record) return { ok: false, answer: huaweiError(401, 'APIG.0301', 'Incorrect IAM authentication information: verify token fail') };
	if (identities.isExpired(record)) {
		return { ok: false, answer: huaweiError(401, 'APIG.0307', 'The token must be updated.') };
	}
	if (!record.project) {
		return { ok: false, answer: huaweiError(403, 'ModelArts.0212', 'The token is not scoped to a project.') };
	}
	if (record.project.id !== projectId) {
		return { ok: false, answer: huaweiError(401, 'APIG.0307', 'The token must be updated.') };
	}
	return { ok: true, mode: 'token', token: record };
}
