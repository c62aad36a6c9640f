/**
 * A local npm registry (verdaccio) on a free loopback port, for the install end-to-end test:
 * the package is published to it with `npm publish`, and n8n's installer and `npm install` fetch
 * it from there, as they would from the public registry.
 *
 * verdaccio comes from tools/registry (its own package.json and lock, see there for why it is not
 * a devDependency), installed with `npm ci` into the runtime cache on first use, keyed by the
 * lock file's hash so that a changed lock installs afresh. The registry has no uplinks: it serves
 * only what the test publishes, so nothing reaches the public registry by accident.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { PROJECT_ROOT, TOOLS_DIR, freePort } from '../../../scripts/n8nRuntime';

const SOURCE_DIR = join(PROJECT_ROOT, 'tools', 'registry');

function log(message: string): void {
	process.stderr.write(`[registry] ${message}\n`);
}

/** verdaccio's start script, installed (once per lock file) into the runtime cache. */
export function ensureVerdaccio(): string {
	const lock = readFileSync(join(SOURCE_DIR, 'package-lock.json'));
	const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
	const dir = join(TOOLS_DIR, `verdaccio-${hash}`);
	const bin = join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const marker = join(dir, '.complete');
	if (existsSync(marker) && existsSync(bin)) return bin;
	log(`installing verdaccio from tools/registry into ${dir} (about a minute, once) ...`);
	mkdirSync(dir, { recursive: true });
	copyFileSync(join(SOURCE_DIR, 'package.json'), join(dir, 'package.json'));
	copyFileSync(join(SOURCE_DIR, 'package-lock.json'), join(dir, 'package-lock.json'));
	execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
	writeFileSync(marker, new Date().toISOString());
	return bin;
}

export interface Registry {
	/** http://127.0.0.1:<port> (no trailing slash). */
	url: string;
	/** An npm user config holding this registry's address and a publish token. */
	npmrc: string;
	/** npm's environment for this registry: every npm command run with it talks only to the registry. */
	npmEnv: NodeJS.ProcessEnv;
	/** `npm publish` of a tarball or package folder; returns npm's output. */
	publish(target: string): Promise<string>;
	/** The registry's metadata of a package (versions and dist-tags), as npm sees it. */
	packument(name: string): Promise<{ 'dist-tags': Record<string, string>; versions: Record<string, unknown> }>;
	close(): Promise<void>;
}

/** The npm CLI with the given environment; rejects with npm's output on a non-zero exit. */
export async function npm(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
	return await new Promise((resolveRun, reject) => {
		execFile('npm', args, { ...options, encoding: 'utf8', timeout: 5 * 60 * 1000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`npm ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-3000)}\n${stdout.slice(-2000)}`));
			else resolveRun(`${stdout}${stderr}`);
		});
	});
}

export async function startRegistry(): Promise<Registry> {
	const bin = ensureVerdaccio();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-registry-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	writeFileSync(
		join(dir, 'config.yaml'),
		[
			`storage: ${join(dir, 'storage')}`,
			'auth:',
			'  htpasswd:',
			`    file: ${join(dir, 'htpasswd')}`,
			'    max_users: 1',
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	const child: ChildProcess = spawn(process.execPath, [bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-10_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);

	const close = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`verdaccio exited early:\n${output}`);
			try {
				if ((await fetch(`${url}/-/ping`)).ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${output}`);
			await new Promise((r) => setTimeout(r, 300));
		}
		// npm publish needs a token: verdaccio's htpasswd plugin issues one when a user is added.
		const response = await fetch(`${url}/-/user/org.couchdb.user:publisher`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'publisher', password: `e2e-${port}-only` }),
		});
		const { token } = (await response.json()) as { token?: string };
		if (!response.ok || !token) throw new Error(`verdaccio did not add the publishing user: HTTP ${response.status}`);

		const npmrc = join(dir, 'npmrc');
		writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
		const npmEnv: NodeJS.ProcessEnv = {
			...process.env,
			npm_config_userconfig: npmrc,
			npm_config_registry: `${url}/`,
			npm_config_audit: 'false',
			npm_config_fund: 'false',
			npm_config_update_notifier: 'false',
			// A cache of its own: a package published here under a version the shared cache
			// already knows from another run would otherwise come back from that cache.
			npm_config_cache: join(dir, 'npm-cache'),
		};
		return {
			url,
			npmrc,
			npmEnv,
			publish: async (target) => await npm(['publish', target, '--access', 'public'], { cwd: dir, env: npmEnv }),
			packument: async (name) => {
				const answer = await fetch(`${url}/${name}`);
				if (!answer.ok) throw new Error(`the registry has no ${name}: HTTP ${answer.status}`);
				return (await answer.json()) as { 'dist-tags': Record<string, string>; versions: Record<string, unknown> };
			},
			close,
		};
	} catch (error) {
		await close();
		throw error;
	}
}
