import type { HuaweiFailure } from '../../../../credentials/common/huawei/errorBody';

/** A failure in plain words: what happened, and what the user can do. */
export interface Advice {
	message: string;
	action: string;
}

/** Advice keyed by Huawei error code (`AIS.0104`, `APIG.0308`, ...). */
export type AdviceTable = Readonly<Record<string, Advice>>;

/**
 * Huawei's documented codes in plain words, as they apply to every OCR API. Sources: the
 * "Error Codes" appendix of Huawei Cloud's OCR API Reference
 * (https://support.huaweicloud.com/intl/en-us/api-ocr/) and the error codes of its API Gateway.
 * An API with wording of its own (the image it expects, the regions it is offered in) passes a
 * table of its own to `adviceFor`, which takes precedence.
 */
const ADVICE: Record<string, Advice> = {
	'AIS.0101': {
		message: 'Huawei OCR rejected the request parameters',
		action: 'Send either a binary file or an image URL, not both, and check the node options.',
	},
	'AIS.0102': {
		message: 'The image is not in a format Huawei OCR accepts',
		action: 'Send a JPEG, PNG, BMP or TIFF image.',
	},
	'AIS.0103': {
		message: 'The image is too small or too large',
		action: 'Resize or compress the image to the limits of this OCR service.',
	},
	'AIS.0104': {
		message: 'Huawei OCR found nothing it could read in the image',
		action: 'Use a sharp, well-lit photo of the document, filling most of the picture, without glare.',
	},
	'AIS.0105': {
		message: 'Huawei OCR failed to recognise this image',
		action: 'Try again; if it keeps failing, try a clearer photo.',
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
		message: 'This OCR service is not enabled for this account in the chosen region',
		action: 'Open the OCR console in the same region as the credential and enable the service (开通服务). This is needed once per region.',
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
		message: 'This OCR service is not available at this address',
		action: 'Check the credential\'s region: the service may not be offered there.',
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

// When there is no Huawei code to go on, the HTTP status still tells a story: the gateway's code
// for that status (looked up like any other, so an API's own wording applies).
const CODE_FOR_STATUS: Record<number, string> = {
	401: 'APIG.0301',
	403: 'APIG.0302',
	404: 'APIG.0101',
	429: 'APIG.0308',
	504: 'APIG.0201',
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

/**
 * A failure that explains itself in sentences (the sign-in's, which the credential test shows
 * whole): its first sentence is the headline, without its full stop, and the rest says what to do.
 */
function fromOwnWords(text: string): Advice {
	const split = /^(.+?[^.\s])\.\s+(\S.*)$/s.exec(text);
	return split ? { message: split[1], action: split[2] } : { message: text.replace(/\.$/, ''), action: '' };
}

/** `APIGW.0308` and `APIG.0308` are the same gateway error (the prefix varies by deployment). */
function normaliseCode(code: string): string {
	return code.replace(/^APIGW\./, 'APIG.');
}

/** The advice for a failure: the API's own table first, then the codes common to all OCR APIs. */
/** A 3xx answer: where it pointed (by host only: a path or query may carry anything). */
function redirectAdvice(failure: HuaweiFailure): Advice {
	let target = '';
	try {
		target = failure.redirectTo ? ` to ${new URL(failure.redirectTo).host}` : '';
	} catch {
		target = ' to another address';
	}
	return {
		message: `The OCR address answered with a redirect (HTTP ${failure.httpCode})${target}`,
		action:
			'Nothing was sent there: following it would carry the credential and the image to another address. Set the credential\'s OCR Endpoint to the address the OCR service answers on itself, or leave it empty.',
	};
}

export function adviceFor(failure: HuaweiFailure, specific: AdviceTable = {}): Advice {
	if (failure.httpCode && failure.httpCode >= 300 && failure.httpCode < 400) return redirectAdvice(failure);
	// No status and no code: the failure happened before any OCR answer, typically while the
	// credential fetched a token, and its own text already says what to do.
	if (!failure.errorCode && !failure.httpCode && failure.detail) return fromOwnWords(failure.detail);
	const byCode = (code: string | undefined) => (code ? (specific[code] ?? ADVICE[code]) : undefined);
	const code = failure.errorCode ? normaliseCode(failure.errorCode) : undefined;
	const known =
		byCode(code) ??
		(code ? NETWORK[code] : undefined) ??
		(failure.httpCode ? byCode(CODE_FOR_STATUS[failure.httpCode]) : undefined);
	if (known) return known;
	if (failure.httpCode && failure.httpCode >= 500) {
		return { message: 'Huawei OCR had an internal problem', action: 'Retry in a moment.' };
	}
	return {
		message: 'Huawei OCR could not process the request',
		action: 'See the details from Huawei below.',
	};
}

