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
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { binaryItem, type BinaryMode } from '../helpers/engine';
import { CARD_RESULT } from '../helpers/fixtures';
import { makeJpeg } from '../helpers/images';
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

/**
 * Several files per item: items carrying 1 to 5 of the generated files at once, read
 * with "Every File of the Item". Whatever they hold, each item gives at least one output item, all
 * paired with it and in input order; an item whose files are all refused gives one error item
 * naming it and listing every file, without a call; no run fails, hangs or leaks.
 */
describe(`several generated files per item [seed ${SEED}]`, () => {
	const GROUPS = 60;
	const random = prng(SEED ^ 0x5eedf11e);
	// A card photo among the generated files of about a third of the items: it must be read.
	const control: FuzzCase = {
		label: 'card photo 856x540',
		expect: 'valid',
		item: { json: {}, binary: { data: { data: makeJpeg(856, 540).toString('base64'), mimeType: 'image/jpeg', fileName: 'card.jpg' } } },
	};
	const groups = Array.from({ length: GROUPS }, () => {
		const group = Array.from({ length: 1 + Math.floor(random() * 5) }, () => binaryCase(random)).filter(
			// Layout cases (no binary at all, binary that is a string) carry no file to add.
			(c) => c.item.binary && typeof c.item.binary === 'object' && c.item.binary.data,
		);
		if (random() < 0.35) group.splice(Math.floor(random() * (group.length + 1)), 0, control);
		return group;
	});
	let fs: FaultServer;

	watchUnhandledRejections();
	beforeAll(async () => {
		fs = await startFaultServer({});
	});
	afterAll(async () => {
		await fs.server.close();
	});

	it(`${GROUPS} items, ${groups.flat().length} files: every item answered in order, refused files never sent`, async () => {
		clearSignInCache();
		fs.arm(null);
		const items: INodeExecutionData[] = groups.map((group) => ({
			json: {},
			binary: Object.fromEntries(group.map((c, k) => [`attachment_${k}`, c.item.binary?.data as IBinaryData])),
		}));
		const result = await runNode({
			node,
			parameters: { ...parameters('binary', { batchConcurrency: 8, cardNumberFormat: 'masked' }), inputType: 'allFiles' },
			items,
			credentials: credentialFor('password', fs.server.url),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const paired = result.items.map((item) => (item.pairedItem as { item: number }).item);
		// Input order, every item at least once.
		expect(paired).toEqual([...paired].sort((a, b) => a - b));
		expect([...new Set(paired)]).toEqual(groups.map((_group, i) => i));
		const problems: string[] = [];
		groups.forEach((group, i) => {
			const out = result.items.filter((_item, k) => paired[k] === i);
			const calls = fs.history.get(i)?.length ?? 0;
			const cards = out.filter((item) => !isErrorItem(item));
			const seen = `item ${i} (${group.map((c) => `${c.expect}: ${c.label}`).join('; ')})`;
			if (cards.length > calls) problems.push(`${seen}: ${cards.length} results from ${calls} calls`);
			if (calls > group.length) problems.push(`${seen}: ${calls} calls for ${group.length} files`);
			if (group.includes(control) && !cards.some((item) => item.json.bank_name === CARD_RESULT.bank_name)) {
				problems.push(`${seen}: the card photo was not read: ${JSON.stringify(out.map((item) => item.json.error ?? item.json.bank_name))}`);
			}
			if (group.every((c) => c.expect === 'reject')) {
				if (calls > 0) problems.push(`${seen}: refused files reached Huawei`);
				const json = out[0]?.json ?? {};
				if (out.length !== 1 || !new RegExp(`\\bitem ${i}\\b`, 'i').test(String(json.error))) {
					problems.push(`${seen}: not one error item naming the item: ${JSON.stringify(out.map((item) => item.json.error))}`);
				} else if (((json.skipped_files as unknown[] | undefined)?.length ?? 0) !== group.length) {
					problems.push(`${seen}: skipped_files lists ${JSON.stringify(json.skipped_files)}`);
				}
			}
			for (const item of out.filter(isErrorItem)) {
				if (String(item.json.description ?? '').trim().length < 20) problems.push(`${seen}: an error without a description`);
			}
		});
		expect(problems).toEqual([]);
		expect(findLeaks(result, [...STATIC_SECRETS, ...fs.server.issuedTokens(), ...DEFAULT_CARD_FORMS])).toEqual([]);
	});
});
