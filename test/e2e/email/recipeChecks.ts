/**
 * What the email recipe suites (emailToCrm.e2e.ts, customerOnboarding.e2e.ts) look at the same
 * way once their mails are sent: n8n's executions, waiting until every mail was handled, the
 * credentials n8n linked on import, and full numbers searched in everything the workflow wrote.
 */
import { readExample, type EmailToCrm } from './emailToCrm';
import { mailText, readMailbox } from './mailbox';

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

/**
 * Waits until the trigger saw all `mails` of the recipe's inbox, `outcomes()` counts at least one
 * per mail (rows, reviewer mails: the suite says what counts), no mail waits in Postfix and no
 * execution is in flight.
 */
export async function waitForOutcomes(
	env: EmailToCrm,
	mails: number,
	outcomes: () => Promise<{ count: number; state: string }>,
	timeoutMs = 4 * 60 * 1000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const inbox = await readMailbox(env.dovecot, env.recipe.inbox);
		const seen = inbox.filter((m) => m.flags.includes('S')).length;
		const found = await outcomes();
		const queued = (await env.smtp.queued()).length;
		const runs = await executions(env);
		const state = `inbox ${inbox.length} (${seen} seen), ${found.state}, queued ${queued}, executions ${runs.total} (${runs.unfinished} unfinished: ${runs.statuses.join(',')})`;
		if (inbox.length === mails && seen === mails && found.count >= mails && queued === 0 && runs.total > 0 && runs.unfinished === 0) return;
		if (Date.now() > deadline) {
			throw new Error(
				`the workflow did not handle every mail within ${timeoutMs / 1000} s: ${state}\n` +
					`n8n:\n${env.n8nLog().slice(-4000)}\nDovecot:\n${env.dovecot.log().slice(-3000)}\nPostfix:\n${env.smtp.log().slice(-2000)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** The example's nodes with a credential, each with the id n8n linked on import and the one the suite created. */
export async function linkedCredentials(env: EmailToCrm): Promise<{ linked: string[][]; expected: string[][]; placeholders: string[] }> {
	const workflow = await env.rest<{ activeVersionId: string | null; nodes: Array<{ name: string; credentials?: Record<string, { id: string }> }> }>(
		`workflows/${env.workflowId}`,
	);
	if (!workflow.activeVersionId) throw new Error('the workflow is not active');
	const shipped = readExample(env.recipe).nodes.filter((node) => node.credentials);
	return {
		linked: workflow.nodes.filter((node) => node.credentials).map((node) => [node.name, Object.values(node.credentials!)[0].id]),
		expected: shipped.map((node) => [node.name, env.credentialIds[Object.keys(node.credentials!)[0]]]),
		// What the example itself holds: placeholders, no id of anyone's n8n.
		placeholders: shipped.map((node) => Object.values(node.credentials!)[0].id),
	};
}

/** Every mail written to a mailbox other than the recipe's inbox, as [address, its raw text and what a person reads]. */
export async function writtenMails(env: EmailToCrm): Promise<Array<[string, string]>> {
	const written: Array<[string, string]> = [];
	for (const address of env.dovecot.mailboxes().filter((a) => a !== env.recipe.inbox)) {
		for (const mail of await readMailbox(env.dovecot, address)) written.push([address, `${mail.raw.toString('latin1')}\n${mailText(mail)}`]);
	}
	return written;
}

/**
 * Where one of the full `numbers` (card or ID numbers) appears in the texts, as `where: pattern`:
 * the digits with or without the usual separators between them.
 */
export function fullNumbersIn(numbers: string[], texts: Array<[string, string]>): string[] {
	const patterns = numbers.map((number) => new RegExp(number.replace(/[^\dXx]/g, '').split('').join('[ -]?'), 'i'));
	return texts.flatMap(([where, text]) => patterns.filter((p) => p.test(text)).map((p) => `${where}: ${p.source}`));
}
