/**
 * Bounded concurrency that keeps input order: n8n pairs output items with input items by
 * position, so the order must never depend on Huawei's response times.
 */

/** A unit of work an index expands into. */
export type Task<T> = () => Promise<T>;

interface Pending<T> {
	index: number;
	sub: number;
	task: Task<T>;
}

interface Failure {
	index: number;
	/** -1: the expansion of the index failed. */
	sub: number;
	error: unknown;
}

const before = (a: { index: number; sub: number }, b: { index: number; sub: number }) =>
	a.index < b.index || (a.index === b.index && a.sub < b.sub);

/**
 * Expands every index 0 .. count - 1 into tasks (an item into one call per file it holds) and
 * runs all tasks of all indexes in one pool, at most `limit` at a time; expanding counts as work.
 * Returns each index's results in task order. An index is expanded only when no task waits, so
 * what expanded indexes hold (file contents) stays bounded by the limit, not the batch.
 *
 * A failure never leaves a promise unobserved: every started expansion and task is awaited, and
 * the error of the first failure in (index, task) order is thrown, which is where n8n would have
 * stopped had everything run one by one. With `stopOnError`, the first failure also stops new
 * work from starting (no paid calls whose results would be thrown away).
 */
export async function runExpandingPool<T>(
	count: number,
	limit: number,
	expand: (index: number) => Promise<Array<Task<T>>>,
	stopOnError = false,
): Promise<T[][]> {
	const results = new Array<T[]>(count);
	const failures: Failure[] = [];
	// Kept in (index, sub) order, so work nearest the start of the batch goes first.
	const pending: Array<Pending<T>> = [];
	const running = new Set<Promise<void>>();
	const workers = Math.max(1, Math.floor(limit) || 1);
	let next = 0;

	const queue = (index: number, tasks: Array<Task<T>>) => {
		let at = pending.findIndex((entry) => entry.index > index);
		if (at < 0) at = pending.length;
		pending.splice(at, 0, ...tasks.map((task, sub) => ({ index, sub, task })));
	};

	const step = async (): Promise<boolean> => {
		if (stopOnError && failures.length > 0) return false;
		const work = pending.shift();
		if (work) {
			try {
				results[work.index][work.sub] = await work.task();
			} catch (error) {
				failures.push({ index: work.index, sub: work.sub, error });
			}
			return true;
		}
		if (next >= count) return false;
		const index = next++;
		try {
			const tasks = await expand(index);
			results[index] = new Array<T>(tasks.length);
			queue(index, tasks);
			// Workers that found nothing to do have ended; an item with several files may need them
			// back. A new worker takes its task at once, so this stops when the queue or pool is full.
			while (running.size < workers && pending.length > 0) start();
		} catch (error) {
			results[index] = [];
			failures.push({ index, sub: -1, error });
		}
		return true;
	};

	const start = () => {
		const worker = (async () => {
			while (await step());
		})().finally(() => running.delete(worker));
		running.add(worker);
	};

	for (let i = 0; i < Math.min(workers, count); i++) start();
	while (running.size > 0) await Promise.all([...running]);

	if (failures.length > 0) {
		const first = failures.reduce((a, b) => (before(b, a) ? b : a));
		// Rethrown as is: the task already raised the NodeApiError or NodeOperationError the
		// user should see; wrapping it here would bury the message.
		return Promise.reject(first.error);
	}
	return results;
}

/** runExpandingPool with one task per index: the results in index order. */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnError = false,
): Promise<T[]> {
	const results = await runExpandingPool(count, limit, async (index) => [async () => await task(index)], stopOnError);
	return results.map((one) => one[0]);
}
