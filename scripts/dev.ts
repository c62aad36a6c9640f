/**
 * `npm run dev`: n8n 2.x with this package loaded, on SQLite, for trying the node by hand.
 *
 * Builds happen in the npm script before this runs. First use installs Node 24 (unless the
 * machine has it) and n8n into .n8n-dev/ (about 5 minutes); later runs reuse them. Writes sample
 * card photos into .n8n-dev/files/cards, a folder n8n is allowed to read, and starts the local
 * Huawei stand-in (test/server) with a ready credential, so the node works without a Huawei
 * account (scripts/devInstance.ts). `--no-mock` skips the stand-in; `--port N` picks n8n's port.
 */
import { join } from 'path';

import { RUNTIME_DIR } from './n8nRuntime';
import { startDev } from './devInstance';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
	const dev = await startDev({
		userFolder: join(RUNTIME_DIR, 'user'),
		filesFolder: join(RUNTIME_DIR, 'files'),
		port: Number(option('--port') ?? process.env.N8N_PORT ?? 0) || undefined,
		standIn: !process.argv.includes('--no-mock'),
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
		process.exit(code ?? 1);
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
