/**
 * A real n8n 2.x for `npm run dev` and the end-to-end test, installed into a git-ignored folder
 * of the project on first use and reused afterwards.
 *
 * What these machines need (each point checked on them):
 * - n8n 2.x runs on Node >= 24; the machines have Node 20. Node 24 comes from the npm registry
 *   as the package `node@24` unless the machine already has it.
 * - `npm install n8n --ignore-scripts`: without it the install fails (an optional Kafka module
 *   downloads sources from the internet).
 * - n8n 2.41.3, the registry's `latest`, does not install: it pins packages of its own release
 *   that the registry does not have (npm: "No matching version found for @n8n/agents@0.26.2";
 *   n8n-core 2.41.2, n8n-editor-ui 2.41.1, @n8n/task-runner 2.41.2 and @n8n/ai-node-sdk 0.31.2
 *   are missing too, so no `overrides` entry could stand in without swapping n8n's engine and
 *   editor for another release's). The registry has no n8n 2.41.2; 2.41.1 installs.
 * - n8n then starts only once sqlite3's native module is built: `npm rebuild sqlite3` with the
 *   machine's own Node and headers. The module uses Node-API, so the same binary loads under 24.
 */
import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join, resolve } from 'path';

/**
 * The n8n release the suites run: the newest that installs, 2.41.1, unless N8N_E2E_VERSION names
 * another one, such as the previous 2.x line (2.40.7), the last n8n 1.x (1.123.81) or the oldest
 * that loads this package (1.85.3), which .ci/run also runs the CLI suite against.
 */
export const N8N_VERSION = process.env.N8N_E2E_VERSION || '2.41.1';
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
export const PROJECT_ROOT = resolve(__dirname, '..');
export const RUNTIME_DIR = join(PROJECT_ROOT, '.n8n-dev');
// Node 24 and n8n (3 GB) may live elsewhere, so that fresh clones on a machine that is kept
// (CI's) share one install: N8N_RUNTIME_CACHE=<dir>. The dev user folder stays in the project.
export const TOOLS_DIR = process.env.N8N_RUNTIME_CACHE || RUNTIME_DIR;
const N8N_DIR = join(TOOLS_DIR, `n8n-${N8N_VERSION}`);
const PACKAGE_NAME = 'n8n-nodes-huawei-ocr';

function log(message: string): void {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

/** Where the install steps' own output goes: npm prints hundreds of warnings that are no failure. */
export const INSTALL_LOG = join(TOOLS_DIR, 'install.log');

/**
 * One install step: a progress line, the command's output into INSTALL_LOG, and a line with how
 * long it took. When it fails, the end of its output is printed with the log's path, so a real
 * problem is still seen.
 */
function installStep(what: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
	mkdirSync(TOOLS_DIR, { recursive: true });
	const started = Date.now();
	log(`${what} ... (output: ${INSTALL_LOG})`);
	appendFileSync(INSTALL_LOG, `\n=== ${new Date().toISOString()} ${what}: ${command} ${args.join(' ')}\n`);
	const run = spawnSync(command, args, { ...options, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	appendFileSync(INSTALL_LOG, `${run.stdout ?? ''}${run.stderr ?? ''}`);
	if (run.status !== 0) {
		const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${what} failed (${run.error?.message ?? `exit code ${String(run.status)}`}); the last lines of ${INSTALL_LOG}:\n${tail}`);
	}
	log(`${what}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function majorOf(nodeBinary: string): number {
	try {
		const version = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
		return Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
	} catch {
		return 0;
	}
}

/**
 * A Node binary of this major version (or newer, with `orNewer`): the machine's own if it fits,
 * else node@<major> from the registry.
 */
function ensureNodeMajor(major: number, orNewer: boolean): string {
	const fits = (found: number) => (orNewer ? found >= major : found === major);
	if (fits(majorOf(process.execPath))) return process.execPath;
	const dir = join(TOOLS_DIR, `node${major}`);
	const installed = join(dir, 'node_modules', 'node', 'bin', 'node');
	if (fits(majorOf(installed))) return installed;
	mkdirSync(dir, { recursive: true });
	// Its install script fetches nothing: the binary ships inside the package for this platform.
	installStep(`installing Node ${major} from the npm registry (node@${major}, once)`, 'npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', `node@${major}`], {
		env: { ...process.env, npm_config_ignore_scripts: 'false' },
	});
	if (!fits(majorOf(installed))) throw new Error(`node@${major} did not install a usable binary at ${installed}`);
	return installed;
}

/** A Node >= 24 binary: the machine's own if it has one, else node@24 from the registry. */
export function ensureNode24(): string {
	return ensureNodeMajor(24, true);
}

/** The Node that runs N8N_VERSION: 24 for n8n 2.x, 20 (the oldest it supports) for n8n 1.x. */
export function ensureRuntimeNode(): string {
	return N8N_MAJOR >= 2 ? ensureNode24() : ensureNodeMajor(20, false);
}

function n8nBin(): string {
	return join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
}

function sqliteBuilt(): boolean {
	return existsSync(join(N8N_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
}

/** n8n N8N_VERSION installed under .n8n-dev, with sqlite3 built. */
export function ensureN8n(node24: string): string {
	const marker = join(N8N_DIR, '.complete');
	if (existsSync(marker) && existsSync(n8nBin()) && sqliteBuilt()) return n8nBin();
	mkdirSync(N8N_DIR, { recursive: true });
	const env24 = { ...process.env, PATH: `${join(node24, '..')}:${process.env.PATH ?? ''}` };
	if (!existsSync(n8nBin())) {
		// n8n 1.x's nodes depend on xlsx as a tarball from SheetJS's own server, which these
		// machines cannot reach; the last xlsx on the npm registry stands in for it.
		const overrides = N8N_MAJOR < 2 ? { xlsx: '0.18.5' } : undefined;
		writeFileSync(join(N8N_DIR, 'package.json'), JSON.stringify({ name: 'n8n-dev-runtime', private: true, overrides }));
		installStep(
			`installing n8n ${N8N_VERSION} into ${N8N_DIR} (2.8 GB, once; see README for how long)`,
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=dev', `n8n@${N8N_VERSION}`],
			{ cwd: N8N_DIR, env: env24 },
		);
	}
	if (!sqliteBuilt()) {
		// With the machine's own Node and its headers (node-gyp finds them without downloading);
		// Node-API keeps the binary loadable by Node 24.
		installStep('building sqlite3 for n8n (once)', 'npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: N8N_DIR });
	}
	writeFileSync(marker, new Date().toISOString());
	return n8nBin();
}

/**
 * An n8n user folder with this package installed the way n8n's community-package installer
 * leaves it (`.n8n/nodes/node_modules/<pkg>`, listed in `.n8n/nodes/package.json`), so n8n loads
 * it under its own name: `n8n-nodes-huawei-ocr.bankcardOcr`.
 *
 * By default the package is a link to the project, so that `npm run dev` sees every rebuild. With
 * `packageDir` (an unpacked `npm pack`, scripts/packPackage.ts) it is a copy of that instead: then,
 * as for a package n8n installed, `require('n8n-workflow')` finds n8n's own copy (through the
 * module paths n8n adds) rather than the project's devDependency, which a link would resolve to.
 */
export function prepareUserFolder(userFolder: string, fresh = false, packageDir?: string): void {
	if (fresh) rmSync(userFolder, { recursive: true, force: true });
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const link = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: `file:${packageDir ?? PROJECT_ROOT}` } }, null, 2),
	);
	if (!existsSync(link)) {
		if (packageDir) cpSync(packageDir, link, { recursive: true });
		else symlinkSync(PROJECT_ROOT, link, 'dir');
	}
	const { n8n } = readJson<{ n8n: { nodes: string[]; credentials: string[] } }>(join(PROJECT_ROOT, 'package.json'));
	if (![...n8n.nodes, ...n8n.credentials].every((file) => existsSync(join(PROJECT_ROOT, file)))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

/** The environment n8n runs with: SQLite, no telemetry or update checks, this user folder. */
export function n8nEnv(node24: string, userFolder: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${join(node24, '..')}:${process.env.PATH ?? ''}`,
		// Under jest NODE_ENV is "test", which makes n8n's CLI print nothing at all.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		// Every n8n process (server or CLI) opens a task broker, on 5679 unless told otherwise;
		// two at once (a dev server and an e2e run) would collide.
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENCRYPTION_KEY: 'n8n-nodes-huawei-ocr-dev-only-key',
		// n8n 1.123's default expression engine runs in isolated-vm 6, which needs Node 22 and
		// crashed (SIGSEGV) at exit there now and then; its legacy engine runs on Node 20.
		...(N8N_MAJOR < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...extra,
	};
}

/**
 * The run data `n8n execute --rawOutput` printed, as text, or undefined when it is not all there:
 * n8n logs before and after it, and prints it as a JSON document with two-space indents, from a
 * line "{" followed by "data" to the first line that is just "}".
 */
export function printedRunData(stdout: string): string | undefined {
	const start = stdout.indexOf('{\n  "data"');
	const end = start < 0 ? -1 : stdout.slice(start).search(/\n}(\n|$)/);
	return end < 0 ? undefined : stdout.slice(start, start + end + 2);
}

/**
 * `n8n execute` on Node 24 now and then dies of SIGSEGV while shutting down, after it has printed
 * the run (seen with n8n 2.40 and 2.41; no node of ours runs then). The run data it printed is
 * complete and is what the caller checks; a crash before it was all printed still fails.
 */
function crashedAfterPrintingRun(args: string[], signal: NodeJS.Signals | null | undefined, stdout: string): boolean {
	return args[0] === 'execute' && signal === 'SIGSEGV' && printedRunData(stdout) !== undefined;
}

/**
 * Runs one n8n CLI command to completion and returns what it printed. Asynchronous on purpose: a
 * caller that serves n8n's HTTP calls from the same process (the local Huawei server of the
 * e2e test) would deadlock on a synchronous child.
 */
export async function n8nCli(
	node24: string,
	args: string[],
	env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
	return await new Promise((resolveRun, reject) => {
		execFile(
			node24,
			[n8nBin(), ...args],
			{ env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60 * 1000 },
			(error, stdout, stderr) => {
				if (error && crashedAfterPrintingRun(args, error.signal, stdout)) {
					log(`n8n ${args.join(' ')} crashed (${String(error.signal)}) after printing the whole run; its output is used`);
					resolveRun({ stdout, stderr });
				} else if (error) {
					reject(new Error(`n8n ${args.join(' ')} failed (exit code ${String(error.code)}, signal ${String(error.signal)}): ${error.message}\n${stderr.slice(-4000)}\n${stdout.slice(-4000)}`));
				} else {
					resolveRun({ stdout, stderr });
				}
			},
		);
	});
}

export interface N8nProcess {
	readonly child: ChildProcess;
	/** The last 20,000 characters it printed (stdout and stderr). */
	output(): string;
}

/**
 * Spawns one n8n command (`start`, `worker`, ...) with its output kept for error messages;
 * `onLine` sees every line it prints, for callers that follow what n8n logs.
 */
export function spawnN8n(node24: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): N8nProcess {
	const child = spawn(node24, [n8nBin(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const partial = { stdout: '', stderr: '' };
	const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
		const text = chunk.toString();
		output = (output + text).slice(-20_000);
		if (!onLine) return;
		const lines = (partial[stream] + text).split('\n');
		partial[stream] = lines.pop() ?? '';
		for (const line of lines) onLine(line);
	};
	child.stdout?.on('data', keep('stdout'));
	child.stderr?.on('data', keep('stderr'));
	return { child, output: () => output };
}

/** Polls `url` until `ready(response, body)` holds; fails when the process exits or time runs out. */
export async function waitUntilReady(
	n8n: N8nProcess,
	url: string,
	ready: (status: number, body: string) => boolean,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (n8n.child.exitCode !== null || n8n.child.signalCode !== null) throw new Error(`n8n exited early:\n${n8n.output().slice(-4000)}`);
		try {
			const response = await fetch(url);
			if (ready(response.status, await response.text())) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stopN8n(n8n.child);
	throw new Error(`n8n did not become ready at ${url} within ${timeoutMs / 1000} s:\n${n8n.output().slice(-4000)}`);
}

/**
 * Starts `n8n start` and resolves once n8n has finished starting: /healthz answers as soon as
 * the HTTP server listens, while other routes still say "n8n is starting up"; /rest/settings
 * answers JSON only once n8n is ready.
 */
export async function startN8nProcess(node24: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<N8nProcess> {
	const n8n = spawnN8n(node24, ['start'], env);
	const url = `http://127.0.0.1:${env.N8N_PORT}/rest/settings`;
	await waitUntilReady(n8n, url, (status, body) => status === 200 && body.startsWith('{"data"'), timeoutMs);
	return n8n;
}

export async function startN8n(node24: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<ChildProcess> {
	return (await startN8nProcess(node24, env, timeoutMs)).child;
}

/** Stops an n8n started by startN8n, forcefully if it does not exit within 15 s. */
export async function stopN8n(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

export const OWNER = { email: 'owner@example.com', firstName: 'Dev', lastName: 'Owner', password: 'Passw0rd-dev-only' };

/**
 * Creates n8n's owner account on a fresh instance (n8n 2.x answers most routes, the node and
 * credential lists included, only to a signed-in user) and returns the session cookie.
 */
export async function setupOwner(port: number): Promise<string> {
	const base = `http://127.0.0.1:${port}`;
	let response = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok) {
		// Already set up (a reused user folder): sign in instead.
		response = await fetch(`${base}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
	}
	const cookie = response.headers.get('set-cookie');
	if (!response.ok || !cookie) throw new Error(`could not sign in to n8n: HTTP ${response.status} ${await response.text()}`);
	return cookie.split(';')[0];
}

export function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}
