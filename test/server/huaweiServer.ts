/**
 * A local HTTP server that speaks Huawei Cloud's IAM and OCR protocols, for tests, the
 * benchmark, the e2e run and demos. One server answers both APIs, told apart by path, so a
 * credential points its IAM endpoint and its OCR endpoint at the same URL. README.md maps the
 * files: this one starts the server and hands each request to its endpoint; what the stand-in
 * offers to the code that uses it is exported from here.
 *
 * Built for load: bodies are read into one buffer sized from Content-Length, AK/SK payloads are
 * hashed while they arrive, JSON is parsed once, the answer is computed before any configured
 * latency so a waiting request holds only its small answer, nothing is logged per request.
 */
import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import type { UserSpec } from '../helpers/fixtures';
import { admin, ADMIN_PATH } from './admin';
import { JSON_TYPE, send, type Ctx } from './exchange';
import type { FaultPlan } from './faults';
import { FILES_PATH } from './files';
import { drain } from './incoming';
import { routeOf } from './routes';
import type { HuaweiServer, HuaweiServerOptions } from './serverApi';
import { ServerState } from './state';
import type { HuaweiServerStats } from './stats';

export * from './cardImage';
export * from './idCardImage';
export * from './faults';
export { HuaweiError } from './exchange';
export type { CardFunction, CardInput, HuaweiServer, HuaweiServerOptions, ProjectSpec } from './serverApi';
export type { HuaweiServerStats, RecordedRequest } from './stats';

class LocalHuaweiServer implements HuaweiServer {
	url = '';
	port = 0;
	private readonly server: Server;
	private readonly sockets = new Set<Socket>();
	private readonly state: ServerState;
	private readonly onRequest?: (req: IncomingMessage) => void;
	private closing?: Promise<void>;

	constructor(options: HuaweiServerOptions) {
		this.state = new ServerState(options);
		this.onRequest = options.onRequest;
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
		this.state.url = this.url;
	}

	get stats(): HuaweiServerStats {
		return this.state.counters.snapshot();
	}

	resetStats(): void {
		this.state.counters.reset();
	}

	setLatency(ms: number): void {
		this.state.setLatency(ms);
	}

	setFaults(plan: FaultPlan | null | undefined): void {
		this.state.setFaults(plan);
	}

	expireTokens(): number {
		return this.state.identities.expireAll();
	}

	issuedTokens(): string[] {
		return this.state.identities.issued();
	}

	acceptToken(token: string, user?: UserSpec): void {
		this.state.identities.accept(token, user);
	}

	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			this.state.release();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
			for (const socket of this.sockets) socket.destroy();
		});
		return this.closing;
	}

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
			counters: this.state.counters,
		};
		if (ctx.path.startsWith(ADMIN_PATH)) return await admin(ctx, this);
		// Not an API call, so not counted: what a web server next to Huawei would serve.
		if (ctx.path.startsWith(FILES_PATH)) {
			await drain(req);
			return this.state.files.serve(req, res, ctx.path);
		}

		this.onRequest?.(req);
		ctx.record = this.state.counters.record(req, raw);
		const route = routeOf(req.method ?? '', ctx.path);
		if (route) return await route(ctx, this.state);
		await drain(req);
		send(ctx, {
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
}

/** Starts the server on 127.0.0.1 (a free port unless `port` is given). */
export async function startHuaweiServer(options: HuaweiServerOptions = {}): Promise<HuaweiServer> {
	const server = new LocalHuaweiServer(options);
	await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
	return server;
}
