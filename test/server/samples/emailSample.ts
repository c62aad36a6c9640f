/**
 * The email-like sample of dev mode: the files one customer email brings, in a folder of their
 * own, as README's "Cards in emails" tells it: two card photos, a PDF scan of a card, the
 * signature logo of their mail client and a calendar invite. Read together onto one item (dev
 * mode's sample workflow does it with n8n's Aggregate node), they are what an email trigger's
 * `attachment_0`, `attachment_1`, ... would be.
 */
import { INVITE } from '../../helpers/invite';
import { makePng } from '../../helpers/images';

export interface EmailAttachment {
	file: string;
	about: string;
	/** Whether Bankcard OCR reads it (a card photo or scan) or leaves it out, with its reason. */
	read: boolean;
}

export const EMAIL_ATTACHMENTS: readonly EmailAttachment[] = [
	{ file: 'card-front.png', about: 'a card photo (the China Merchants Bank sample)', read: true },
	{ file: 'second-card.png', about: 'another card (the Bank of China sample)', read: true },
	{ file: 'logo.png', about: 'a 120 x 40 signature logo: left out, too small for a card', read: false },
	{ file: 'scan.pdf', about: 'a PDF scan of a card (the ICBC scan sample)', read: true },
	{ file: 'invite.ics', about: 'a calendar invite: left out, not a picture', read: false },
];

/** The attachments' bytes, from the card photos and the scan they copy. */
export function emailAttachmentFiles(cards: { front: Buffer; second: Buffer; scan: Buffer }): Map<string, Buffer> {
	const bytes: Record<string, Buffer> = {
		'card-front.png': cards.front,
		'second-card.png': cards.second,
		'logo.png': makePng(120, 40),
		'scan.pdf': cards.scan,
		'invite.ics': INVITE,
	};
	return new Map(EMAIL_ATTACHMENTS.map((attachment) => [attachment.file, bytes[attachment.file]]));
}
