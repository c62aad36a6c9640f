/**
 * Waiting for an example workflow to have handled every mail, and what n8n recorded of its runs:
 * shared by the email suites (emailToCrm.e2e.ts, customerOnboarding.e2e.ts), whose workflows each
 * end in a CRM row or a mail to the reviewer.
 */
import type { EmailToCrm } from './emailToCrm';
import { INBOX, REVIEWER } from './customerMails';
import { readMailbox } from './mailbox';

export interface Executions {
	total: number;
	unfinished: number;
	statuses: string[];
}

export async function executions(env: EmailToCrm): Promise<Executions> {
	const list = await env.n8nQuery<{ status: string }>('SELECT status FROM execution_entity');
	return {
		total: list.length,
		unfinished: list.filter((e) => !['success', 'error', 'crashed', 'canceled'].includes(e.status)).length,
		statuses: list.map((e) => e.status),
	};
}

/** Waits until every mail was seen by the trigger, has an outcome, and nothing is in flight. */
export async function waitForOutcomes(env: EmailToCrm, expected: { mails: number; crmRows: () => Promise<number> }, timeoutMs = 4 * 60 * 1000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let state = '';
	for (;;) {
		const inbox = await readMailbox(env.dovecot, INBOX);
		const seen = inbox.filter((m) => m.flags.includes('S')).length;
		const crm = await expected.crmRows();
		const reviews = env.dovecot.messages(REVIEWER).length;
		const queued = (await env.smtp.queued()).length;
		const runs = await executions(env);
		state = `inbox ${inbox.length} (${seen} seen), CRM rows ${crm}, reviewer mails ${reviews}, queued ${queued}, executions ${runs.total} (${runs.unfinished} unfinished: ${runs.statuses.join(',')})`;
		if (inbox.length === expected.mails && seen === expected.mails && crm + reviews >= expected.mails && queued === 0 && runs.total > 0 && runs.unfinished === 0) {
			return;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`the workflow did not handle every mail within ${timeoutMs / 1000} s: ${state}\n` +
					`n8n:\n${env.n8nLog().slice(-4000)}\nDovecot:\n${env.dovecot.log().slice(-3000)}\nPostfix:\n${env.smtp.log().slice(-2000)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
}
