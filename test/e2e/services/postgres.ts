/**
 * A throwaway PostgreSQL server from Debian's `postgresql` package, for the end-to-end suites:
 * its own cluster in a temp dir, on a free loopback port, removed again on stop().
 *
 *   const pg = await startPostgres();
 *   const url = await pg.createDatabase('n8n');        // postgresql://postgres:...@127.0.0.1:P/n8n
 *   const rows = await pg.queryJson<{ id: string }>('n8n', 'select id from execution_entity');
 *   await pg.stop();
 *
 * initdb and pg_ctl refuse to run as root: as root they run as the `postgres` user (which the
 * package creates) on a directory it owns. The server listens on 127.0.0.1 only, with a random
 * password for the `postgres` superuser over TCP (scram-sha-256); its socket stays in the temp
 * dir. Durability is off (fsync, synchronous_commit): the data lives as long as the test.
 */
import { execFile, execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../../../scripts/n8nRuntime';
import { ensureDebianPackage } from './debian';

export interface PostgresConnection {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
}

export interface Postgres {
	readonly host: '127.0.0.1';
	readonly port: number;
	/** The superuser the suites connect as. */
	readonly user: string;
	readonly password: string;
	/** The cluster's directory (data, socket, log), removed by stop(). */
	readonly dir: string;
	/** Creates a database (UTF8) and returns its connection string. */
	createDatabase(name: string): Promise<string>;
	/** postgresql://user:password@127.0.0.1:port/database */
	connectionString(database: string): string;
	/** The same as separate values, e.g. for n8n's DB_POSTGRESDB_* variables. */
	connection(database: string): PostgresConnection;
	/** Runs SQL with psql and returns its unaligned, tuples-only output (fields split by a tab). */
	query(database: string, sql: string): Promise<string>;
	/** The rows of one SELECT as objects (built by json_agg in the server). */
	queryJson<T = Record<string, unknown>>(database: string, select: string): Promise<T[]>;
	/** The server log so far (for failure messages). */
	log(): string;
	/** Stops the server at once and removes its directory; safe to call twice. */
	stop(): Promise<void>;
}

export interface PostgresOptions {
	/** Extra `-c name=value` server settings. */
	settings?: Record<string, string | number>;
}

const SERVICE_USER = 'postgres';
const SUPERUSER = 'postgres';

/** The newest /usr/lib/postgresql/<version>/bin, installing Debian's postgresql if there is none. */
export function postgresBin(): string {
	const find = () => {
		const root = '/usr/lib/postgresql';
		if (!existsSync(root)) return undefined;
		const versions = readdirSync(root)
			.filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
			.sort((a, b) => Number(b) - Number(a));
		return versions.length ? join(root, versions[0], 'bin') : undefined;
	};
	ensureDebianPackage('postgresql', () => find() !== undefined && existsSync('/usr/bin/psql'));
	return find() as string;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** As root: the command run as the postgres user (initdb and pg_ctl refuse root). */
function asServiceUser(command: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', SERVICE_USER, '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(command, args, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${command} ${args[0] ?? ''} failed: ${error.message}\n${stderr.slice(-2000)}`));
			else resolve(stdout);
		});
	});
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Starts a new cluster on a free loopback port (retried if another process takes the port first). */
export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres> {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'e2e-postgres-'));
	const data = join(dir, 'data');
	const socketDir = join(dir, 'socket');
	const logFile = join(dir, 'postgres.log');
	const password = randomBytes(18).toString('base64url');
	const passwordFile = join(dir, 'password');
	mkdirSync(socketDir);
	writeFileSync(passwordFile, password, { mode: 0o600 });
	if (isRoot()) {
		const uid = Number(execFileSync('id', ['-u', SERVICE_USER], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', SERVICE_USER], { encoding: 'utf8' }));
		for (const path of [dir, socketDir, passwordFile]) chownSync(path, uid, gid);
	}
	const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const stop = async () => {
		if (existsSync(join(data, 'postmaster.pid'))) {
			await run(...asServiceUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'])).catch(() => undefined);
		}
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		await run(
			...asServiceUser(join(bin, 'initdb'), [
				'-D', data, '-U', SUPERUSER, `--pwfile=${passwordFile}`, '-E', 'UTF8', '--no-locale',
				'--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync',
			]),
		);
		const settings: Record<string, string | number> = {
			listen_addresses: '127.0.0.1',
			unix_socket_directories: socketDir,
			fsync: 'off',
			synchronous_commit: 'off',
			full_page_writes: 'off',
			...options.settings,
		};
		let port = 0;
		for (let attempt = 1; ; attempt++) {
			port = await freePort();
			const serverOptions = [`-p ${port}`, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].join(' ');
			try {
				await run(...asServiceUser(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOptions, 'start']));
				break;
			} catch (error) {
				if (attempt >= 3 || !/could not bind|already in use/i.test(readLog())) throw error;
			}
		}

		const connection = (database: string): PostgresConnection => ({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
		// The password goes through the environment, never onto a command line.
		const psqlEnv = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' };
		const query = (database: string, sql: string) =>
			run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-d', database, '-X', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql], psqlEnv);
		const connectionString = (database: string) =>
			`postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
		return {
			host: '127.0.0.1',
			port,
			user: SUPERUSER,
			password,
			dir,
			connection,
			connectionString,
			query,
			async createDatabase(name) {
				await query('postgres', `CREATE DATABASE ${quoteIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
				return connectionString(name);
			},
			async queryJson<T>(database: string, select: string) {
				const text = await query(database, `SELECT coalesce(json_agg(row_to_json(q)), '[]') FROM (${select}) q`);
				return JSON.parse(text) as T[];
			},
			log: readLog,
			stop,
		};
	} catch (error) {
		const log = readLog().slice(-3000);
		await stop();
		throw new Error(`${error instanceof Error ? error.message : String(error)}${log ? `\npostgres log:\n${log}` : ''}`);
	}
}
