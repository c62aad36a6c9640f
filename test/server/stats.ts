/**
 * What the stand-in counts: requests by endpoint and outcome, OCR calls in flight, injected
 * faults, and the last few requests as they arrived. Tests read a snapshot (`server.stats`).
 */
import type { IncomingMessage, ServerResponse } from 'http';

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
	/** Every POST to an OCR API's path (routes.ts), faulted or not. */
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

export class Counters {
	/**
	 * The counts to add to. A reset replaces the object: read it at the moment of counting, so a
	 * request that was under way at a reset counts in the new one.
	 */
	counts = emptyStats();
	private inFlight = 0;

	constructor(private readonly recentLimit: number) {}

	/** Counts a request (not an admin one) and keeps it among the recent ones. */
	record(req: IncomingMessage, url: string): RecordedRequest {
		const c = this.counts;
		c.requests++;
		const record: RecordedRequest = { method: req.method ?? '', url, headers: req.headers };
		c.recent.push(record);
		if (c.recent.length > this.recentLimit) c.recent.splice(0, c.recent.length - this.recentLimit);
		return record;
	}

	/** An OCR call is under way until its response closes. */
	ocrStarted(res: ServerResponse): void {
		const c = this.counts;
		c.ocrRequests++;
		this.inFlight++;
		if (this.inFlight > c.ocrPeakConcurrency) c.ocrPeakConcurrency = this.inFlight;
		res.once('close', () => this.inFlight--);
	}

	answered(record: RecordedRequest | undefined, status: number): void {
		const key = String(status);
		this.counts.byStatus[key] = (this.counts.byStatus[key] ?? 0) + 1;
		if (record) record.status = status;
	}

	faultInjected(record: RecordedRequest | undefined, kind: string): void {
		this.counts.faultsInjected++;
		this.counts.faultsByKind[kind] = (this.counts.faultsByKind[kind] ?? 0) + 1;
		if (record) record.fault = kind;
	}

	snapshot(): HuaweiServerStats {
		const c = this.counts;
		return {
			...c,
			ocrInFlight: this.inFlight,
			ocrByAuth: { ...c.ocrByAuth },
			faultsByKind: { ...c.faultsByKind },
			byStatus: { ...c.byStatus },
			recent: c.recent.map((r) => ({ ...r, headers: { ...r.headers } })),
		};
	}

	reset(): void {
		this.counts = emptyStats();
		this.counts.ocrPeakConcurrency = this.inFlight;
	}
}
