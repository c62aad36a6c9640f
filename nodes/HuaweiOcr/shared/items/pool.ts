/**
 * Runs `task(0) .. task(count - 1)` with at most `limit` running at once and returns their
 * results in index order, whatever order they finish in: n8n pairs output items with input
 * items by position, so the order must never depend on Huawei's response times.
 *
 * A failing task never leaves a promise unobserved: every started task is awaited, and the
 * error of the lowest failing index is thrown, which is the item n8n would have stopped at had
 * the items run one by one. With `stopOnError`, the first failure also stops new tasks from
 * starting (no paid calls for items whose results would be thrown away).
 */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnError = false,
): Promise<T[]> {
	const results = new Array<T>(count);
	const failures = new Map<number, unknown>();
	let next = 0;

	const worker = async (): Promise<void> => {
		while (next < count && !(stopOnError && failures.size > 0)) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failures.set(index, error);
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.size > 0) {
		const first = Math.min(...failures.keys());
		// Rethrown as is: the task already raised the NodeApiError or NodeOperationError the
		// user should see; wrapping it here would bury the message.
		return Promise.reject(failures.get(first));
	}
	return results;
}
