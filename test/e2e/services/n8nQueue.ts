/**
 * n8n in queue mode, as a production install scales out: PostgreSQL for state, Redis for the
 * queue, one main process (`n8n start`, EXECUTIONS_MODE=queue: editor, REST API, webhooks) that
 * enqueues executions, and `n8n worker` processes that run them. Binary data is kept in the
 * database (n8n's `database` mode, the queue-mode default), so a file a webhook received on main
 * is readable by whichever worker runs the execution.
 *
 * Every process gets its own user folder with this package installed the way n8n's
 * community-package installer leaves it (scripts/n8nRuntime.ts prepareUserFolder), as each
 * machine of a real deployment has its own ~/.n8n. They share the encryption key, so a credential
 * saved through main decrypts on every worker.
 *
 * Used by the queue end-to-end suite and by the benchmark's scale-out section.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import {
	freePort,
	n8nEnv,
	prepareUserFolder,
	setupOwner,
	spawnN8n,
	startN8nProcess,
	stopN8n,
	waitUntilReady,
	type N8nProcess,
} from '../../../scripts/n8nRuntime';
import { startPostgres, type Postgres } from './postgres';
import { startRedis, type Redis } from './redis';

export interface QueueStackOptions {
	/** Workers started with the stack (more with startWorker). */
	workers: number;
	/** `n8n worker --concurrency`; n8n's default is 10. */
	workerConcurrency?: number;
	/** Added to every process's environment (main and workers). */
	env?: Record<string, string>;
}

export interface QueueWorker {
	readonly name: string;
	readonly pid: number;
	readonly n8n: N8nProcess;
	/** Execution ids this process logged as started ("Worker started execution N"). */
	readonly started: Set<string>;
	/** Execution ids this process logged as finished ("Worker finished execution N"). */
	readonly finished: Set<string>;
	readonly alive: boolean;
	/** Sends a signal and waits until the process is gone. */
	kill(signal: NodeJS.Signals): Promise<void>;
	/** SIGTERM (n8n drains its jobs first), SIGKILL after 15 s. */
	stop(): Promise<void>;
}

/** An execution as n8n recorded it in PostgreSQL. */
export interface ExecutionRecord {
	id: string;
	status: string;
	finished: boolean;
	/** For failed ones: the workflow's error message, and the failing node's if different. */
	error?: string;
}

export interface QueueStack {
	readonly node24: string;
	readonly postgres: Postgres;
	readonly redis: Redis;
	/** The PostgreSQL database n8n uses. */
	readonly database: string;
	readonly mainPort: number;
	readonly main: N8nProcess;
	/** Every worker started, in order (a restarted one appears again, under the same name). */
	readonly workers: QueueWorker[];
	/** The queue-mode settings main and workers share (database password left out). */
	readonly sharedSettings: Record<string, string>;
	/**
	 * Starts a worker (`--concurrency` as given, else the stack's); a name used before reuses
	 * that worker's user folder (a restart).
	 */
	startWorker(name: string, concurrency?: number): Promise<QueueWorker>;
	/** A call to main's REST API as the owner; resolves the `data` of the answer. */
	api<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T>;
	/** Saves a credential through main (n8n encrypts it) and returns its id. */
	createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string>;
	/** Saves a workflow through main and activates (publishes) it; returns its id. */
	createActiveWorkflow(workflow: Record<string, unknown>): Promise<string>;
	/** The highest execution id so far (0 for none). */
	lastExecutionId(): Promise<number>;
	/** The executions with an id above `id`, in order, with the error of each failed one. */
	executionsAfter(id: number): Promise<ExecutionRecord[]>;
	/** The production URL of a webhook path on main. */
	webhookUrl(path: string): string;
	/** Stops every process, Redis and PostgreSQL, and removes every folder; safe to call twice. */
	stop(): Promise<void>;
}

const DATABASE = 'n8n';

/**
 * n8n stores run data in the `flatted` format: a JSON array whose first element is the root and
 * where every string inside an object or array is the index of the element holding the value.
 */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = table[index];
		if (typeof value !== 'object' || value === null) return value;
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, out);
		for (const [key, item] of Object.entries(value)) {
			(out as Record<string, unknown>)[key] = typeof item === 'string' ? revive(Number(item)) : item;
		}
		return out;
	};
	return revive(0);
}

interface RunData {
	resultData?: {
		error?: { message?: string };
		runData?: Record<string, Array<{ error?: { message?: string; description?: string } }>>;
	};
}

function errorOf(data: RunData): string | undefined {
	const messages = new Set<string>();
	if (data.resultData?.error?.message) messages.add(data.resultData.error.message);
	for (const [node, runs] of Object.entries(data.resultData?.runData ?? {})) {
		for (const run of runs) if (run.error?.message) messages.add(`${node}: ${run.error.message}`);
	}
	return messages.size ? [...messages].join(' | ') : undefined;
}

/** The settings a deployment gives main and every worker alike (see README, "Running at scale"). */
function queueSettings(postgres: Postgres, redis: Redis): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: DATABASE,
		DB_POSTGRESDB_USER: postgres.user,
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
	};
}

export async function startQueueStack(node24: string, options: QueueStackOptions): Promise<QueueStack> {
	const folders: string[] = [];
	const workers: QueueWorker[] = [];
	const workerFolders = new Map<string, string>();
	let postgres: Postgres | undefined;
	let redis: Redis | undefined;
	let main: N8nProcess | undefined;
	let stopped: Promise<void> | undefined;

	const stop = () => {
		stopped ??= (async () => {
			await Promise.all(workers.map((worker) => worker.stop()));
			if (main) await stopN8n(main.child);
			await redis?.stop();
			await postgres?.stop();
			for (const folder of folders) rmSync(folder, { recursive: true, force: true });
		})();
		return stopped;
	};

	try {
		[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		await postgres.createDatabase(DATABASE);
		const shared = queueSettings(postgres, redis);
		const secret = { DB_POSTGRESDB_PASSWORD: postgres.password };

		const userFolder = (name: string) => {
			const folder = mkdtempSync(join(tmpdir(), `e2e-n8n-${name}-`));
			folders.push(folder);
			prepareUserFolder(folder, false);
			return folder;
		};
		const environment = async (folder: string, port: number, extra: Record<string, string>) =>
			n8nEnv(node24, folder, port, {
				...shared,
				...secret,
				// n8nEnv puts the task broker on port + 1; a port of its own is safer with many processes.
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				// Stop fast when the suite is done; jobs still running then are the suite's concern.
				N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
				...options.env,
				...extra,
			});

		const mainPort = await freePort();
		main = await startN8nProcess(node24, await environment(userFolder('main'), mainPort, {}), 240_000);
		const cookie = await setupOwner(mainPort);

		const startWorker = async (name: string, concurrency = options.workerConcurrency ?? 10): Promise<QueueWorker> => {
			let folder = workerFolders.get(name);
			if (!folder) {
				folder = userFolder(name);
				workerFolders.set(name, folder);
			}
			const healthPort = await freePort();
			const started = new Set<string>();
			const finished = new Set<string>();
			const n8n = spawnN8n(
				node24,
				['worker', `--concurrency=${concurrency}`],
				await environment(folder, healthPort, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
				(line) => {
					const match = /Worker (started|finished) execution (\d+)/.exec(line);
					if (match) (match[1] === 'started' ? started : finished).add(match[2]);
				},
			);
			const worker: QueueWorker = {
				name,
				pid: n8n.child.pid as number,
				n8n,
				started,
				finished,
				get alive() {
					return n8n.child.exitCode === null && n8n.child.signalCode === null;
				},
				async kill(signal) {
					if (!worker.alive) return;
					const exited = new Promise((resolve) => n8n.child.once('exit', resolve));
					n8n.child.kill(signal);
					await exited;
				},
				stop: async () => await stopN8n(n8n.child),
			};
			workers.push(worker);
			await waitUntilReady(n8n, `http://127.0.0.1:${healthPort}/healthz/readiness`, (status) => status === 200, 180_000);
			return worker;
		};

		const api = async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> => {
			const response = await fetch(`http://127.0.0.1:${mainPort}/rest${path}`, {
				method,
				headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`n8n ${method} /rest${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
			return (JSON.parse(text) as { data: T }).data;
		};

		await Promise.all(Array.from({ length: options.workers }, async (_, i) => await startWorker(`worker-${i + 1}`)));

		return {
			node24,
			postgres,
			redis,
			database: DATABASE,
			mainPort,
			main,
			workers,
			sharedSettings: shared,
			startWorker,
			api,
			async createCredential(name, type, data) {
				return (await api<{ id: string }>('POST', '/credentials', { name, type, data })).id;
			},
			async createActiveWorkflow(workflow) {
				const created = await api<{ id: string; versionId: string }>('POST', '/workflows', workflow);
				await api('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
				// n8n 2.x publishes through an outbox that main polls: the webhooks are registered a
				// moment later, and until then main answers 404 "not registered".
				const deadline = Date.now() + 60_000;
				const registered = `SELECT count(*) FROM webhook_entity WHERE "workflowId" = '${created.id.replace(/'/g, "''")}'`;
				while (Number(await (postgres as Postgres).query(DATABASE, registered)) === 0) {
					if (Date.now() > deadline) throw new Error(`the webhooks of workflow ${created.id} were not registered within 60 s`);
					await new Promise((resolve) => setTimeout(resolve, 250));
				}
				return created.id;
			},
			async lastExecutionId() {
				return Number(await (postgres as Postgres).query(DATABASE, 'SELECT coalesce(max(id), 0) FROM execution_entity'));
			},
			async executionsAfter(id) {
				const rows = await (postgres as Postgres).queryJson<ExecutionRecord & { data: string | null }>(
					DATABASE,
					`SELECT e.id::text AS id, e.status, e.finished, CASE WHEN e.status <> 'success' THEN d.data END AS data
					 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
					 WHERE e.id > ${Math.trunc(id)} ORDER BY e.id`,
				);
				return rows.map(({ data, ...row }) => (data ? { ...row, error: errorOf(unflatten(data) as RunData) } : row));
			},
			webhookUrl: (path) => `http://127.0.0.1:${mainPort}/webhook/${path}`,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
