/**
 * The mails customers send to the card inbox in the email-to-CRM suite, and what the workflow
 * (examples/email-to-crm.json) must make of each: a CRM row and a reply, or one mail to the
 * reviewer. Every photo carries the card the local Huawei stand-in answers with
 * (test/server/cardImage.ts); a photo without one (the back of a card, a logo) is answered
 * AIS.0104 "no bank card found", as Huawei does.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { makeJpeg, makePng } from '../../helpers/images';
import { withCard, type CarriedCard } from '../../server/cardImage';
import { ensureDebianPackage } from '../services/debian';

export const BANK_DOMAIN = 'bank.test';
export const CUSTOMER_DOMAIN = 'customers.test';
export const INBOX = `cards@${BANK_DOMAIN}`;
/** The inbox of the customer onboarding recipe (examples/customer-onboarding.json). */
export const ONBOARDING_INBOX = `onboarding@${BANK_DOMAIN}`;
export const REVIEWER = `review@${BANK_DOMAIN}`;

export interface Attachment {
	filename: string;
	content: Buffer;
	contentType: string;
	/** Set for an image shown inside the HTML body (a signature logo). */
	cid?: string;
}

/** A row of the CRM's `cards` table (examples/email-to-crm.sql), as the suite reads it back. */
export interface CardRow {
	sender: string;
	sender_name: string;
	bank: string;
	card_number_masked: string;
	network: string;
	card_type: string;
	expiry: string;
	bank_confidence: number;
	number_confidence: number;
	expiry_confidence: number;
	type_confidence: number;
	received_at: string;
	source_file: string | null;
}

export type Outcome =
	| { crm: Omit<CardRow, 'sender' | 'sender_name' | 'received_at'> }
	| { review: { doubt: RegExp; attachments: string[] } };

/** A mail a customer sends, as the suites send it through Postfix. */
export interface Mail {
	key: string;
	from: { name: string; address: string };
	subject: string;
	text: string;
	html?: string;
	attachments: Attachment[];
}

export interface CustomerMail extends Mail {
	/** With every file of the mail read (Input Type "Every File of the Item", PDF pages included). */
	outcome: Outcome;
	/** Every full card number a photo of this mail carries: none may appear in what the workflow writes. */
	cardNumbers: string[];
	/** Calls to Huawei (paid) this mail should cost: one per card-like photo, none for a logo or a HEIC. */
	paidCalls: number;
}

const CONFIDENT = { bank_name: 0.9981, card_number: 0.9964, issue_date: 0.93, expiry_date: 0.9871, type: 0.9917 };

export function card(bank: string, number: string, expiry: string, type: string, confidence: Partial<typeof CONFIDENT> = {}): CarriedCard {
	return { bank_name: bank, card_number: number, issue_date: '09/21', expiry_date: expiry, type, confidence: { ...CONFIDENT, ...confidence } };
}

/** A field Huawei did not find, as it answers it: no text, confidence 0 (most cards print no issue date). */
export function without(c: CarriedCard, field: 'card_number' | 'issue_date' | 'expiry_date'): CarriedCard {
	return { ...c, [field]: '', confidence: { ...c.confidence, [field]: 0 } };
}

export const jpegPhoto = (carried?: CarriedCard) => (carried ? withCard(makeJpeg(856, 540), carried) : makeJpeg(856, 540));
const pngPhoto = (carried: CarriedCard) => withCard(makePng(856, 540, { colour: 'rgb' }), carried);

/** A one-page PDF around the photo, as a scanner or "print to PDF" writes it: Debian's img2pdf. */
export function pdfScan(photo: Buffer): Buffer {
	ensureDebianPackage('img2pdf', () => {
		try {
			execFileSync('img2pdf', ['--version'], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	});
	const dir = mkdtempSync(join(tmpdir(), 'e2e-img2pdf-'));
	try {
		writeFileSync(join(dir, 'photo.jpg'), photo);
		execFileSync('img2pdf', [join(dir, 'photo.jpg'), '-o', join(dir, 'scan.pdf')]);
		return readFileSync(join(dir, 'scan.pdf'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * A real HEIC photo (made once with Debian's heif-enc from a drawn 856 x 540 picture), as an
 * iPhone sends it: Huawei does not take HEIC, so the node turns it away before any paid call.
 */
const heicPhoto = () => readFileSync(join(__dirname, '..', 'fixtures', 'phone-photo.heic'));

const crm = (c: CarriedCard, network: string, cardType: string, sourceFile: string | null): Outcome => ({
	crm: {
		bank: c.bank_name,
		card_number_masked: mask(c.card_number),
		network,
		card_type: cardType,
		expiry: c.expiry_date,
		bank_confidence: c.confidence?.bank_name as number,
		number_confidence: c.confidence?.card_number as number,
		expiry_confidence: c.confidence?.expiry_date as number,
		type_confidence: c.confidence?.type as number,
		source_file: sourceFile,
	},
});

/** First six and last four digits, as the node's "Masked" card number format writes them. */
export function mask(number: string): string {
	const digits = number.replace(/\D/g, '');
	return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
}

export function customerMails(): CustomerMail[] {
	// Anna's and Chloé's cards print no issue date, as most do: nothing doubtful about them.
	const anna = without(card('中国工商银行', '6222 0298 7612 3454', '08/29', '借记卡'), 'issue_date');
	const benFront = card('招商银行', '6225 8801 2345 6783', '03/31', '信用卡');
	const chloe = without(card('中国银行', '6217 0000 2468 1351', '11/30', '借记卡'), 'issue_date');
	const david = card('中国建设银行', '6228 4812 3987 6548', '05/28', '借记卡');
	const zoe = card('Deutsche Kreditbank', '4367 4299 1827 3640', '02/30', 'Credit card');
	const gustav = card('Postbank', '5212 9912 3456 7892', '01/24', '借记卡');
	const hana = card('中国农业银行', '6258 0711 2233 4458', '07/29', '借记卡', { card_number: 0.55 });
	const ivan = card('中国工商银行', '6222 0298 7612 3455', '08/29', '借记卡'); // one digit misread: fails the check
	// Found nothing where the expiry date or the number should be (a finger over it): a person must look.
	const jana = without(card('交通银行', '6222 6001 2345 6788', '04/30', '借记卡'), 'expiry_date');
	const kofi = without(card('中国民生银行', '6226 2201 2345 6781', '10/29', '信用卡'), 'card_number');

	const photoOf = (c: CarriedCard, filename: string): Attachment => ({ filename, content: jpegPhoto(c), contentType: 'image/jpeg' });
	const logo: Attachment = { filename: 'logo.png', content: makePng(64, 20, { colour: 'rgb' }), contentType: 'image/png', cid: 'logo@chloe' };

	return [
		{
			key: 'one card photo',
			from: { name: 'Anna Schmidt', address: `anna@${CUSTOMER_DOMAIN}` },
			subject: 'My new card',
			text: 'Hello, here is a photo of my card.\nAnna',
			attachments: [photoOf(anna, 'card.jpg')],
			outcome: crm(anna, 'UnionPay', 'debit', 'card.jpg'),
			cardNumbers: [anna.card_number],
			paidCalls: 1,
		},
		{
			key: 'front and back',
			from: { name: 'Ben Okafor', address: `ben@${CUSTOMER_DOMAIN}` },
			subject: 'Card, both sides',
			text: 'Front and back, as you asked.',
			attachments: [photoOf(benFront, 'front.jpg'), { filename: 'back.jpg', content: jpegPhoto(), contentType: 'image/jpeg' }],
			outcome: crm(benFront, 'UnionPay', 'credit', 'front.jpg'),
			cardNumbers: [benFront.card_number],
			paidCalls: 2,
		},
		{
			key: 'card and a signature logo',
			from: { name: 'Chloé Martin', address: `chloe@${CUSTOMER_DOMAIN}` },
			subject: 'Carte bancaire',
			text: 'Bonjour, voici ma carte.\n-- \nChloé Martin, Atelier Martin',
			html: '<p>Bonjour, voici ma carte.</p><p>-- <br>Chloé Martin, Atelier Martin<br><img src="cid:logo@chloe" alt="Atelier Martin"></p>',
			// The inline logo is the first file of the mail, the card photo the second.
			attachments: [logo, { filename: 'carte.png', content: pngPhoto(chloe), contentType: 'image/png' }],
			outcome: crm(chloe, 'UnionPay', 'debit', 'carte.png'),
			cardNumbers: [chloe.card_number],
			paidCalls: 1,
		},
		{
			key: 'a PDF scan',
			from: { name: 'David Chen', address: `david@${CUSTOMER_DOMAIN}` },
			subject: 'Scan of my card',
			text: 'Scanned at the office.',
			attachments: [{ filename: 'scan.pdf', content: pdfScan(jpegPhoto(david)), contentType: 'application/pdf' }],
			outcome: crm(david, 'UnionPay', 'debit', 'scan.pdf'),
			cardNumbers: [david.card_number],
			paidCalls: 1,
		},
		{
			key: 'a HEIC phone photo',
			from: { name: 'Emma Larsen', address: `emma@${CUSTOMER_DOMAIN}` },
			subject: 'Photo from my phone',
			text: 'Sent from my iPhone',
			attachments: [{ filename: 'IMG_0412.HEIC', content: heicPhoto(), contentType: 'image/heic' }],
			// Bankcard OCR's error item for an email without a usable file carries its files (Keep
			// Input Binary): the reviewer gets the photo, its name and why it was not read.
			outcome: { review: { doubt: /IMG_0412\.HEIC \(.*HEIC/, attachments: ['IMG_0412.HEIC'] } },
			cardNumbers: [],
			paidCalls: 0,
		},
		{
			key: 'no attachment',
			from: { name: 'Frank Müller', address: `frank@${CUSTOMER_DOMAIN}` },
			subject: 'Card details',
			text: 'I forgot the photo, sorry.',
			attachments: [],
			outcome: { review: { doubt: /Could not read the card/, attachments: [] } },
			cardNumbers: [],
			paidCalls: 0,
		},
		{
			key: 'non-ASCII subject and sender name',
			from: { name: 'Zoë Müller-Łukasiewicz 张伟', address: `zoe@${CUSTOMER_DOMAIN}` },
			subject: 'Meine Karte – bitte prüfen ✓ 银行卡',
			text: 'Grüße aus Köln!',
			attachments: [photoOf(zoe, 'Kärtchen.jpg')],
			outcome: crm(zoe, 'Visa', 'credit', 'Kärtchen.jpg'),
			cardNumbers: [zoe.card_number],
			paidCalls: 1,
		},
		{
			key: 'a .jpg that is a PDF',
			from: { name: 'Gustav Berg', address: `gustav@${CUSTOMER_DOMAIN}` },
			subject: 'karte',
			text: 'anbei',
			attachments: [{ filename: 'karte.jpg', content: pdfScan(jpegPhoto(gustav)), contentType: 'image/jpeg' }],
			outcome: { review: { doubt: /the card has expired/, attachments: ['karte.jpg'] } },
			cardNumbers: [gustav.card_number],
			paidCalls: 1,
		},
		{
			key: 'a blurred photo',
			from: { name: 'Hana Tanaka', address: `hana@${CUSTOMER_DOMAIN}` },
			subject: 'card photo',
			text: 'Sorry, the light was bad.',
			attachments: [photoOf(hana, 'IMG_2231.jpg')],
			outcome: { review: { doubt: /unsure about: card_number/, attachments: ['IMG_2231.jpg'] } },
			cardNumbers: [hana.card_number],
			paidCalls: 1,
		},
		{
			key: 'a misread digit',
			from: { name: 'Ivan Petrov', address: `ivan@${CUSTOMER_DOMAIN}` },
			subject: 'Card',
			text: 'Here it is.',
			attachments: [photoOf(ivan, 'card.jpg')],
			outcome: { review: { doubt: /the card number fails the check digit test/, attachments: ['card.jpg'] } },
			cardNumbers: [ivan.card_number],
			paidCalls: 1,
		},
		{
			key: 'no expiry date found',
			from: { name: 'Jana Novák', address: `jana@${CUSTOMER_DOMAIN}` },
			subject: 'my card',
			text: 'Photo attached.',
			attachments: [photoOf(jana, 'card.jpg')],
			outcome: { review: { doubt: /What was doubtful: no expiry date found on the photo\n/, attachments: ['card.jpg'] } },
			cardNumbers: [jana.card_number],
			paidCalls: 1,
		},
		{
			key: 'no card number found',
			from: { name: 'Kofi Mensah', address: `kofi@${CUSTOMER_DOMAIN}` },
			subject: 'Bank card',
			text: 'See attachment.',
			attachments: [photoOf(kofi, 'card.jpg')],
			outcome: { review: { doubt: /What was doubtful: no card number found on the photo\n/, attachments: ['card.jpg'] } },
			cardNumbers: [],
			paidCalls: 1,
		},
	];
}
