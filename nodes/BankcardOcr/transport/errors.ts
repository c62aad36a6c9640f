import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What went wrong with one call, reduced to what is safe and useful to show. */
export interface HuaweiFailure {
	httpCode?: number;
	/** Huawei's code, e.g. `AIS.0104`, `APIG.0308`, or a network code such as `ECONNRESET`. */
	errorCode?: string;
	/** Huawei's own text (or the network library's), shown as a detail. */
	detail?: string;
	requestId?: string;
	/** What the server's Retry-After header asked for, in milliseconds. */
	retryAfterMs?: number;
}

interface Advice {
	message: string;
	action: string;
}

/**
 * Huawei's documented codes in plain words (OCR "Error Codes" page, API Gateway error codes;
 * see shared/reference/huawei-ocr-api.md). Keyed by code; ranges are expanded below.
 */
const ADVICE: Record<string, Advice> = {
	'AIS.0101': {
		message: 'Huawei OCR rejected the request parameters',
		action: 'Send either a binary file or an image URL, not both, and check the node options.',
	},
	'AIS.0102': {
		message: 'The image is not in a format Huawei OCR accepts',
		action: 'Send a JPEG, PNG, BMP or TIFF image of the card.',
	},
	'AIS.0103': {
		message: 'The image is too small or too large',
		action:
			'Each side must be between 15 and 8192 pixels and the file at most about 7 MB. Resize or compress the image.',
	},
	'AIS.0104': {
		message: 'Huawei OCR could not find a readable bank card in the image',
		action:
			'Use a sharp, well-lit photo of the front of one bank card, filling most of the picture, without glare.',
	},
	'AIS.0105': {
		message: 'Huawei OCR failed to recognise this image',
		action: 'Try again; if it keeps failing, try a clearer photo of the card.',
	},
	'ModelArts.0203': {
		message: 'Huawei rejected the sign-in token',
		action: 'Open the Huawei OCR API credential and save it again, then retry.',
	},
	'ModelArts.0212': {
		message: 'The token is not scoped to a project',
		action: 'Set the Project field of the credential to a project of the chosen region, or leave it empty.',
	},
	'ModelArts.4101': {
		message: 'Huawei rejected the sign-in token',
		action: 'Open the Huawei OCR API credential and save it again, then retry.',
	},
	'ModelArts.4106': {
		message: 'The Huawei Cloud account is restricted, usually because of an unpaid balance',
		action: 'Settle the balance in the Huawei Cloud console (Billing Center), then retry.',
	},
	'ModelArts.4203': {
		message: 'The IAM user is not allowed to use OCR',
		action: 'Give the IAM user (or its group) the "OCR FullAccess" permission in the IAM console.',
	},
	'ModelArts.4204': {
		message: 'Bank card OCR is not enabled for this account in the chosen region',
		action:
			'Open the OCR console in the same region as the credential (Beijing4 or Shanghai1) and enable "Bank Card" (开通服务). This is needed once per region.',
	},
	'ModelArts.4401': {
		message: 'Too many OCR requests are running at once for this account',
		action: 'Process fewer items at a time or wait a moment, then retry.',
	},
	'ModelArts.4402': {
		message: 'Huawei OCR timed out on its side',
		action: 'Retry in a moment.',
	},
	'ModelArts.4601': {
		message: 'Huawei OCR is not allowed to download from this image URL',
		action: 'Use a public http(s) URL or an authorised OBS link, or send the image as a binary file instead.',
	},
	'ModelArts.4603': {
		message: 'Huawei OCR could not download the image from the URL',
		action: 'Check that the URL opens in a browser without signing in, is fast, and points at the image itself.',
	},
	'ModelArts.4702': {
		message: 'Huawei OCR could not read the image from OBS',
		action: 'Check that the OBS object exists and that OCR is authorised to read your OBS buckets.',
	},
	'ModelArts.6201': {
		message: 'The Huawei Cloud account is frozen',
		action: 'Contact Huawei Cloud support or check the account status in the console.',
	},
	'APIG.0101': {
		message: 'Bank card OCR is not available at this address',
		action:
			'Check the credential\'s region: bank card OCR is offered in Beijing4 (cn-north-4) and Shanghai1 (cn-east-3).',
	},
	'APIG.0201': {
		message: 'Huawei\'s gateway timed out waiting for OCR',
		action: 'Retry in a moment.',
	},
	'APIG.0301': {
		message: 'Huawei did not accept the sign-in for this request',
		action:
			'Check the credential: user, password and account, or access key and secret key, and its region. With an access key, also check the clock of the computer running n8n. If it worked before, save the credential again.',
	},
	'APIG.0307': {
		message: 'The sign-in token has expired or belongs to another region',
		action: 'Save the credential again to get a new token, and check its region.',
	},
	'APIG.0308': {
		message: 'Huawei is throttling requests from this account (too many per second)',
		action: 'Wait a few seconds and retry, or process fewer items at a time.',
	},
	'APIG.0302': {
		message: 'Huawei denied access to OCR for this account or region',
		action: 'Check that OCR is enabled in the credential\'s region and that the IAM user has the OCR permission.',
	},
	'APIG.0613': {
		message: 'Huawei\'s sign-in service (IAM) is temporarily unavailable',
		action: 'Retry in a moment.',
	},
};

// Codes that share the advice of a documented neighbour.
for (const code of ['4102', '4103']) ADVICE[`ModelArts.${code}`] = ADVICE['ModelArts.4101'];
for (const code of ['4703', '4704', '4705', '4706']) ADVICE[`ModelArts.${code}`] = ADVICE['ModelArts.4702'];
for (const code of ['0306', '0310', '0801', '0802']) ADVICE[`APIG.${code}`] = ADVICE['APIG.0302'];

// When there is no Huawei code to go on, the HTTP status or the network error still tells a story.
const BY_STATUS: Record<number, Advice> = {
	401: ADVICE['APIG.0301'],
	403: ADVICE['APIG.0302'],
	404: ADVICE['APIG.0101'],
	429: ADVICE['APIG.0308'],
	504: ADVICE['APIG.0201'],
};

const NETWORK: Record<string, Advice> = {
	ECONNRESET: { message: 'The connection to Huawei was cut off', action: 'Retry in a moment.' },
	ECONNREFUSED: {
		message: 'Huawei\'s server refused the connection',
		action: 'Check the region and that n8n can reach the internet.',
	},
	ENOTFOUND: {
		message: 'Huawei\'s server name could not be found',
		action: 'Check the region and the DNS and internet access of the n8n host.',
	},
	ETIMEDOUT: { message: 'The request to Huawei timed out', action: 'Retry in a moment.' },
	ECONNABORTED: { message: 'The request to Huawei timed out', action: 'Retry in a moment.' },
};

/** `APIGW.0308` and `APIG.0308` are the same gateway error (the prefix varies by deployment). */
function normaliseCode(code: string): string {
	return code.replace(/^APIGW\./, 'APIG.');
}

export function adviceFor(failure: HuaweiFailure): Advice {
	// No status and no code: the failure happened before any OCR answer, typically while the
	// credential fetched a token, and its own message already says what to do.
	if (!failure.errorCode && !failure.httpCode && failure.detail) {
		return { message: failure.detail, action: '' };
	}
	const code = failure.errorCode ? normaliseCode(failure.errorCode) : undefined;
	const known =
		(code && (ADVICE[code] ?? NETWORK[code])) ??
		(failure.httpCode ? BY_STATUS[failure.httpCode] : undefined);
	if (known) return known;
	if (failure.httpCode && failure.httpCode >= 500) {
		return { message: 'Huawei OCR had an internal problem', action: 'Retry in a moment.' };
	}
	return {
		message: 'Huawei OCR could not process the request',
		action: 'See the details from Huawei below.',
	};
}

/** Replaces every occurrence of a secret with a marker, so no error text can leak one. */
export function redact(text: string, secrets: readonly string[]): string {
	return secrets
		.filter((secret) => secret.length >= 4)
		.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** Reads Huawei's error body, which comes as `{error_code, error_msg}` or IAM's `{error: {...}}`. */
export function failureFromResponse(
	httpCode: number | undefined,
	body: unknown,
	requestId?: string,
): HuaweiFailure {
	const failure: HuaweiFailure = { httpCode, requestId };
	if (body && typeof body === 'object') {
		const data = body as IDataObject;
		const nested = (data.error ?? {}) as IDataObject;
		const code = data.error_code ?? nested.code;
		const text = data.error_msg ?? nested.message;
		if (code !== undefined) failure.errorCode = String(code);
		if (typeof text === 'string') failure.detail = text;
		if (!failure.requestId && typeof data.request_id === 'string') failure.requestId = data.request_id;
	} else if (typeof body === 'string' && body.trim()) {
		// A proxy's HTML page or a truncated body: show its start, never the whole page.
		failure.detail = body.trim().slice(0, 200);
	}
	return failure;
}

/** Huawei's own words in an error body, with its code when it has one: `project not found (IAM.0010)`. */
export function huaweiWords(body: unknown): string {
	const { errorCode, detail } = failureFromResponse(undefined, body);
	if (!detail) return '';
	return errorCode?.includes('.') ? `${detail} (${errorCode})` : detail;
}

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
): NodeApiError {
	const advice = adviceFor(failure);
	// Network codes (ECONNRESET, ...) stay out of the message: NodeApiError would replace any
	// message containing one with its own generic sentence.
	const isHuaweiCode = failure.errorCode?.includes('.') ?? false;
	const code = isHuaweiCode ? ` (${failure.errorCode})` : '';
	const parts = advice.action ? [advice.action] : [];
	if (failure.errorCode && !isHuaweiCode) parts.push(`Network error: ${failure.errorCode}.`);
	if (failure.detail && failure.detail !== advice.message) {
		// Each part is a sentence, so the next one ("Request ID", "Tried 3 times") reads apart.
		const detail = /[.!?。]$/.test(failure.detail) ? failure.detail : `${failure.detail}.`;
		parts.push(`${failure.httpCode ? 'Huawei said' : 'Details'}: ${detail}`);
	}
	if (failure.requestId) parts.push(`Request ID: ${failure.requestId}.`);
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

/**
 * The json of an item that failed under "Continue On Fail": the message and advice, plus the
 * codes a workflow can branch on (Huawei's code, the HTTP status, Huawei's request id).
 */
export function errorItemJson(error: unknown): IDataObject {
	const failed = (error ?? {}) as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
		errorResponse?: IDataObject;
	};
	const json: IDataObject = { error: failed.message ?? 'Unknown error' };
	if (failed.description) json.description = failed.description;
	const response = failed.errorResponse ?? {};
	if (typeof response.error_code === 'string') json.error_code = response.error_code;
	if (failed.httpCode && /^\d{3}$/.test(failed.httpCode)) json.http_code = Number(failed.httpCode);
	if (typeof response.request_id === 'string') json.request_id = response.request_id;
	return json;
}
