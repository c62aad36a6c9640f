import { createHash, createHmac } from 'crypto';

/**
 * Huawei Cloud AK/SK request signing ("SDK-HMAC-SHA256", API Gateway "App authentication").
 *
 * Reference: Huawei's API signing guide and the official signer of the Node.js SDK
 * (`AKSKSigner` in `@huaweicloud/huaweicloud-sdk-core`), which the unit tests use as an oracle.
 * Where that SDK depends on how its own HTTP layer prepares a request (see the notes below), this
 * module follows what actually goes over the wire, because the gateway recomputes the signature
 * from the request it receives.
 */

export interface SignableRequest {
	/** Any case; upper-cased in the canonical request. */
	method: string;
	/** Absolute URL; the path and the query are taken from it. */
	url: string;
	/**
	 * The headers that will be sent, names in any case. Every one is signed, so leave out headers
	 * the HTTP client adds or rewrites on its own (user-agent, content-length, accept-encoding...).
	 */
	headers: Record<string, string>;
	/** The exact bytes that will be sent ('' for none). */
	body: string | Buffer;
}

export interface SigningKey {
	accessKeyId: string;
	secretAccessKey: string;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const DATE_HEADER = 'X-Sdk-Date';
// An explicit payload hash: the SDK sends "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD" with non-JSON
// bodies and, whenever the header is present, signs its value instead of the body's hash.
const CONTENT_SHA256_HEADER = 'x-sdk-content-sha256';
const SDK_DATE_FORMAT = /^\d{8}T\d{6}Z$/;

const SLASH = 0x2f;
const PERCENT = 0x25;

function isUnreserved(byte: number): boolean {
	return (
		(byte >= 0x41 && byte <= 0x5a) || // A-Z
		(byte >= 0x61 && byte <= 0x7a) || // a-z
		(byte >= 0x30 && byte <= 0x39) || // 0-9
		byte === 0x2d || // -
		byte === 0x2e || // .
		byte === 0x5f || // _
		byte === 0x7e // ~
	);
}

function percentEncodeBytes(bytes: Uint8Array): string {
	let out = '';
	for (const byte of bytes) {
		out += isUnreserved(byte)
			? String.fromCharCode(byte)
			: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

// RFC 3986 with only the unreserved set kept: unlike encodeURIComponent, the SDK's urlEncode
// also escapes ! * ' ( ), and the gateway compares byte for byte.
function encodeRfc3986(value: string): string {
	return percentEncodeBytes(Buffer.from(value, 'utf8'));
}

function hexValue(code: number): number {
	if (code >= 0x30 && code <= 0x39) return code - 0x30;
	const lower = code | 0x20;
	if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
	return -1;
}

// Percent-decodes to raw bytes. Bytes rather than a string, so an escape that is not valid UTF-8
// survives the round trip instead of turning into U+FFFD; a '%' that starts no escape is literal.
function percentDecodeToBytes(text: string): Buffer {
	const raw = Buffer.from(text, 'utf8');
	const out: number[] = [];
	for (let i = 0; i < raw.length; i++) {
		if (raw[i] === PERCENT && i + 2 < raw.length) {
			const high = hexValue(raw[i + 1]);
			const low = hexValue(raw[i + 2]);
			if (high >= 0 && low >= 0) {
				out.push(high * 16 + low);
				i += 2;
				continue;
			}
		}
		out.push(raw[i]);
	}
	return Buffer.from(out);
}

// RFC 9110 optional whitespace: only spaces and tabs around a field value are dropped in transit.
function trimOws(value: string): string {
	return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

function compareCodeUnits(a: string, b: string): number {
	if (a < b) return -1;
	return a > b ? 1 : 0;
}

function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** UTC YYYYMMDDTHHmmssZ */
export function sdkDate(now: Date): string {
	if (Number.isNaN(now.getTime())) {
		throw new Error('Cannot sign a request: the signing date is invalid');
	}
	return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Canonical URI of a URL path as it appears in a URL (percent-encoded, e.g. `URL.pathname`).
 *
 * The SDK signs the path it builds before any encoding (path parameters are substituted raw), so
 * the path is decoded first; an encoded "/" (%2F) therefore separates segments as well. Each
 * segment is then encoded with only RFC 3986 unreserved characters kept, and a trailing "/" is
 * appended even though the request line has none (Huawei's signing guide, step 1).
 */
export function canonicalUri(path: string): string {
	const bytes = percentDecodeToBytes(path);
	const segments: string[] = [];
	let start = 0;
	for (let i = 0; i <= bytes.length; i++) {
		if (i === bytes.length || bytes[i] === SLASH) {
			segments.push(percentEncodeBytes(bytes.subarray(start, i)));
			start = i + 1;
		}
	}
	const uri = segments.join('/');
	return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * Canonical query string: parameters sorted by their decoded name, the values of a repeated name
 * sorted too, names and values encoded like path segments (space -> %20), and a name without a
 * value signed as `name=`. The SDK sorts decoded strings by UTF-16 code unit (Array#sort).
 *
 * A string is parsed as application/x-www-form-urlencoded (what URLSearchParams and WHATWG URLs
 * do), so a literal '+' reads as a space: send %2B for a plus sign and %20 for a space.
 */
export function canonicalQuery(search: string | URLSearchParams): string {
	const params = typeof search === 'string' ? new URLSearchParams(search) : search;
	const values = new Map<string, string[]>();
	for (const [name, value] of params) {
		const list = values.get(name);
		if (list) list.push(value);
		else values.set(name, [value]);
	}
	const parts: string[] = [];
	for (const name of [...values.keys()].sort(compareCodeUnits)) {
		const encodedName = encodeRfc3986(name);
		for (const value of (values.get(name) ?? []).sort(compareCodeUnits)) {
			parts.push(`${encodedName}=${encodeRfc3986(value)}`);
		}
	}
	return parts.join('&');
}

/** Header names lower-cased; two spellings of one name would make the signed value ambiguous. */
function lowerCaseHeaders(headers: Record<string, string>): Map<string, string> {
	const lower = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		const key = name.toLowerCase();
		if (lower.has(key)) {
			throw new Error(`Cannot sign a request with header "${key}" given twice`);
		}
		lower.set(key, String(value));
	}
	return lower;
}

function normaliseSignedHeaders(names: string[]): string[] {
	return [...new Set(names.map((name) => name.toLowerCase()))].sort(compareCodeUnits);
}

function payloadHash(body: string | Buffer, headers: Map<string, string>): string {
	const declared = headers.get(CONTENT_SHA256_HEADER);
	return declared === undefined ? sha256Hex(body) : trimOws(declared);
}

function buildCanonicalRequest(
	req: SignableRequest,
	headers: Map<string, string>,
	signedHeaders: string[],
): string {
	const url = new URL(req.url);
	// Values are trimmed because HTTP strips the whitespace around a field value in transit, so
	// the gateway can only see (and sign) the trimmed value. The Node SDK does not trim.
	const canonicalHeaders = signedHeaders
		.map((name) => {
			const value = headers.get(name);
			if (value === undefined) {
				throw new Error(`Cannot sign header "${name}": the request does not have it`);
			}
			return `${name}:${trimOws(value)}\n`;
		})
		.join('');
	return [
		req.method.toUpperCase(),
		canonicalUri(url.pathname),
		canonicalQuery(url.search),
		canonicalHeaders,
		signedHeaders.join(';'),
		payloadHash(req.body, headers),
	].join('\n');
}

/** The canonical request (signing guide steps 1-6) for the given signed header names. */
export function canonicalRequest(req: SignableRequest, signedHeaders: string[]): string {
	return buildCanonicalRequest(
		req,
		lowerCaseHeaders(req.headers),
		normaliseSignedHeaders(signedHeaders),
	);
}

function signWith(
	req: SignableRequest,
	headers: Map<string, string>,
	signedHeaders: string[],
	key: SigningKey,
): string {
	const raw = headers.get(DATE_HEADER.toLowerCase());
	const date = raw === undefined ? undefined : trimOws(raw);
	if (date === undefined || !SDK_DATE_FORMAT.test(date)) {
		throw new Error(
			`Cannot sign a request without an ${DATE_HEADER} header of the form YYYYMMDDTHHmmssZ`,
		);
	}
	const stringToSign = [
		ALGORITHM,
		date,
		sha256Hex(buildCanonicalRequest(req, headers, signedHeaders)),
	].join('\n');
	return createHmac('sha256', key.secretAccessKey).update(stringToSign).digest('hex');
}

/**
 * Hex signature of `req`, whose headers must include X-Sdk-Date. `signedHeaders` defaults to every
 * header of the request.
 */
export function signature(req: SignableRequest, key: SigningKey, signedHeaders?: string[]): string {
	const headers = lowerCaseHeaders(req.headers);
	return signWith(req, headers, normaliseSignedHeaders(signedHeaders ?? [...headers.keys()]), key);
}

/**
 * Returns the headers to add to the request: X-Sdk-Date (from `now`, unless req.headers already
 * has one), host (from the URL, unless present), and Authorization. Signs every header present in
 * req.headers plus those added. Does not mutate req.
 *
 * An Authorization header already in req.headers is not signed: the returned one replaces it
 * (the SDK removes the old one too before it signs a retried request).
 */
export function signRequest(
	req: SignableRequest,
	key: SigningKey,
	now: Date,
): Record<string, string> {
	const headers = lowerCaseHeaders(req.headers);
	headers.delete('authorization');
	const added: Record<string, string> = {};
	if (!headers.has(DATE_HEADER.toLowerCase())) {
		added[DATE_HEADER] = sdkDate(now);
		headers.set(DATE_HEADER.toLowerCase(), added[DATE_HEADER]);
	}
	if (!headers.has('host')) {
		// WHATWG URL.host omits a default port, exactly like the Host header Node's HTTP client
		// sends; the SDK's legacy url.parse would keep an explicit ":443" and sign a different host.
		added.host = new URL(req.url).host;
		headers.set('host', added.host);
	}
	const signedHeaders = normaliseSignedHeaders([...headers.keys()]);
	const hex = signWith(req, headers, signedHeaders, key);
	added.Authorization =
		`${ALGORITHM} Access=${key.accessKeyId}, ` +
		`SignedHeaders=${signedHeaders.join(';')}, Signature=${hex}`;
	return added;
}
