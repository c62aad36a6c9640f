/**
 * Which endpoint answers an API call (admin and file requests are told apart before, in
 * huaweiServer.ts). Huawei's hosts are one here: IAM and OCR paths do not overlap.
 *
 * An OCR API is a Recognizer (ocrCall.ts) in a file of its own, e.g. bankcard.ts, and one line in
 * OCR_APIS naming the last segment of its path: POST /v2/{project_id}/ocr/<name>.
 */
import { recognizeAutoClassification } from './autoClassification';
import { recognizeBankcard } from './bankcard';
import type { Ctx } from './exchange';
import { authProjects, issueToken, lookupProjects } from './iam';
import { recognizeIdCard } from './idCard';
import { ocrCall, type Recognizer } from './ocrCall';
import type { ServerState } from './state';

export type Handler = (ctx: Ctx, state: ServerState) => Promise<void>;

const IAM_ROUTES = new Map<string, Handler>([
	['POST /v3/auth/tokens', issueToken],
	['GET /v3/auth/projects', authProjects],
	['GET /v3/projects', lookupProjects],
]);

const OCR_APIS = new Map<string, Recognizer>([
	['bankcard', recognizeBankcard],
	['auto-classification', recognizeAutoClassification],
	['id-card', recognizeIdCard],
]);

const OCR_PATH = /^\/v2\/([^/]+)\/ocr\/([^/]+)\/?$/;

/** The handler of `method path`, or undefined (the gateway then answers APIG.0101). */
export function routeOf(method: string, path: string): Handler | undefined {
	const iam = IAM_ROUTES.get(`${method} ${path}`);
	if (iam) return iam;
	const ocr = OCR_PATH.exec(path);
	const recognize = ocr && method === 'POST' ? OCR_APIS.get(ocr[2]) : undefined;
	if (!ocr || !recognize) return undefined;
	let projectId: string;
	try {
		projectId = decodeURIComponent(ocr[1]);
	} catch {
		projectId = ocr[1];
	}
	return (ctx, state) => ocrCall(ctx, state, projectId, recognize);
}
