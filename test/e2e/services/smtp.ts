/**
 * A throwaway SMTP server for the end-to-end suites: Debian's Postfix as an instance of its own
 * (own configuration directory, queue and log in a temp dir that stop() removes), accepting mail
 * from 127.0.0.1 on a free loopback port and handing every message for the given domains to
 * Dovecot over LMTP, so it lands in that recipient's mailbox.
 *
 *   const smtp = await startSmtpServer({ domains: ['bank.test'], lmtp: { host: '127.0.0.1', port: dovecot.lmtpPort } });
 *   smtp.port;
 *   await smtp.waitUntilDelivered(); // nothing left in the queue
 *   await smtp.stop();
 *
 * Why Postfix: of Debian's real mail servers it is the one made to run as several instances on one
 * machine: `postfix -c <dir>` takes the whole configuration (queue included) from that directory,
 * `start-fg` keeps it under the test's control, and `maillog_file` logs to a file without a
 * syslog daemon. OpenSMTPD has its spool and control socket compiled in (one per machine), and
 * Dovecot's own submission service only relays to another MTA. Postfix -> Dovecot LMTP is also how
 * such servers are combined in production. Its Debian package is installed with "No configuration",
 * so the machine's own Postfix stays unconfigured and stopped.
 */
import { execFile, execFileSync } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../../../scripts/n8nRuntime';
import { spawnDaemon, waitForGreetings } from './daemon';
import { ensureDebianPackage } from './debian';

const POSTFIX = '/usr/sbin/postfix';

export interface SmtpOptions {
	/** Mail for these domains goes to `lmtp`; any other recipient is refused. */
	domains: string[];
	lmtp: { host: string; port: number };
	/** The server's own name (greeting, Received headers); default mx.<first domain>. */
	hostname?: string;
}

export interface SmtpServer {
	readonly host: '127.0.0.1';
	readonly port: number;
	readonly dir: string;
	/** Postfix's mail log so far. */
	log(): string;
	/** The messages still in the queue (Postfix's `postqueue -j`). */
	queued(): Promise<Array<Record<string, unknown>>>;
	/** Waits until the queue is empty; fails with the queue and the log after `timeoutMs`. */
	waitUntilDelivered(timeoutMs?: number): Promise<void>;
	/** Stops Postfix and removes its directory; safe to call twice. */
	stop(): Promise<void>;
}

/** Installs Debian's postfix without letting its installer configure the machine's own instance. */
export function ensurePostfix(): void {
	if (!existsSync(POSTFIX)) {
		execFileSync('debconf-set-selections', { input: 'postfix postfix/main_mailer_type select No configuration\n' });
	}
	ensureDebianPackage('postfix', () => existsSync(POSTFIX));
}

function mainCf(dir: string, options: SmtpOptions, hostname: string): string {
	return `# Written by the end-to-end suite; see test/e2e/services/smtp.ts.
compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
maillog_file = ${dir}/mail.log
maillog_file_prefixes = ${dir}
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = ${hostname}
myorigin = $myhostname
mydestination =
mynetworks = 127.0.0.0/8
local_recipient_maps =
alias_maps =
alias_database =
relay_domains =
virtual_mailbox_domains = ${options.domains.join(' ')}
virtual_transport = lmtp:inet:${options.lmtp.host}:${options.lmtp.port}
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
biff = no
# A test wants its mail now: retry a deferred delivery within seconds, not minutes.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
`;
}

function masterCf(port: number): string {
	const services = [
		`127.0.0.1:${port} inet n - n - - smtpd`,
		'pickup unix n - n 60 1 pickup',
		'cleanup unix n - n - 0 cleanup',
		'qmgr unix n - n 300 1 qmgr',
		'rewrite unix - - n - - trivial-rewrite',
		'bounce unix - - n - 0 bounce',
		'defer unix - - n - 0 bounce',
		'trace unix - - n - 0 bounce',
		'verify unix - - n - 1 verify',
		'flush unix n - n 1000? 0 flush',
		'proxymap unix - - n - - proxymap',
		'smtp unix - - n - - smtp',
		'relay unix - - n - - smtp',
		'showq unix n - n - - showq',
		'error unix - - n - - error',
		'retry unix - - n - - error',
		'discard unix - - n - - discard',
		'lmtp unix - - n - - lmtp',
		'anvil unix - - n - 1 anvil',
		'scache unix - - n - 1 scache',
		'postlog unix-dgram n - n - 1 postlogd',
	];
	return `# Written by the end-to-end suite; no chroot, so no copies of /etc are needed.\n${services.join('\n')}\n`;
}

function run(command: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(command, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
			else resolve(stdout);
		});
	});
}

export async function startSmtpServer(options: SmtpOptions): Promise<SmtpServer> {
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error('Postfix must be started as root (its master process drops privileges itself); run the suite as root.');
	}
	ensurePostfix();
	const hostname = options.hostname ?? `mx.${options.domains[0]}`;
	const dir = mkdtempSync(join(tmpdir(), 'e2e-postfix-'));
	// Postfix's daemons run as the postfix user and must reach the queue below it.
	chmodSync(dir, 0o755);
	const conf = join(dir, 'conf');
	const data = join(dir, 'data');
	mkdirSync(conf);
	mkdirSync(join(dir, 'queue'));
	mkdirSync(data);
	chownSync(data, Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' })), 0);
	const logFile = join(dir, 'mail.log');
	const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const remove = () => rmSync(dir, { recursive: true, force: true });

	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		writeFileSync(join(conf, 'main.cf'), mainCf(dir, options, hostname));
		writeFileSync(join(conf, 'master.cf'), masterCf(port));
		const daemon = spawnDaemon(POSTFIX, ['-c', conf, 'start-fg']);
		const describe = () => `${daemon.output().slice(-3000)}\n${log().slice(-3000)}`;
		const stopDaemon = async () => {
			// `postfix stop` lets the master end its children; the group signal is the fallback.
			await run(POSTFIX, ['-c', conf, 'stop']).catch(() => undefined);
			await daemon.stop();
		};
		try {
			await waitForGreetings(daemon, [{ port, expected: /^220 / }], describe);
		} catch (error) {
			await stopDaemon();
			if (attempt < 3 && /Address already in use/.test(describe())) continue;
			remove();
			throw error;
		}
		const queued = async () => {
			const text = await run('/usr/sbin/postqueue', ['-c', conf, '-j']);
			return text
				.split('\n')
				.filter((line) => line.trim())
				.map((line) => JSON.parse(line) as Record<string, unknown>);
		};
		return {
			host: '127.0.0.1',
			port,
			dir,
			log,
			queued,
			async waitUntilDelivered(timeoutMs = 60_000) {
				const deadline = Date.now() + timeoutMs;
				for (;;) {
					const left = await queued();
					if (left.length === 0) return;
					if (Date.now() > deadline) {
						throw new Error(`Postfix still holds ${left.length} message(s) after ${timeoutMs / 1000} s: ${JSON.stringify(left)}\n${log().slice(-3000)}`);
					}
					await new Promise((r) => setTimeout(r, 250));
				}
			},
			async stop() {
				await stopDaemon();
				remove();
			},
		};
	}
}
