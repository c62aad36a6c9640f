/**
 * `npm run dev`: n8n 2.x with this package loaded, on SQLite, for trying the node by hand.
 *
 * Builds happen in the npm script before this runs. First use installs Node 24 (unless the
 * machine has it) and n8n into .n8n-dev/ (README says how long); later runs reuse them. Writes
 * the samples into .n8n-dev/files, a folder n8n is allowed to read, and starts the local Huawei
 * stand-in (test/server) and the stand-in chat model, each with a ready credential, so the node
 * and README's AI Agent recipe work without a Huawei or OpenAI account (scripts/devInstance.ts).
 * `--no-mock` skips the stand-ins; the port: devPort.ts.
 */
import { join } from 'path';

import { RUNTIME_DIR } from './n8nRuntime';
import { startDev } from './devInstance';
import { chosenPort, ensurePortsFree } from './devPort';

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const port = chosenPort(args, process.env);
	await ensurePortsFree(port);
	const dev = await startDev({
		userFolder: join(RUNTIME_DIR, 'user'),
		filesFolder: join(RUNTIME_DIR, 'files'),
		port: port.port,
		// `npm run dev --no-mock` (without `--`) reaches the script only as npm_config_mock, set to "".
		standIn: !args.includes('--no-mock') && !['', 'false'].includes(process.env.npm_config_mock ?? 'true'),
	});
	process.stdout.write(dev.banner());
	dev.n8n.stdout?.pipe(process.stdout);
	dev.n8n.stderr?.pipe(process.stderr);

	const stop = async () => {
		await dev.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
	dev.n8n.once('exit', (code) => {
		void dev.standIn?.close();
		void dev.chatModel?.close();
		process.exit(code ?? 1);
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
