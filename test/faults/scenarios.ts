/**
 * The fault scenarios, run through n8n's engine against the local Huawei server for one
 * authentication mode (faults.password.test.ts and faults.accessKey.test.ts call this, so Jest
 * runs the two modes in parallel).
 *
 * Each scenario feeds N items through the node with Continue On Fail while the server injects a
 * seeded fault plan, then checks, from both sides:
 * - N items out, in input order (a successful item carries its own item's bank name), each
 *   paired with its input item;
 * - every item is a recognised card or an error with a message and a description, and the error
 *   matches the fault its last call met;
 * - server side, per item: every call but the last met a transient fault (nothing is retried
 *   without cause), at most 1 + Max Retries calls (plus n8n's one repeat after a token refresh),
 *   exactly 1 + Max Retries when an item gave up on a transient fault, and a "Tried K times" that
 *   matches what the server counted;
 * - one sign-in for the whole batch (two when the token is expired mid-batch);
 * - no secret, issued token or (masked) full card number in any output item, error or log line;
 * - no unhandled promise rejection (support.watchUnhandledRejections).
 *
 * FAULT_SEED=<n> reruns every plan with another seed; FAULT_VERBOSE=1 prints, per scenario, how
 * many calls met which fault and what the server counted.
 */
import type { IDataObject } from 'n8n-workflow';

import { backoff } from '../../nodes/HuaweiOcr/shared/transport/retry';
import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { mulberry32, throttleFault, type FaultFunction, type SeededFaultPlan } from '../server/huaweiServer';
import {
	attemptsOf,
	cardNumberForms,
	credentialFor,
	DEFAULT_CARD_FORMS,
	expectBatchInvariants,
	findLeaks,
	imageItems,
	isErrorItem,
	node,
	parameters,
	runNode,
	SEED,
	startFaultServer,
	STATIC_SECRETS,
	urlItems,
	watchUnhandledRejections,
	type AuthMode,
	type FaultServer,
} from './support';

/** Faults the node must retry (Huawei's transient conditions and network failures). */
const RETRYABLE = /^(status:(429|5\d\d)|reset|hang|stall|html)$/;

/** What a failed item's json must say, by the kind of fault its last call met. */
function expectErrorFor(kind: string, json: IDataObject, context: string): void {
	const shown = { context, kind, json };
	const status = /^status:(\d+)$/.exec(kind);
	if (status?.[1] === '429') {
		expect(shown).toMatchObject({ json: { error_code: 'APIG.0308', http_code: 429, error: expect.stringMatching(/throttling/) } });
	} else if (status) {
		expect(shown).toMatchObject({ json: { http_code: Number(status[1]), error: expect.stringMatching(/internal problem/) } });
	} else if (kind === 'reset') {
		expect(shown).toMatchObject({ json: { error: 'The connection to Huawei was cut off', description: expect.stringMatching(/ECONNRESET/) } });
	} else if (kind === 'hang' || kind === 'stall') {
		// The HTTP client's timeout and the node's own limit on the attempt fire together.
		expect(shown).toMatchObject({ json: { error: 'The request to Huawei timed out', description: expect.stringMatching(/timeout of \d+ms|within \d+ s/) } });
		expect(json.http_code).toBeUndefined();
	} else if (kind === 'html') {
		expect(shown).toMatchObject({ json: { http_code: 502, description: expect.stringMatching(/502 Bad Gateway/) } });
	} else if (kind === 'truncated') {
		expect(shown).toMatchObject({ json: { error: 'Huawei OCR sent an answer this node does not understand' } });
	} else {
		throw new Error(`${context}: failed although its last call met no fault (${kind})`);
	}
}

interface Scenario {
	name: string;
	input: 'url' | 'binary';
	count: number;
	batchConcurrency: number;
	maxRetries: number;
	/** Seconds; the node's Timeout option. */
	timeout?: number;
	rawOutput?: boolean;
	/**
	 * A seeded plan, or a function plan built from the seed. A plan's `script` faults its first
	 * calls whatever the seed, so every seed exercises the scenario's faults.
	 */
	plan: SeededFaultPlan | FaultFunction;
	/** The OCR call number at which every issued token is expired (server.expireTokens()). */
	expireTokensAtCall?: number;
	/** Whether calls can hang (the server's in-flight count then lags the client's timeouts). */
	hangs?: boolean;
	/** Nothing fails for good in this scenario: every item must come out recognised. */
	noItemLost?: boolean;
}

/** 500/502/503 in bursts: runs of `length` consecutive calls, starting every `every` calls. */
function bursts(seed: number, every: number, length: number): FaultFunction {
	return (n) => {
		if (n % every >= length) return undefined;
		const statuses = [500, 502, 503];
		const status = statuses[Math.floor(mulberry32(seed ^ Math.imul(n, 0x27d4eb2d))() * statuses.length)];
		return { status, body: { error_code: status === 503 ? 'ModelArts.4503' : 'ModelArts.4302', error_msg: `burst ${n}` } };
	};
}

const SCENARIOS: Scenario[] = [
	{
		name: 'throttling storm (429 APIG.0308 with Retry-After on 40% of calls)',
		input: 'url',
		count: 40,
		batchConcurrency: 8,
		maxRetries: 3,
		plan: { seed: SEED, throttleRatio: 0.4, retryAfterSeconds: 2, script: [throttleFault(2)] },
	},
	{
		name: '500/502/503 bursts (7 calls in every 12)',
		input: 'binary',
		count: 40,
		batchConcurrency: 8,
		maxRetries: 2,
		plan: bursts(SEED, 12, 7),
	},
	{
		name: 'connection resets on 30% of calls',
		input: 'binary',
		count: 30,
		batchConcurrency: 6,
		maxRetries: 2,
		plan: { seed: SEED + 1, resetRatio: 0.3, script: ['reset'] },
	},
	{
		name: 'answers that never arrive (25% of calls hang; Timeout 1 s)',
		input: 'url',
		count: 16,
		batchConcurrency: 8,
		maxRetries: 1,
		timeout: 1,
		hangs: true,
		plan: { seed: SEED + 2, hangRatio: 0.25, script: ['hang', null, 'hang'] },
	},
	{
		name: 'answers that stop half-way (25% of calls send headers and half a body; Timeout 1 s)',
		input: 'binary',
		count: 16,
		batchConcurrency: 8,
		maxRetries: 1,
		timeout: 1,
		hangs: true,
		plan: { seed: SEED + 6, stallRatio: 0.25, script: ['stall', null, 'stall'] },
	},
	{
		name: 'HTML error pages (25%) and truncated JSON (15%), raw output',
		input: 'binary',
		count: 40,
		batchConcurrency: 8,
		maxRetries: 2,
		rawOutput: true,
		plan: { seed: SEED + 3, htmlRatio: 0.25, truncatedRatio: 0.15, script: ['html', null, 'truncated'] },
	},
	{
		name: 'a token that expires in the middle of the batch (at OCR call 12)',
		input: 'url',
		count: 30,
		batchConcurrency: 6,
		maxRetries: 2,
		plan: { seed: SEED + 4 },
		expireTokensAtCall: 12,
		noItemLost: true,
	},
	{
		name: 'everything at once, token expiry at call 20 included',
		input: 'binary',
		count: 48,
		batchConcurrency: 12,
		maxRetries: 2,
		// 2 s: with 12 image bodies in flight on a loaded 2-core machine, the event loop alone can
		// hold an answer past 1 s, and an answer that arrived would count as a timeout.
		timeout: 2,
		hangs: true,
		plan: {
			seed: SEED + 5,
			throttleRatio: 0.1,
			retryAfterSeconds: 1,
			errorRatio: 0.1,
			resetRatio: 0.08,
			hangRatio: 0.04,
			htmlRatio: 0.05,
			truncatedRatio: 0.04,
		},
		expireTokensAtCall: 20,
	},
];

export function describeFaultScenarios(mode: AuthMode): void {
	let fs: FaultServer;
	const scale = backoff.scale;

	watchUnhandledRejections();
	beforeAll(async () => {
		// Answers take 20 ms, so a batch's calls overlap as they would against Huawei.
		fs = await startFaultServer({ latencyMs: 20 });
		// Retry-After and backoff waits shrink 1000-fold; the retry logic itself runs unchanged.
		backoff.scale = 0.001;
	});
	afterAll(async () => {
		backoff.scale = scale;
		await fs.server.close();
	});
	// Each run starts like a fresh n8n process: no token shared from an earlier test.
	beforeEach(() => clearSignInCache());

	describe.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
		`${mode} mode [seed ${SEED}]: %s`,
		(_name, scenario) => {
			it('keeps every item, in order, retrying only transient faults and at most Max Retries times, leaking nothing', async () => {
				const expiry = scenario.expireTokensAtCall;
				fs.arm(scenario.plan, (n) => {
					if (n === expiry) fs.server.expireTokens();
				});
				const credentials = credentialFor(mode, fs.server.url);
				const options: IDataObject = {
					batchConcurrency: scenario.batchConcurrency,
					maxRetries: scenario.maxRetries,
					cardNumberFormat: 'masked',
					...(scenario.timeout !== undefined && { timeout: scenario.timeout }),
					...(scenario.rawOutput && { rawOutput: true }),
				};
				const result = await runNode({
					node,
					parameters: parameters(scenario.input, options),
					items: scenario.input === 'url' ? urlItems(scenario.count) : imageItems(scenario.count),
					credentials,
					continueOnFail: true,
				});

				const failed = expectBatchInvariants(result, scenario.count, { masked: true, raw: scenario.rawOutput });
				// A 401 after the token expired is repeated once by n8n inside the same attempt.
				const replays = mode === 'password' && expiry !== undefined ? 1 : 0;
				expect(fs.untagged).toBe(0);
				const problems: string[] = [];
				for (let i = 0; i < scenario.count; i++) {
					const calls = fs.history.get(i) ?? [];
					const seen = `item ${i} (calls: ${calls.join(', ') || 'none'})`;
					const last = calls[calls.length - 1];
					if (calls.length < 1) problems.push(`${seen}: never reached the server`);
					if (calls.length > 1 + scenario.maxRetries + replays) problems.push(`${seen}: more calls than 1 + Max Retries`);
					// Everything before the last call was retried for a reason (or is the 401 n8n repeats).
					const unexplained = calls.slice(0, -1).filter((kind) => !RETRYABLE.test(kind));
					if (unexplained.length > replays || unexplained.some((kind) => kind !== 'pass')) {
						problems.push(`${seen}: retried after a call that met no transient fault`);
					}
					const item = result.items[i];
					if (!isErrorItem(item)) {
						if (last !== 'pass') problems.push(`${seen}: succeeded although its last call was faulted`);
						continue;
					}
					expectErrorFor(last, item.json, seen);
					// An answer that arrived (a truncated 200) ends the item as it is, and says so
					// without counting attempts; everything else counts the calls it made.
					if (last === 'truncated') continue;
					const attempts = attemptsOf(item.json);
					if (attempts !== calls.length && !(replays && attempts === calls.length - 1)) {
						problems.push(`${seen}: the error says it tried ${attempts} times`);
					}
					// Gave up on a transient fault: only after using every retry.
					if (RETRYABLE.test(last) && attempts !== 1 + scenario.maxRetries) {
						problems.push(`${seen}: gave up on a transient fault after ${attempts} attempts`);
					}
				}
				if (process.env.FAULT_VERBOSE) {
					const kinds: Record<string, number> = {};
					for (const kind of [...fs.history.values()].flat()) kinds[kind] = (kinds[kind] ?? 0) + 1;
					console.log(`${mode}: ${scenario.name}`, { failed: failed.length, calls: kinds, stats: { ...fs.server.stats, recent: undefined } });
				}
				expect(problems).toEqual([]);

				const stats = fs.server.stats;
				if (mode === 'password') {
					expect(stats.tokenRequests).toBe(expiry === undefined ? 1 : 2);
				} else {
					expect({ tokenRequests: stats.tokenRequests, projectLookups: stats.projectLookups }).toEqual({
						tokenRequests: 0,
						projectLookups: 1,
					});
				}
				// Batch Concurrency is respected (with hanging calls, the server notices a call the client
				// gave up on only some time after its retry arrived, so its count runs ahead then).
				expect(stats.ocrPeakConcurrency).toBeGreaterThan(1);
				if (!scenario.hangs) expect(stats.ocrPeakConcurrency).toBeLessThanOrEqual(scenario.batchConcurrency);

				const cards = [...DEFAULT_CARD_FORMS, ...Array.from({ length: scenario.count }, (_, i) => cardNumberForms(i)).flat()];
				expect(findLeaks(result, [...STATIC_SECRETS, ...fs.server.issuedTokens(), ...cards])).toEqual([]);
				// The scenario did what it says: some calls were faulted, and most items still got through.
				expect(stats.faultsInjected + (expiry ? 1 : 0)).toBeGreaterThan(0);
				expect(failed.length).toBeLessThan(scenario.count);
				if (scenario.noItemLost) expect(failed).toEqual([]);
			});
		},
	);

	it(`${mode} mode: control: the leak scan finds what it looks for, on every surface`, async () => {
		fs.arm(null);
		const result = await runNode({
			node,
			parameters: parameters('url', { cardNumberFormat: 'asRecognized' }),
			items: urlItems(2),
			credentials: credentialFor(mode, fs.server.url),
			continueOnFail: true,
		});
		// Unmasked, the full numbers are in the output, and the scan says where.
		expect(findLeaks(result, cardNumberForms(1))).toEqual([expect.stringMatching(/^item 1 contains/)]);
		const planted = {
			items: [{ json: { note: 'secret-in-item' } }],
			error: Object.assign(new Error('failed'), { description: 'secret-in-description' }),
			logs: ['debug: secret-in-log'],
		};
		expect(findLeaks(planted, ['secret-in-item', 'secret-in-description', 'secret-in-log'])).toHaveLength(3);
	});

	it(`${mode} mode [seed ${SEED}]: without Continue On Fail, stops at the first failing item, naming it, with no rejection left unhandled`, async () => {
		fs.arm({ seed: SEED + 6, throttleRatio: 0.5, retryAfterSeconds: 0 });
		const result = await runNode({
			node,
			parameters: parameters('url', { batchConcurrency: 4, maxRetries: 0, cardNumberFormat: 'masked' }),
			items: urlItems(30),
			credentials: credentialFor(mode, fs.server.url),
		});
		const error = result.error as Error & { context?: { itemIndex?: number } };
		expect(error?.message).toMatch(/throttling/);
		const failing = [...fs.history].filter(([, calls]) => calls[0] !== 'pass').map(([item]) => item);
		expect(error.context?.itemIndex).toBe(Math.min(...failing));
		// Max Retries 0: one call per item, and once an item failed no new item started.
		for (const calls of fs.history.values()) expect(calls).toHaveLength(1);
		expect(fs.history.size).toBeLessThan(30);
		const cards = [...DEFAULT_CARD_FORMS, ...Array.from({ length: 30 }, (_, i) => cardNumberForms(i)).flat()];
		expect(findLeaks(result, [...STATIC_SECRETS, ...fs.server.issuedTokens(), ...cards])).toEqual([]);
	});
}
