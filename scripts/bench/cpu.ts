/**
 * CPU time used by other processes, from Linux's /proc/<pid>/stat (user + system time, in clock
 * ticks of 1/100 s on Linux). The scale-out section reports CPU per item for each part of the
 * queue-mode stack, which says how many items per second the machine's cores allow at most,
 * whatever the number of workers.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const TICKS_PER_SECOND = 100;

interface Stat {
	ppid: number;
	/** utime + stime, plus the same of its children that exited and were waited for, in ticks. */
	ticks: number;
}

function stat(pid: number): Stat | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) is in parentheses and may hold spaces: split after it.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
		return { ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime };
	} catch {
		return undefined; // gone
	}
}

/** The process and its children (one level: PostgreSQL's backends under the postmaster). */
export function withChildren(pid: number): number[] {
	const children = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.filter((child) => stat(child)?.ppid === pid);
	return [pid, ...children];
}

/** The postmaster of a cluster, from its data directory. */
export function postmasterPid(dataDir: string): number | undefined {
	const file = join(dataDir, 'postmaster.pid');
	return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

/** CPU seconds used so far by each pid (processes that are gone count 0). */
export function cpuSeconds(pids: number[]): Map<number, number> {
	return new Map(pids.map((pid) => [pid, (stat(pid)?.ticks ?? 0) / TICKS_PER_SECOND]));
}

/** CPU seconds each group of processes used between two samples (pids new since `before` count from 0). */
export function cpuUsed(before: Map<string, Map<number, number>>, after: Map<string, Map<number, number>>): Map<string, number> {
	const used = new Map<string, number>();
	for (const [group, pids] of after) {
		let seconds = 0;
		for (const [pid, total] of pids) seconds += total - (before.get(group)?.get(pid) ?? 0);
		used.set(group, seconds);
	}
	return used;
}
