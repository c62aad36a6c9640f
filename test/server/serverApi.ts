/**
 * What `startHuaweiServer` takes (its options) and gives (a running server to drive and read).
 * huaweiServer.ts exports all of it; other files of the stand-in import it from here.
 */
import type { IncomingMessage } from 'http';

import type { AccessKeySpec, UserSpec } from '../helpers/fixtures';
import type { FaultPlan } from './faults';
import type { HuaweiServerStats } from './stats';
import type { UnknownPhotos } from './unknownPhoto';

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
	/**
	 * A photo that neither `cards` nor the image decides (untagged, or a URL this server does not
	 * serve): `'defaultCard'` answers `card` (the default, for tests and the benchmark), `'noCard'`
	 * answers 400 AIS.0104 saying the stand-in knows only its samples and tagged photos (dev mode;
	 * unknownPhoto.ts).
	 */
	unknownPhotos?: UnknownPhotos;
	/** Fault plan for OCR calls; see faults.ts. */
	faults?: FaultPlan | null;
	/** Clock for token expiry, X-Sdk-Date checks and ID card validity; default Date.now. */
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
