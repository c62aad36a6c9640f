/**
 * Sample bank card photos for trying the node by hand (`npm run dev`) and for the editor test:
 * each is a painted card picture (cardPicture.ts) that carries the answer the local Huawei
 * stand-in gives for it (cardImage.ts), so different photos give different results: banks,
 * networks, debit and credit, an expired card, and a glare-struck photo read with low confidence
 * and one misread digit.
 *
 * The numbers are made up (they pass or, on purpose, fail the Luhn check) and belong to no one.
 */
import { withCard, type CarriedCard } from '../cardImage';
import { paintCard, type CardPicture } from './cardPicture';
import { EMAIL_ATTACHMENTS, emailAttachmentFiles } from './emailSample';
import { ID_CARD_SAMPLES, idCardFiles } from './idCardSamples';
import { scanJpeg, scanPdf } from './scanSample';
import { paintSeveralCards, SEVERAL_CARDS_ABOUT, SEVERAL_CARDS_FILE } from './severalCardsPhoto';

export interface Sample {
	/** File name, also the last part of its URL on the stand-in (`/files/<file>`). */
	file: string;
	/** What it shows, in a few words, for people picking a file. */
	about: string;
	picture: CardPicture;
	/** The stand-in's answer for this photo: Huawei's fields and (some of) their confidences. */
	card: CarriedCard;
}

export const SAMPLES: readonly Sample[] = [
	{
		file: 'icbc-unionpay-debit.png',
		about: 'ICBC UnionPay debit card',
		picture: {
			bank: 'ICBC',
			colours: ['#c8102e', '#7a0019'],
			network: 'UnionPay',
			number: '6222 0212 3456 7890 128',
			expiry: '12/28',
			holder: 'LI WEI',
			kind: 'DEBIT',
		},
		card: { bank_name: '中国工商银行', card_number: '6222 0212 3456 7890 128', issue_date: '', expiry_date: '12/28', type: '借记卡' },
	},
	{
		file: 'cmb-visa-credit.png',
		about: 'China Merchants Bank Visa credit card',
		picture: {
			bank: 'CHINA MERCHANTS BANK',
			colours: ['#6b3fa0', '#2a1248'],
			network: 'Visa',
			number: '4392 2580 1234 5676',
			expiry: '03/29',
			holder: 'WANG FANG',
			kind: 'CREDIT',
		},
		card: {
			bank_name: '招商银行',
			card_number: '4392 2580 1234 5676',
			issue_date: '03/24',
			expiry_date: '03/29',
			type: '信用卡',
			confidence: { issue_date: 0.9712 },
		},
	},
	{
		file: 'boc-mastercard-credit.png',
		about: 'Bank of China Mastercard credit card',
		picture: {
			bank: 'BANK OF CHINA',
			colours: ['#4a4f57', '#1c1f24'],
			network: 'Mastercard',
			number: '5409 8712 3456 7899',
			expiry: '09/27',
			holder: 'ZHANG MIN',
			kind: 'CREDIT',
		},
		card: {
			bank_name: '中国银行',
			card_number: '5409 8712 3456 7899',
			issue_date: '09/22',
			expiry_date: '09/27',
			type: '信用卡',
			confidence: { issue_date: 0.9655 },
		},
	},
	{
		file: 'ccb-unionpay-expired.png',
		about: 'China Construction Bank UnionPay debit card, expired 06/22',
		picture: {
			bank: 'CHINA CONSTRUCTION BANK',
			colours: ['#1f5fa8', '#0d2f5e'],
			network: 'UnionPay',
			number: '6217 0000 1234 5678 907',
			expiry: '06/22',
			holder: 'CHEN JIE',
			kind: 'DEBIT',
		},
		card: { bank_name: '中国建设银行', card_number: '6217 0000 1234 5678 907', issue_date: '', expiry_date: '06/22', type: '借记卡' },
	},
	{
		file: 'abc-glare-low-confidence.png',
		about: 'Agricultural Bank of China debit card photographed with glare: low confidence, one digit misread',
		picture: {
			bank: 'AGRICULTURAL BANK OF CHINA',
			colours: ['#0f7a5a', '#06402f'],
			network: 'UnionPay',
			number: '6228 4800 1234 5678 911',
			expiry: '10/30',
			holder: 'LIU YANG',
			kind: 'DEBIT',
			glare: true,
		},
		// The glare hides part of the number: "1234" is read as "1284", which fails the Luhn check.
		card: {
			bank_name: '中国农业银行',
			card_number: '6228 4800 1284 5678 911',
			issue_date: '',
			expiry_date: '10/30',
			type: '借记卡',
			confidence: { card_number: 0.6127, expiry_date: 0.7034 },
		},
	},
];

/** The photo with several cards on it (severalCardsPhoto.ts), for "Photo May Hold Several Cards". */
export const SEVERAL_CARDS_SAMPLE = { file: SEVERAL_CARDS_FILE, about: SEVERAL_CARDS_ABOUT } as const;

/** Every sample photo a person can pick: the one-card ones, then the one with several. */
export const SAMPLE_PHOTOS: ReadonlyArray<{ file: string; about: string }> = [...SAMPLES, SEVERAL_CARDS_SAMPLE];

/**
 * Each sample's PNG, carrying its card (or, for the photo with several, its documents); painted
 * once per process (about 0.2 s a card).
 */
let painted: Map<string, Buffer> | undefined;
export function sampleFiles(): ReadonlyMap<string, Buffer> {
	painted ??= new Map([
		...SAMPLES.map((sample): [string, Buffer] => [sample.file, withCard(paintCard(sample.picture), sample.card)]),
		[SEVERAL_CARDS_FILE, paintSeveralCards(SAMPLES)],
	]);
	return painted;
}

const sample = (file: string) => SAMPLES.find((one) => one.file === file)!;

/** The card on the PDF scan sample (scanSample.ts): ICBC's debit card, scanned in grey. */
export const SCAN_SAMPLE = { file: 'icbc-card-scan.pdf', about: 'a one-page PDF scan of the ICBC card (greyscale)', card: sample('icbc-unionpay-debit.png').card } as const;

/** The scanned JPEG inside the PDF sample: what the node sends to Huawei for it. */
let scanned: Buffer | undefined;
export function scanSampleJpeg(): Buffer {
	scanned ??= scanJpeg(sample('icbc-unionpay-debit.png'));
	return scanned;
}

/** A folder of dev mode's files folder (`<files>/<folder>/`) and what it holds. */
export interface SampleFolder {
	folder: string;
	about: string;
	files: ReadonlyMap<string, Buffer>;
	/** What each file shows, for the banner. */
	list: ReadonlyArray<{ file: string; about: string }>;
}

/**
 * Dev mode's sample folders: `cards/` one card photo per file (the example reads it, so it holds
 * nothing else), `scans/` the PDF scan, `email/` one email's attachments (emailSample.ts),
 * `id-cards/` the specimen ID card photos for ID Card OCR (idCardSamples.ts).
 */
export function sampleFolders(): SampleFolder[] {
	const cards = sampleFiles();
	const pdf = scanPdf(scanSampleJpeg());
	return [
		{ folder: 'cards', about: 'card photos, one card per file', files: cards, list: SAMPLE_PHOTOS },
		{ folder: 'scans', about: 'a PDF scan', files: new Map([[SCAN_SAMPLE.file, pdf]]), list: [SCAN_SAMPLE] },
		{
			folder: 'email',
			about: "one email's attachments, read onto one item by the workflow \"Sample: an email with several attachments\"",
			files: emailAttachmentFiles({ front: cards.get('cmb-visa-credit.png')!, second: cards.get('boc-mastercard-credit.png')!, scan: pdf }),
			list: EMAIL_ATTACHMENTS,
		},
		{ folder: 'id-cards', about: 'specimen ID card photos (样本 / SPECIMEN), for ID Card OCR', files: idCardFiles(), list: ID_CARD_SAMPLES },
	];
}
