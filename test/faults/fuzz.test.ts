/**
 * Input fuzzing through n8n's engine against the local Huawei server: batches of generated
 * malformed inputs (fuzzCases.ts) with Continue On Fail. Every input must come out as its own
 * item, in order: refused with an error naming the item and the field, with a description, and
 * without any call to Huawei, unless it is a usable image or URL after all, which must then be
 * accepted by the server (which checks images itself). No run may fail, hang or leave a promise
 * rejection unhandled, and nothing secret may surface.
 *
 * FAULT_SEED=<n> regenerates every input from another seed; test names carry the seed.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { binaryItem, type BinaryMode } from '../helpers/engine';
import { CARD_RESULT } from '../helpers/fixtures';
import { binaryCase, oversizedCase, urlCase, type FuzzCase } from './fuzzCases';
import {
	credentialFor,
	DEFAULT_CARD_FORMS,
	findLeaks,
	isErrorItem,
	node,
	parameters,
	prng,
	runNode,
	SEED,
	startFaultServer,
	STATIC_SECRETS,
	watchUnhandledRejections,
	type AuthMode,
	type FaultServer,
} from './support';

const ITEMS_PER_RUN = 100;

interface FuzzRun {
	input: 'binary' | 'url';
	mode: AuthMode;
	binaryMode: BinaryMode;
	cases: FuzzCase[];
}

/** 9 runs of files (one stored the filesystem way, as n8n 2.x does by default) and 2 of URLs. */
function generateRuns(): FuzzRun[] {
	const runs: FuzzRun[] = [];
	for (let run = 0; run < 11; run++) {
		const random = prng(SEED ^ Math.imul(run + 1, 0x9e3779b1));
		const input = run < 9 ? 'binary' : 'url';
		const cases = Array.from({ length: ITEMS_PER_RUN }, () => (input === 'binary' ? binaryCase(random) : urlCase(random)));
		if (run === 0 || run === 5) cases[Math.floor(random() * ITEMS_PER_RUN)] = oversizedCase();
		runs.push({ input, mode: run % 2 === 0 ? 'password' : 'accessKey', binaryMode: run === 4 ? 'filesystem' : 'default', cases });
	}
	return runs;
}

const RUNS = generateRuns();
const MALFORMED = RUNS.flatMap((run) => run.cases).filter((c) => c.expect !== 'valid').length;

/** Builds the run's items; in filesystem mode the well-formed files are stored through n8n-core. */
async function itemsOf(run: FuzzRun): Promise<INodeExecutionData[]> {
	if (run.binaryMode === 'default') return run.cases.map((c) => c.item);
	return await Promise.all(
		run.cases.map(async (c) =>
			c.bytes ? await binaryItem(c.bytes, { mode: 'filesystem', mimeType: 'image/jpeg', fileName: 'card.jpg' }) : c.item,
		),
	);
}

/** A received URL is one a downloader can use as it is: ASCII, no spaces, already normalised. */
function wellFormedUrl(url: string): boolean {
	if (!/^[\x21-\x7e]+$/.test(url) || !URL.canParse(url)) return false;
	const parsed = new URL(url);
	return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' && parsed.href === url;
}

describe(`input fuzzing [seed ${SEED}]`, () => {
	let fs: FaultServer;
	const received: string[] = [];

	watchUnhandledRejections();
	beforeAll(async () => {
		fs = await startFaultServer({
			cards: (input) => {
				if (input.url !== undefined) received.push(input.url);
				return undefined;
			},
		});
	});
	afterAll(async () => {
		await fs.server.close();
	});
	beforeEach(() => {
		clearSignInCache();
		received.length = 0;
	});

	it(`generates at least 1000 malformed inputs (${MALFORMED} in ${RUNS.length} runs of ${ITEMS_PER_RUN})`, () => {
		expect(MALFORMED).toBeGreaterThanOrEqual(1000);
		// Every kind of expectation is represented, controls included.
		const kinds = new Set(RUNS.flatMap((run) => run.cases.map((c) => c.expect)));
		expect([...kinds].sort()).toEqual(['either', 'reject', 'valid']);
	});

	it.each(RUNS.map((run, index) => [index, run.input, run.mode, run.binaryMode, run] as const))(
		'run %i: %s inputs, %s mode, %s binary data: each refused clearly without a call, or accepted',
		async (_index, input, mode, binaryMode, run) => {
			fs.arm(null);
			const result = await runNode({
				node,
				parameters: parameters(input, { batchConcurrency: 8, cardNumberFormat: 'masked' }),
				items: await itemsOf(run),
				credentials: credentialFor(mode, fs.server.url),
				continueOnFail: true,
				binaryMode,
			});

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(ITEMS_PER_RUN);
			expect(fs.untagged).toBe(0);
			const field = input === 'binary' ? /binary field "data"/ : /Image URL/;
			const problems: string[] = [];
			run.cases.forEach((c, i) => {
				const item = result.items[i];
				const calls = fs.history.get(i)?.length ?? 0;
				const seen = `item ${i} (${c.expect}, ${c.label})`;
				if (JSON.stringify(item.pairedItem) !== JSON.stringify({ item: i })) problems.push(`${seen}: paired with ${JSON.stringify(item.pairedItem)}`);
				if (calls > 1) problems.push(`${seen}: ${calls} calls to Huawei`);
				if (calls === 1) {
					if (c.expect === 'reject') problems.push(`${seen}: reached Huawei`);
					if (isErrorItem(item) || item.json.bank_name !== CARD_RESULT.bank_name) {
						problems.push(`${seen}: reached Huawei, which refused it: ${JSON.stringify(item.json).slice(0, 300)}`);
					}
					return;
				}
				if (c.expect === 'valid') problems.push(`${seen}: never reached Huawei: ${JSON.stringify(item.json).slice(0, 300)}`);
				const { error, description } = item.json as { error?: unknown; description?: unknown };
				if (typeof error !== 'string' || !new RegExp(`\\bitem ${i}\\b`, 'i').test(error) || !field.test(error)) {
					problems.push(`${seen}: the error does not name the item and the field: ${JSON.stringify(error)}`);
				}
				if (typeof description !== 'string' || description.trim().length < 20) {
					problems.push(`${seen}: no description: ${JSON.stringify(description)}`);
				}
			});
			expect(problems).toEqual([]);

			// What reached the server was usable: it refused nothing, and every URL was well-formed.
			expect(Object.keys(fs.server.stats.byStatus).filter((status) => status !== '200' && status !== '201')).toEqual([]);
			expect(received.filter((url) => !wellFormedUrl(url))).toEqual([]);
			expect(findLeaks(result, [...STATIC_SECRETS, ...fs.server.issuedTokens(), ...DEFAULT_CARD_FORMS])).toEqual([]);
		},
	);
});
