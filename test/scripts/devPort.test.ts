/**
 * The port `npm run dev` gives n8n, whichever way it was asked for (scripts/devPort.ts); the
 * environments are what npm 10 hands a script for each way of typing it.
 */
import { createServer, type Server } from 'net';

import { chosenPort, ensurePortsFree } from '../../scripts/devPort';

describe('npm run dev: the port', () => {
	it.each<[string, string[], NodeJS.ProcessEnv, number | undefined]>([
		['npm run dev -- --port 5998', ['--port', '5998'], {}, 5998],
		['npm run dev -- --port=5998', ['--port=5998'], {}, 5998],
		['npm run dev --port 5998 (npm keeps --port, passes 5998 on)', ['5998'], { npm_config_port: 'true' }, 5998],
		['npm run dev --port=5998', [], { npm_config_port: '5998' }, 5998],
		['N8N_PORT=5998 npm run dev', [], { N8N_PORT: '5998' }, 5998],
		['--port wins over N8N_PORT', ['--port', '6001'], { N8N_PORT: '5998' }, 6001],
		['nothing: a free port', [], {}, undefined],
		['--no-mock alone: a free port', ['--no-mock'], {}, undefined],
	])('%s', (_typed, argv, env, port) => {
		expect(chosenPort(argv, env).port).toBe(port);
	});

	it('says what is wrong with a value that is not a port, instead of taking a random one', () => {
		expect(() => chosenPort(['--port'], {})).not.toThrow();
		expect(() => chosenPort(['--port', 'abc'], {})).toThrow('--port says "abc", which is not a port: give a number from 1 to 65534, e.g. npm run dev -- --port 5998.');
		expect(() => chosenPort([], { npm_config_port: 'true' })).toThrow(/npm_config_port\) says "true", which is not a port/);
		expect(() => chosenPort([], { N8N_PORT: '70000' })).toThrow(/N8N_PORT says "70000"/);
	});

	it('refuses a port, or the next one (the task broker), that something else listens on', async () => {
		const server: Server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const taken = (server.address() as { port: number }).port;
		try {
			await expect(ensurePortsFree({ port: taken, from: 'N8N_PORT' })).rejects.toThrow(
				`Port ${taken} is in use, and n8n needs port ${taken} (from N8N_PORT) and ${taken + 1} (its task broker).`,
			);
			await expect(ensurePortsFree({ port: taken - 1, from: '--port' })).rejects.toThrow(`Port ${taken} is in use`);
			await expect(ensurePortsFree({})).resolves.toBeUndefined();
		} finally {
			server.close();
		}
	});
});
