/**
 * The whole chain a user builds, on real servers: customers mail card photos to an
 * inbox on Dovecot; n8n (`n8n start`, the example workflow examples/email-to-crm.json imported
 * as shipped and activated) picks them up with its Email Trigger (IMAP), reads them with Bankcard
 * OCR (the local Huawei stand-in), files the readable ones in a PostgreSQL `cards` table and
 * answers the customer through Postfix, and sends the doubtful ones to a reviewer. The suite then
 * reads the table, every mailbox and n8n's own database.
 *
 * Needs root (Dovecot and Postfix start as root and drop privileges) and Debian's dovecot-imapd,
 * dovecot-lmtpd, postfix, postgresql and img2pdf, which it installs when missing.
 */
import { customerMails, INBOX, REVIEWER, mask, type CardRow, type CustomerMail, type Outcome } from './email/customerMails';
import { CRM_DATABASE, readExample, startEmailToCrm, type EmailToCrm } from './email/emailToCrm';
import { mailText, readMailbox, type ReadMail } from './email/mailbox';
import { executions, waitForOutcomes } from './email/outcomes';

let env: EmailToCrm | undefined;
const mails = customerMails();
const sentAt = new Map<string, Date>();

function outcomeOf(mail: CustomerMail): Outcome {
	return mail.outcome;
}

function expectedRow(mail: CustomerMail): CardRow | undefined {
	const outcome = outcomeOf(mail);
	if (!('crm' in outcome)) return undefined;
	return {
		sender: mail.from.address,
		sender_name: mail.from.name,
		...outcome.crm,
		received_at: (sentAt.get(mail.key) as Date).toISOString(),
	};
}

function sameSender(mail: CustomerMail) {
	return (read: ReadMail) => read.parsed.from?.value[0]?.address === mail.from.address || read.parsed.text?.includes(`<${mail.from.address}>`);
}

async function rows(): Promise<CardRow[]> {
	const found = await env!.postgres.queryJson<CardRow & { received_at: string }>(
		CRM_DATABASE,
		`SELECT sender, sender_name, bank, card_number_masked, network, card_type, expiry,
			bank_confidence::float8 AS bank_confidence, number_confidence::float8 AS number_confidence,
			expiry_confidence::float8 AS expiry_confidence, type_confidence::float8 AS type_confidence,
			to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at, source_file
		FROM cards ORDER BY id`,
	);
	return found;
}

beforeAll(async () => {
	env = await startEmailToCrm();
	for (const mail of mails) sentAt.set(mail.key, await env.send(mail));
	await waitForOutcomes(env, { mails: mails.length, crmRows: async () => (await rows()).length });
}, 15 * 60 * 1000);

afterAll(async () => {
	await env?.stop();
}, 2 * 60 * 1000);

describe('card photos from email into the CRM, on real mail and database servers', () => {
	test('n8n linked the example\'s placeholder credentials to the ones of the same name on import, and the workflow is active', async () => {
		const workflow = await env!.rest<{ active: boolean; activeVersionId: string | null; nodes: Array<{ name: string; credentials?: Record<string, { id: string; name: string }> }> }>(
			`workflows/${env!.workflowId}`,
		);
		expect(workflow.activeVersionId).toBeTruthy();
		const linked = workflow.nodes.filter((node) => node.credentials).map((node) => [node.name, Object.values(node.credentials!)[0].id]);
		const expected = readExample()
			.nodes.filter((node) => node.credentials)
			.map((node) => [node.name, env!.credentialIds[Object.keys(node.credentials!)[0]]]);
		expect(linked).toEqual(expected);
		// What the example itself holds: placeholders, no id of anyone's n8n.
		for (const node of readExample().nodes.filter((n) => n.credentials)) {
			expect(Object.values(node.credentials!)[0].id).toMatch(/^choose-your-/);
		}
	});

	test('the Email Trigger took every mail from the inbox (marked as read), through n8n\'s server-side trigger runs', async () => {
		const inbox = await readMailbox(env!.dovecot, INBOX);
		expect(inbox.map((m) => m.flags.includes('S'))).toEqual(mails.map(() => true));
		const runs = await executions(env!);
		expect(runs.statuses.every((status) => status === 'success')).toBe(true);
		const modes = await env!.n8nQuery<{ mode: string }>('SELECT DISTINCT mode FROM execution_entity');
		expect(modes.map((m) => m.mode)).toEqual(['trigger']);
	});

	test('Huawei was called once per card-like photo: not for the logo, the HEIC photo or the mail without a file', () => {
		const expected = mails.reduce((sum, mail) => sum + mail.paidCalls, 0);
		expect(env!.huawei.stats.ocrRequests).toBe(expected);
		// Every call but the one for the back of Ben's card (no card on it) found a card.
		expect(env!.huawei.stats.ocrSucceeded).toBe(expected - 1);
	});

	test('PostgreSQL holds exactly one row per readable card, with the masked number and the mail\'s sender and time', async () => {
		const expected = mails.map(expectedRow).filter((row): row is CardRow => row !== undefined);
		const found = await rows();
		const bySender = (a: CardRow, b: CardRow) => a.sender.localeCompare(b.sender);
		expect([...found].sort(bySender)).toEqual([...expected].sort(bySender));
	});

	test('each customer whose card was filed got exactly one reply, naming the masked number', async () => {
		for (const mail of mails) {
			const replies = await readMailbox(env!.dovecot, mail.from.address);
			const row = expectedRow(mail);
			if (!row) {
				expect({ mail: mail.key, replies: replies.length }).toEqual({ mail: mail.key, replies: 0 });
				continue;
			}
			expect({ mail: mail.key, replies: replies.length }).toEqual({ mail: mail.key, replies: 1 });
			const [reply] = replies;
			expect(reply.parsed.subject).toBe(`Re: ${mail.subject}`);
			expect(reply.parsed.from?.value[0]).toEqual({ address: INBOX, name: 'Card service' });
			expect(reply.parsed.text).toContain(`Hello ${mail.from.name},`);
			expect(reply.parsed.text).toContain(`card ${row.card_number_masked} from ${row.bank}, valid until ${row.expiry}`);
			expect(reply.parsed.attachments).toEqual([]);
		}
	});

	test('the reviewer got exactly one mail for each doubtful email, saying what was doubtful, with the photo attached', async () => {
		const reviews = await readMailbox(env!.dovecot, REVIEWER);
		const doubtful = mails.filter((mail) => 'review' in outcomeOf(mail));
		expect(reviews).toHaveLength(doubtful.length);
		for (const mail of doubtful) {
			const { review } = outcomeOf(mail) as Extract<Outcome, { review: unknown }>;
			const about = reviews.filter(sameSender(mail));
			expect({ mail: mail.key, reviews: about.length }).toEqual({ mail: mail.key, reviews: 1 });
			const [found] = about;
			expect(found.parsed.subject).toBe(`Card photo to check: ${mail.subject}`);
			expect(found.parsed.text).toContain(`From: ${mail.from.name} <${mail.from.address}>`);
			expect({ mail: mail.key, text: found.parsed.text }).toEqual({ mail: mail.key, text: expect.stringMatching(review.doubt) });
			const attached = found.parsed.attachments.map((a) => a.filename);
			expect({ mail: mail.key, attached }).toEqual({ mail: mail.key, attached: review.attachments });
			for (const attachment of found.parsed.attachments) {
				const original = mail.attachments.find((a) => a.filename === attachment.filename);
				expect(original && attachment.content.equals(original.content)).toBe(true);
			}
		}
	});

	test('every mail got exactly one outcome: a CRM row and a reply, or a reviewer mail', async () => {
		const found = await rows();
		const reviews = await readMailbox(env!.dovecot, REVIEWER);
		const outcomes = await Promise.all(
			mails.map(async (mail) => ({
				mail: mail.key,
				rows: found.filter((row) => row.sender === mail.from.address).length,
				replies: (await readMailbox(env!.dovecot, mail.from.address)).length,
				reviews: reviews.filter(sameSender(mail)).length,
			})),
		);
		for (const outcome of outcomes) {
			const filed = outcome.rows === 1 && outcome.replies === 1 && outcome.reviews === 0;
			const reviewed = outcome.rows === 0 && outcome.replies === 0 && outcome.reviews === 1;
			expect({ ...outcome, exactlyOne: filed || reviewed }).toEqual({ ...outcome, exactlyOne: true });
		}
	});

	test('with masking on, no full card number appears in PostgreSQL, in any mail, or in n8n\'s stored executions', async () => {
		const numbers = mails.flatMap((mail) => mail.cardNumbers);
		expect(numbers.length).toBeGreaterThan(5);
		// The digits with or without the usual separators between them.
		const patterns = numbers.map((number) => new RegExp(number.replace(/\D/g, '').split('').join('[ -]?')));
		const leaks = (where: string, text: string) => patterns.filter((p) => p.test(text)).map((p) => `${where}: ${p.source}`);

		const crm = await env!.postgres.query(CRM_DATABASE, 'SELECT row_to_json(c)::text FROM cards c');
		const mailboxes = env!.dovecot.mailboxes();
		expect(mailboxes).toEqual(expect.arrayContaining([INBOX, REVIEWER]));
		const written: Array<[string, string]> = [];
		for (const address of mailboxes.filter((a) => a !== INBOX)) {
			for (const mail of await readMailbox(env!.dovecot, address)) written.push([address, `${mail.raw.toString('latin1')}\n${mailText(mail)}`]);
		}
		const n8nData = await env!.dumpN8nDatabase();

		// The checks look at data that is really there: the masked numbers are.
		const masked = mails.map(expectedRow).filter((row) => row).map((row) => row!.card_number_masked);
		expect(masked.length).toBeGreaterThan(1);
		for (const m of masked) {
			expect(crm).toContain(m);
			expect(n8nData).toContain(m);
		}
		expect(numbers.map(mask).some((m) => written.some(([, text]) => text.includes(m)))).toBe(true);

		expect([...leaks('PostgreSQL cards', crm), ...written.flatMap(([address, text]) => leaks(address, text)), ...leaks("n8n's database", n8nData)]).toEqual([]);
	});
});
