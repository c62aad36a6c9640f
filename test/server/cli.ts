/**
 * Runs the local Huawei IAM + OCR server on its own:
 *
 *   npx tsx test/server/cli.ts [--port N] [--host H] [--latency MS] [--config file.json]
 *
 * Prints exactly one JSON line `{"url": "...", "port": N}` on stdout once it listens, and stops
 * on SIGTERM or SIGINT. The config file holds the JSON-able options of startHuaweiServer
 * (users, accessKeys, projects, region, tokenTtlMs, latencyMs, card, faults as a seeded plan,
 * recentLimit, maxBodyBytes); command-line flags win over it. Without a config it serves one
 * IAM user (ocr-bot of account acme-corp), one AK/SK pair and one project for cn-north-4, the
 * identities of test/helpers/huawei.ts. Tests drive it further through its /__admin endpoints.
 */
import { readFileSync } from 'fs';

import { startHuaweiServer, type HuaweiServerOptions } from './huaweiServer';

function fail(message: string): never {
	process.stderr.write(`huawei server: ${message}\n`);
	process.exit(2);
}

function parseArgs(argv: string[]): HuaweiServerOptions {
	let options: HuaweiServerOptions = {};
	const flags: HuaweiServerOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		const value = () => {
			const next = inline ?? argv[++i];
			if (next === undefined) fail(`${name} needs a value`);
			return next;
		};
		const number = () => {
			const text = value();
			const parsed = Number(text);
			if (!Number.isInteger(parsed) || parsed < 0) fail(`${name} must be a whole number >= 0, not "${text}"`);
			return parsed;
		};
		switch (name) {
			case '--port':
				flags.port = number();
				break;
			case '--latency':
				flags.latencyMs = number();
				break;
			case '--host':
				flags.host = value();
				break;
			case '--config': {
				const file = value();
				try {
					options = JSON.parse(readFileSync(file, 'utf8')) as HuaweiServerOptions;
				} catch (error) {
					fail(`cannot read config ${file}: ${error instanceof Error ? error.message : String(error)}`);
				}
				break;
			}
			case '--help':
				process.stdout.write('Usage: tsx test/server/cli.ts [--port N] [--host H] [--latency MS] [--config file.json]\n');
				process.exit(0);
				break;
			default:
				fail(`unknown argument "${arg}"`);
		}
	}
	return { ...options, ...flags };
}

async function main(): Promise<void> {
	const server = await startHuaweiServer(parseArgs(process.argv.slice(2)));
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		void server.close().then(() => process.exit(0));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
