/**
 * Shared by the fault and fuzz suites (test/faults/*.test.ts): the local Huawei server with
 * per-item call counting, credentials pointing at it, the invariants every batch must keep, the
 * leak scan and the unhandled-rejection guard.
 *
 * Nothing here imports nock (test/helpers/huawei.ts does): these suites talk to the local server
 * over real sockets on 127.0.0.1, and the credential values come from test/helpers/fixtures.ts.
 *
 * Which call belongs to which item: the image URL (or, for files, the image's width) names the
 * item, so a successful answer can be traced back to its input; every OCR call also carries the
 * item index in the Enterprise-Project-Id header (the node option, set by an expression), which
 * the server's fault hook sees before it decides to fault the call. Faulted calls never have their
 * body read, so the header is what lets the server count every call of every item, faulted or not.
 */
import { runInThisContext } from 'vm';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HuaweiOcrApi } from '../../credentials/HuaweiOcrApi.credentials';
import { BankcardOcr } from '../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { BANKCARD_IMAGE_LIMITS } from '../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { readImageInfo } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { CredentialStore, runNode, type RunNodeResult } from '../helpers/engine';
import { makeJpeg } from '../helpers/images';
import { faultKind, mulberry32, startHuaweiServer, toFaultFunction, type CardInput, type FaultFunction, type FaultPlan, type HuaweiServer, type HuaweiServerOptions } from '../server/huaweiServer';
import { ACCESS_KEY, CARD_RESULT, REGION, SECURITY_TOKEN, IAM_USER } from '../helpers/fixtures';
import { faultSeed } from '../helpers/random';
import { messageStyleProblems } from '../helpers/messageStyle';

export const node = new BankcardOcr();

/**
 * The seed of every random choice in these suites (fault plans, fuzz inputs, card numbers).
 * FAULT_SEED=<n> npx jest test/faults reruns them with another one; a failing test's name
 * carries the seed it ran with.
 */
export const SEED = faultSeed();

/** A small seeded PRNG (mulberry32, the server's). */
export const prng = mulberry32;

// ------------------------------------------------------------------------------- secrets

/** The temporary (STS) key the AK/SK credential uses, so a security token is in play too. */
export const TEMPORARY_ACCESS_KEY = { ...ACCESS_KEY, securityToken: SECURITY_TOKEN };

/** Secrets known before any run; issued tokens are added from the server after each run. */
export const STATIC_SECRETS = [IAM_USER.password, TEMPORARY_ACCESS_KEY.sk, SECURITY_TOKEN];

// ------------------------------------------------------------------------------- cards

function luhnCheckDigit(body: string): number {
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		let digit = Number(body[body.length - 1 - i]);
		if (i % 2 === 0) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return (10 - (sum % 10)) % 10;
}

/** A Luhn-valid 19-digit UnionPay number for an item, printed in groups of four like Huawei's. */
export function cardNumberFor(item: number, seed = SEED): string {
	const random = prng(seed ^ Math.imul(item + 1, 0x85ebca6b));
	let body = '622202';
	while (body.length < 18) body += String(Math.floor(random() * 10));
	const digits = body + String(luhnCheckDigit(body));
	return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Every way a full card number could show up: as printed and as digits. */
export function cardNumberForms(item: number): string[] {
	const printed = cardNumberFor(item);
	return [printed, printed.replace(/\s/g, '')];
}

/**
 * The server's default card, which its truncated-JSON fault cuts in half after the number: it
 * must not surface from an error either.
 */
export const DEFAULT_CARD_FORMS = [String(CARD_RESULT.card_number), String(CARD_RESULT.card_number).replace(/\s/g, '')];

// ------------------------------------------------------------------------------- items

export const IMAGE_HOST = 'https://cards.example.com';
/** Widths below this never name an item (the fuzz suite's valid images stay below it). */
const ITEM_WIDTH_BASE = 1000;

export function itemUrl(item: number): string {
	return `${IMAGE_HOST}/item-${item}.jpg`;
}

export function urlItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({ json: { link: itemUrl(i) } }));
}

/** A valid JPEG whose width names the item, inline as n8n's default binary mode stores it. */
export function imageItem(item: number): INodeExecutionData {
	const bytes = makeJpeg(ITEM_WIDTH_BASE + item, 64);
	return {
		json: { item },
		binary: {
			data: { data: bytes.toString('base64'), mimeType: 'image/jpeg', fileName: `card-${item}.jpg`, fileExtension: 'jpg' },
		},
	};
}

export function imageItems(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => imageItem(i));
}

/** The item a successful-looking call was for, from its URL or its image's width. */
function itemOfInput(input: CardInput): number | undefined {
	if (input.url) {
		const match = /\/item-(\d+)\.jpg$/.exec(input.url);
		return match ? Number(match[1]) : undefined;
	}
	if (input.image) {
		const info = readImageInfo(input.image, BANKCARD_IMAGE_LIMITS);
		if (!('problem' in info) && info.width >= ITEM_WIDTH_BASE) return info.width - ITEM_WIDTH_BASE;
	}
	return undefined;
}

/** The item index a call declared in its Enterprise-Project-Id header (see the file comment). */
function itemOfHeaders(headers: Record<string, string | string[] | undefined>): number | undefined {
	const value = headers['enterprise-project-id'];
	const match = /^item-(\d+)$/.exec(Array.isArray(value) ? value[0] : (value ?? ''));
	return match ? Number(match[1]) : undefined;
}

/** Node parameters for a batch; the options always tag calls with the item index. */
export function parameters(input: 'url' | 'binary', options: IDataObject = {}): INodeParameters {
	const tagged = { enterpriseProjectId: '={{ "item-" + $itemIndex }}', ...options };
	return input === 'url'
		? { inputType: 'url', imageUrl: '={{ $json.link }}', options: tagged }
		: { inputType: 'binaryData', binaryPropertyName: 'data', options: tagged };
}

// ------------------------------------------------------------------------------- server

export interface FaultServer {
	server: HuaweiServer;
	/**
	 * Every OCR call per item index since the last `arm`, in order, counted before any fault or
	 * auth check: the fault injected into it ('status:429', 'reset', 'hang', 'html',
	 * 'truncated'...) or 'pass' when it was let through.
	 */
	history: Map<number, string[]>;
	/** Calls that named no item. */
	untagged: number;
	/** Installs a fault plan (function or seeded) behind the counter and resets stats and counts. */
	arm(plan?: FaultPlan | null, onCall?: (n: number) => void): void;
}

/**
 * The local server, answering each item with its own bank name and card number (so output order
 * and masking can be checked), with every OCR call counted per item.
 */
export async function startFaultServer(options: HuaweiServerOptions = {}): Promise<FaultServer> {
	const server = await startHuaweiServer({
		accessKeys: [TEMPORARY_ACCESS_KEY],
		cards: (input) => {
			const item = itemOfInput(input);
			if (item === undefined) return undefined;
			return { ...CARD_RESULT, bank_name: `bank-${item}`, card_number: cardNumberFor(item) };
		},
		...options,
	});
	const state: FaultServer = {
		server,
		history: new Map(),
		untagged: 0,
		arm(plan, onCall) {
			const inner: FaultFunction | undefined = toFaultFunction(plan ?? null);
			state.history = new Map();
			state.untagged = 0;
			server.setFaults((n, request) => {
				onCall?.(n);
				const fault = inner?.(n, request) ?? undefined;
				const item = itemOfHeaders(request.headers);
				if (item === undefined) state.untagged++;
				else {
					const calls = state.history.get(item) ?? [];
					calls.push(fault ? faultKind(fault) : 'pass');
					state.history.set(item, calls);
				}
				return fault;
			});
			server.resetStats();
		},
	};
	return state;
}

export type AuthMode = 'password' | 'accessKey';

/** A credential of either mode whose IAM and OCR endpoints are the local server. */
export function credentialFor(mode: AuthMode, url: string): CredentialStore {
	const endpoints = { region: REGION, iamEndpoint: url, ocrEndpoint: url };
	return new CredentialStore(
		new HuaweiOcrApi(),
		mode === 'password'
			? {
					authentication: 'password',
					...endpoints,
					userName: IAM_USER.name,
					password: IAM_USER.password,
					accountName: IAM_USER.domain,
					project: '',
				}
			: {
					authentication: 'accessKey',
					...endpoints,
					accessKeyId: TEMPORARY_ACCESS_KEY.ak,
					secretAccessKey: TEMPORARY_ACCESS_KEY.sk,
					securityToken: TEMPORARY_ACCESS_KEY.securityToken,
					projectId: '',
				},
	);
}

// ------------------------------------------------------------------------------- checks

/** The json of an output item that failed under Continue On Fail. */
export interface ErrorJson {
	error: string;
	description?: string;
	error_code?: string;
	http_code?: number;
}

export function isErrorItem(item: INodeExecutionData): boolean {
	return typeof item.json.error === 'string';
}

/** The "Tried K times." the node appends to a failure it retried, or 1. */
export function attemptsOf(json: IDataObject): number {
	const match = /Tried (\d+) times\./.exec(String(json.description ?? ''));
	return match ? Number(match[1]) : 1;
}

/**
 * What every batch run with Continue On Fail must show: the run itself did not fail, one output
 * item per input item, in input order (a successful item carries its own bank name), each paired
 * with its input, and each either a recognised card or an error with a message and a description.
 * Returns the indexes of the failed items.
 */
export function expectBatchInvariants(
	result: RunNodeResult,
	count: number,
	output: { masked: boolean; raw?: boolean },
): number[] {
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(count);
	const failed: number[] = [];
	result.items.forEach((item, i) => {
		expect({ i, pairedItem: item.pairedItem }).toEqual({ i, pairedItem: { item: i } });
		if (isErrorItem(item)) {
			failed.push(i);
			const json = item.json as unknown as ErrorJson;
			expect({ i, error: json.error }).toEqual({ i, error: expect.stringMatching(/^[A-Z].{15,}/) });
			expect({ i, description: json.description }).toEqual({ i, description: expect.stringMatching(/\S{3,}/) });
			expect(json.error).not.toMatch(/undefined|\[object Object\]|^Unknown error$/);
			expect({ i, style: messageStyleProblems(json.error, json.description) }).toEqual({ i, style: [] });
			expect(item.json).not.toHaveProperty('card_number');
		} else {
			const card = (output.raw ? item.json.result : item.json) as IDataObject;
			const expected = output.masked ? maskedForm(cardNumberFor(i)) : cardNumberFor(i);
			expect({ i, bank: card?.bank_name, card: card?.card_number }).toEqual({ i, bank: `bank-${i}`, card: expected });
		}
	});
	return failed;
}

function maskedForm(printed: string): string {
	const digits = printed.replace(/\s/g, '');
	return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/**
 * Every place a secret could surface: the output items (json and binary metadata, not the image
 * bytes), the error n8n recorded, and every log line of the run.
 */
export function leakSurfaces(result: RunNodeResult): Array<[where: string, text: string]> {
	const surfaces: Array<[string, string]> = [];
	result.items.forEach((item, i) => {
		const binary = Object.fromEntries(
			Object.entries(item.binary ?? {}).map(([name, data]) => [name, { ...data, data: undefined }]),
		);
		surfaces.push([`item ${i}`, JSON.stringify({ json: item.json, binary, pairedItem: item.pairedItem })]);
	});
	if (result.error) {
		const error = result.error as Error & { description?: unknown };
		surfaces.push(['run error', `${error.message}\n${String(error.description ?? '')}\n${JSON.stringify(error)}`]);
	}
	result.logs.forEach((line, i) => surfaces.push([`log line ${i}`, line]));
	return surfaces;
}

/** Each secret found, with where; [] when none leaked. */
export function findLeaks(result: RunNodeResult, secrets: readonly string[]): string[] {
	const found: string[] = [];
	for (const [where, text] of leakSurfaces(result)) {
		for (const secret of secrets) {
			if (secret.length >= 4 && text.includes(secret)) found.push(`${where} contains "${secret.slice(0, 12)}..."`);
		}
	}
	return found;
}

// ------------------------------------------------------------------------------- rejections

/**
 * Records every unhandled promise rejection of the real process while a suite runs. Jest gives a
 * test file a copy of `process`, whose listeners never fire; `vm.runInThisContext` evaluates in
 * the main context, whose `process` is the real one.
 */
export function watchUnhandledRejections(): { readonly seen: unknown[] } {
	const realProcess = runInThisContext('process') as NodeJS.Process;
	const state = { seen: [] as unknown[] };
	const listener = (reason: unknown) => state.seen.push(reason);
	beforeAll(() => {
		realProcess.on('unhandledRejection', listener);
	});
	afterEach(async () => {
		// Node reports a rejection once the microtask queue has drained: let it.
		await new Promise((resolve) => setImmediate(resolve));
		expect(state.seen.map((reason) => String((reason as Error)?.stack ?? reason))).toEqual([]);
	});
	afterAll(() => {
		realProcess.off('unhandledRejection', listener);
	});
	return state;
}

export { runNode, type RunNodeResult };
