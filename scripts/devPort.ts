/**
 * Which port `npm run dev` gives n8n, from what the user typed:
 * - `npm run dev -- --port 5998` (or `--port=5998`): npm passes the words after `--` on;
 * - `npm run dev --port 5998`: npm takes `--port` as its own config and hands the script only the
 *   environment variable `npm_config_port` (docs.npmjs.com/cli/v10/using-npm/config, "Any
 *   environment variables that start with npm_config_ will be interpreted as a configuration
 *   parameter", and npm sets them for scripts: docs.npmjs.com/cli/v10/using-npm/scripts);
 *   with npm's own parsing the 5998 may instead arrive as a lone word, which is taken too;
 * - `N8N_PORT=5998 npm run dev`, n8n's own variable.
 * None of them: a free port. Something that is not a port: an error, never a random port.
 * n8n's task broker then takes the next port (n8nRuntime.ts), so both must be free.
 */
import { createServer } from 'net';

export interface PortChoice {
	port?: number;
	/** Where it came from, for the error message. */
	from?: string;
}

export function chosenPort(argv: readonly string[], env: NodeJS.ProcessEnv): PortChoice {
	const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
	const candidates: Array<[string | undefined, string]> = [
		[index < 0 ? undefined : argv[index].startsWith('--port=') ? argv[index].slice('--port='.length) : argv[index + 1], '--port'],
		[env.npm_config_port, 'npm run dev --port (npm_config_port)'],
		[env.N8N_PORT, 'N8N_PORT'],
	];
	// `npm run dev --port 5998`: npm eats `--port` (as a flag with no value it sets npm_config_port
	// to "true") and passes "5998" on as an argument.
	const lone = argv.find((arg) => /^\d+$/.test(arg));
	if (env.npm_config_port === 'true' && lone) candidates[1][0] = lone;
	for (const [value, from] of candidates) {
		if (value === undefined || value === '') continue;
		const port = Number(value);
		if (!Number.isInteger(port) || port < 1 || port > 65534) {
			throw new Error(`${from} says "${value}", which is not a port: give a number from 1 to 65534, e.g. npm run dev -- --port 5998.`);
		}
		return { port, from };
	}
	return {};
}

/** Fails, naming both ports, when `port` or the broker's `port + 1` is taken on 127.0.0.1. */
export async function ensurePortsFree(choice: PortChoice): Promise<void> {
	if (!choice.port) return;
	for (const port of [choice.port, choice.port + 1]) {
		await new Promise<void>((resolve, reject) => {
			const server = createServer();
			server.once('error', () =>
				reject(
					new Error(
						`Port ${port} is in use, and n8n needs port ${choice.port} (from ${choice.from}) and ${choice.port! + 1} (its task broker). ` +
							'Stop what uses it, or pick another port: npm run dev -- --port N.',
					),
				),
			);
			server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
		});
	}
}
