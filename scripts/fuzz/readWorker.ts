/**
 * The fuzzer's worker thread: reads each mutant it is sent and answers with the time taken or
 * the error thrown. The main thread ends it when a read takes longer than its limit.
 */
import { parentPort } from 'worker_threads';

import { readAll } from './readAll';

parentPort?.on('message', (message: { id: number; bytes: Uint8Array }) => {
	const started = process.hrtime.bigint();
	let error: string | undefined;
	let outcome: string | undefined;
	try {
		outcome = readAll(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
	} catch (thrown) {
		error = thrown instanceof Error ? `${thrown.message}\n${thrown.stack ?? ''}` : String(thrown);
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	parentPort?.postMessage({ id: message.id, ms, error, outcome, heap: process.memoryUsage().heapUsed });
});
