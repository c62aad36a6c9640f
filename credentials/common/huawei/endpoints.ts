import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Huawei Cloud regions whose OCR endpoint exists (from the official SDKs' OcrRegion list), with
 * the OCR APIs of this package that Huawei's endpoint table lists there: bank card and ID card
 * recognition only for cn-north-4 and cn-east-3
 * (https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0062.html). The other regions are offered because accounts
 * sometimes have an API enabled there, and Huawei answers with a clear error code (APIG.0101 /
 * ModelArts.4204) when it is not. Each API takes its regions from here (regionsOffering).
 */
export const REGIONS: ReadonlyArray<{ id: string; city: string; documents: readonly string[] }> = [
	{ id: 'cn-north-4', city: 'Beijing4', documents: ['bank card', 'ID card'] },
	{ id: 'cn-east-3', city: 'Shanghai1', documents: ['bank card', 'ID card'] },
	{ id: 'cn-north-1', city: 'Beijing1', documents: [] },
	{ id: 'cn-south-1', city: 'Guangzhou', documents: [] },
	{ id: 'cn-southwest-2', city: 'Guiyang1', documents: [] },
	{ id: 'ap-southeast-1', city: 'Hong Kong', documents: [] },
	{ id: 'ap-southeast-2', city: 'Bangkok', documents: [] },
	{ id: 'ap-southeast-3', city: 'Singapore', documents: [] },
	{ id: 'af-south-1', city: 'Johannesburg', documents: [] },
	{ id: 'la-north-2', city: 'Mexico City2', documents: [] },
	{ id: 'la-south-2', city: 'Santiago', documents: [] },
];

export const DEFAULT_REGION = 'cn-north-4';

export const REGION_OPTIONS: INodePropertyOptions[] = REGIONS.map((region) => ({
	name: `${region.city} (${region.id})`,
	value: region.id,
	description: region.documents.length
		? `Recognition of ${region.documents.join(' and ')}s is available here`
		: 'Bank card and ID card recognition are not documented for this region',
}));

/** The regions that offer one of this package's documents ("bank card", "ID card"). */
export function regionsOffering(document: string): string[] {
	return REGIONS.filter((region) => region.documents.includes(document)).map((region) => region.id);
}

const cityOf = (id: string): string | undefined => REGIONS.find((entry) => entry.id === id)?.city;

/** Regions as a sentence names them: "Beijing4 (cn-north-4) and Shanghai1 (cn-east-3)". */
export function regionsInWords(ids: readonly string[], joiner: 'and' | 'or'): string {
	return ids.map((id) => (cityOf(id) ? `${cityOf(id)} (${id})` : id)).join(` ${joiner} `);
}

/** Regions by their city only: "Beijing4 or Shanghai1". */
export function regionCities(ids: readonly string[], joiner: 'and' | 'or'): string {
	return ids.map((id) => cityOf(id) ?? id).join(` ${joiner} `);
}

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
