/**
 * The package in n8n's queue mode, on real components: PostgreSQL and Redis from Debian, an n8n
 * 2.41.1 main (EXECUTIONS_MODE=queue) and two `n8n worker` processes, each loading this package
 * as an installed community package, binary data in the database. A workflow a user would build
 * for uploads (Webhook -> Bankcard OCR -> Respond to Webhook) is activated on main, and 200
 * different card images are posted at concurrency 16 against the Huawei stand-in answering in
 * about 200 ms, in both authentication modes.
 *
 * Every image carries its own card (test/server/cardImage.ts), so an answer that crossed over
 * shows. The stand-in finds out which process made each call from the kernel's socket table
 * (services/socketOwner.ts): sign-ins, project lookups and OCR calls are counted per worker
 * without asking n8n. n8n's own view comes from the workers' logs ("Worker started execution N")
 * and its execution records in PostgreSQL.
 *
 * The closing step kills one worker with SIGKILL in the middle of the load and records what n8n
 * did with the executions that worker had in flight (printed as a note, and asserted).
 */
import { ensureN8n, ensureNode24 } from '../../scripts/n8nRuntime';
import { ACCESS_KEY, IAM_USER } from '../helpers/fixtures';
import { readCard, startHuaweiServer, type HuaweiServer } from '../server/huaweiServer';
import { cardWebhookWorkflow, loadCards, postCards, type Answer, type LoadCard } from './cardLoad';
import { startQueueStack, type ExecutionRecord, type QueueStack, type QueueWorker } from './services/n8nQueue';
import { clientProcess } from './services/socketOwner';

const ITEMS = 200;
const CONCURRENCY = 16;
const LATENCY_MS = 200;
/** A request unanswered after this long counts as hanging. */
const REQUEST_TIMEOUT_MS = 150_000;

/**
 * A dead worker's jobs are found by Bull's stalled-job check once their lock lapses. n8n's
 * defaults (lock 60 s, renewed every 10 s, checked every 30 s) would make the suite wait up to
 * 90 s; shorter values give the same behaviour within seconds. README, "Running at scale".
 */
const QUEUE_TIMING = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

interface Tally {
	signIns: number;
	projectLookups: number;
	ocr: number;
}

interface CardAnswer {
	execution?: string;
	card?: Record<string, unknown>;
}

let stack: QueueStack;
let server: HuaweiServer;
/** Calls seen at the stand-in, by the process that made them ('main', 'worker-1', 'worker-2#2'...). */
let tally = new Map<string, Tally>();
/** OCR calls per card number, from the image each call carried. */
let ocrCallsByCard = new Map<string, number>();
const notes: string[] = [];

function processName(pid: number | undefined): string {
	if (pid === undefined) return 'unknown';
	if (pid === stack.main.child.pid) return 'main';
	const index = stack.workers.findIndex((worker) => worker.pid === pid);
	if (index < 0) return 'unknown';
	const { name } = stack.workers[index];
	const generation = stack.workers.slice(0, index + 1).filter((worker) => worker.name === name).length;
	return generation > 1 ? `${name}#${generation}` : name;
}

function count(req: { method?: string; url?: string; socket: { remotePort?: number } }): void {
	if (!stack) return;
	const path = (req.url ?? '').split('?')[0];
	const kind: keyof Tally | undefined =
		req.method === 'POST' && path === '/v3/auth/tokens'
			? 'signIns'
			: req.method === 'GET' && path === '/v3/projects'
				? 'projectLookups'
				: req.method === 'POST' && path.endsWith('/ocr/bankcard')
					? 'ocr'
					: undefined;
	if (!kind) return;
	const pids = [stack.main.child.pid as number, ...stack.workers.filter((w) => w.alive).map((w) => w.pid)];
	const name = processName(clientProcess(req.socket.remotePort ?? 0, server.port, pids));
	const entry = tally.get(name) ?? { signIns: 0, projectLookups: 0, ocr: 0 };
	entry[kind]++;
	tally.set(name, entry);
}

function resetCounts(): void {
	tally = new Map();
	ocrCallsByCard = new Map();
}

function snapshot(): Record<string, Tally> {
	return Object.fromEntries([...tally].map(([name, entry]) => [name, { ...entry }]));
}

function total(counts: Record<string, Tally>, kind: keyof Tally): number {
	return Object.values(counts).reduce((sum, entry) => sum + entry[kind], 0);
}

function difference(after: Record<string, Tally>, before: Record<string, Tally>, kind: keyof Tally): Record<string, number> {
	return Object.fromEntries(Object.entries(after).map(([name, entry]) => [name, entry[kind] - (before[name]?.[kind] ?? 0)]));
}

/** Which worker's log says it started each execution id. */
function startedBy(executionIds: string[]): Record<string, number> {
	const split: Record<string, number> = {};
	for (const id of executionIds) {
		const index = stack.workers.findIndex((worker) => worker.started.has(id));
		const name = index < 0 ? 'no worker logged it' : processName(stack.workers[index].pid);
		split[name] = (split[name] ?? 0) + 1;
	}
	return split;
}

/** The answer's card and execution when it is a 200 carrying the card of its own image. */
function ownResult(answer: Answer, card: LoadCard): CardAnswer | undefined {
	if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null) return undefined;
	const body = answer.body as CardAnswer;
	const got = body.card ?? {};
	const own = (['bank_name', 'card_number', 'expiry_date', 'type'] as const).every((field) => got[field] === card.card[field]);
	return own ? body : undefined;
}

function note(text: string): void {
	notes.push(text);
	process.stderr.write(`[queue e2e] ${text}\n`);
}

beforeAll(async () => {
	const node24 = ensureNode24();
	ensureN8n(node24);
	server = await startHuaweiServer({
		latencyMs: LATENCY_MS,
		onRequest: count,
		cards: (input) => {
			const carried = input.image ? readCard(input.image) : undefined;
			if (carried && 'card' in carried) {
				const number = String(carried.card.card_number);
				ocrCallsByCard.set(number, (ocrCallsByCard.get(number) ?? 0) + 1);
			}
			return undefined; // the stand-in answers with the carried card itself
		},
	});
	stack = await startQueueStack(node24, { workers: 2, env: QUEUE_TIMING });
	const common = { region: 'cn-north-4', iamEndpoint: server.url, ocrEndpoint: server.url };
	const password = await stack.createCredential('Huawei OCR (password)', 'huaweiOcrApi', {
		...common,
		authentication: 'password',
		userName: IAM_USER.name,
		password: IAM_USER.password,
		accountName: IAM_USER.domain,
	});
	const accessKey = await stack.createCredential('Huawei OCR (AK/SK)', 'huaweiOcrApi', {
		...common,
		authentication: 'accessKey',
		accessKeyId: ACCESS_KEY.ak,
		secretAccessKey: ACCESS_KEY.sk,
	});
	await stack.createActiveWorkflow(
		cardWebhookWorkflow('Card uploads (password)', 'cards-password', { id: password, name: 'Huawei OCR (password)' }),
	);
	await stack.createActiveWorkflow(
		cardWebhookWorkflow('Card uploads (AK/SK)', 'cards-accesskey', { id: accessKey, name: 'Huawei OCR (AK/SK)' }),
	);
}, 15 * 60 * 1000);

afterAll(async () => {
	try {
		await stack?.stop();
	} finally {
		await server?.close();
	}
	if (notes.length) console.log(`queue mode, what happened:\n- ${notes.join('\n- ')}`);
}, 120_000);

interface Load {
	answers: Answer[];
	seconds: number;
	/** The executions n8n recorded for this load. */
	executions(): Promise<ExecutionRecord[]>;
}

/** Posts the cards to a webhook path at CONCURRENCY; `onAnswer` may act in the middle of the load. */
async function runLoad(path: string, cards: LoadCard[], onAnswer?: (answer: Answer, settled: number) => void): Promise<Load> {
	const firstId = await stack.lastExecutionId();
	const started = Date.now();
	const answers = await postCards(stack.webhookUrl(path), cards, { concurrency: CONCURRENCY, timeoutMs: REQUEST_TIMEOUT_MS, onAnswer });
	return { answers, seconds: (Date.now() - started) / 1000, executions: async () => await stack.executionsAfter(firstId) };
}

/** Every answer is a 200 with its own image's card, from an execution of its own; returns those executions. */
async function expectAllOwn(load: Load, cards: LoadCard[]): Promise<string[]> {
	const wrong = load.answers
		.filter((answer, i) => !ownResult(answer, cards[i]))
		.map((answer) => ({ index: answer.index, status: answer.status, error: answer.error, body: answer.body }));
	if (wrong.length) {
		const failedExecutions = (await load.executions()).filter((row) => row.status !== 'success');
		note(`not answered with their own card: ${JSON.stringify(wrong)}; failed executions: ${JSON.stringify(failedExecutions)}`);
	}
	expect(wrong).toEqual([]);
	const executions = load.answers.map((answer) => String((answer.body as CardAnswer).execution));
	expect(new Set(executions).size).toBe(load.answers.length);
	return executions;
}

describe('Bankcard OCR in n8n queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	it('password mode: 200 images at concurrency 16 each get their own card, on both workers, with at most one sign-in per worker, and one more per worker after the token expires mid-load', async () => {
		resetCounts();
		const cards = loadCards(ITEMS, 1);
		let beforeExpiry: Record<string, Tally> = {};
		const load = await runLoad('cards-password', cards, (_answer, settled) => {
			if (settled === ITEMS / 2) {
				beforeExpiry = snapshot();
				server.expireTokens();
			}
		});
		const { seconds } = load;

		const executions = await expectAllOwn(load, cards);
		const after = snapshot();
		const split = startedBy(executions);
		const ocrSplit = Object.fromEntries(Object.entries(after).map(([name, entry]) => [name, entry.ocr]));
		note(`password mode: ${ITEMS} images in ${seconds.toFixed(1)} s (${(ITEMS / seconds).toFixed(1)}/s); executions by worker (n8n's logs): ${JSON.stringify(split)}; OCR calls by process (stand-in): ${JSON.stringify(ocrSplit)}`);
		note(`password mode sign-ins by process: ${JSON.stringify(difference(beforeExpiry, {}, 'signIns'))} before the stand-in expired the token at ${ITEMS / 2} answers, ${JSON.stringify(difference(after, beforeExpiry, 'signIns'))} after`);

		// Both workers ran executions, and only workers called Huawei.
		expect(Object.keys(split).sort()).toEqual(['worker-1', 'worker-2']);
		expect(Math.min(...Object.values(split))).toBeGreaterThan(0);
		expect(Object.keys(after).sort()).toEqual(['worker-1', 'worker-2']);
		// Sign-ins: at most one per worker process, and at least one in all.
		for (const count of Object.values(difference(beforeExpiry, {}, 'signIns'))) expect(count).toBeLessThanOrEqual(1);
		expect(total(beforeExpiry, 'signIns')).toBeGreaterThanOrEqual(1);
		// After the expiry: every worker that still called Huawei had to sign in again, once.
		const again = difference(after, beforeExpiry, 'signIns');
		for (const count of Object.values(again)) expect(count).toBeLessThanOrEqual(1);
		expect(Object.values(again).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
		// No image was read twice.
		expect([...ocrCallsByCard.values()].filter((calls) => calls > 1)).toEqual([]);
		expect(server.stats.projectLookups).toBe(0);
	});

	it('the images went through n8n\'s database binary data mode: stored in PostgreSQL by main, read there by the workers', async () => {
		const rows = await stack.postgres.queryJson<{ files: number; bytes: number }>(
			stack.database,
			`SELECT count(*)::int AS files, coalesce(sum("fileSize"), 0)::int AS bytes FROM binary_data WHERE "mimeType" = 'image/jpeg'`,
		);
		expect(rows[0].files).toBeGreaterThanOrEqual(ITEMS);
		note(`binary data mode database: ${rows[0].files} images (${rows[0].bytes} bytes) in PostgreSQL's binary_data table`);
	});

	it('AK/SK mode: 200 images each get their own card, on both workers, with no sign-in and at most one project lookup per worker', async () => {
		resetCounts();
		const cards = loadCards(ITEMS, 2);
		const load = await runLoad('cards-accesskey', cards);
		const { seconds } = load;

		const executions = await expectAllOwn(load, cards);
		const after = snapshot();
		const split = startedBy(executions);
		note(`AK/SK mode: ${ITEMS} images in ${seconds.toFixed(1)} s (${(ITEMS / seconds).toFixed(1)}/s); executions by worker: ${JSON.stringify(split)}; project lookups by process: ${JSON.stringify(difference(after, {}, 'projectLookups'))}`);
		expect(Object.keys(split).sort()).toEqual(['worker-1', 'worker-2']);
		expect(total(after, 'signIns')).toBe(0);
		for (const count of Object.values(difference(after, {}, 'projectLookups'))) expect(count).toBeLessThanOrEqual(1);
		expect(total(after, 'projectLookups')).toBeGreaterThanOrEqual(1);
		expect(server.stats.ocrByAuth.accessKey).toBeGreaterThanOrEqual(ITEMS);
	});

	it('SIGKILL of one worker mid-load: the other keeps serving, every request gets its own card or an error status, none hangs or is answered twice; the restarted worker takes work again', async () => {
		resetCounts();
		const cards = loadCards(ITEMS, 3);
		const [survivor, victim] = stack.workers.slice(-2) as [QueueWorker, QueueWorker];
		expect([survivor.name, victim.name]).toEqual(['worker-1', 'worker-2']);
		let killed: Promise<void> | undefined;
		let killedAt = 0;
		const load = await runLoad('cards-password', cards, (_answer, settled) => {
			if (settled === 60) {
				killedAt = Date.now();
				killed = victim.kill('SIGKILL');
			}
		});
		const { answers, seconds } = load;
		await killed;
		expect(victim.alive).toBe(false);

		// Every request was answered, once (postCards keeps one answer per request): none hung.
		expect(answers.filter((answer) => answer.error)).toEqual([]);
		const own = answers.filter((answer, i) => ownResult(answer, cards[i]));
		const failed = answers.filter((answer) => answer.status !== 200);
		// Nothing crossed over: every 200 carries its own image's card.
		expect(own.length + failed.length).toBe(ITEMS);
		const ownExecutions = own.map((answer) => String((answer.body as CardAnswer).execution));
		expect(new Set(ownExecutions).size).toBe(own.length);

		// Bull notices the lapsed lock at its next stalled-job check; give n8n time to record it.
		let rows: ExecutionRecord[] = [];
		const deadline = Date.now() + 60_000;
		do {
			if (rows.length) await new Promise((resolve) => setTimeout(resolve, 1000));
			rows = await load.executions();
		} while (rows.some((row) => ['new', 'running'].includes(row.status)) && Date.now() < deadline);

		// In flight on the killed worker: every execution of this load the survivor did not run and
		// the victim did not finish (it may have taken a job without having logged it yet).
		const inFlight = rows.map((row) => row.id).filter((id) => !survivor.started.has(id) && !victim.finished.has(id));
		const inFlightRows = rows.filter((row) => inFlight.includes(row.id));
		const count = (values: string[]) => {
			const counts: Record<string, number> = {};
			for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
			return counts;
		};
		const answeredOk = inFlight.filter((id) => ownExecutions.includes(id));
		const after = (answer: Answer) => answer.startedAt + answer.ms >= killedAt;
		const range = (list: Answer[]) => {
			const after = list.map((answer) => (answer.startedAt + answer.ms - killedAt) / 1000);
			return after.length ? `${Math.min(...after).toFixed(1)}-${Math.max(...after).toFixed(1)}` : 'none';
		};
		note(
			`SIGKILL of worker-2 after 60 of ${ITEMS} answers: ${own.length} answered with their own card, ${failed.length} with an error status ` +
				`${JSON.stringify(count(failed.map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`)))}, 0 unanswered; ` +
				`the error answers came ${range(failed)} s after the kill (lock ${QUEUE_TIMING.QUEUE_WORKER_LOCK_DURATION} ms, stalled check every ${QUEUE_TIMING.QUEUE_WORKER_STALLED_INTERVAL} ms); ` +
				`the load took ${seconds.toFixed(1)} s, the ${answers.filter(after).length} answers after the kill came ${range(answers.filter(after))} s after it`,
		);
		note(
			`executions worker-2 had in flight when killed: ${inFlight.length} (ids ${inFlight.join(', ')}; ${inFlight.filter((id) => victim.started.has(id)).length} logged as started by it); ` +
				`n8n recorded them as ${JSON.stringify(count(inFlightRows.map((row) => row.status)))} with ${JSON.stringify(count(inFlightRows.map((row) => row.error ?? '')))}; ` +
				`${answeredOk.length} of them had already answered their request with its card (Respond to Webhook had run)`,
		);
		note(`all ${rows.length} executions of this load in PostgreSQL: ${JSON.stringify(count(rows.map((row) => row.status)))}; by worker: ${JSON.stringify(startedBy(rows.map((row) => row.id)))}`);
		const rerun = [...ocrCallsByCard].filter(([, calls]) => calls > 1).length;
		note(`images read twice at the stand-in (an execution run again): ${rerun}`);

		// One execution per request: n8n ran none twice and lost none.
		expect(rows).toHaveLength(ITEMS);
		expect(rerun).toBe(0);
		// The survivor carried on with the rest of the load.
		expect(own.length).toBeGreaterThan(ITEMS / 2);
		expect(survivor.started.size).toBeGreaterThan(0);
		// The requests that failed are exactly those whose execution died with the worker before
		// answering; every other execution succeeded, and none is left open.
		expect(failed.length).toBe(inFlight.length - answeredOk.length);
		expect(rows.filter((row) => !inFlight.includes(row.id) && row.status !== 'success')).toEqual([]);
		expect(rows.filter((row) => ['new', 'running'].includes(row.status))).toEqual([]);

		// The worker, restarted, takes work again.
		resetCounts();
		const restarted = await stack.startWorker('worker-2');
		const more = loadCards(48, 4);
		const executions = await expectAllOwn(await runLoad('cards-password', more), more);
		const split = startedBy(executions);
		note(`after restarting worker-2: 48 images, executions by worker: ${JSON.stringify(split)}; sign-ins by process: ${JSON.stringify(difference(snapshot(), {}, 'signIns'))}`);
		expect(executions.filter((id) => restarted.started.has(id)).length).toBeGreaterThan(0);
		for (const count of Object.values(difference(snapshot(), {}, 'signIns'))) expect(count).toBeLessThanOrEqual(1);
	});
});
