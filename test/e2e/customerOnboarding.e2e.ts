/**
 * The second example on real servers: new customers mail the front and back of their resident ID
 * card and a bank card photo to an inbox on Dovecot; n8n (`n8n start`, examples/customer-onboarding.json
 * imported as shipped and activated) picks each mail up with its Email Trigger (IMAP), reads it
 * with ID Card OCR and Bankcard OCR (each skips the other's photos), and files one row per
 * customer in PostgreSQL's `customers` table when every check passes, else mails a reviewer the
 * reasons through Postfix. The suite then reads the table, every mailbox and n8n's own database.
 *
 * Needs root and the Debian packages the email-to-CRM suite needs (services/, email/emailToCrm.ts).
 */
import { CRM_DATABASE, CUSTOMER_ONBOARDING, readExample, startEmailToCrm, type EmailToCrm } from './email/emailToCrm';
import { INBOX, REVIEWER } from './email/customerMails';
import { mailText, readMailbox } from './email/mailbox';
import { onboardingMails, type CustomerRow } from './email/onboardingMails';
import { executions, waitForOutcomes } from './email/outcomes';

let env: EmailToCrm | undefined;
const mails = onboardingMails();

async function rows(): Promise<CustomerRow[]> {
	return await env!.postgres.queryJson<CustomerRow>(
		CRM_DATABASE,
		'SELECT sender, sender_name, name, id_number_masked, age, id_valid_from, id_valid_to, bank, card_number_masked FROM customers ORDER BY id',
	);
}

beforeAll(async () => {
	env = await startEmailToCrm(CUSTOMER_ONBOARDING);
	for (const mail of mails) await env.send(mail);
	await waitForOutcomes(env, { mails: mails.length, crmRows: async () => (await rows()).length });
}, 15 * 60 * 1000);

afterAll(async () => {
	await env?.stop();
}, 2 * 60 * 1000);

describe('customer onboarding from email: ID card and bank card into the CRM, on real mail and database servers', () => {
	test("the example's placeholder credentials are linked on import, and every run succeeded", async () => {
		const workflow = await env!.rest<{ activeVersionId: string | null; nodes: Array<{ name: string; credentials?: Record<string, { id: string }> }> }>(`workflows/${env!.workflowId}`);
		expect(workflow.activeVersionId).toBeTruthy();
		const linked = workflow.nodes.filter((node) => node.credentials).map((node) => [node.name, Object.values(node.credentials!)[0].id]);
		const expected = readExample(CUSTOMER_ONBOARDING)
			.nodes.filter((node) => node.credentials)
			.map((node) => [node.name, env!.credentialIds[Object.keys(node.credentials!)[0]]]);
		expect(linked).toEqual(expected);
		const runs = await executions(env!);
		expect(runs.statuses.every((status) => status === 'success')).toBe(true);
	});

	test('PostgreSQL holds one row for the customer whose documents passed every check: name, masked ID number, age, validity, bank, masked card number', async () => {
		const expected = mails.flatMap((mail) => ('crm' in mail.outcome ? [{ sender: mail.from.address, sender_name: mail.from.name, ...mail.outcome.crm }] : []));
		expect(await rows()).toEqual(expected);
	});

	test('the reviewer got exactly one mail for each doubtful onboarding, saying what was doubtful', async () => {
		const reviews = await readMailbox(env!.dovecot, REVIEWER);
		const doubtful = mails.filter((mail) => 'review' in mail.outcome);
		expect(reviews).toHaveLength(doubtful.length);
		for (const mail of doubtful) {
			const about = reviews.filter((review) => review.parsed.text?.includes(`<${mail.from.address}>`));
			expect({ mail: mail.key, reviews: about.length }).toEqual({ mail: mail.key, reviews: 1 });
			expect(about[0].parsed.subject).toBe(`Onboarding to check: ${mail.subject}`);
			const doubt = (mail.outcome as { review: RegExp }).review;
			expect({ mail: mail.key, text: about[0].parsed.text }).toEqual({ mail: mail.key, text: expect.stringMatching(doubt) });
		}
	});

	test("no full ID number or card number appears in PostgreSQL, in any mail sent, or in n8n's stored executions", async () => {
		const numbers = mails.flatMap((mail) => mail.numbers);
		const patterns = numbers.map((number) => new RegExp(number.replace(/[^\dX]/g, '').split('').join('[ -]?')));
		const leaks = (where: string, text: string) => patterns.filter((p) => p.test(text)).map((p) => `${where}: ${p.source}`);
		const crm = await env!.postgres.query(CRM_DATABASE, 'SELECT row_to_json(c)::text FROM customers c');
		const written: Array<[string, string]> = [];
		for (const address of env!.dovecot.mailboxes().filter((a) => a !== INBOX)) {
			for (const mail of await readMailbox(env!.dovecot, address)) written.push([address, `${mail.raw.toString('latin1')}\n${mailText(mail)}`]);
		}
		const n8nData = await env!.dumpN8nDatabase();
		// The masked numbers are there: the checks look at data that is.
		for (const row of await rows()) {
			expect(crm).toContain(row.id_number_masked);
			expect(n8nData).toContain(row.card_number_masked);
		}
		expect(written.length).toBeGreaterThan(0);
		expect([...leaks('PostgreSQL customers', crm), ...written.flatMap(([address, text]) => leaks(address, text)), ...leaks("n8n's database", n8nData)]).toEqual([]);
	});
});
