import { runExpandingPool, runPool } from '../../../../../nodes/HuaweiOcr/shared/items/pool';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runPool', () => {
	it('keeps index order whatever order tasks finish in, never exceeding the limit', async () => {
		let active = 0;
		let peak = 0;
		const results = await runPool(10, 3, async (i) => {
			active++;
			peak = Math.max(peak, active);
			await wait(30 - i * 3);
			active--;
			return i * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
		expect(peak).toBe(3);
	});

	it('handles no tasks, and limits above the task count or below 1', async () => {
		await expect(runPool(0, 4, async () => 1)).resolves.toEqual([]);
		await expect(runPool(2, 50, async (i) => i)).resolves.toEqual([0, 1]);
		await expect(runPool(3, 0, async (i) => i)).resolves.toEqual([0, 1, 2]);
	});

	it('with stopOnError, starts no new task after a failure and throws the lowest failing index', async () => {
		const started: number[] = [];
		const run = runPool(
			10,
			2,
			async (i) => {
				started.push(i);
				// Item 1 fails first; item 0, still running, fails later but is the earlier item.
				await wait(i === 1 ? 5 : 20);
				throw new Error(`item ${i}`);
			},
			true,
		);
		await expect(run).rejects.toThrow('item 0');
		expect(started).toEqual([0, 1]);
	});

	it('without stopOnError, runs every task before reporting the first failure', async () => {
		const started: number[] = [];
		const run = runPool(5, 2, async (i) => {
			started.push(i);
			if (i === 3) throw new Error('item 3');
			return i;
		});
		await expect(run).rejects.toThrow('item 3');
		expect(started.sort()).toEqual([0, 1, 2, 3, 4]);
	});
});

describe('runExpandingPool', () => {
	it('runs the tasks of all indexes in one pool, returning them per index in task order', async () => {
		let active = 0;
		let peak = 0;
		const task = (value: string, ms: number) => async () => {
			active++;
			peak = Math.max(peak, active);
			await wait(ms);
			active--;
			return value;
		};
		// Index 0 holds five tasks, whose later tasks finish first; index 1 none; index 2 one.
		const results = await runExpandingPool(3, 3, async (i) => {
			if (i === 0) return [0, 1, 2, 3, 4].map((k) => task(`0.${k}`, 40 - k * 8));
			if (i === 1) return [];
			return [task('2.0', 1)];
		});
		expect(results).toEqual([['0.0', '0.1', '0.2', '0.3', '0.4'], [], ['2.0']]);
		// One index with several tasks fills the pool: the tasks do not run one by one.
		expect(peak).toBe(3);
	});

	it('expands an index only when no task waits, so what is held stays bounded', async () => {
		let expanded = 0;
		let mostWaiting = 0;
		let running = 0;
		await runExpandingPool(20, 2, async () => {
			expanded++;
			return [1, 2, 3].map(() => async () => {
				running++;
				mostWaiting = Math.max(mostWaiting, expanded * 3 - running);
				await wait(2);
			});
		});
		expect(expanded).toBe(20);
		// Two workers: at most the tasks of two expanded indexes are waiting at any time.
		expect(mostWaiting).toBeLessThanOrEqual(6);
	});

	it('throws the first failure in (index, task) order, an expansion failure included', async () => {
		const run = runExpandingPool(3, 3, async (i) => {
			if (i === 2) throw new Error('expand 2');
			return [
				async () => {
					await wait(i === 0 ? 20 : 1);
					throw new Error(`task ${i}.0`);
				},
			];
		});
		await expect(run).rejects.toThrow('task 0.0');
	});

	it('with stopOnError, starts nothing new after a failure', async () => {
		const started: string[] = [];
		const run = runExpandingPool(
			4,
			1,
			async (i) =>
				[0, 1].map((k) => async () => {
					started.push(`${i}.${k}`);
					if (i === 1 && k === 0) throw new Error('task 1.0');
				}),
			true,
		);
		await expect(run).rejects.toThrow('task 1.0');
		expect(started).toEqual(['0.0', '0.1', '1.0']);
	});
});
