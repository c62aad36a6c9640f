/**
 * A throwaway Redis from Debian's `redis-server` package, for n8n's queue (Bull) in the
 * end-to-end suites: one process on a free loopback port, working dir in a temp dir, nothing
 * persisted, stopped and removed by stop().
 *
 *   const redis = await startRedis();   // redis.host, redis.port
 *   await redis.stop();
 */
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../../../scripts/n8nRuntime';
import { ensureDebianPackage } from './debian';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface Redis {
	readonly host: '127.0.0.1';
	readonly port: number;
	readonly process: ChildProcess;
	/** What redis-server printed so far. */
	log(): string;
	/** Stops it (SIGTERM, then SIGKILL after 5 s) and removes its directory; safe to call twice. */
	stop(): Promise<void>;
}

async function startOnce(port: number, dir: string): Promise<{ child: ChildProcess; output: () => string }> {
	const child = spawn(
		REDIS_SERVER,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => finish(new Error(`redis-server did not get ready within 20 s:\n${output}`)), 20_000);
		const onData = () => {
			if (/Ready to accept connections/.test(output)) finish();
		};
		const onExit = () => finish(new Error(`redis-server exited:\n${output}`));
		function finish(error?: Error) {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.off('exit', onExit);
			if (error) {
				child.kill('SIGKILL');
				reject(error);
			} else resolve();
		}
		child.stdout?.on('data', onData);
		child.once('exit', onExit);
	});
	return { child, output: () => output };
}

/** Starts redis-server on a free loopback port (retried if another process takes the port first). */
export async function startRedis(): Promise<Redis> {
	ensureDebianPackage('redis-server', () => existsSync(REDIS_SERVER));
	const dir = mkdtempSync(join(tmpdir(), 'e2e-redis-'));
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		try {
			const { child, output } = await startOnce(port, dir);
			let stopped: Promise<void> | undefined;
			return {
				host: '127.0.0.1',
				port,
				process: child,
				log: output,
				stop() {
					stopped ??= new Promise<void>((resolve) => {
						const done = () => {
							clearTimeout(timer);
							rmSync(dir, { recursive: true, force: true });
							resolve();
						};
						const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
						if (child.exitCode !== null || child.signalCode !== null) return done();
						child.once('exit', done);
						child.kill('SIGTERM');
					});
					return stopped;
				},
			};
		} catch (error) {
			if (attempt >= 3 || !/Address already in use/i.test(String(error))) {
				rmSync(dir, { recursive: true, force: true });
				throw error;
			}
		}
	}
}
