/**
 * The local Huawei IAM + OCR server as a child process (test/server/cli.ts), so its CPU and
 * memory are not the benchmarked process's. Started as one process (`node --import tsx`), which
 * stops on SIGTERM; driven through its /__admin endpoints.
 */
import { spawn, type ChildProcess } from 'child_process';
import { once } from 'events';
import { resolve } from 'path';
import { createInterface } from 'readline';

import type { HuaweiServerStats } from '../../test/server/huaweiServer';

export interface ServerProcess {
	url: string;
	pid: number;
	setLatency(ms: number): Promise<void>;
	resetStats(): Promise<void>;
	stats(): Promise<HuaweiServerStats>;
	issuedTokens(): Promise<string[]>;
	stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');

export async function startServerProcess(): Promise<ServerProcess> {
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/server/cli.ts', '--port', '0'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: child.stdout! });
	const first = await Promise.race([
		once(lines, 'line').then(([line]) => String(line)),
		once(child, 'exit').then(([code]) => {
			throw new Error(`the local Huawei server exited with code ${String(code)} before listening`);
		}),
	]);
	const { url } = JSON.parse(first) as { url: string };

	const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
		const response = await fetch(`${url}/__admin/${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status}`);
		return await response.json();
	};

	return {
		url,
		pid: child.pid!,
		setLatency: async (ms) => {
			await admin('POST', 'latency', { ms });
		},
		resetStats: async () => {
			await admin('POST', 'reset-stats');
		},
		stats: async () => (await admin('GET', 'stats')) as HuaweiServerStats,
		issuedTokens: async () => ((await admin('GET', 'tokens')) as { tokens: string[] }).tokens,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			await exited;
		},
	};
}
