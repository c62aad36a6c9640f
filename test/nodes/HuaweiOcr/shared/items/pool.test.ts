import { runPool } from '../../../../../nodes/HuaweiOcr/shared/items/pool';

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
