/**
 * A customer's email as n8n's email triggers (IMAP, Gmail, Outlook) deliver it: one item whose
 * files are attachment_0, attachment_1, ... The customer sent two card photos, a PDF scan of a
 * card, and their mail client added a signature logo and a calendar invite.
 */
import type { FileSpec } from './engine';
import { makeJpeg, makePng } from './images';
import { INVITE } from './invite';
import { jpegImage, pagesPdf } from './pdf';

const FRONT = makeJpeg(856, 540);
const SECOND_CARD = makePng(1012, 638);
/** The photo inside the scan: a DCTDecode image is a JPEG file as it is (ISO 32000-1 §7.4.8). */
const SCANNED = makeJpeg(1240, 780);

export const EMAIL_FILES: Record<string, FileSpec & { fileName: string }> = {
	attachment_0: { bytes: FRONT, fileName: 'card-front.jpg', mimeType: 'image/jpeg' },
	attachment_1: { bytes: SECOND_CARD, fileName: 'second-card.png', mimeType: 'image/png' },
	attachment_2: { bytes: makePng(120, 40), fileName: 'logo.png', mimeType: 'image/png' },
	attachment_3: { bytes: pagesPdf([{ images: [jpegImage(SCANNED, 1240, 780)] }]), fileName: 'scan.pdf', mimeType: 'application/pdf' },
	attachment_4: { bytes: INVITE, fileName: 'invite.ics', mimeType: 'text/calendar' },
};

/** What goes to Huawei for that email, in order: one photo per card. */
export const EMAIL_PHOTOS: Array<{ field: string; bytes: Buffer; page?: number }> = [
	{ field: 'attachment_0', bytes: FRONT },
	{ field: 'attachment_1', bytes: SECOND_CARD },
	{ field: 'attachment_3', bytes: SCANNED, page: 1 },
];

/** What is left out, and why in words a person reads. */
export const EMAIL_SKIPPED = [
	{ binary_field: 'attachment_2', file_name: 'logo.png', reason: expectText(/^The image is 120 x 40 pixels, too small to hold a readable bank card/) },
	{ binary_field: 'attachment_4', file_name: 'invite.ics', reason: expectText(/^The file is plain text, not an image\./) },
];

function expectText(pattern: RegExp): string {
	return expect.stringMatching(pattern) as unknown as string;
}
