/** Reading what landed in a Dovecot mailbox: every message parsed as a mail client would. */
import { simpleParser, type ParsedMail } from 'mailparser';

import type { Dovecot } from '../services/dovecot';

export interface ReadMail {
	raw: Buffer;
	parsed: ParsedMail;
	/** Maildir flags of the file ("S" = seen), as Dovecot stores them. */
	flags: string;
}

export async function readMailbox(dovecot: Dovecot, address: string): Promise<ReadMail[]> {
	return await Promise.all(
		dovecot.messageFiles(address).map(async ({ raw, flags }) => ({ raw, flags, parsed: await simpleParser(raw) })),
	);
}

/**
 * Every text of a mail a person reads: decoded headers and text parts, the names of its files.
 * (The files' bytes are the customer's own photos, compared separately.)
 */
export function mailText(mail: ReadMail): string {
	const { parsed } = mail;
	const headers = [...parsed.headerLines.map((line) => line.line), parsed.subject ?? '', parsed.from?.text ?? '', JSON.stringify(parsed.to ?? '')];
	return [...headers, parsed.text ?? '', typeof parsed.html === 'string' ? parsed.html : '', ...parsed.attachments.map((a) => a.filename ?? '')].join('\n');
}
