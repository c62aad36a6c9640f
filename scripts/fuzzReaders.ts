/**
 * Mutation fuzzing of the file readers (image format and header checks, the PDF photo reader),
 * seeded from the public test corpus in ../shared/corpus (README, Contributing):
 *
 *   npm run fuzz:readers -- [mutants=100000] [--seed=20240611] [--limit-ms=5000]
 *
 * Each mutant is read in a worker thread that is ended when one read takes longer than the limit
 * (a hang). A throw from a reader, a worker that dies, or the PDF reader's last-resort sentence is
 * a crash. Prints mutants tried, crashes, hangs, the slowest read and peak memory, saves every
 * crashing or hanging mutant for replay, and exits 1 when there was any.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';

import { CORPUS_DIR, corpusFiles, corpusPresent } from '../test/helpers/corpus';
import { mulberry32 } from '../test/helpers/random';
import { mutate } from './fuzz/mutate';

interface Options {
	mutants: number;
	seed: number;
	limitMs: number;
}

function options(args: string[]): Options {
	const found: Options = { mutants: 100000, seed: 20240611, limitMs: 5000 };
	for (const arg of args) {
		const [key, value] = arg.startsWith('--') ? arg.slice(2).split('=') : ['mutants', arg];
		const number = Number(value);
		if (!Number.isInteger(number) || number < 0) throw new Error(`${arg}: expected a whole number`);
		if (key === 'mutants') found.mutants = number;
		else if (key === 'seed') found.seed = number;
		else if (key === 'limit-ms') found.limitMs = number;
		else throw new Error(`unknown option ${arg}`);
	}
	return found;
}

interface Answer {
	ms?: number;
	error?: string;
	hang?: boolean;
	heap?: number;
	outcome?: string;
}

interface Failure {
	id: number;
	kind: 'crash' | 'hang';
	seed: string;
	steps: string[];
	detail: string;
}

// A worker thread does not inherit tsx's loader, so it registers tsx itself before the reader.
const WORKER = `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'fuzz', 'readWorker.ts'))});`;
const startWorker = () => new Worker(WORKER, { eval: true });

async function main(): Promise<number> {
	const { mutants, seed, limitMs } = options(process.argv.slice(2));
	if (!corpusPresent()) {
		console.error(`The corpus is not at ${CORPUS_DIR} (it lies beside the repository, in ../shared/corpus); nothing to fuzz.`);
		return 1;
	}
	const names = corpusFiles();
	const seeds = names.map((name) => readFileSync(join(CORPUS_DIR, name)));
	const random = mulberry32(seed);
	const saveDir = join(tmpdir(), `fuzz-readers-${seed}`);
	const failures: Failure[] = [];
	let slowest = { ms: 0, id: -1, seed: '' };
	let peakHeap = 0;
	const outcomes = new Map<string, number>();
	let worker = startWorker();
	const started = Date.now();

	const readOne = (id: number, bytes: Buffer) =>
		new Promise<Answer>((done) => {
			const timer = setTimeout(() => {
				void worker.terminate();
				worker = startWorker();
				done({ hang: true });
			}, limitMs);
			const finish = (answer: Answer) => {
				clearTimeout(timer);
				worker.off('message', onMessage);
				worker.off('error', onError);
				done(answer);
			};
			const onMessage = (message: Answer & { id: number }) => {
				if (message.id === id) finish(message);
			};
			// A worker that dies (out of memory, a stack overflow outside the try) is a crash too.
			const onError = (error: Error) => {
				worker = startWorker();
				finish({ error: `the worker died: ${error.message}` });
			};
			worker.on('message', onMessage);
			worker.once('error', onError);
			worker.postMessage({ id, bytes });
		});

	for (let id = 0; id < mutants; id++) {
		const mutant = mutate(random, seeds);
		const answer = await readOne(id, mutant.bytes);
		const seedName = names[mutant.seedIndex];
		if (answer.hang || answer.error) {
			const kind = answer.hang ? 'hang' : 'crash';
			mkdirSync(saveDir, { recursive: true });
			writeFileSync(join(saveDir, `${kind}-${id}.bin`), mutant.bytes);
			failures.push({ id, kind, seed: seedName, steps: mutant.steps, detail: answer.error?.split('\n').slice(0, 4).join(' / ') ?? `over ${limitMs} ms` });
		}
		if (answer.ms !== undefined && answer.ms > slowest.ms) slowest = { ms: answer.ms, id, seed: seedName };
		peakHeap = Math.max(peakHeap, answer.heap ?? 0);
		if (answer.outcome) outcomes.set(answer.outcome, (outcomes.get(answer.outcome) ?? 0) + 1);
		if ((id + 1) % 5000 === 0) console.error(`${id + 1} mutants, ${failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s`);
	}
	await worker.terminate();
	const crashes = failures.filter((f) => f.kind === 'crash').length;
	const hangs = failures.filter((f) => f.kind === 'hang').length;
	const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
	console.log(`seed ${seed}, ${seeds.length} corpus files, read limit ${limitMs} ms`);
	console.log(`mutants tried: ${mutants}`);
	console.log(`crashes: ${crashes}`);
	console.log(`hangs: ${hangs}`);
	console.log(`slowest read: ${slowest.ms.toFixed(1)} ms (mutant ${slowest.id}, from ${slowest.seed})`);
	// maxRSS covers the whole process, worker threads included; the heap is the worker's own.
	console.log(`peak memory: ${mb(process.resourceUsage().maxRSS * 1024)} resident, ${mb(peakHeap)} worker heap`);
	console.log(`time: ${Math.round((Date.now() - started) / 1000)} s`);
	// So a run that only ever meets one answer (all refused, say) shows it.
	const tally = [...outcomes].sort((a, b) => b[1] - a[1]).map(([what, count]) => `${what} ${count}`);
	console.log(`outcomes: ${tally.join(', ')}`);
	for (const failure of failures.slice(0, 20)) {
		console.log(`${failure.kind} #${failure.id} from ${failure.seed} (${failure.steps.join(', ')}): ${failure.detail}`);
	}
	if (failures.length > 0) console.log(`mutants saved in ${saveDir}`);
	return failures.length > 0 ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(2);
	},
);
