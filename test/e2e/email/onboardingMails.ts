/**
 * The mails new customers send in the customer onboarding suite, and what the workflow
 * (examples/customer-onboarding.json) must make of each: one `customers` row, or one mail to the
 * reviewer saying what was doubtful. Every mail holds the front and back of a resident ID card and
 * a bank card photo, all dev mode's painted specimens (test/server/samples/): each photo carries
 * what the local Huawei stand-in reads on it.
 */
import { ID_CARD_SAMPLES, idCardFiles } from '../../server/samples/idCardSamples';
import { SAMPLES, sampleFiles } from '../../server/samples/samples';
import { ageInChina } from '../services/ageInChina';
import { CUSTOMER_DOMAIN, mask, type Attachment } from './customerMails';

/** A row of the CRM's `customers` table (examples/customer-onboarding.sql), as the suite reads it back. */
export interface CustomerRow {
	sender: string;
	sender_name: string;
	name: string;
	id_number_masked: string;
	age: number;
	id_valid_from: string;
	id_valid_to: string;
	bank: string;
	card_number_masked: string;
}

export interface OnboardingMail {
	key: string;
	from: { name: string; address: string };
	subject: string;
	text: string;
	attachments: Attachment[];
	outcome: { crm: Omit<CustomerRow, 'sender' | 'sender_name'> } | { review: RegExp };
	/** Every full ID and card number this mail's photos carry: none may appear in what the workflow writes. */
	numbers: string[];
}

function photo(file: string): Attachment {
	const bytes = idCardFiles().get(file) ?? sampleFiles().get(file);
	if (!bytes) throw new Error(`No sample photo ${file}`);
	return { filename: file, content: bytes, contentType: 'image/png' };
}

const idCard = (file: string) => ID_CARD_SAMPLES.find((sample) => sample.file === file)!.idCard;
const bankCard = (file: string) => SAMPLES.find((sample) => sample.file === file)!.card;

export function onboardingMails(): OnboardingMail[] {
	const han = { ...idCard('han-meimei-front.png').front!, ...idCard('han-meimei-back.png').back! };
	const cmb = bankCard('cmb-visa-credit.png');
	return [
		{
			key: 'everything in order',
			from: { name: 'Han Meimei', address: `han.meimei@${CUSTOMER_DOMAIN}` },
			subject: 'Opening an account',
			text: 'Hello, my ID card (both sides) and my bank card are attached.\nHan Meimei',
			attachments: [photo('han-meimei-front.png'), photo('han-meimei-back.png'), photo('cmb-visa-credit.png')],
			outcome: {
				crm: {
					name: han.name,
					id_number_masked: `${'*'.repeat(14)}${han.number.slice(-4)}`,
					age: ageInChina(han.birth),
					id_valid_from: han.valid_from,
					id_valid_to: han.valid_to,
					bank: cmb.bank_name,
					card_number_masked: mask(cmb.card_number),
				},
			},
			numbers: [han.number, cmb.card_number],
		},
		{
			key: 'an expired ID card',
			from: { name: 'Wang Xiaoming', address: `wang.xiaoming@${CUSTOMER_DOMAIN}` },
			subject: 'New customer',
			text: 'Please find my documents attached.',
			attachments: [photo('wang-xiaoming-expired-front.png'), photo('wang-xiaoming-expired-back.png'), photo('boc-mastercard-credit.png')],
			outcome: { review: /the ID card has expired/ },
			numbers: [idCard('wang-xiaoming-expired-front.png').front!.number, bankCard('boc-mastercard-credit.png').card_number],
		},
		{
			key: 'a black-and-white copy of the ID card',
			from: { name: 'Li Lei', address: `li.lei@${CUSTOMER_DOMAIN}` },
			subject: 'Account opening',
			text: 'A copy of my ID card and my bank card.',
			attachments: [photo('li-lei-copy-both-sides.png'), photo('icbc-unionpay-debit.png')],
			outcome: { review: /photo checks raised: copy/ },
			numbers: [idCard('li-lei-copy-both-sides.png').front!.number, bankCard('icbc-unionpay-debit.png').card_number],
		},
	];
}
