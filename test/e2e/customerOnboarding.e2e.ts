/**
 * The customer onboarding recipe on real servers: new customers mail the front and back of their
 * ID card and a photo of their bank card to an inbox on Dovecot; n8n (`n8n start`, the example
 * examples/customer-onboarding.json imported as shipped and activated) reads every file of each
 * mail with ID Card OCR and with Bankcard OCR 1.3 (the local Huawei stand-in; each node skips the
 * other's photo), files the customers whose cards pass every check in PostgreSQL's `customers`
 * table and puts the others on `onboarding_reviews`, mailing the reviewer through Postfix. The
 * suite then reads both tables, every mailbox and n8n's own database.
 *
 * Needs root, as the email-to-CRM suite (same servers, same helpers: email/emailToCrm.ts).
 */
import { unflatten } from './services/n8nQueue';
import { mask, REVIEWER } from './email/customerMails';
import { CRM_DATABASE, CUSTOMER_ONBOARDING, startEmailToCrm, type EmailToCrm } from './email/emailToCrm';
import { readMailbox, type ReadMail } from './email/mailbox';
import { onboardingMails, type CustomerRow, type OnboardingMail, type ReviewRow } from './email/onboardingMails';
import { executions, fullNumbersIn, linkedCredentials, waitForOutcomes, writtenMails } from './email/recipeChecks';

let env: EmailToCrm | undefined;
const mails = onboardingMails();
const sentAt = new Map<string, Date>();

const UTC_TEXT = `to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at`;

async function customers(): Promise<CustomerRow[]> {
	return await env!.postgres.queryJson<CustomerRow>(
		CRM_DATABASE,
		`SELECT sender, name, id_number_masked, age, id_valid_from, id_valid_to, bank, card_number_masked, card_expiry, ${UTC_TEXT} FROM customers ORDER BY id`,
	);
}

async function reviews(): Promise<ReviewRow[]> {
	return await env!.postgres.queryJson<ReviewRow>(
		CRM_DATABASE,
		`SELECT sender, sender_name, subject, name, id_number_masked, card_number_masked, reasons, ${UTC_TEXT} FROM onboarding_reviews ORDER BY id`,
	);
}

const bySender = <T extends { sender: string }>(rows: T[]) => [...rows].sort((a, b) => a.sender.localeCompare(b.sender));
const received = (mail: OnboardingMail) => (sentAt.get(mail.key) as Date).toISOString();
const sameSender = (mail: OnboardingMail) => (read: ReadMail) => read.parsed.text?.includes(`<${mail.from.address}>`) === true;

interface StoredItem {
	json: Record<string, any>;
}

/** What a node gave in every stored execution, decoded from n8n's flatted run data. */
async function nodeOutput(node: string): Promise<Array<Record<string, any>>> {
	const stored = await env!.n8nQuery<{ data: string }>('SELECT data FROM execution_data');
	return stored.flatMap(({ data }) => {
		const runs = (unflatten(data) as { resultData: { runData: Record<string, Array<{ data?: { main: StoredItem[][] } }>> } }).resultData.runData[node] ?? [];
		return runs.flatMap((run) => run.data?.main.flat() ?? []).map((item) => item.json);
	});
}

beforeAll(async () => {
	env = await startEmailToCrm(CUSTOMER_ONBOARDING);
	for (const mail of mails) sentAt.set(mail.key, await env.send(mail));
	await waitForOutcomes(env, mails.length, async () => {
		const filed = (await customers()).length;
		const reviewed = env!.dovecot.messages(REVIEWER).length;
		return { count: filed + reviewed, state: `customers ${filed}, reviewer mails ${reviewed}` };
	});
}, 15 * 60 * 1000);

afterAll(async () => {
	await env?.stop();
}, 2 * 60 * 1000);

describe('customer onboarding from email, on real mail and database servers', () => {
	test('n8n linked the example\'s placeholder credentials on import, and the workflow is active', async () => {
		const { linked, expected, placeholders } = await linkedCredentials(env!);
		expect(linked).toEqual(expected);
		expect(linked.map(([node]) => node)).toEqual(expect.arrayContaining(['Read the ID card', 'Read the bank card']));
		for (const id of placeholders) expect(id).toMatch(/^choose-your-/);
	});

	test('the Email Trigger took every mail (marked as read), and every execution succeeded', async () => {
		const inbox = await readMailbox(env!.dovecot, env!.recipe.inbox);
		expect(inbox.map((m) => m.flags.includes('S'))).toEqual(mails.map(() => true));
		const runs = await executions(env!);
		expect(runs.statuses.every((status) => status === 'success')).toBe(true);
	});

	test('the clean onboarding gives exactly one customers row: name, masked ID number, age, validity, bank, masked card number', async () => {
		const expected = mails.flatMap((mail) =>
			'customer' in mail.outcome ? [{ sender: mail.from.address, ...mail.outcome.customer, received_at: received(mail) }] : [],
		);
		expect(expected).toHaveLength(1);
		const found = await customers();
		expect(bySender(found)).toEqual(bySender(expected));
		// The row README quotes.
		console.log(`customers row:\n${JSON.stringify(found, null, 2)}`);
	});

	test('one email of ID card front + back + bank card: each OCR node read its own card and listed the other photo in skipped_files', async () => {
		const clean = mails.find((mail) => 'customer' in mail.outcome)!;
		const idCard = (await nodeOutput('Check the ID card')).filter((item) => item.sender === clean.from.address);
		expect(idCard).toHaveLength(1);
		expect(idCard[0].id_card).toMatchObject({
			side: 'both',
			source_file_name: 'id-front.png',
			back_source_file_name: 'id-back.png',
			number_valid: true,
			birth_matches_number: true,
			sex_matches_number: true,
			is_expired: false,
			missing_fields: [],
			warnings: [],
			skipped_files: [expect.objectContaining({ file_name: 'bank-card.jpg', reason: expect.stringMatching(/ID card/i) })],
		});
		// Left out on purpose (Leave Out Fields): never in the execution log.
		for (const field of ['address', 'birth', 'ethnicity']) expect(Object.keys(idCard[0].id_card)).not.toContain(field);
		const messageId = idCard[0].message_id;
		const bank = (await nodeOutput('Check the bank card')).filter((item) => item.message_id === messageId);
		expect(bank).toHaveLength(1);
		expect(bank[0].card_problems).toBe('');
		expect(bank[0].bank_card).toMatchObject({
			source_file_name: 'bank-card.jpg',
			card_number_valid: true,
			skipped_files: [expect.objectContaining({ file_name: 'id-front.png' }), expect.objectContaining({ file_name: 'id-back.png' })],
		});
		console.log(`ID Card OCR item:\n${JSON.stringify(idCard[0].id_card, null, 2)}`);
	});

	test('each doubtful email gives exactly one onboarding_reviews row, saying what failed, with masked numbers only', async () => {
		const found = await reviews();
		const doubtful = mails.filter((mail) => 'review' in mail.outcome);
		expect(found).toHaveLength(doubtful.length);
		for (const mail of doubtful) {
			const { review } = mail.outcome as Extract<OnboardingMail['outcome'], { review: unknown }>;
			const rows = found.filter((row) => row.sender === mail.from.address);
			expect({ mail: mail.key, rows: rows.length }).toEqual({ mail: mail.key, rows: 1 });
			expect({ mail: mail.key, row: rows[0] }).toEqual({
				mail: mail.key,
				row: {
					sender: mail.from.address,
					sender_name: mail.from.name,
					subject: mail.subject,
					name: review.name,
					id_number_masked: review.id_number_masked,
					card_number_masked: review.card_number_masked,
					reasons: expect.stringMatching(review.reasons),
					received_at: received(mail),
				},
			});
		}
		console.log(`onboarding_reviews:\n${found.map((row) => `${row.sender}: ${row.reasons}`).join('\n')}`);
	});

	test('the reviewer got exactly one mail per doubtful email, with what needs a look', async () => {
		const mailsToReviewer = await readMailbox(env!.dovecot, REVIEWER);
		const doubtful = mails.filter((mail) => 'review' in mail.outcome);
		expect(mailsToReviewer).toHaveLength(doubtful.length);
		for (const mail of doubtful) {
			const { review } = mail.outcome as Extract<OnboardingMail['outcome'], { review: unknown }>;
			const about = mailsToReviewer.filter(sameSender(mail));
			expect({ mail: mail.key, reviews: about.length }).toEqual({ mail: mail.key, reviews: 1 });
			expect(about[0].parsed.subject).toBe(`Onboarding to check: ${mail.subject}`);
			const needsALook = /What needs a look: (.*)\n/.exec(about[0].parsed.text ?? '')?.[1] ?? '';
			expect({ mail: mail.key, needsALook }).toEqual({ mail: mail.key, needsALook: expect.stringMatching(review.reasons) });
		}
	});

	test('every email got exactly one outcome: a customers row or a review', async () => {
		const [filed, reviewed] = [await customers(), await reviews()];
		for (const mail of mails) {
			const outcome = { mail: mail.key, customers: filed.filter((r) => r.sender === mail.from.address).length, reviews: reviewed.filter((r) => r.sender === mail.from.address).length };
			expect(outcome).toEqual({ mail: mail.key, customers: 'customer' in mail.outcome ? 1 : 0, reviews: 'review' in mail.outcome ? 1 : 0 });
		}
	});

	test('no full ID number or card number appears in the CRM tables, in any mail written, or in n8n\'s stored executions', async () => {
		const numbers = [...new Set(mails.flatMap((mail) => mail.fullNumbers))];
		expect(numbers.length).toBeGreaterThan(4);
		// The search finds a number however it is spaced.
		expect(fullNumbersIn([numbers[0]], [['sample', `ID ${numbers[0].replace(/(\d{6})(\d{8})/, '$1 $2 ')}`]])).toHaveLength(1);
		const tables = await env!.postgres.query(
			CRM_DATABASE,
			`SELECT row_to_json(c)::text FROM customers c UNION ALL SELECT row_to_json(r)::text FROM onboarding_reviews r`,
		);
		const written = await writtenMails(env!);
		const n8nData = await env!.dumpN8nDatabase();

		// The checks look at data that is really there: the masked numbers are.
		const clean = mails.find((mail) => 'customer' in mail.outcome)!.outcome as Extract<OnboardingMail['outcome'], { customer: unknown }>;
		for (const masked of [clean.customer.id_number_masked, clean.customer.card_number_masked]) {
			expect(tables).toContain(masked);
			expect(n8nData).toContain(masked);
		}
		expect(written.some(([, text]) => text.includes(mask('6222 0298 7612 3454')))).toBe(true);

		expect(fullNumbersIn(numbers, [['PostgreSQL customers and onboarding_reviews', tables], ...written, ["n8n's database", n8nData]])).toEqual([]);
	});
});
