/**
 * npm run bench: the node against the raw-HTTP limit, on a local Huawei IAM + OCR server.
 *
 * Side by side, on the same server (a child process, so its CPU and memory are not counted here)
 * and the same images:
 *   bare fetch   Node's fetch posting the same requests with one token obtained beforehand
 *   hand-built   what a user would build from HTTP Request nodes: a token request per
 *                execution, then one OCR call after another
 *   n8n floor    a minimal node posting the same request with n8n's own HTTP helper (token
 *                obtained beforehand, no checks, mapping or retries): what any node pays in n8n
 *   node         this node through n8n-core's WorkflowExecute, password and AK/SK mode,
 *                binary data stored as n8n 2.x does by default (filesystem mode)
 * and prints one table: items/s and per-item time for 200 items at 0 and 100 ms server latency,
 * the node / bare ratio at 0 ms, token requests per run and across 3 runs of one credential,
 * throughput at concurrency 1, 4 and 16 against the ideal N / latency, and peak RSS growth while
 * 200 (and 50) images of about 7 MB go through at concurrency 4. Then the scale-out section
 * (scripts/bench/scaleOut.ts): a real n8n in queue mode with 1 and with 2 workers under the same
 * upload load, items/s each and their ratio. See BENCHMARKS.md.
 *
 * The ID card section: ID Card OCR against an n8n floor posting to RecognizeIdCard, at 100 ms
 * latency and concurrency 4 (runs taking turns, median taken): the node's per-item time over the
 * floor's, at most 1.05.
 *
 * Options (environment): BENCH_ITEMS (default 200), BENCH_REPS (repetitions at 0 ms, median
 * taken; default 7), BENCH_SECTIONS (comma-separated, default all:
 * speed,tokens,latency,idcard,memory,scaleout).
 */
import { cpus, loadavg, totalmem } from 'os';
import { performance } from 'perf_hooks';

import { makeBmp, makeJpeg } from '../test/helpers/images';
import { bareFetch, handBuilt, requestToken, type Token } from './bench/clients';
import { runFloor } from './bench/floorNode';
import { collectGarbage, startRssSampler } from './bench/memory';
import { assertNoNock, clearSignInCache, credential, imageItems, removeUserFolder, runOcr } from './bench/nodeRunner';
import { scaleOut, scaleOutTable } from './bench/scaleOut';
import { startServerProcess, type ServerProcess } from './bench/server';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 200);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'speed,tokens,latency,idcard,memory,scaleout').split(',').map((name) => name.trim()));
const LATENCY = 100;
const DEFAULT_CONCURRENCY = 4;
const MB = 1024 * 1024;

type Column = 'bare' | 'hand' | 'floor' | 'password' | 'accessKey' | 'idCardFloor' | 'idCard';
/** The bank card columns, which every section but the ID card one measures. */
const COLUMNS: Column[] = ['bare', 'hand', 'floor', 'password', 'accessKey'];
const TABLE_COLUMNS: Column[] = [...COLUMNS, 'idCardFloor', 'idCard'];
const ID_CARD_REPS = 3;
/** Every column but hand-built, which is one call after another by definition. */
const CONCURRENT: Column[] = ['bare', 'floor', 'password', 'accessKey'];
const HEADINGS: Record<Column, string> = {
	bare: 'bare fetch',
	hand: 'hand-built',
	floor: 'n8n floor',
	password: 'node (password)',
	accessKey: 'node (AK/SK)',
	idCardFloor: 'n8n floor (ID card)',
	idCard: 'ID card node',
};

interface Row {
	label: string;
	cells: Partial<Record<Column, string>>;
	target?: string;
	/** Whether the target was met; undefined = no target on this row. */
	met?: boolean;
}

function log(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

async function timed(run: () => Promise<void>): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rate = (ms: number, items = ITEMS) => (items * 1000) / ms;
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const mb = (bytes: number) => `${fixed(bytes / MB, 0)} MB`;

interface Setup {
	server: ServerProcess;
	small: Buffer;
	smallItems: Awaited<ReturnType<typeof imageItems>>;
}

/** One run of `column` over ITEMS small images at `concurrency` (hand-built is always 1). */
function runner(setup: Setup, column: Column, concurrency: number): () => Promise<void> {
	const { server, small, smallItems } = setup;
	if (column === 'hand') return async () => await handBuilt(server.url, small, ITEMS);
	if (column === 'bare' || column === 'floor' || column === 'idCardFloor') {
		let token: Token | undefined;
		return async () => {
			token ??= await requestToken(server.url);
			if (column === 'bare') await bareFetch(server.url, token, small, ITEMS, concurrency);
			else await runFloor(smallItems, `${server.url}/v2/${token.projectId}/ocr/${column === 'floor' ? 'bankcard' : 'id-card'}`, token.token, concurrency);
		};
	}
	if (column === 'idCard') {
		const store = credential('password', server.url);
		return async () => await runOcr(smallItems, store, concurrency, 'idCard');
	}
	const store = credential(column, server.url);
	return async () => await runOcr(smallItems, store, concurrency);
}

/**
 * Each column's run times at the default concurrency: `warmups` runs each first (JIT, sign-in),
 * then the columns take turns, in a rotating order, so a burst of load on the machine falls on
 * all of them rather than on one.
 */
async function takeTurns(setup: Setup, columns: readonly Column[], reps: number, warmups: number): Promise<Map<Column, number[]>> {
	const runs = new Map(columns.map((column) => [column, runner(setup, column, DEFAULT_CONCURRENCY)]));
	for (const run of runs.values()) for (let i = 0; i < warmups; i++) await run();
	const times = new Map<Column, number[]>(columns.map((column) => [column, []]));
	for (let rep = 0; rep < reps; rep++) {
		for (let k = 0; k < columns.length; k++) {
			const column = columns[(rep + k) % columns.length];
			times.get(column)!.push(await timed(runs.get(column)!));
		}
	}
	return times;
}

async function latencyZero(setup: Setup, rows: Row[]): Promise<void> {
	await setup.server.setLatency(0);
	const times = await takeTurns(setup, COLUMNS, REPS, 2);
	const perItem = {} as Record<Column, number>;
	const best = {} as Record<Column, number>;
	for (const column of COLUMNS) {
		const list = times.get(column)!;
		perItem[column] = median(list) / ITEMS;
		best[column] = Math.min(...list) / ITEMS;
		log(`0 ms, ${column}: median ${fixed(median(list), 0)} ms of ${list.map((t) => fixed(t, 0)).join(', ')}`);
	}
	rows.push({ label: `items/s, 0 ms latency (${ITEMS} items, concurrency ${DEFAULT_CONCURRENCY}; hand-built 1)`, cells: map((c) => fixed(1000 / perItem[c])) });
	rows.push({ label: `ms per item, 0 ms latency (median of ${REPS} runs)`, cells: map((c) => fixed(perItem[c], 2)) });
	rows.push({ label: `ms per item, 0 ms latency (best of ${REPS} runs)`, cells: map((c) => fixed(best[c], 2)) });
	rows.push({
		label: 'ratio to bare fetch (per-item time), 0 ms latency',
		cells: Object.fromEntries(CONCURRENT.filter((c) => c !== 'bare').map((c) => [c, fixed(perItem[c] / perItem.bare, 2)])),
		target: '<= 1.15 (node)',
		met: perItem.password / perItem.bare <= 1.15 && perItem.accessKey / perItem.bare <= 1.15,
	});
	rows.push({
		label: 'ratio to bare fetch, best runs (less machine noise)',
		cells: Object.fromEntries(CONCURRENT.filter((c) => c !== 'bare').map((c) => [c, fixed(best[c] / best.bare, 2)])),
	});
	rows.push({
		label: 'ratio to the n8n floor, median / best (what this package adds)',
		cells: {
			password: `${fixed(perItem.password / perItem.floor, 2)} / ${fixed(best.password / best.floor, 2)}`,
			accessKey: `${fixed(perItem.accessKey / perItem.floor, 2)} / ${fixed(best.accessKey / best.floor, 2)}`,
		},
	});
}

async function tokenRequests(setup: Setup, rows: Row[]): Promise<void> {
	const { server } = setup;
	await server.setLatency(0);
	const perRun = {} as Record<Column, number[]>;
	const lookups: number[] = [];
	for (const column of COLUMNS) {
		// A new credential (and no token shared in memory): as after saving a credential in n8n.
		clearSignInCache();
		await server.resetStats();
		const run = runner(setup, column, DEFAULT_CONCURRENCY);
		perRun[column] = [];
		let before = 0;
		let lookupsBefore = 0;
		for (let i = 0; i < 3; i++) {
			await run();
			const stats = await server.stats();
			perRun[column].push(stats.tokenRequests - before);
			before = stats.tokenRequests;
			if (column === 'accessKey') lookups.push(stats.projectLookups - lookupsBefore);
			lookupsBefore = stats.projectLookups;
		}
	}
	const total = (column: Column) => perRun[column].reduce((a, b) => a + b, 0);
	const lookupTotal = lookups.reduce((a, b) => a + b, 0);
	rows.push({
		label: 'token requests per run (3 runs, same credential)',
		cells: { ...map((c) => perRun[c].join(' / ')), accessKey: `${perRun.accessKey.join(' / ')} (lookups ${lookups.join(' / ')})` },
	});
	rows.push({
		label: 'token requests across the 3 runs',
		cells: { ...map((c) => String(total(c))), accessKey: `${total('accessKey')} (project lookups ${lookupTotal})` },
		target: 'exactly 1 per credential',
		met: total('password') === 1 && total('accessKey') === 0 && lookupTotal === 1,
	});
}

async function latencyHundred(setup: Setup, rows: Row[]): Promise<void> {
	await setup.server.setLatency(LATENCY);
	const results = new Map<string, number>();
	const measure = async (column: Column, concurrency: number) => {
		const ms = await timed(runner(setup, column, concurrency));
		results.set(`${column}@${concurrency}`, ms);
		log(`${LATENCY} ms, ${column} at concurrency ${concurrency}: ${fixed(ms, 0)} ms`);
		return ms;
	};
	for (const concurrency of [DEFAULT_CONCURRENCY, 16, 1]) {
		for (const column of CONCURRENT) await measure(column, concurrency);
	}
	await measure('hand', 1);

	const at = (column: Column, concurrency: number) => results.get(`${column}@${column === 'hand' ? 1 : concurrency}`) ?? NaN;
	rows.push({
		label: `items/s, ${LATENCY} ms latency (concurrency ${DEFAULT_CONCURRENCY}; hand-built 1)`,
		cells: map((c) => fixed(rate(at(c, DEFAULT_CONCURRENCY)))),
	});
	rows.push({ label: `ms per item, ${LATENCY} ms latency`, cells: map((c) => fixed(at(c, DEFAULT_CONCURRENCY) / ITEMS, 2)) });
	for (const concurrency of [1, 4, 16]) {
		const ideal = (concurrency * 1000) / LATENCY;
		const share = (column: Column) => rate(at(column, concurrency)) / ideal;
		const columns: Column[] = concurrency === 1 ? COLUMNS : CONCURRENT;
		rows.push({
			label: `concurrency ${concurrency} at ${LATENCY} ms: items/s (% of ideal ${fixed(ideal, 0)}/s)`,
			cells: Object.fromEntries(columns.map((c) => [c, `${fixed(rate(at(c, concurrency)))} (${fixed(share(c) * 100, 0)}%)`])),
			target: '>= 90% (node)',
			met: share('password') >= 0.9 && share('accessKey') >= 0.9,
		});
	}
}

/** ID Card OCR against its n8n floor at 100 ms: what the ID card node adds to the same calls. */
async function idCardLatency(setup: Setup, rows: Row[]): Promise<void> {
	await setup.server.setLatency(LATENCY);
	const columns = ['idCardFloor', 'idCard'] as const;
	const times = await takeTurns(setup, columns, ID_CARD_REPS, 1);
	const perItem = Object.fromEntries(columns.map((column) => [column, median(times.get(column)!) / ITEMS])) as Record<(typeof columns)[number], number>;
	for (const column of columns) log(`${LATENCY} ms, ${column}: ${times.get(column)!.map((t) => fixed(t, 0)).join(', ')} ms`);
	const ratio = perItem.idCard / perItem.idCardFloor;
	rows.push({
		label: `ID card, ${LATENCY} ms latency, concurrency ${DEFAULT_CONCURRENCY}: items/s (median of ${ID_CARD_REPS} runs)`,
		cells: { idCardFloor: fixed(rate(perItem.idCardFloor, 1)), idCard: fixed(rate(perItem.idCard, 1)) },
	});
	rows.push({
		label: `ID card, ${LATENCY} ms latency: node / n8n floor (per-item time)`,
		cells: { idCard: fixed(ratio, 3) },
		target: '<= 1.05 (ID card node)',
		met: ratio <= 1.05,
	});
}

async function memory(setup: Setup, rows: Row[]): Promise<void> {
	const { server } = setup;
	await server.setLatency(0);
	const big = makeBmp(1600, 1530);
	const token = await requestToken(server.url);
	const sampler = startRssSampler();
	const columns = ['floor', 'password', 'accessKey'] as const;
	const stores = { password: credential('password', server.url), accessKey: credential('accessKey', server.url) };
	const run = async (column: (typeof columns)[number], items: Awaited<ReturnType<typeof imageItems>>) =>
		column === 'floor'
			? await runFloor(items, `${server.url}/v2/${token.projectId}/ocr/bankcard`, token.token, DEFAULT_CONCURRENCY)
			: await runOcr(items, stores[column], DEFAULT_CONCURRENCY);
	const cells = new Map<number, Partial<Record<Column, string>>>();
	const speed: Partial<Record<Column, string>> = {};
	const met: boolean[] = [];
	try {
		for (const column of columns) {
			await run(column, await imageItems(big, 8)); // warm-up
			for (const count of [ITEMS, 50]) {
				const items = await imageItems(big, count);
				collectGarbage();
				await sampler.reset();
				const baseline = process.memoryUsage.rss();
				const ms = await timed(async () => await run(column, items));
				const { peak, samples } = await sampler.read();
				const growth = peak - baseline;
				log(`memory, ${column}, ${count} x ${mb(big.length)}: ${fixed(ms, 0)} ms, baseline ${mb(baseline)}, peak ${mb(peak)} (${samples} samples)`);
				cells.set(count, { ...cells.get(count), [column]: `${mb(baseline)} / ${mb(peak)} / ${mb(growth)}` });
				if (count === ITEMS) speed[column] = fixed(rate(ms, count));
				if (column !== 'floor') met.push(growth < 300 * MB);
			}
		}
	} finally {
		await sampler.stop();
	}
	const size = `${fixed(big.length / MB)} MB`;
	for (const count of [ITEMS, 50]) {
		rows.push({
			label: `${count} images of ${size}, concurrency ${DEFAULT_CONCURRENCY}: RSS baseline / peak / growth`,
			cells: cells.get(count) ?? {},
			target: '< 300 MB growth (node)',
			met: met.every(Boolean),
		});
	}
	rows.push({ label: `${ITEMS} images of ${size}, concurrency ${DEFAULT_CONCURRENCY}: items/s`, cells: speed });
}

function map(cell: (column: Column) => string): Partial<Record<Column, string>> {
	return Object.fromEntries(COLUMNS.map((column) => [column, cell(column)]));
}

function table(rows: Row[]): string {
	const header = ['measurement', ...TABLE_COLUMNS.map((c) => HEADINGS[c]), 'target', 'met'];
	const lines = rows.map((row) => [
		row.label,
		...TABLE_COLUMNS.map((c) => row.cells[c] ?? ''),
		row.target ?? '',
		row.met === undefined ? '' : row.met ? 'yes' : 'NO',
	]);
	const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
	const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
	assertNoNock();
	const started = performance.now();
	const loadBefore = loadavg();
	const server = await startServerProcess();
	log(`local Huawei server (child process ${server.pid}) at ${server.url}`);
	const rows: Row[] = [];
	let scaleOutText = '';
	try {
		const small = makeJpeg(856, 540);
		const setup: Setup = { server, small, smallItems: await imageItems(small, ITEMS) };
		if (SECTIONS.has('speed')) await latencyZero(setup, rows);
		if (SECTIONS.has('tokens')) await tokenRequests(setup, rows);
		if (SECTIONS.has('latency')) await latencyHundred(setup, rows);
		if (SECTIONS.has('idcard')) await idCardLatency(setup, rows);
		if (SECTIONS.has('memory')) await memory(setup, rows);
		if (SECTIONS.has('scaleout')) scaleOutText = scaleOutTable(await scaleOut(server));
		assertNoNock();
	} finally {
		await server.stop();
		removeUserFolder();
	}
	const loadAfter = loadavg();
	const cpu = cpus();
	const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
	process.stdout.write(
		[
			`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${mb(totalmem())} RAM, Node ${process.version}, ${process.platform} ${process.arch}`,
			`Load average (1/5/15 min): before ${load(loadBefore)}, after ${load(loadAfter)}; run took ${fixed((performance.now() - started) / 1000, 0)} s`,
			`Small image: ${makeJpeg(856, 540).length} bytes JPEG 856x540; ${ITEMS} items per run; at 0 ms latency ${REPS} runs per column, taking turns`,
			'',
			...(rows.length ? [table(rows), ''] : []),
			...(scaleOutText ? [scaleOutText, ''] : []),
		].join('\n'),
	);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
