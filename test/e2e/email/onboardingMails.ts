/**
 * The mails new customers send to the onboarding inbox in the customer onboarding suite, and what
 * the workflow (examples/customer-onboarding.json) must make of each: a row in `customers`, or a
 * row in `onboarding_reviews` and one mail to the reviewer. The ID card photos are the specimen
 * cards of test/server/samples (their tags carry what the local Huawei stand-in reads); a misread
 * is the same picture carrying a different reading. Bank card photos carry their card as in the
 * email-to-CRM suite.
 */
import { withIdCard, type CarriedIdCard } from '../../server/idCardImage';
import { idCardFiles, idCardSample } from '../../server/samples/idCardSamples';
import { card, CUSTOMER_DOMAIN, jpegPhoto, mask, without, type Attachment, type Mail } from './customerMails';
import { ageInChina } from '../services/ageInChina';

/** A row of `customers` (examples/customer-onboarding.sql), as the suite reads it back. */
export interface CustomerRow {
	sender: string;
	name: string;
	id_number_masked: string;
	age: number;
	id_valid_from: string;
	id_valid_to: string;
	bank: string;
	card_number_masked: string;
	card_expiry: string;
	received_at: string;
}

/** A row of `onboarding_reviews`, as the suite reads it back. */
export interface ReviewRow {
	sender: string;
	sender_name: string;
	subject: string;
	name: string | null;
	id_number_masked: string | null;
	card_number_masked: string | null;
	reasons: string;
	received_at: string;
}

export type OnboardingOutcome =
	| { customer: Omit<CustomerRow, 'sender' | 'received_at'> }
	| { review: Omit<ReviewRow, 'sender' | 'sender_name' | 'subject' | 'reasons' | 'received_at'> & { reasons: RegExp } };

export interface OnboardingMail extends Mail {
	outcome: OnboardingOutcome;
	/** Every full ID and card number the mail's photos carry: none may appear in what the workflow writes. */
	fullNumbers: string[];
}

/** The ID number as ID Card OCR's "Masked" format writes it: only the last 4 characters kept. */
export function maskIdNumber(number: string): string {
	return '*'.repeat(number.length - 4) + number.slice(-4);
}

/** Whole years from the birth date in an 18-character ID number to today in China (UTC+8). */
export function ageToday(number: string, now = new Date()): number {
	const born = number.slice(6, 14);
	return ageInChina(`${born.slice(0, 4)}-${born.slice(4, 6)}-${born.slice(6)}`, now.getTime());
}

const png = (filename: string, content: Buffer): Attachment => ({ filename, content, contentType: 'image/png' });
/** A specimen photo as painted, carrying its own reading. */
const specimen = (file: string, filename: string) => png(filename, idCardFiles().get(file) as Buffer);
/** A specimen's front photo on which Huawei reads `change` differently from what is printed. */
function misreadFront(file: string, filename: string, change: Partial<Required<CarriedIdCard>['front']>) {
	const { idCard, paint } = idCardSample(file);
	const front = { ...(idCard.front as Required<CarriedIdCard>['front']), ...change };
	return png(filename, withIdCard(paint(), { ...idCard, front }));
}

const numberOf = (file: string) => idCardSample(file).idCard.front?.number as string;

export function onboardingMails(): OnboardingMail[] {
	const han = idCardSample('han-meimei-front.png').idCard.front!;
	const hanBack = idCardSample('han-meimei-back.png').idCard.back!;
	const wang = numberOf('wang-xiaoming-expired-front.png');
	const liLei = idCardSample('li-lei-copy-both-sides.png').idCard.front!;
	const icbc = without(card('中国工商银行', '6222 0298 7612 3454', '08/29', '借记卡'), 'issue_date');
	const bankPhoto = (): Attachment => ({ filename: 'bank-card.jpg', content: jpegPhoto(icbc), contentType: 'image/jpeg' });
	const hanFront = () => specimen('han-meimei-front.png', 'id-front.png');
	const hanBackPhoto = () => specimen('han-meimei-back.png', 'id-back.png');
	const from = (name: string, local: string) => ({ name, address: `${local}@${CUSTOMER_DOMAIN}` });
	const review = (reasons: RegExp, name: string | null, idNumber: string | null, cardNumber: string | null): OnboardingOutcome => ({
		review: { reasons, name, id_number_masked: idNumber && maskIdNumber(idNumber), card_number_masked: cardNumber && mask(cardNumber) },
	});
	/** Han Meimei's card and a bank card, where Huawei reads `change` on the front differently from what is printed. */
	const misread = (key: string, sender: ReturnType<typeof from>, change: Partial<typeof han>, reasons: RegExp): OnboardingMail => {
		const read = { ...han, ...change };
		return {
			key,
			from: sender,
			subject: 'New account',
			text: 'ID card and bank card attached.',
			attachments: [misreadFront('han-meimei-front.png', 'id-front.png', change), hanBackPhoto(), bankPhoto()],
			outcome: review(reasons, read.name, read.number, icbc.card_number as string),
			fullNumbers: [...new Set([read.number, han.number]), icbc.card_number as string],
		};
	};

	return [
		{
			key: 'a clean onboarding',
			from: from('Han Meimei', 'meimei'),
			subject: 'Opening my account',
			text: 'Hello, attached are both sides of my ID card and my bank card.',
			attachments: [hanFront(), hanBackPhoto(), bankPhoto()],
			outcome: {
				customer: {
					name: han.name,
					id_number_masked: maskIdNumber(han.number),
					age: ageToday(han.number),
					id_valid_from: hanBack.valid_from,
					id_valid_to: hanBack.valid_to,
					bank: icbc.bank_name as string,
					card_number_masked: mask(icbc.card_number as string),
					card_expiry: icbc.expiry_date as string,
				},
			},
			fullNumbers: [han.number, icbc.card_number as string],
		},
		{
			key: 'an expired ID card',
			from: from('Wang Xiaoming', 'xiaoming'),
			subject: 'Account opening',
			text: 'My documents.',
			attachments: [specimen('wang-xiaoming-expired-front.png', 'front.png'), specimen('wang-xiaoming-expired-back.png', 'back.png'), bankPhoto()],
			outcome: review(/^the ID card has expired$/, '王小明', wang, icbc.card_number as string),
			fullNumbers: [wang, icbc.card_number as string],
		},
		{
			key: 'a black-and-white copy',
			from: from('Li Lei', 'lilei'),
			subject: 'Documents for onboarding',
			text: 'A copy of my ID card (both sides) and my bank card.',
			attachments: [specimen('li-lei-copy-both-sides.png', 'id-copy.png'), bankPhoto()],
			outcome: review(/photo check warning: a black-and-white copy/, liLei.name, liLei.number, icbc.card_number as string),
			fullNumbers: [liLei.number, icbc.card_number as string],
		},
		misread('an ID number with a bad check digit', from('Mei Han', 'mei.han'), { number: '990101199205140027' }, /^the ID number fails its check digit test$/),
		misread('a birth date not matching the ID number', from('Han Mei', 'han.mei'), { birth: '1992-05-15' }, /^the birth date does not match the ID number$/),
		misread('a sex not matching the ID number', from('M. Han', 'm.han'), { sex: '男' }, /^the sex does not match the ID number$/),
		misread('a name not found on the ID card', from('Meimei H.', 'meimei.h'), { name: '' }, /^not found on the ID card: name$/),
		{
			key: 'only the front of the ID card',
			from: from('Meimei Han', 'hmm'),
			subject: 'ID card',
			text: 'Front of my ID card and my bank card.',
			attachments: [hanFront(), bankPhoto()],
			outcome: review(/^no back of the ID card found$/, han.name, han.number, icbc.card_number as string),
			fullNumbers: [han.number, icbc.card_number as string],
		},
		{
			key: 'no bank card',
			from: from('Han M.', 'han.m'),
			subject: 'My ID card',
			text: 'Both sides of my ID card; the bank card follows.',
			attachments: [hanFront(), hanBackPhoto()],
			outcome: review(/^could not read the bank card: /, han.name, han.number, null),
			fullNumbers: [han.number],
		},
	];
}
