/**
 * The scale-out section of the benchmark: the queue suite's load (200 different card images
 * posted to a Webhook -> Bankcard OCR -> Respond to Webhook workflow at concurrency 16) on n8n in
 * queue mode with one worker, then with two, in two profiles:
 *
 * - the issue's load: the stand-in answers in 200 ms, each worker runs up to 8 executions at once;
 * - latency-bound: the stand-in answers in 3 s, each worker runs up to 5 at once, so few items
 *   per second are asked for and the cores are not what limits them.
 *
 * In both, fewer executions fit on one worker than there are requests in flight: one worker is
 * the bottleneck, and a second one can at best double the items per second. Next to the rates it
 * reports the CPU time each part of the stack spends per item (main, workers, PostgreSQL, Redis,
 * the stand-in, this client), and from that the most items per second the machine's cores allow,
 * whatever the number of workers.
 */
import { cpus } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';

import { ensureN8n, ensureNode24 } from '../n8nRuntime';
import { cardWebhookWorkflow, loadCards, postCards, type LoadCard } from '../../test/e2e/cardLoad';
import { startQueueStack, type QueueStack } from '../../test/e2e/services/n8nQueue';
import { IAM_USER } from '../../test/helpers/fixtures';
import { cpuSeconds, cpuUsed, postmasterPid, withChildren } from './cpu';
import type { ServerProcess } from './server';

export interface ScaleOutProfile {
	label: string;
	items: number;
	concurrency: number;
	latencyMs: number;
	workerConcurrency: number;
	runs: number;
	/** Also measure the workflow without the OCR node (one run, one worker): n8n's own cost. */
	floor?: boolean;
}

export const SCALE_OUT_GOAL = 1.8;

export const SCALE_OUT_PROFILES: ScaleOutProfile[] = [
	{ label: "the issue's load", items: 200, concurrency: 16, latencyMs: 200, workerConcurrency: 8, runs: 3, floor: true },
	{ label: 'latency-bound', items: 200, concurrency: 16, latencyMs: 3000, workerConcurrency: 5, runs: 1 },
];

export const CPU_GROUPS = ['main', 'workers', 'PostgreSQL', 'Redis', 'stand-in', 'client'] as const;

export interface ScaleOutResult {
	profile: ScaleOutProfile;
	/** Items per second of every run, by number of workers. */
	runs: Record<1 | 2, number[]>;
	/** CPU milliseconds per item of each part of the stack, over the measured runs, by number of workers. */
	cpuPerItem: Record<1 | 2, Record<string, number>>;
	/** Median items per second, by number of workers. */
	rate: Record<1 | 2, number>;
	ratio: number;
	/** Executions each worker ran in the 2-worker runs (from their logs). */
	split: Record<string, number>;
	/** The workflow without the OCR node, one worker: items/s and CPU ms per item. */
	floor?: { rate: number; cpuPerItem: Record<string, number> };
}

export interface ScaleOut {
	results: ScaleOutResult[];
	startupSeconds: number;
}

function log(message: string): void {
	process.stderr.write(`[bench scale-out] ${message}\n`);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** CPU seconds used so far by each part of the stack. */
function sampleCpu(stack: QueueStack, server: ServerProcess): Map<string, Map<number, number>> {
	const postmaster = postmasterPid(join(stack.postgres.dir, 'data'));
	const pids: Record<(typeof CPU_GROUPS)[number], number[]> = {
		main: [stack.main.child.pid as number],
		workers: stack.workers.filter((worker) => worker.alive).map((worker) => worker.pid),
		PostgreSQL: postmaster ? withChildren(postmaster) : [],
		Redis: [stack.redis.process.pid as number],
		'stand-in': [server.pid],
		client: [process.pid],
	};
	return new Map(Object.entries(pids).map(([group, list]) => [group, cpuSeconds(list)]));
}

const CARDS_PATH = 'bench-cards';
const FLOOR_PATH = 'bench-floor';

/**
 * Items per second of one load and the CPU seconds it took. Throws unless every answer is a 200
 * (and, from the OCR workflow, carries the image's own card).
 */
async function measure(
	stack: QueueStack,
	server: ServerProcess,
	path: string,
	cards: LoadCard[],
	concurrency: number,
): Promise<{ rate: number; executions: string[]; cpuPerItem: Record<string, number> }> {
	const before = sampleCpu(stack, server);
	const started = performance.now();
	const answers = await postCards(stack.webhookUrl(path), cards, { concurrency, timeoutMs: 180_000 });
	const ms = performance.now() - started;
	const cpu = cpuUsed(before, sampleCpu(stack, server));
	const executions: string[] = [];
	answers.forEach((answer, i) => {
		const body = answer.body as { execution?: string; card?: { card_number?: string } } | undefined;
		if (answer.status !== 200 || (path === CARDS_PATH && body?.card?.card_number !== cards[i].card.card_number)) {
			throw new Error(`scale-out: image ${i} was answered ${answer.status ?? answer.error}, not with its own card`);
		}
		executions.push(String(body?.execution));
	});
	const cpuPerItem = Object.fromEntries([...cpu].map(([group, seconds]) => [group, (seconds * 1000) / cards.length]));
	return { rate: (cards.length * 1000) / ms, executions, cpuPerItem };
}

let series = 10;

async function runProfile(stack: QueueStack, server: ServerProcess, profile: ScaleOutProfile): Promise<ScaleOutResult> {
	await server.setLatency(profile.latencyMs);
	const runs: Record<1 | 2, number[]> = { 1: [], 2: [] };
	const cpuPerItem: Record<1 | 2, Record<string, number>> = { 1: {}, 2: {} };
	const split: Record<string, number> = {};
	let floor: ScaleOutResult['floor'];
	const load = async (path: string, items: number) => await measure(stack, server, path, loadCards(items, series++), profile.concurrency);
	for (const running of stack.workers.filter((worker) => worker.alive)) await running.stop();
	for (const workers of [1, 2] as const) {
		await stack.startWorker(`worker-${workers}`, profile.workerConcurrency);
		log(`${profile.label}: ${workers} worker(s) up`);
		// Warm-up: JIT, sign-in, database caches, on every worker.
		await load(CARDS_PATH, profile.concurrency * 2);
		for (let run = 0; run < profile.runs; run++) {
			const measured = await load(CARDS_PATH, profile.items);
			runs[workers].push(measured.rate);
			log(`${profile.label}, ${workers} worker(s), run ${run + 1}: ${measured.rate.toFixed(1)} items/s`);
			for (const [group, ms] of Object.entries(measured.cpuPerItem)) {
				cpuPerItem[workers][group] = (cpuPerItem[workers][group] ?? 0) + ms / profile.runs;
			}
			if (workers === 2) {
				for (const worker of stack.workers.filter((w) => w.alive)) {
					split[worker.name] = (split[worker.name] ?? 0) + measured.executions.filter((id) => worker.started.has(id)).length;
				}
			}
		}
		if (workers === 1 && profile.floor) {
			await load(FLOOR_PATH, profile.concurrency * 2);
			const measured = await load(FLOOR_PATH, profile.items);
			floor = { rate: measured.rate, cpuPerItem: measured.cpuPerItem };
			log(`${profile.label}, without the OCR node, 1 worker: ${measured.rate.toFixed(1)} items/s`);
		}
	}
	const rate = { 1: median(runs[1]), 2: median(runs[2]) };
	return { profile, runs, cpuPerItem, rate, ratio: rate[2] / rate[1], split, floor };
}

export async function scaleOut(server: ServerProcess): Promise<ScaleOut> {
	const node24 = ensureNode24();
	ensureN8n(node24);
	const startedAt = performance.now();
	const stack = await startQueueStack(node24, { workers: 0 });
	try {
		const credential = await stack.createCredential('Huawei OCR (bench)', 'huaweiOcrApi', {
			region: 'cn-north-4',
			iamEndpoint: server.url,
			ocrEndpoint: server.url,
			authentication: 'password',
			userName: IAM_USER.name,
			password: IAM_USER.password,
			accountName: IAM_USER.domain,
		});
		await stack.createActiveWorkflow(cardWebhookWorkflow('Bench card uploads', CARDS_PATH, { id: credential, name: 'Huawei OCR (bench)' }));
		await stack.createActiveWorkflow(cardWebhookWorkflow('Bench uploads without OCR', FLOOR_PATH));
		const startupSeconds = (performance.now() - startedAt) / 1000;
		log(`PostgreSQL, Redis and main up in ${startupSeconds.toFixed(0)} s`);
		const results: ScaleOutResult[] = [];
		for (const profile of SCALE_OUT_PROFILES) results.push(await runProfile(stack, server, profile));
		return { results, startupSeconds };
	} finally {
		await stack.stop();
	}
}

export function scaleOutTable({ results, startupSeconds }: ScaleOut): string {
	const fixed = (value: number, digits = 1) => value.toFixed(digits);
	const cores = cpus().length;
	const lines = [
		`| n8n queue mode, ${results[0]?.profile.items ?? 0} images at concurrency ${results[0]?.profile.concurrency ?? 0} | workers | items/s (median) | runs | ideal | CPU ms per item: ${CPU_GROUPS.join(' / ')} | all | most items/s ${cores} cores allow | 2 / 1 worker (goal >= ${SCALE_OUT_GOAL}) |`,
		'|---|---|---|---|---|---|---|---|---|',
	];
	const row = (name: string, workers: string, rate: string, runs: string, ideal: string, perItem: Record<string, number>, ratio: string) => {
		const total = Object.values(perItem).reduce((a, b) => a + b, 0);
		const cells = CPU_GROUPS.map((group) => fixed(perItem[group] ?? 0)).join(' / ');
		return `| ${name} | ${workers} | ${rate} | ${runs} | ${ideal} | ${cells} | ${fixed(total)} | ${fixed((cores * 1000) / total)} | ${ratio} |`;
	};
	for (const result of results) {
		const { profile } = result;
		const name = `${profile.label}: ${profile.latencyMs} ms per call, worker --concurrency=${profile.workerConcurrency}`;
		for (const workers of [1, 2] as const) {
			const ideal = (Math.min(workers * profile.workerConcurrency, profile.concurrency) * 1000) / profile.latencyMs;
			const ratio = workers === 2 ? `${fixed(result.ratio, 2)} (${result.ratio >= SCALE_OUT_GOAL ? 'met' : 'NOT met'})` : '';
			const runs = result.runs[workers].map((r) => fixed(r)).join(' / ');
			lines.push(row(workers === 1 ? name : '', String(workers), fixed(result.rate[workers]), runs, fixed(ideal), result.cpuPerItem[workers], ratio));
			if (workers === 1 && result.floor) {
				lines.push(row('the same without the OCR node (Webhook -> Respond): n8n alone', '1', fixed(result.floor.rate), '', '', result.floor.cpuPerItem, ''));
			}
		}
	}
	lines.push('', `Executions per worker in the 2-worker runs: ${results.map((r) => `${r.profile.label} ${JSON.stringify(r.split)}`).join('; ')}. PostgreSQL, Redis and main up in ${fixed(startupSeconds, 0)} s.`);
	return lines.join('\n');
}
