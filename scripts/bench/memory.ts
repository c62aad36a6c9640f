/**
 * Peak RSS of this process, sampled every 2 ms by a worker thread, so the samples keep coming
 * while the main thread is busy (a timer on the main thread would pause exactly then). RSS is a
 * process-wide figure, whichever thread reads it.
 */
import { runInNewContext } from 'vm';
import { setFlagsFromString } from 'v8';
import { Worker } from 'worker_threads';

const SAMPLER = `
const { parentPort } = require('worker_threads');
let peak = 0;
let samples = 0;
const sample = () => { const rss = process.memoryUsage.rss(); samples++; if (rss > peak) peak = rss; };
const timer = setInterval(sample, 2);
parentPort.on('message', (message) => {
	if (message === 'reset') { peak = 0; samples = 0; sample(); parentPort.postMessage(null); }
	else if (message === 'read') { sample(); parentPort.postMessage({ peak, samples }); }
	else if (message === 'stop') { clearInterval(timer); parentPort.close(); }
});
`;

export interface RssSampler {
	reset(): Promise<void>;
	read(): Promise<{ peak: number; samples: number }>;
	stop(): Promise<void>;
}

export function startRssSampler(): RssSampler {
	const worker = new Worker(SAMPLER, { eval: true });
	const ask = <T>(message: string) =>
		new Promise<T>((resolve) => {
			worker.once('message', (value: T) => resolve(value));
			worker.postMessage(message);
		});
	return {
		reset: async () => {
			await ask<null>('reset');
		},
		read: async () => await ask<{ peak: number; samples: number }>('read'),
		stop: async () => {
			worker.postMessage('stop');
			await new Promise((resolve) => worker.once('exit', resolve));
		},
	};
}

let gcFunction: (() => void) | undefined;

/** A full garbage collection, so a baseline is not inflated by garbage of the previous run. */
export function collectGarbage(): void {
	if (!gcFunction) {
		setFlagsFromString('--expose-gc');
		gcFunction = runInNewContext('gc') as () => void;
	}
	gcFunction();
	gcFunction();
}
