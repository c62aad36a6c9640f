/**
 * What one running stand-in knows and keeps between requests: its identities and tokens, its
 * counters, the files it serves, the fault plan and latency now in force, and the buffers it
 * reuses. The bootstrap (huaweiServer.ts) builds it from the options; every handler reads it.
 */
import type { IncomingMessage } from 'http';

import { ACCESS_KEY, CARD_RESULT, IAM_USER, PROJECT_ID, REGION } from '../helpers/fixtures';
import { BufferPool } from './bufferPool';
import { Delays } from './delays';
import { toFaultFunction, type Fault, type FaultFunction, type FaultPlan } from './faults';
import { FileShelf } from './files';
import { Identities } from './identities';
import type { CardFunction, HuaweiServerOptions } from './serverApi';
import { Counters } from './stats';
import type { UnknownPhotos } from './unknownPhoto';

export class ServerState {
	/** Known once the server listens. */
	url = '';
	readonly identities: Identities;
	readonly counters: Counters;
	readonly files: FileShelf;
	readonly pool = new BufferPool();
	readonly delays = new Delays();
	readonly maxBodyBytes: number;
	readonly cards?: CardFunction;
	/** The result of a call nothing else decides. */
	readonly card: Record<string, unknown>;
	/** What a photo nothing decides gets: the default card, or an honest "no card found". */
	readonly unknownPhotos: UnknownPhotos;
	/** The clock of token expiry, X-Sdk-Date checks and ID card validity. */
	readonly now: () => number;
	latencyMs: number;
	private faults?: FaultFunction;
	private faultCalls = 0;
	private scratchBuffer?: Buffer;

	constructor(options: HuaweiServerOptions) {
		const region = options.region ?? REGION;
		this.now = options.now ?? Date.now;
		this.identities = new Identities({
			region,
			users: options.users ?? [IAM_USER],
			accessKeys: options.accessKeys ?? [ACCESS_KEY],
			projects: options.projects ?? { [region]: [PROJECT_ID] },
			tokenTtlMs: options.tokenTtlMs ?? 24 * 60 * 60 * 1000,
			now: this.now,
		});
		this.counters = new Counters(options.recentLimit ?? 50);
		this.maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
		this.cards = options.cards;
		this.card = options.card ?? CARD_RESULT;
		this.unknownPhotos = options.unknownPhotos ?? 'defaultCard';
		this.latencyMs = Math.max(0, options.latencyMs ?? 0);
		this.faults = toFaultFunction(options.faults);
		this.files = new FileShelf(options.files);
	}

	setLatency(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error(`Latency must be a number of milliseconds >= 0, not ${ms}`);
		this.latencyMs = ms;
	}

	/** Replaces the plan; its call numbers start again at 1. */
	setFaults(plan: FaultPlan | null | undefined): void {
		this.faults = toFaultFunction(plan);
		this.faultCalls = 0;
	}

	/** The fault, if any, for the next OCR call (each call is numbered, faulted or not). */
	nextFault(req: IncomingMessage): Fault | undefined | null {
		const n = ++this.faultCalls;
		return this.faults?.(n, { method: req.method ?? '', url: req.url ?? '', headers: req.headers });
	}

	/** A buffer of at least `size` bytes, reused from call to call: only for bytes nobody keeps. */
	scratch(size: number): Buffer {
		if (!this.scratchBuffer || this.scratchBuffer.length < size) this.scratchBuffer = Buffer.allocUnsafe(size);
		return this.scratchBuffer;
	}

	/** Lets go of what a closed server no longer needs: pending latency waits and kept buffers. */
	release(): void {
		this.delays.cancelAll();
		this.pool.clear();
		this.scratchBuffer = undefined;
	}
}
