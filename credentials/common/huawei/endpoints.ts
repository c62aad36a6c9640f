import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Huawei Cloud regions whose OCR endpoint exists (from the official SDKs' OcrRegion list).
 * Bank card recognition itself is documented only for cn-north-4 and cn-east-3; the other
 * regions are offered because accounts sometimes have it enabled there, and Huawei answers
 * with a clear error code (APIG.0101 / ModelArts.4204) when it is not.
 */
export const REGIONS: ReadonlyArray<{ id: string; city: string; bankcard: boolean }> = [
	{ id: 'cn-north-4', city: 'Beijing4', bankcard: true },
	{ id: 'cn-east-3', city: 'Shanghai1', bankcard: true },
	{ id: 'cn-north-1', city: 'Beijing1', bankcard: false },
	{ id: 'cn-south-1', city: 'Guangzhou', bankcard: false },
	{ id: 'cn-southwest-2', city: 'Guiyang1', bankcard: false },
	{ id: 'ap-southeast-1', city: 'Hong Kong', bankcard: false },
	{ id: 'ap-southeast-2', city: 'Bangkok', bankcard: false },
	{ id: 'ap-southeast-3', city: 'Singapore', bankcard: false },
	{ id: 'af-south-1', city: 'Johannesburg', bankcard: false },
	{ id: 'la-north-2', city: 'Mexico City2', bankcard: false },
	{ id: 'la-south-2', city: 'Santiago', bankcard: false },
];

export const DEFAULT_REGION = 'cn-north-4';

export const REGION_OPTIONS: INodePropertyOptions[] = REGIONS.map((region) => ({
	name: `${region.city} (${region.id})`,
	value: region.id,
	description: region.bankcard
		? 'Bank card recognition is available here'
		: 'Bank card recognition is not documented for this region',
}));

/**
 * The regional IAM endpoint, not the global iam.myhuaweicloud.com: the global one rejects
 * accounts of the international site (Huawei IAM docs, "Obtaining an IAM user token").
 */
export function iamEndpoint(region: string): string {
	return `https://iam.${region}.myhuaweicloud.com`;
}

export function ocrEndpoint(region: string): string {
	return `https://ocr.${region}.myhuaweicloud.com`;
}

/** Placeholder in OCR paths; the credential swaps in the project id it resolved. */
export const PROJECT_ID_PLACEHOLDER = '{project_id}';

/**
 * Puts `projectId` into an OCR URL. It replaces whatever segment follows `/v2/`, not just the
 * placeholder, because n8n hands the already-authenticated request back to `authenticate`
 * after a token refresh, and the fresh token may belong to a different project.
 */
const OCR_PROJECT_SEGMENT = /\/v2\/[^/?#]+\/ocr\//;

export function withProjectId(url: string, projectId: string): string {
	return url.replace(OCR_PROJECT_SEGMENT, `/v2/${encodeURIComponent(projectId)}/ocr/`);
}

/** Whether a URL is a project-scoped OCR call (and not, say, an IAM request of the credential). */
export function isOcrUrl(url: string): boolean {
	return OCR_PROJECT_SEGMENT.test(url);
}

/**
 * The credential's IAM endpoint as an n8n expression, for the credential test request, which n8n
 * resolves from expressions only: the custom endpoint if set, else `iamEndpoint(region)`. Kept
 * beside the function so the two cannot drift apart.
 */
export const IAM_ENDPOINT_EXPRESSION =
	'={{($credentials.iamEndpoint || "https://iam." + $credentials.region + ".myhuaweicloud.com").trim().replace(/\\/+$/, "")}}';
