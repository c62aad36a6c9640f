/**
 * A server process a suite starts and must stop again, also when a test fails or jest is torn
 * down early: spawned in a process group of its own (so a stop reaches every process it forks, a
 * shell wrapper's children included), killed with SIGKILL on process exit if still running.
 */
import { spawn, type ChildProcess } from 'child_process';
import { connect } from 'net';

export interface Daemon {
	readonly child: ChildProcess;
	/** The last 20 kB of what it printed (stdout and stderr). */
	output(): string;
	readonly exited: Promise<void>;
	running(): boolean;
	/** SIGTERM to the whole group, SIGKILL after `graceMs`; safe to call twice. */
	stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

export function spawnDaemon(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Daemon {
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const child of live) killGroup(child, 'SIGKILL');
		});
	}
	const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	live.add(child);
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<void>((resolve) => {
		child.once('close', () => {
			live.delete(child);
			resolve();
		});
		child.once('error', (error) => {
			output += `\n${error.message}`;
			live.delete(child);
			resolve();
		});
	});
	const running = () => child.exitCode === null && child.signalCode === null && live.has(child);
	return {
		child,
		output: () => output,
		exited,
		running,
		async stop(graceMs = 10_000) {
			if (!live.has(child)) return;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
}

/** The first line a TCP server sends on connect (an SMTP or IMAP greeting), or an error. */
export function greeting(host: string, port: number, timeoutMs = 2_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect({ host, port });
		let text = '';
		const done = (error?: Error) => {
			clearTimeout(timer);
			socket.destroy();
			if (error) reject(error);
			else resolve(text.split('\r\n')[0]);
		};
		const timer = setTimeout(() => done(new Error(`no greeting from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs);
		socket.on('data', (chunk) => {
			text += chunk.toString('latin1');
			if (text.includes('\r\n')) done();
		});
		socket.on('error', (error) => done(error));
		socket.on('close', () => done(new Error(`${host}:${port} closed the connection without a greeting`)));
	});
}

/**
 * Waits until the daemon greets on each port with a line matching `expected`; fails early with
 * `describe()` (its log) when it exits first.
 */
export async function waitForGreetings(
	daemon: Daemon,
	ports: Array<{ port: number; expected: RegExp }>,
	describe: () => string,
	timeoutMs = 30_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (const { port, expected } of ports) {
		let last = '';
		for (;;) {
			if (!daemon.running()) throw new Error(`the server exited while starting:\n${describe()}`);
			try {
				const line = await greeting('127.0.0.1', port);
				if (expected.test(line)) break;
				last = `unexpected greeting on port ${port}: ${line}`;
			} catch (error) {
				last = (error as Error).message;
			}
			if (Date.now() > deadline) throw new Error(`the server did not greet within ${timeoutMs / 1000} s (${last}):\n${describe()}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}
