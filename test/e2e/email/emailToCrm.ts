/**
 * Everything the "card photos from email into your CRM" workflow talks to, started for real on
 * loopback ports: Dovecot (the card inbox, over IMAP), Postfix (outgoing mail, delivered into
 * Dovecot), PostgreSQL (the CRM's `cards` table), the local Huawei stand-in, and `n8n start`
 * (on its default SQLite database: n8n 2.40 and 2.41 call Debian 12's PostgreSQL 15 unsupported
 * for their own data) with examples/email-to-crm.json (or another ExampleSetup, such as
 * customer-onboarding.json) imported as shipped, the way the editor's
 * "Import from File" + Save does (POST /rest/workflows), and activated as its Publish button does.
 * Used by the e2e suite and by the script that takes the README's screenshots.
 *
 *   const env = await startEmailToCrm();
 *   await env.send(mail);
 *   await env.stop(); // every server, also after a failure
 */
import { execFile, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTransport } from 'nodemailer';

import {
	PROJECT_ROOT,
	ensureN8n,
	ensureNode24,
	freePort,
	n8nEnv,
	prepareUserFolder,
	readJson,
	setupOwner,
	startN8n,
	stopN8n,
} from '../../../scripts/n8nRuntime';
import { IAM_USER } from '../../helpers/fixtures';
import { HuaweiError, readCard, startHuaweiServer, type HuaweiServer } from '../../server/huaweiServer';
import { startDovecot, type Dovecot } from '../services/dovecot';
import { startPostgres, type Postgres } from '../services/postgres';
import { startSmtpServer, type SmtpServer } from '../services/smtp';
import { BANK_DOMAIN, CUSTOMER_DOMAIN, INBOX, type CustomerMail } from './customerMails';

/** An example workflow this file can run: its JSON, the SQL that creates its CRM table, the table. */
export interface ExampleSetup {
	workflowFile: string;
	tableSqlFile: string;
	table: string;
}
export const EMAIL_TO_CRM: ExampleSetup = {
	workflowFile: join(PROJECT_ROOT, 'examples', 'email-to-crm.json'),
	tableSqlFile: join(PROJECT_ROOT, 'examples', 'email-to-crm.sql'),
	table: 'cards',
};
/** ID card front and back plus a bank card in one email -> one `customers` row, or a reviewer. */
export const CUSTOMER_ONBOARDING: ExampleSetup = {
	workflowFile: join(PROJECT_ROOT, 'examples', 'customer-onboarding.json'),
	tableSqlFile: join(PROJECT_ROOT, 'examples', 'customer-onboarding.sql'),
	table: 'customers',
};
export const CRM_DATABASE = 'crm';
/** The CRM role the workflow writes as: it may add and read rows of its table, nothing else. */
const CRM_ROLE = 'n8n_crm';

/** The credentials the example refers to by n8n's default names for new credentials. */
export const CREDENTIAL_NAMES = {
	imap: { type: 'imap', name: 'IMAP account' },
	smtp: { type: 'smtp', name: 'SMTP account' },
	postgres: { type: 'postgres', name: 'Postgres account' },
	huaweiOcrApi: { type: 'huaweiOcrApi', name: 'Huawei OCR API account' },
} as const;

export interface Example {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, any>; credentials?: Record<string, { id: string; name: string }> }>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
}

export function readExample(example: ExampleSetup = EMAIL_TO_CRM): Example {
	return readJson<Example>(example.workflowFile);
}

export interface EmailToCrm extends Servers {
	node24: string;
	n8nEnv: NodeJS.ProcessEnv;
	baseUrl: string;
	/** The owner's session cookie. */
	cookie: string;
	workflowId: string;
	/** The id n8n gave each credential, by credential type. */
	credentialIds: Record<string, string>;
	/** GET/POST on n8n's REST API as the owner; fails on a non-2xx answer. */
	rest<T = unknown>(path: string, body?: unknown): Promise<T>;
	/** Sends a customer's mail through Postfix to the card inbox; resolves with its Date header. */
	send(mail: MailToSend): Promise<Date>;
	/** n8n's log file so far. */
	n8nLog(): string;
	/** Runs one SELECT on n8n's own (SQLite) database, read-only. */
	n8nQuery<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	/** Every row of every table of n8n's database, as JSON text, for searching all n8n stored. */
	dumpN8nDatabase(): Promise<string>;
	stop(): Promise<void>;
}

/** The stand-in answers a photo that carries no card (the back side, a logo) as Huawei would. */
function noCardWithoutOne(input: { image?: Buffer }): undefined {
	if (input.image && readCard(input.image) === undefined) {
		throw new HuaweiError(400, 'AIS.0104', 'The image is not supported or its quality is poor: no bank card was found.');
	}
	return undefined;
}

/** What a customer's mail holds, whichever suite wrote it. */
export type MailToSend = Pick<CustomerMail, 'from' | 'subject' | 'text' | 'html' | 'attachments'>;

interface Servers {
	huawei: HuaweiServer;
	postgres: Postgres;
	dovecot: Dovecot;
	smtp: SmtpServer;
}

/** The credentials a user creates in n8n's credential dialog for the example (POST /rest/credentials). */
function credentials(servers: Servers, secrets: { crmPassword: string; inboxPassword: string }) {
	return [
		{
			...CREDENTIAL_NAMES.imap,
			data: { user: INBOX, password: secrets.inboxPassword, host: servers.dovecot.host, port: servers.dovecot.imapPort, secure: false },
		},
		{
			...CREDENTIAL_NAMES.smtp,
			data: { user: '', password: '', host: servers.smtp.host, port: servers.smtp.port, secure: false, disableStartTls: true },
		},
		{
			...CREDENTIAL_NAMES.postgres,
			data: {
				host: servers.postgres.host,
				port: servers.postgres.port,
				database: CRM_DATABASE,
				user: CRM_ROLE,
				password: secrets.crmPassword,
				ssl: 'disable',
			},
		},
		{
			...CREDENTIAL_NAMES.huaweiOcrApi,
			data: {
				region: 'cn-north-4',
				iamEndpoint: servers.huawei.url,
				ocrEndpoint: servers.huawei.url,
				authentication: 'password',
				userName: IAM_USER.name,
				password: IAM_USER.password,
				accountName: IAM_USER.domain,
			},
		},
	];
}

/**
 * Reads a SQLite file with Node 24's built-in node:sqlite (read-only, so it never disturbs the
 * running n8n), in a child process: this jest process runs on the machine's older Node. With
 * `sql` it answers that SELECT's rows; without, every row of every table as
 * `{ table: rows }`.
 */
function sqliteReader(node24: string, file: string) {
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(process.argv[1], { readOnly: true });
		const sql = process.argv[2];
		const all = (query) => db.prepare(query).all();
		const result = sql
			? all(sql)
			: Object.fromEntries(all("SELECT name FROM sqlite_master WHERE type = 'table'").map(({ name }) => [name, all('SELECT * FROM "' + name.replace(/"/g, '""') + '"')]));
		process.stdout.write(JSON.stringify(result, (key, value) => (typeof value === 'bigint' ? Number(value) : value)));`;
	return <T>(sql?: string) =>
		new Promise<T>((resolve, reject) => {
			execFile(node24, ['--no-warnings', '-e', script, file, sql ?? ''], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) =>
				error ? reject(new Error(`reading n8n's database failed: ${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as T),
			);
		});
}

/**
 * Waits until n8n's Email Trigger sits in IMAP IDLE on the inbox. n8n connects after the
 * activation has answered, and mail that lands before it listens is only fetched when the next
 * mail arrives (the trigger reacts to arrivals): a user's inbox is listened to long before the
 * customers write, and so is this one.
 */
async function waitForIdle(dovecot: Dovecot, address: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!dovecot.imapSessions().some((session) => session.startsWith(`${address} `) && session.endsWith(' IDLE'))) {
		if (Date.now() > deadline) {
			throw new Error(`n8n's Email Trigger did not wait for mail (IMAP IDLE) within ${timeoutMs / 1000} s: sessions ${JSON.stringify(dovecot.imapSessions())}\n${dovecot.log().slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

export async function startEmailToCrm(example: ExampleSetup = EMAIL_TO_CRM): Promise<EmailToCrm> {
	const stops: Array<() => Promise<void>> = [];
	const stop = async () => {
		const errors: unknown[] = [];
		for (const step of stops.reverse()) {
			try {
				await step();
			} catch (error) {
				errors.push(error);
			}
		}
		stops.length = 0;
		if (errors.length) throw errors[0];
	};
	try {
		const node24 = ensureNode24();
		ensureN8n(node24);

		const huawei = await startHuaweiServer({ cards: noCardWithoutOne });
		stops.push(() => huawei.close());

		const postgres = await startPostgres();
		stops.push(() => postgres.stop());
		const crmPassword = randomBytes(12).toString('base64url');
		await postgres.createDatabase(CRM_DATABASE);
		await postgres.query(CRM_DATABASE, readFileSync(example.tableSqlFile, 'utf8'));
		const { table } = example;
		await postgres.query(
			CRM_DATABASE,
			`CREATE ROLE ${CRM_ROLE} LOGIN PASSWORD '${crmPassword}'; GRANT SELECT, INSERT ON ${table} TO ${CRM_ROLE}; GRANT USAGE ON SEQUENCE ${table}_id_seq TO ${CRM_ROLE};`,
		);

		const inboxPassword = randomBytes(12).toString('base64url');
		const dovecot = await startDovecot({ logins: { [INBOX]: inboxPassword } });
		stops.push(() => dovecot.stop());
		const smtp = await startSmtpServer({
			domains: [BANK_DOMAIN, CUSTOMER_DOMAIN],
			lmtp: { host: dovecot.host, port: dovecot.lmtpPort },
		});
		stops.push(() => smtp.stop());

		const folder = mkdtempSync(join(tmpdir(), 'e2e-email-n8n-'));
		stops.push(async () => rmSync(folder, { recursive: true, force: true }));
		prepareUserFolder(folder, false);
		const port = await freePort();
		const logFile = join(folder, 'n8n.log');
		const env = n8nEnv(node24, folder, port, {
			GENERIC_TIMEZONE: 'UTC',
			// n8n's log in a file, for the failure messages of the suite.
			N8N_LOG_OUTPUT: 'console,file',
			N8N_LOG_FILE_LOCATION: logFile,
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		});
		const readN8nDatabase = sqliteReader(node24, join(folder, '.n8n', 'database.sqlite'));


		const n8n: ChildProcess = await startN8n(node24, env);
		stops.push(() => stopN8n(n8n));
		const baseUrl = `http://127.0.0.1:${port}`;
		const cookie = await setupOwner(port);
		const rest = async <T>(path: string, body?: unknown): Promise<T> => {
			const response = await fetch(`${baseUrl}/rest/${path}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`n8n ${path}: HTTP ${response.status} ${text.slice(0, 2000)}`);
			return (JSON.parse(text) as { data: T }).data;
		};
		const credentialIds: Record<string, string> = {};
		for (const credential of credentials({ huawei, postgres, dovecot, smtp }, { crmPassword, inboxPassword })) {
			credentialIds[credential.type] = (await rest<{ id: string }>('credentials', credential)).id;
		}
		// The example as shipped: its credential references are placeholders, which n8n resolves
		// by name when it saves the workflow.
		const { name, nodes, connections, settings } = readExample(example);
		const workflow = await rest<{ id: string; versionId: string }>('workflows', { name, nodes, connections, settings });
		await rest(`workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
		await waitForIdle(dovecot, INBOX);

		const transport = createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
		stops.push(async () => transport.close());

		return {
			huawei,
			postgres,
			dovecot,
			smtp,
			node24,
			n8nEnv: env,
			baseUrl,
			cookie,
			workflowId: workflow.id,
			credentialIds,
			rest,
			async send(mail) {
				// Whole seconds: the Date header has no finer resolution.
				const date = new Date(Math.floor(Date.now() / 1000) * 1000);
				await transport.sendMail({
					from: mail.from,
					to: INBOX,
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					date,
					attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, cid: a.cid })),
				});
				return date;
			},
			n8nQuery: <T>(sql: string) => readN8nDatabase<T[]>(sql),
			n8nLog: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
			dumpN8nDatabase: async () => JSON.stringify(await readN8nDatabase<Record<string, unknown[]>>()),
			stop,
		};
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}
