/**
 * `npm run dev`: n8n 2.x with this package loaded, on SQLite, for trying the node by hand.
 *
 * Builds happen in the npm script before this runs. First use installs Node 24 (unless the
 * machine has it) and n8n into .n8n-dev/ (about 5 minutes); later runs reuse them. Also starts
 * the local Huawei stand-in (test/server) and imports a ready credential pointing at it, so the
 * node works without a Huawei account. `--no-mock` skips that; `--port N` picks n8n's port.
 */
import { join } from 'path';
import { writeFileSync } from 'fs';

import {
	ensureN8n,
	ensureNode24,
	freePort,
	n8nCli,
	n8nEnv,
	OWNER,
	prepareUserFolder,
	RUNTIME_DIR,
	setupOwner,
	startN8n,
	stopN8n,
} from './n8nRuntime';
import { startHuaweiServer, type HuaweiServer } from '../test/server/huaweiServer';
import { IAM_USER } from '../test/helpers/fixtures';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
	const withMock = !process.argv.includes('--no-mock');
	const node24 = ensureNode24();
	ensureN8n(node24);
	const userFolder = join(RUNTIME_DIR, 'user');
	prepareUserFolder(userFolder);

	const port = Number(option('--port') ?? process.env.N8N_PORT ?? 0) || (await freePort());
	const env = n8nEnv(node24, userFolder, port);

	let mock: HuaweiServer | undefined;
	if (withMock) {
		mock = await startHuaweiServer();
		const credentials = join(RUNTIME_DIR, 'local-credential.json');
		writeFileSync(
			credentials,
			JSON.stringify([
				{
					id: 'huaweiLocalDemo',
					name: 'Huawei OCR (local stand-in)',
					type: 'huaweiOcrApi',
					data: {
						authentication: 'password',
						region: 'cn-north-4',
						userName: IAM_USER.name,
						password: IAM_USER.password,
						accountName: IAM_USER.domain,
						iamEndpoint: mock.url,
						ocrEndpoint: mock.url,
					},
				},
			]),
		);
		// Re-imported on every start: the stand-in listens on a new port each time.
		await n8nCli(node24, ['import:credentials', `--input=${credentials}`], env);
	}

	const n8n = await startN8n(node24, env);
	await setupOwner(port);
	process.stdout.write(
		[
			'',
			`n8n is ready at http://localhost:${port}`,
			`  sign in as ${OWNER.email} / ${OWNER.password}`,
			`  user folder (SQLite database): ${userFolder}`,
			mock
				? `  Huawei stand-in at ${mock.url}; credential "Huawei OCR (local stand-in)" points at it`
				: '  no Huawei stand-in (--no-mock): create a Huawei OCR API credential with your account',
			'  Ctrl-C stops everything. After a code change: stop, then npm run dev again (it rebuilds).',
			'',
		].join('\n'),
	);
	n8n.stdout?.pipe(process.stdout);
	n8n.stderr?.pipe(process.stderr);

	const stop = async () => {
		await stopN8n(n8n);
		await mock?.close();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop());
	process.once('SIGTERM', () => void stop());
	n8n.once('exit', (code) => {
		void mock?.close();
		process.exit(code ?? 1);
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
