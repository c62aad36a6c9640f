/**
 * A local HTTP server that speaks Huawei Cloud's IAM and OCR protocols, for tests, the
 * benchmark, the e2e run and demos. One server answers both APIs, told apart by path, so a
 * credential points its IAM endpoint and its OCR endpoint at the same URL.
 *
 * Protocol facts follow shared/reference/huawei-ocr-api.md:
 *   POST /v3/auth/tokens[?nocatalog=true]   password token (201 + X-Subject-Token)
 *   GET  /v3/auth/projects                  projects of a token (or an AK/SK signature)
 *   GET  /v3/projects[?name=<region>]       AK/SK-signed project lookup
 *   POST /v2/{project_id}/ocr/bankcard      RecognizeBankcard (X-Auth-Token or AK/SK)
 * and, for tests driving it from another process:
 *   GET  /__admin/stats  POST /__admin/reset-stats  POST /__admin/expire-tokens
 *   POST /__admin/faults (declarative plan, or null)  POST /__admin/latency {ms}
 *   GET  /__admin/tokens (every token issued, for leak checks)
 *
 * Built for load: bodies are read into one buffer sized from Content-Length, AK/SK payloads are
 * hashed while they arrive, JSON is parsed once, the answer is computed before any configured
 * latency so a waiting request holds only its small answer, nothing is logged per request.
 */
import { createHash, randomBytes, timingSafeEqual, type Hash } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { BANKCARD_IMAGE_LIMITS } from '../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { readImageInfo } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { decodeBase64Range, decodeBase64String, memberValue, scanObject } from './body';
import { CARD_KEYWORD, readCard } from './cardImage';
import { FILES_PATH, FileShelf } from './files';
import {
	errorBody,
	faultKind,
	HTML_502,
	toFaultFunction,
	type Fault,
	type FaultFunction,
	type FaultPlan,
} from './faults';
import {
	ACCESS_KEY,
	CARD_RESULT,
	PROJECT_ID,
	REGION,
	IAM_USER,
	type AccessKeySpec,
	type UserSpec,
} from '../helpers/fixtures';

export * from './cardImage';
export * from './faults';

export interface ProjectSpec {
	id: string;
	/** Defaults to the region name it is listed under (the region's default project). */
	name?: string;
}

/** What a `cards` function is given for one successful-looking OCR call. */
export interface CardInput {
	/** The decoded image bytes (image calls; URL calls for a file this server serves). */
	image?: Buffer;
	/** The URL as sent (url calls). */
	url?: string;
	returnTextLocation: boolean;
	projectId: string;
}

/**
 * Returns the `result` object for a call (undefined = the default card). To answer with a
 * Huawei error instead, throw `new HuaweiError(status, code, message)`.
 */
export type CardFunction = (input: CardInput) => Record<string, unknown> | undefined;

export class HuaweiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

export interface HuaweiServerOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0 (a free port). */
	port?: number;
	/** IAM users that may get password tokens. Default: IAM_USER (ocr-bot @ acme-corp). */
	users?: UserSpec[];
	/** AK/SK pairs accepted for signed calls. Default: ACCESS_KEY. */
	accessKeys?: AccessKeySpec[];
	/**
	 * Projects per region name; a bare string is a project id named after the region. Zero or
	 * several projects under one name make `GET /v3/projects?name=` answer that many.
	 * Default: `{ [region]: [PROJECT_ID] }`.
	 */
	projects?: Record<string, Array<string | ProjectSpec>>;
	/** Default cn-north-4. */
	region?: string;
	/** Token lifetime; default 24 h. */
	tokenTtlMs?: number;
	/** Delay before answering OCR calls that passed authentication; default 0. */
	latencyMs?: number;
	/** Result per call; when it gives none: the card the image carries (cardImage.ts), else `card`. */
	cards?: CardFunction;
	/** The result of a successful call that neither `cards` nor the image decides; default CARD_RESULT. */
	card?: Record<string, unknown>;
	/** Fault plan for OCR calls; see faults.ts. */
	faults?: FaultPlan | null;
	/** Clock for token expiry and X-Sdk-Date checks; default Date.now. */
	now?: () => number;
	/** How many recent requests `stats.recent` keeps; default 50. */
	recentLimit?: number;
	/** Largest OCR body read; larger ones are drained and answered AIS.0103. Default 16 MiB. */
	maxBodyBytes?: number;
	/**
	 * Files served at `GET /files/<name>` (files.ts); an OCR call with the URL of one of them is
	 * answered with the card that file carries (cardImage.ts). Default: none.
	 */
	files?: ReadonlyMap<string, Buffer> | Record<string, Buffer>;
	/**
	 * Sees every request but admin ones as it arrives, while its connection is open: e.g. to find
	 * out which local process made it (test/e2e/services/socketOwner.ts).
	 */
	onRequest?: (req: IncomingMessage) => void;
}

export interface RecordedRequest {
	method: string;
	/** Path and query. */
	url: string;
	/** As Node received them (names lower-cased). */
	headers: Record<string, string | string[] | undefined>;
	/** Status answered; undefined while pending, or for a reset or hanging call. */
	status?: number;
	/** The fault injected, if any: 'reset', 'hang', 'html', 'truncated' or 'status:429'... */
	fault?: string;
}

export interface HuaweiServerStats {
	/** Every request except /__admin ones. */
	requests: number;
	/** POST /v3/auth/tokens, whatever the outcome. */
	tokenRequests: number;
	tokensIssued: number;
	/** GET /v3/projects (the AK/SK project lookup). */
	projectLookups: number;
	/** GET /v3/auth/projects (the password credential's test request). */
	authProjectRequests: number;
	/** Every POST to the bank card path, faulted or not. */
	ocrRequests: number;
	ocrSucceeded: number;
	/** OCR calls by how they authenticated (counted once authentication passed). */
	ocrByAuth: { token: number; accessKey: number };
	/** OCR calls being handled now, and the most at once since the last reset. */
	ocrInFlight: number;
	ocrPeakConcurrency: number;
	faultsInjected: number;
	faultsByKind: Record<string, number>;
	/** Answers by HTTP status (faults with a status included). */
	byStatus: Record<string, number>;
	/** The last `recentLimit` requests, oldest first. */
	recent: RecordedRequest[];
}

export interface HuaweiServer {
	/** e.g. http://127.0.0.1:54321 */
	readonly url: string;
	readonly port: number;
	/** A snapshot. */
	readonly stats: HuaweiServerStats;
	resetStats(): void;
	setLatency(ms: number): void;
	/** Replaces the plan; its call numbers start again at 1. null removes it. */
	setFaults(plan: FaultPlan | null | undefined): void;
	/** Every token issued so far becomes invalid (APIG.0307); new ones work. Returns how many. */
	expireTokens(): number;
	/** Every token issued since start, in order, expired ones included. */
	issuedTokens(): string[];
	/**
	 * Accepts `token` as if this server had issued it to `user` for the region's first project (a
	 * token an n8n instance stored earlier, from another server process). Not counted as issued.
	 */
	acceptToken(token: string, user?: UserSpec): void;
	/** Stops listening, destroys open (also hanging) connections, cancels latency timers. */
	close(): Promise<void>;
}

interface TokenRecord {
	user: UserSpec;
	project?: { id: string; name: string };
	expiresAt: number;
	revoked: boolean;
}

interface Project {
	id: string;
	name: string;
	region: string;
}

interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

type Auth =
	| { ok: true; mode: 'token'; token: TokenRecord }
	| { ok: true; mode: 'accessKey'; key: AccessKeySpec }
	| { ok: false; answer: Answer };

interface Ctx {
	req: IncomingMessage;
	res: ServerResponse;
	requestId: string;
	path: string;
	query: string;
	record?: RecordedRequest;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const IAM_BODY_LIMIT = 1024 * 1024;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/;
const BANKCARD_PATH = /^\/v2\/([^/]+)\/ocr\/bankcard\/?$/;
const TEXT_FIELDS = ['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type'];

const iamUnauthorized = (): Answer => ({
	status: 401,
	body: { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } },
});

/** `{error_code, error_msg}`: the shape of OCR and gateway errors (send() adds request_id). */
function huaweiError(status: number, code: string, message: string): Answer {
	return { status, body: { error_code: code, error_msg: message } };
}

/** The gateway's answer to a failed signature; the node tells the cases apart by these words. */
const aksk = (detail: string): Answer => huaweiError(401, 'APIG.0301', `Incorrect IAM authentication information: ${detail}`);

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(value: unknown, key: string): Record<string, unknown> | undefined {
	if (!isObject(value)) return undefined;
	const next = value[key];
	return isObject(next) ? next : undefined;
}

function stableId(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** IAM's timestamp style: six fractional digits. */
function iamTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The signature Huawei's gateway expects, computed with the official SDK's own canonicalisation
 * (@huaweicloud/huaweicloud-sdk-core, AKSKSigner), not with the node's signer, so that this server
 * is an independent check of it. The SDK signs every header it is given and encodes the path it
 * is given; the gateway canonicalises what arrives on the wire: the signed headers as received
 * and the path decoded segment by segment, which the SDK then encodes again.
 */
class GatewaySigner extends AKSKSigner {
	// The SDK's canonicalisation steps are protected members; a subclass may call them.
	static signatureFor(
		method: string,
		target: string,
		headers: Record<string, string>,
		signedNames: string[],
		secretKey: string,
	): string {
		const url = new URL(target, 'http://gateway.invalid');
		const path = url.pathname
			.split('/')
			.map((segment) => decodeURIComponent(segment))
			.join('/');
		const queryParams: Record<string, string | string[]> = {};
		for (const [name, value] of url.searchParams) {
			const known = queryParams[name];
			queryParams[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
		}
		const signedHeaders: Record<string, string> = {};
		for (const name of signedNames) signedHeaders[name] = headers[name];
		const canonicalRequest = this.buildCanonicalRequest(
			method,
			this.CanonicalURI(path),
			this.CanonicalQueryString({ queryParams }),
			this.buildCanonicalHeaders(signedHeaders),
			[...signedNames].sort().join(';'),
			headers['x-sdk-content-sha256'],
		);
		const stringToSign = this.getStringToSign('SDK-HMAC-SHA256', headers['x-sdk-date'], this.Hex(canonicalRequest));
		return this.hmacSHA256(secretKey, stringToSign);
	}
}

/** AK/SK requests are known by their Authorization header, before the body arrives. */
function signedRequest(req: IncomingMessage): boolean {
	return /^SDK-HMAC-SHA256\s/i.test(headerValue(req.headers.authorization) ?? '');
}

function parseSdkDate(value: string | undefined): number | undefined {
	const match = SDK_DATE.exec(value ?? '');
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Big request buffers for reuse. A fresh 9 MB buffer costs page faults on every first touch and
 * GC work afterwards; under load the same few buffers serve all requests. Holds at most
 * POOL_BYTES, so memory after a burst stays bounded.
 */
class BufferPool {
	private free: Buffer[] = [];
	private bytes = 0;

	take(size: number): Buffer {
		let best = -1;
		for (let i = 0; i < this.free.length; i++) {
			if (this.free[i].length >= size && (best === -1 || this.free[i].length < this.free[best].length)) best = i;
		}
		if (best === -1) return Buffer.allocUnsafe(size < POOLED_MIN ? size : Math.ceil(size / MB) * MB);
		const [buffer] = this.free.splice(best, 1);
		this.bytes -= buffer.length;
		return buffer;
	}

	give(buffer: Buffer | undefined): void {
		if (!buffer || buffer.length < POOLED_MIN || this.bytes + buffer.length > POOL_BYTES) return;
		this.free.push(buffer);
		this.bytes += buffer.length;
	}

	clear(): void {
		this.free = [];
		this.bytes = 0;
	}
}

const MB = 1024 * 1024;
const POOLED_MIN = MB;
const POOL_BYTES = 160 * MB;

interface Body {
	/** The bytes received. */
	bytes: Buffer;
	/** The buffer holding them, to hand back to the pool once nothing reads it any more. */
	backing?: Buffer;
}

/**
 * Reads a body into one buffer (sized from Content-Length when given, from `pool` if any),
 * feeding `hash` as it arrives. Resolves 'too-large' (after draining) past `limit`, or undefined
 * if the client went away.
 */
function readBody(req: IncomingMessage, limit: number, hash?: Hash, pool?: BufferPool): Promise<Body | 'too-large' | undefined> {
	return new Promise((resolve) => {
		let settled = false;
		const settle = (value: Body | 'too-large' | undefined) => {
			if (!settled) {
				settled = true;
				if (typeof value !== 'object') pool?.give(backing);
				resolve(value);
			}
		};
		const declared = Number(req.headers['content-length']);
		let tooLarge = Number.isFinite(declared) && declared > limit;
		const backing =
			!tooLarge && Number.isInteger(declared) && declared > 0
				? (pool?.take(declared) ?? Buffer.allocUnsafe(declared))
				: undefined;
		let buffer = backing;
		let chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			hash?.update(chunk);
			if (tooLarge) return;
			if (size + chunk.length > limit) {
				tooLarge = true;
				buffer = undefined;
				chunks = [];
				return;
			}
			if (buffer && size + chunk.length <= declared) {
				chunk.copy(buffer, size);
			} else {
				if (buffer) chunks.push(buffer.subarray(0, size));
				buffer = undefined;
				chunks.push(chunk);
			}
			size += chunk.length;
		});
		req.on('end', () => {
			if (tooLarge) settle('too-large');
			else if (buffer) settle({ bytes: buffer.subarray(0, size), backing });
			else {
				const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
				pool?.give(backing);
				settle({ bytes });
			}
		});
		req.on('error', () => settle(undefined));
		// 'end' comes first when the body arrived; a close without it means the client went away.
		req.on('close', () => settle(undefined));
	});
}

/** Consumes a body without keeping it. */
function drain(req: IncomingMessage): Promise<boolean> {
	return new Promise((resolve) => {
		if (req.complete) return resolve(true);
		req.on('end', () => resolve(true));
		req.on('error', () => resolve(false));
		req.on('close', () => resolve(req.complete));
		req.resume();
	});
}

/** JSON of small bodies (IAM, admin); OCR bodies go through body.ts. */
function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(body.toString('utf8')) };
	} catch {
		return { ok: false };
	}
}

function textLocation(result: Record<string, unknown>): Record<string, number[][]> {
	const out: Record<string, number[][]> = {};
	let top = 60;
	for (const field of TEXT_FIELDS) {
		const value = result[field];
		if (typeof value !== 'string' || !value) continue;
		const right = 48 + 26 * value.length;
		out[field] = [
			[48, top],
			[right, top],
			[right, top + 38],
			[48, top + 38],
		];
		top += 70;
	}
	return out;
}

function emptyStats(): HuaweiServerStats {
	return {
		requests: 0,
		tokenRequests: 0,
		tokensIssued: 0,
		projectLookups: 0,
		authProjectRequests: 0,
		ocrRequests: 0,
		ocrSucceeded: 0,
		ocrByAuth: { token: 0, accessKey: 0 },
		ocrInFlight: 0,
		ocrPeakConcurrency: 0,
		faultsInjected: 0,
		faultsByKind: {},
		byStatus: {},
		recent: [],
	};
}

class LocalHuaweiServer implements HuaweiServer {
	url = '';
	port = 0;
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly waits = new Map<NodeJS.Timeout, () => void>();
	private readonly users: UserSpec[];
	private readonly keys = new Map<string, AccessKeySpec>();
	private readonly projects: Project[] = [];
	private readonly tokens = new Map<string, TokenRecord>();
	private readonly region: string;
	private readonly tokenTtlMs: number;
	private readonly now: () => number;
	private readonly recentLimit: number;
	private readonly maxBodyBytes: number;
	private readonly cards?: CardFunction;
	private readonly card: Record<string, unknown>;
	private readonly onRequest?: (req: IncomingMessage) => void;
	private latencyMs: number;
	private faults?: FaultFunction;
	private faultCalls = 0;
	private inFlight = 0;
	private counters = emptyStats();
	private closing?: Promise<void>;
	private readonly pool = new BufferPool();
	private scratchBuffer?: Buffer;
	private readonly files: FileShelf;

	constructor(options: HuaweiServerOptions) {
		this.region = options.region ?? REGION;
		this.users = options.users ?? [IAM_USER];
		for (const key of options.accessKeys ?? [ACCESS_KEY]) this.keys.set(key.ak, key);
		const projects = options.projects ?? { [this.region]: [PROJECT_ID] };
		for (const [region, list] of Object.entries(projects)) {
			for (const entry of list) {
				const spec = typeof entry === 'string' ? { id: entry } : entry;
				this.projects.push({ id: spec.id, name: spec.name ?? region, region });
			}
		}
		this.tokenTtlMs = options.tokenTtlMs ?? 24 * 60 * 60 * 1000;
		this.now = options.now ?? Date.now;
		this.recentLimit = options.recentLimit ?? 50;
		this.maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
		this.cards = options.cards;
		this.card = options.card ?? CARD_RESULT;
		this.onRequest = options.onRequest;
		this.latencyMs = Math.max(0, options.latencyMs ?? 0);
		this.faults = toFaultFunction(options.faults);
		this.files = new FileShelf(options.files);
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => this.crashed(res, error));
		});
		// Clients (Node's fetch: 4 s, n8n's agents) drop an idle kept-alive socket before this does;
		// with Node's 5 s default a loaded machine let the server close a socket the client was just
		// reusing, and the client saw ECONNRESET for a request that never arrived.
		this.server.keepAliveTimeout = 65_000;
		this.server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	async listen(host: string, port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
	}

	get stats(): HuaweiServerStats {
		const c = this.counters;
		return {
			...c,
			ocrInFlight: this.inFlight,
			ocrByAuth: { ...c.ocrByAuth },
			faultsByKind: { ...c.faultsByKind },
			byStatus: { ...c.byStatus },
			recent: c.recent.map((r) => ({ ...r, headers: { ...r.headers } })),
		};
	}

	resetStats(): void {
		this.counters = emptyStats();
		this.counters.ocrPeakConcurrency = this.inFlight;
	}

	setLatency(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`Latency must be a number of milliseconds >= 0, not ${ms}`);
		this.latencyMs = ms;
	}

	setFaults(plan: FaultPlan | null | undefined): void {
		this.faults = toFaultFunction(plan);
		this.faultCalls = 0;
	}

	expireTokens(): number {
		let count = 0;
		for (const record of this.tokens.values()) {
			if (!record.revoked) count++;
			record.revoked = true;
		}
		return count;
	}

	issuedTokens(): string[] {
		return [...this.tokens.keys()];
	}

	acceptToken(token: string, user: UserSpec = this.users[0]): void {
		const project = this.projects.find((candidate) => candidate.region === this.region);
		this.tokens.set(token, {
			user,
			project: project && { id: project.id, name: project.name },
			expiresAt: this.now() + this.tokenTtlMs,
			revoked: false,
		});
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			for (const [timer, cancel] of this.waits) {
				clearTimeout(timer);
				cancel();
			}
			this.waits.clear();
			this.pool.clear();
			this.scratchBuffer = undefined;
			this.server.close(() => resolve());
			this.server.closeAllConnections();
			for (const socket of this.sockets) socket.destroy();
		});
		return this.closing;
	}

	// ------------------------------------------------------------------------------- routing

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const requestId = randomBytes(16).toString('hex');
		res.setHeader('X-Request-Id', requestId);
		const raw = req.url ?? '/';
		const q = raw.indexOf('?');
		const ctx: Ctx = {
			req,
			res,
			requestId,
			path: q === -1 ? raw : raw.slice(0, q),
			query: q === -1 ? '' : raw.slice(q + 1),
		};
		if (ctx.path.startsWith('/__admin/')) return await this.admin(ctx);
		// Not an API call, so not counted: what a web server next to Huawei would serve.
		if (ctx.path.startsWith(FILES_PATH)) {
			await drain(req);
			return this.files.serve(req, res, ctx.path);
		}

		this.onRequest?.(req);
		const c = this.counters;
		c.requests++;
		ctx.record = { method: req.method ?? '', url: raw, headers: req.headers };
		c.recent.push(ctx.record);
		if (c.recent.length > this.recentLimit) c.recent.splice(0, c.recent.length - this.recentLimit);

		const method = req.method ?? '';
		if (ctx.path === '/v3/auth/tokens' && method === 'POST') return await this.issueToken(ctx);
		if (ctx.path === '/v3/auth/projects' && method === 'GET') return await this.authProjects(ctx);
		if (ctx.path === '/v3/projects' && method === 'GET') return await this.lookupProjects(ctx);
		const ocr = BANKCARD_PATH.exec(ctx.path);
		if (ocr && method === 'POST') {
			let projectId: string;
			try {
				projectId = decodeURIComponent(ocr[1]);
			} catch {
				projectId = ocr[1];
			}
			return await this.bankcard(ctx, projectId);
		}
		await drain(req);
		this.send(ctx, {
			status: 404,
			body: { error_code: 'APIG.0101', error_msg: 'The API does not exist or has not been published in the environment.' },
		});
	}

	private crashed(res: ServerResponse, error: unknown): void {
		if (res.headersSent || res.destroyed) {
			res.destroy();
			return;
		}
		const body = JSON.stringify({
			error_code: 'TEST.SERVER',
			error_msg: `The local Huawei server failed: ${error instanceof Error ? error.message : String(error)}`,
		});
		res.writeHead(500, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
	}

	private send(ctx: Ctx, answer: Answer): void {
		const { res } = ctx;
		if (res.destroyed || res.headersSent) return;
		let body = answer.body;
		// Gateway errors carry the request id in the body too.
		if (isObject(body) && typeof body.error_code === 'string' && body.request_id === undefined) {
			body = { ...body, request_id: ctx.requestId };
		}
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const headers: Record<string, string | number> = {
			'Content-Type': typeof body === 'string' ? 'text/plain;charset=UTF-8' : JSON_TYPE,
			...answer.headers,
			'Content-Length': Buffer.byteLength(text),
		};
		this.countStatus(ctx, answer.status);
		res.writeHead(answer.status, headers);
		res.end(text);
	}

	private countStatus(ctx: Ctx, status: number): void {
		const key = String(status);
		this.counters.byStatus[key] = (this.counters.byStatus[key] ?? 0) + 1;
		if (ctx.record) ctx.record.status = status;
	}

	// ----------------------------------------------------------------------------------- IAM

	private findProject(scope: Record<string, unknown>): Project | undefined {
		if (typeof scope.id === 'string') return this.projects.find((p) => p.id === scope.id);
		if (typeof scope.name === 'string') return this.projects.find((p) => p.name === scope.name);
		return undefined;
	}

	private async issueToken(ctx: Ctx): Promise<void> {
		this.counters.tokenRequests++;
		const body = await readBody(ctx.req, IAM_BODY_LIMIT);
		if (body === undefined) return;
		const parsed = body === 'too-large' ? { ok: false as const } : parseJson(body.bytes);
		const badRequest: Answer = {
			status: 400,
			body: { error: { code: 400, message: 'The request body is malformed.', title: 'Bad Request' } },
		};
		if (!parsed.ok) return this.send(ctx, badRequest);
		const auth = child(parsed.value, 'auth');
		const identity = child(auth, 'identity');
		const methods = identity?.methods;
		const user = child(child(identity, 'password'), 'user');
		if (!Array.isArray(methods) || !methods.includes('password') || !user) return this.send(ctx, badRequest);

		const domain = child(user, 'domain');
		const known = this.users.find((u) => u.name === user.name && u.domain === domain?.name);
		if (!known || typeof user.password !== 'string' || user.password !== known.password) {
			return this.send(ctx, {
				status: 401,
				body: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
			});
		}

		const scope = child(child(auth, 'scope'), 'project');
		let project: Project | undefined;
		if (scope) {
			project = this.findProject(scope);
			if (!project) {
				const asked = String(scope.id ?? scope.name ?? '');
				return this.send(ctx, huaweiError(400, 'IAM.0010', `The project ${asked} does not exist or is not accessible.`));
			}
		}

		const token = `MIIT${randomBytes(96).toString('base64url')}`;
		const issuedAt = this.now();
		const record: TokenRecord = {
			user: known,
			project: project && { id: project.id, name: project.name },
			expiresAt: issuedAt + this.tokenTtlMs,
			revoked: false,
		};
		this.tokens.set(token, record);
		this.counters.tokensIssued++;

		const domainId = stableId(`domain:${known.domain}`);
		const tokenBody: Record<string, unknown> = {
			expires_at: iamTime(record.expiresAt),
			issued_at: iamTime(issuedAt),
			methods: ['password'],
			user: {
				id: stableId(`user:${known.domain}:${known.name}`),
				name: known.name,
				domain: { id: domainId, name: known.domain },
				password_expires_at: '',
			},
			roles: [{ id: '0', name: 'op_gated_ocr' }],
		};
		if (project) tokenBody.project = { id: project.id, name: project.name, domain: { id: domainId, name: known.domain } };
		else tokenBody.domain = { id: domainId, name: known.domain };
		if (!new URLSearchParams(ctx.query).has('nocatalog')) {
			tokenBody.catalog = [
				{ type: 'identity', name: 'iam', endpoints: [{ interface: 'public', region: this.region, url: this.url }] },
				{ type: 'ocr', name: 'ocr', endpoints: [{ interface: 'public', region: this.region, url: this.url }] },
			];
		}
		this.send(ctx, { status: 201, body: { token: tokenBody }, headers: { 'X-Subject-Token': token } });
	}

	private projectList(projects: Project[]): Record<string, unknown> {
		return {
			projects: projects.map((p) => ({
				id: p.id,
				name: p.name,
				domain_id: stableId(`domain:${this.users[0]?.domain ?? ''}`),
				description: '',
				enabled: true,
				is_domain: false,
				parent_id: stableId(`domain:${this.users[0]?.domain ?? ''}`),
				links: { self: `${this.url}/v3/projects/${p.id}` },
			})),
			links: { self: `${this.url}/v3/projects`, next: null, previous: null },
		};
	}

	/**
	 * IAM GETs: a valid token, or a valid AK/SK signature. True when authenticated; otherwise
	 * the rejection has been sent (or the client went away) and false is returned.
	 */
	private async iamAuth(ctx: Ctx): Promise<boolean> {
		const hash = signedRequest(ctx.req) ? createHash('sha256') : undefined;
		const body = await readBody(ctx.req, IAM_BODY_LIMIT, hash);
		if (body === undefined) return false;
		if (hash) {
			const auth = this.verifyAccessKey(ctx, hash.digest('hex'));
			if (!auth.ok) this.send(ctx, auth.answer);
			return auth.ok;
		}
		const token = headerValue(ctx.req.headers['x-auth-token']);
		const record = token ? this.tokens.get(token) : undefined;
		if (!record || record.revoked || this.now() >= record.expiresAt) {
			this.send(ctx, iamUnauthorized());
			return false;
		}
		return true;
	}

	private async authProjects(ctx: Ctx): Promise<void> {
		this.counters.authProjectRequests++;
		if (!(await this.iamAuth(ctx))) return;
		this.send(ctx, { status: 200, body: this.projectList(this.projects) });
	}

	private async lookupProjects(ctx: Ctx): Promise<void> {
		this.counters.projectLookups++;
		if (!(await this.iamAuth(ctx))) return;
		const name = new URLSearchParams(ctx.query).get('name');
		const found = name === null ? this.projects : this.projects.filter((p) => p.name === name);
		this.send(ctx, { status: 200, body: this.projectList(found) });
	}

	// ------------------------------------------------------------------------------- AK/SK

	/** Verifies an SDK-HMAC-SHA256 signature over the request as received. */
	private verifyAccessKey(ctx: Ctx, bodyHash: string): Auth {
		const { req } = ctx;
		const match = AUTHORIZATION.exec(headerValue(req.headers.authorization) ?? '');
		if (!match) return { ok: false, answer: aksk('the Authorization header is malformed') };
		const [, ak, signedList, given] = match;
		const key = this.keys.get(ak);
		if (!key) return { ok: false, answer: aksk(`ak ${ak} not exist`) };

		const signedNames = signedList.toLowerCase().split(';').filter(Boolean);
		if (!signedNames.includes('x-sdk-date')) {
			return { ok: false, answer: aksk('verify aksk signature fail: x-sdk-date must be in SignedHeaders') };
		}
		const date = parseSdkDate(headerValue(req.headers['x-sdk-date']));
		if (date === undefined) {
			return { ok: false, answer: aksk('verify aksk signature fail: x-sdk-date is not of the form YYYYMMDDTHHmmssZ') };
		}
		if (Math.abs(this.now() - date) > SIGNATURE_WINDOW_MS) {
			return { ok: false, answer: aksk('signature expired: X-Sdk-Date is more than 15 minutes from the server time') };
		}

		const headers: Record<string, string> = {};
		for (const name of signedNames) {
			const value = headerValue(req.headers[name]);
			if (value === undefined) {
				return { ok: false, answer: aksk(`verify aksk signature fail: signed header ${name} is missing`) };
			}
			headers[name] = value;
		}
		const declared = headers['x-sdk-content-sha256'];
		if (declared === undefined) {
			// Not signed: the payload hash is the body's (the signer reads it from this header).
			headers['x-sdk-content-sha256'] = bodyHash;
		} else if (declared !== 'UNSIGNED-PAYLOAD' && declared.toLowerCase() !== bodyHash) {
			return { ok: false, answer: aksk('verify aksk signature fail: x-sdk-content-sha256 does not match the body') };
		}

		let expected: string;
		try {
			expected = GatewaySigner.signatureFor(req.method ?? 'GET', req.url ?? '/', headers, signedNames, key.sk);
		} catch {
			return { ok: false, answer: aksk('verify aksk signature fail') };
		}
		if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'))) {
			return { ok: false, answer: aksk('verify aksk signature fail') };
		}
		if (key.securityToken !== undefined) {
			const sent = headerValue(req.headers['x-security-token']);
			if (!signedNames.includes('x-security-token') || sent !== key.securityToken) {
				return { ok: false, answer: aksk('verify security token fail: X-Security-Token is missing, unsigned or wrong') };
			}
		}
		return { ok: true, mode: 'accessKey', key };
	}

	private ocrAuth(ctx: Ctx, projectId: string, bodyHash: string | undefined): Auth {
		const { req } = ctx;
		if (bodyHash !== undefined) {
			const auth = this.verifyAccessKey(ctx, bodyHash);
			if (!auth.ok) return auth;
			const headerProject = headerValue(req.headers['x-project-id']);
			if (headerProject !== projectId) {
				return {
					ok: false,
					answer: aksk(`X-Project-Id "${headerProject ?? ''}" does not match the project in the URL`),
				};
			}
			if (!this.projects.some((p) => p.id === projectId)) {
				return {
					ok: false,
					answer: huaweiError(403, 'APIG.0302', `Access denied: project ${projectId} is not available to this access key.`),
				};
			}
			return auth;
		}
		const token = headerValue(req.headers['x-auth-token']);
		if (!token) return { ok: false, answer: huaweiError(401, 'APIG.0301', 'Incorrect IAM authentication information: x-auth-token not found') };
		const record = this.tokens.get(token);
		if (!record) return { ok: false, answer: huaweiError(401, 'APIG.0301', 'Incorrect IAM authentication information: verify token fail') };
		if (record.revoked || this.now() >= record.expiresAt) {
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

	// ----------------------------------------------------------------------------------- OCR

	private async bankcard(ctx: Ctx, projectId: string): Promise<void> {
		const c = this.counters;
		c.ocrRequests++;
		this.inFlight++;
		if (this.inFlight > c.ocrPeakConcurrency) c.ocrPeakConcurrency = this.inFlight;
		ctx.res.once('close', () => this.inFlight--);

		const n = ++this.faultCalls;
		const fault = this.faults?.(n, { method: ctx.req.method ?? '', url: ctx.req.url ?? '', headers: ctx.req.headers });
		if (fault) return await this.inject(ctx, fault);

		const hash = signedRequest(ctx.req) ? createHash('sha256') : undefined;
		const body = await readBody(ctx.req, this.maxBodyBytes, hash, this.pool);
		if (body === undefined) return;
		let answer: Answer;
		let authenticated = false;
		try {
			const auth = this.ocrAuth(ctx, projectId, hash?.digest('hex'));
			if (!auth.ok) {
				answer = auth.answer;
			} else {
				authenticated = true;
				this.counters.ocrByAuth[auth.mode]++;
				answer =
					body === 'too-large'
						? huaweiError(400, 'AIS.0103', 'The image size exceeds the limit (10 MB of base64).')
						: this.recognize(body.bytes, projectId);
			}
		} finally {
			// The answer is complete: nothing reads the body any more, while the latency runs.
			if (body !== 'too-large') this.pool.give(body.backing);
		}
		// Latency stands for the backend's work: gateway rejections come back at once.
		if (authenticated && this.latencyMs > 0 && !(await this.wait(this.latencyMs, ctx.res))) return;
		if (answer.status === 200) this.counters.ocrSucceeded++;
		this.send(ctx, answer);
	}

	private scratch(): Buffer {
		this.scratchBuffer ??= Buffer.allocUnsafe(Math.ceil((BANKCARD_IMAGE_LIMITS.maxBase64Length * 3) / 4));
		return this.scratchBuffer;
	}

	private recognize(body: Buffer, projectId: string): Answer {
		// Parsed once, and the image is decoded from the body's bytes (see body.ts).
		const scanned = scanObject(body);
		if (!scanned.ok) return huaweiError(400, 'AIS.0101', 'The request body is not a JSON object.');
		const imageMember = scanned.members.get('image');
		const url = memberValue(body, scanned.members.get('url'));
		const location = memberValue(body, scanned.members.get('return_text_location'));
		// Absent, null and "" all count as not given; the image text itself stays in the body.
		const hasImage =
			imageMember !== undefined &&
			(imageMember.kind === 'string' ? imageMember.end > imageMember.start : imageMember.value !== null);
		const hasUrl = url !== undefined && url !== null && url !== '';
		if (hasImage && hasUrl) return huaweiError(400, 'AIS.0101', 'The parameter is invalid: give either image or url, not both.');
		if (!hasImage && !hasUrl) return huaweiError(400, 'AIS.0101', 'The parameter is invalid: image and url are both empty.');
		if (location !== undefined && typeof location !== 'boolean') {
			return huaweiError(400, 'AIS.0101', 'The parameter is invalid: return_text_location must be a boolean.');
		}
		const input: CardInput = { returnTextLocation: location === true, projectId };

		if (hasImage) {
			if (imageMember?.kind !== 'string') return huaweiError(400, 'AIS.0101', 'The parameter is invalid: image must be a string.');
			if (imageMember.end - imageMember.start > BANKCARD_IMAGE_LIMITS.maxBase64Length) {
				return huaweiError(400, 'AIS.0103', 'The image size exceeds the limit (10 MB of base64).');
			}
			const bytes =
				imageMember.text !== undefined
					? decodeBase64String(imageMember.text)
					: // Without a cards function the bytes are only looked at right here: a scratch buffer serves.
						decodeBase64Range(body, imageMember.start, imageMember.end, this.cards ? undefined : this.scratch());
			if (!bytes) return huaweiError(400, 'AIS.0102', 'The image is not valid base64.');
			const info = readImageInfo(bytes, BANKCARD_IMAGE_LIMITS);
			if ('problem' in info) return huaweiError(400, 'AIS.0102', 'The image format is not supported.');
			const fits = (side: number) => side >= BANKCARD_IMAGE_LIMITS.minSide && side <= BANKCARD_IMAGE_LIMITS.maxSide;
			if (!fits(info.width) || !fits(info.height)) {
				return huaweiError(400, 'AIS.0103', `The image size ${info.width}x${info.height} is out of limits (15 to 8192 pixels per side).`);
			}
			input.image = bytes;
		} else {
			if (typeof url !== 'string') return huaweiError(400, 'AIS.0101', 'The parameter is invalid: url must be a string.');
			if (!/^https?:\/\/[^\s/]+/i.test(url)) return huaweiError(400, 'ModelArts.4601', 'The URL is not allowed.');
			if (url.includes('unreachable')) return huaweiError(400, 'ModelArts.4603', 'Failed to download the image from the URL.');
			if (url.includes('notacard')) {
				return huaweiError(400, 'AIS.0104', 'The image is not supported or its quality is poor: no bank card was found.');
			}
			input.url = url;
			const served = this.files.fileAt(url, this.url);
			if (served) input.image = served;
		}

		let result: Record<string, unknown> | undefined;
		try {
			result = this.cards?.(input);
		} catch (error) {
			if (error instanceof HuaweiError) return huaweiError(error.status, error.code, error.message);
			throw error;
		}
		if (result === undefined && input.image) {
			const carried = readCard(input.image);
			if (carried && 'problem' in carried) {
				return huaweiError(400, 'AIS.0101', `The parameter is invalid: the image's ${CARD_KEYWORD} is not a card (${carried.problem}).`);
			}
			result = carried?.card;
		}
		const card: Record<string, unknown> = { ...(result ?? this.card) };
		if (input.returnTextLocation && card.text_location === undefined) card.text_location = textLocation(card);
		return { status: 200, body: { result: card } };
	}

	/** Resolves true after `ms`, false when the client went away or the server closed first. */
	private wait(ms: number, res: ServerResponse): Promise<boolean> {
		return new Promise((resolve) => {
			const onClose = () => {
				clearTimeout(timer);
				this.waits.delete(timer);
				resolve(false);
			};
			const timer = setTimeout(() => {
				this.waits.delete(timer);
				res.off('close', onClose);
				resolve(!res.destroyed);
			}, ms);
			this.waits.set(timer, () => {
				res.off('close', onClose);
				resolve(false);
			});
			res.once('close', onClose);
		});
	}

	private async inject(ctx: Ctx, fault: Fault): Promise<void> {
		const kind = faultKind(fault);
		this.counters.faultsInjected++;
		this.counters.faultsByKind[kind] = (this.counters.faultsByKind[kind] ?? 0) + 1;
		if (ctx.record) ctx.record.fault = kind;
		// The whole request arrives first, as it would at a gateway, but is not kept.
		if (!(await drain(ctx.req))) return;
		const { res } = ctx;
		if (fault === 'hang') return;
		if (fault === 'reset') {
			ctx.req.socket.resetAndDestroy();
			return;
		}
		if (fault === 'html') {
			this.countStatus(ctx, 502);
			res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(HTML_502) });
			res.end(HTML_502);
			return;
		}
		if (fault === 'truncated') {
			const text = JSON.stringify({ result: this.card });
			this.countStatus(ctx, 200);
			// No Content-Length: the body ends where the connection does, in the middle of the JSON.
			res.writeHead(200, { 'Content-Type': JSON_TYPE, Connection: 'close' });
			res.end(text.slice(0, Math.floor(text.length / 2)));
			return;
		}
		if (fault === 'stall') {
			const text = JSON.stringify({ result: this.card });
			this.countStatus(ctx, 200);
			// Headers and a declared length promise the whole answer; half of it comes, then nothing.
			res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
			res.write(text.slice(0, Math.floor(text.length / 2)));
			return;
		}
		this.send(ctx, { status: fault.status, body: fault.body ?? errorBody(fault.status), headers: fault.headers });
	}

	// --------------------------------------------------------------------------------- admin

	private async admin(ctx: Ctx): Promise<void> {
		const { req } = ctx;
		const body = await readBody(req, IAM_BODY_LIMIT);
		if (body === undefined) return;
		const parsed = body === 'too-large' || body.bytes.length === 0 ? undefined : parseJson(body.bytes);
		if (parsed && !parsed.ok) return this.send(ctx, { status: 400, body: { error: 'The body is not JSON.' } });
		const value = parsed?.ok ? parsed.value : undefined;
		const route = `${req.method} ${ctx.path}`;
		try {
			switch (route) {
				case 'GET /__admin/stats':
					return this.send(ctx, { status: 200, body: this.stats });
				case 'POST /__admin/reset-stats':
					this.resetStats();
					return this.send(ctx, { status: 200, body: { ok: true } });
				case 'POST /__admin/expire-tokens':
					return this.send(ctx, { status: 200, body: { expired: this.expireTokens() } });
				case 'GET /__admin/tokens':
					return this.send(ctx, { status: 200, body: { tokens: this.issuedTokens() } });
				case 'POST /__admin/faults':
					// A function cannot travel over HTTP: declarative plans only; null/{} clears.
					this.setFaults(isObject(value) && Object.keys(value).length > 0 ? (value as unknown as FaultPlan) : null);
					return this.send(ctx, { status: 200, body: { ok: true } });
				case 'POST /__admin/latency': {
					const ms = isObject(value) ? Number(value.ms) : NaN;
					this.setLatency(ms);
					return this.send(ctx, { status: 200, body: { ok: true, ms } });
				}
				default:
					return this.send(ctx, { status: 404, body: { error: `No admin endpoint ${route}` } });
			}
		} catch (error) {
			return this.send(ctx, { status: 400, body: { error: error instanceof Error ? error.message : String(error) } });
		}
	}
}

/** Starts the server on 127.0.0.1 (a free port unless `port` is given). */
export async function startHuaweiServer(options: HuaweiServerOptions = {}): Promise<HuaweiServer> {
	const server = new LocalHuaweiServer(options);
	await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
	return server;
}
