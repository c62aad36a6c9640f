/**
 * A throwaway Dovecot (Debian's dovecot-imapd and dovecot-lmtpd) for the end-to-end suites: IMAP
 * for the mail clients (n8n's Email Trigger), LMTP for the SMTP server to deliver into, both on
 * free loopback ports, every mailbox a Maildir in a temp dir that stop() removes.
 *
 *   const dovecot = await startDovecot({ logins: { 'cards@bank.test': 'secret' } });
 *   dovecot.imapPort; dovecot.lmtpPort;
 *   dovecot.messages('anna@customers.test'); // raw RFC 5322 messages, oldest first
 *   await dovecot.stop();
 *
 * It runs with a configuration of its own (`dovecot -F -c <file>`; nothing of /etc/dovecot is
 * read), started as root as Dovecot expects; mail is stored as the `mail` user. Any address is a
 * valid recipient (a static userdb with allow_all_users), so replies to any customer land in a
 * mailbox of their own; only the `logins` given can sign in over IMAP (plain text, no TLS: the
 * ports are on 127.0.0.1 only).
 */
import { execFileSync } from 'child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../../../scripts/n8nRuntime';
import { spawnDaemon, waitForGreetings } from './daemon';
import { ensureDebianPackage } from './debian';

const DOVECOT = '/usr/sbin/dovecot';
/** The user that owns the mail; Debian's base system has it. */
const MAIL_USER = 'mail';

export interface DovecotOptions {
	/** IMAP logins: address -> password. */
	logins: Record<string, string>;
}

export interface Dovecot {
	readonly host: '127.0.0.1';
	readonly imapPort: number;
	readonly lmtpPort: number;
	readonly dir: string;
	/** The raw messages in an address's INBOX (new and seen), oldest first. */
	messages(address: string): Buffer[];
	/** The same with each message's Maildir flags ("S" once a client marked it seen). */
	messageFiles(address: string): Array<{ raw: Buffer; flags: string }>;
	/**
	 * The IMAP sessions open right now, as their process titles show them:
	 * "<user> <ip> <command>", e.g. "cards@bank.test 127.0.0.1 IDLE" for a client waiting for mail.
	 */
	imapSessions(): string[];
	/** Every address that has a mailbox (received at least one message). */
	mailboxes(): string[];
	log(): string;
	/** Stops Dovecot and removes its directory; safe to call twice. */
	stop(): Promise<void>;
}

export function ensureDovecot(): void {
	ensureDebianPackage('dovecot-imapd', () => existsSync(DOVECOT) && existsSync('/usr/lib/dovecot/imap'));
	ensureDebianPackage('dovecot-lmtpd', () => existsSync('/usr/lib/dovecot/lmtp'));
}

function config(dir: string, mailRoot: string, imapPort: number, lmtpPort: number): string {
	return `# Written by the end-to-end suite; see test/e2e/services/dovecot.ts.
instance_name = e2e-${dir.split('/').pop()}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
# Process titles show each IMAP session's user and current command (IDLE = a client listening).
verbose_proctitle = yes
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mailRoot}/%d/%n
mail_uid = ${MAIL_USER}
mail_gid = ${MAIL_USER}
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/logins
}
userdb {
  driver = static
  args = allow_all_users=yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
`;
}

function maildirFiles(folder: string): string[] {
	const files: string[] = [];
	for (const sub of ['new', 'cur']) {
		const path = join(folder, sub);
		if (existsSync(path)) for (const name of readdirSync(path)) files.push(join(path, name));
	}
	// Maildir names start with the delivery time (seconds, then microseconds after ".M").
	const key = (file: string) => {
		const match = /^(\d+)\.M(\d+)/.exec(file.split('/').pop() as string);
		return match ? Number(match[1]) * 1e6 + Number(match[2]) : statSync(file).mtimeMs * 1e3;
	};
	return files.sort((a, b) => key(a) - key(b));
}

export async function startDovecot(options: DovecotOptions): Promise<Dovecot> {
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error('Dovecot must be started as root here (it drops its privileges itself); run the suite as root.');
	}
	ensureDovecot();
	const dir = mkdtempSync(join(tmpdir(), 'e2e-dovecot-'));
	// Dovecot's unprivileged processes and the mail user must reach into it.
	chmodSync(dir, 0o755);
	const mailRoot = join(dir, 'mail');
	mkdirSync(mailRoot);
	const uid = Number(execFileSync('id', ['-u', MAIL_USER], { encoding: 'utf8' }));
	const gid = Number(execFileSync('id', ['-g', MAIL_USER], { encoding: 'utf8' }));
	chownSync(mailRoot, uid, gid);
	const logins = join(dir, 'logins');
	writeFileSync(
		logins,
		Object.entries(options.logins)
			.map(([address, password]) => `${address}:{PLAIN}${password}\n`)
			.join(''),
		{ mode: 0o640 },
	);
	// Read by Dovecot's auth process, which runs as the dovecot user.
	chownSync(logins, 0, Number(execFileSync('id', ['-g', 'dovecot'], { encoding: 'utf8' })));
	const logFile = join(dir, 'dovecot.log');
	const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	const remove = () => rmSync(dir, { recursive: true, force: true });

	for (let attempt = 1; ; attempt++) {
		const imapPort = await freePort();
		const lmtpPort = await freePort();
		const file = join(dir, 'dovecot.conf');
		writeFileSync(file, config(dir, mailRoot, imapPort, lmtpPort));
		const daemon = spawnDaemon(DOVECOT, ['-F', '-c', file]);
		const describe = () => `${daemon.output().slice(-3000)}\n${log().slice(-3000)}`;
		try {
			await waitForGreetings(
				daemon,
				[
					{ port: imapPort, expected: /^\* OK/ },
					{ port: lmtpPort, expected: /^220 / },
				],
				describe,
			);
		} catch (error) {
			await daemon.stop();
			// Another process may have taken a port between freePort() and Dovecot's bind.
			if (attempt < 3 && /Address already in use/.test(describe())) continue;
			remove();
			throw error;
		}
		const messageFiles = (address: string) => {
			const [local, domain] = address.toLowerCase().split('@');
			// Maildir: "<unique>:2,<flags>" once a client has seen or flagged it (cur/).
			return maildirFiles(join(mailRoot, domain, local)).map((path) => ({
				raw: readFileSync(path),
				flags: /:2,([A-Za-z]*)$/.exec(path)?.[1] ?? '',
			}));
		};
		const instance = `e2e-${dir.split('/').pop()}`;
		const imapSessions = () => {
			const titles: string[] = [];
			for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
				let title: string;
				try {
					title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
				} catch {
					continue; // gone meanwhile
				}
				// Dovecot names its processes "dovecot-<instance_name>/<service>".
				const match = new RegExp(`^dovecot-${instance}/imap \\[(.*)\\]$`).exec(title);
				if (match) titles.push(match[1]);
			}
			return titles;
		};
		return {
			host: '127.0.0.1',
			imapPort,
			lmtpPort,
			dir,
			messages: (address) => messageFiles(address).map((file) => file.raw),
			messageFiles,
			imapSessions,
			mailboxes() {
				const found: string[] = [];
				for (const domain of readdirSync(mailRoot)) {
					for (const local of readdirSync(join(mailRoot, domain))) found.push(`${local}@${domain}`);
				}
				return found.sort();
			},
			log,
			async stop() {
				await daemon.stop();
				remove();
			},
		};
	}
}
