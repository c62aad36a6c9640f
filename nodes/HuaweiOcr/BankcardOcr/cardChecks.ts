/**
 * Client-side checks on a RecognizeBankcard result. Huawei returns the card as printed text only
 * (no Luhn check, no network, no normalised type, no expiry flag: see the response fields of
 * RecognizeBankcard in Huawei Cloud's OCR API Reference), so these are derived here. Everything is pure and
 * takes `now` as a parameter so that results are reproducible in tests and in n8n executions.
 */
import { halfWidth } from '../shared/output/halfWidth';
import { BANKCARD_FIELDS } from './bankcardApi';

export type CardNetwork =
	| 'UnionPay'
	| 'Visa'
	| 'Mastercard'
	| 'American Express'
	| 'JCB'
	| 'Discover'
	| 'Diners Club'
	| 'Maestro'
	| 'Mir';

export type NormalizedCardType = 'debit' | 'credit' | 'quasi_credit' | 'prepaid' | 'unknown';

export type CardNumberFormat = 'asRecognized' | 'digitsOnly' | 'masked';

export interface CardChecks {
	card_number_valid: boolean;
	card_network: CardNetwork | null;
	card_type_normalized: NormalizedCardType;
	expiry_month: number | null;
	expiry_year: number | null;
	is_expired: boolean | null;
	/** Only with `missingFieldsApart` (node version 1.2 on). */
	missing_fields?: string[];
	low_confidence_fields: string[];
}

/**
 * How empty fields are listed. Huawei answers a field it did not find (many cards print no issue
 * date) with "" and confidence 0, so listing every field below the threshold calls such a field
 * unsure. With `missingFieldsApart`, a field without text goes to missing_fields whatever its
 * confidence (there is nothing to be sure of), and low_confidence_fields holds only text that was
 * read, a read text with confidence 0 included.
 */
export interface FieldListing {
	missingFieldsApart: boolean;
}

/** The listing of node versions 1 and 1.1, kept for workflows saved with them. */
const LOW_CONFIDENCE_ONLY: FieldListing = { missingFieldsApart: false };

// ISO/IEC 7812-1: a PAN has at most 19 digits. The 12-digit floor is this module's contract: shorter
// strings are OCR fragments, and short digit runs pass the Luhn check one time in ten by chance.
const MIN_PAN_DIGITS = 12;
const MAX_PAN_DIGITS = 19;

// An IIN is the leading 6 digits (ISO/IEC 7812-1); fewer cannot identify a network reliably.
const MIN_IIN_DIGITS = 6;

// OCR of Chinese cards can yield full-width digits (０-９, U+FF10-FF19) and separators (－, ／).
function toHalfWidth(text: string): string {
	return halfWidth(text, /[\uFF10-\uFF19\uFF0D\uFF0F]/g);
}

/** Removes only the separators a card number is printed with; anything else stays and makes it invalid. */
function compactCardNumber(cardNumber: string): string {
	return toHalfWidth(String(cardNumber ?? '')).replace(/[\s-]/g, '');
}

export function digitsOnly(cardNumber: string): string {
	return toHalfWidth(String(cardNumber ?? '')).replace(/\D/g, '');
}

export function luhnValid(cardNumber: string): boolean {
	const digits = compactCardNumber(cardNumber);
	if (!/^\d+$/.test(digits)) return false;
	if (digits.length < MIN_PAN_DIGITS || digits.length > MAX_PAN_DIGITS) return false;
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
		if (i % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

/** Inclusive range of leading digits; both bounds have the same length, which is the prefix length. */
type IinRule = readonly [network: CardNetwork, from: string, to: string];

/*
 * Sources: the IIN table of Wikipedia's "Payment card number" article (Mir 2200-2204, Mastercard
 * 2221-2720 and 51-55, Amex 34/37, JCB 3528-3589, Diners Club 300-305/36/38-39, Discover 6011,
 * 644-649, 65, UnionPay 62, Maestro 5018/5020/5038/5893/6304/6759/6761-6763); Diners 3095 from
 * Discover's published acceptance ranges, which process Diners Club cards; UnionPay's 8-series
 * 81000000-81719999 from the 2018 acquirer bulletin quoted in nosir/cleave.js#503 and used by
 * braintree/credit-card-type (817200 onwards is RuPay, hence the upper bound). Cross-checked
 * against braintree/credit-card-type src/lib/card-types.ts.
 *
 * First match wins, so specific ranges come before broad ones:
 * - Discover's 622126-622925 is deliberately absent: those are UnionPay cards co-branded for
 *   acceptance on the Discover network in the US, and every such card this node reads (Chinese
 *   bank cards, e.g. ICBC 622202) is a UnionPay card to its holder and its bank, so 62 -> UnionPay.
 * - Maestro's broad 50, 56-58, 639 and 67 (Mastercard's Maestro BIN space) come last, after
 *   Mastercard 51-55, Discover, UnionPay and Mir, so they only catch what nothing else claims.
 */
const IIN_RULES: readonly IinRule[] = [
	['Mir', '2200', '2204'],
	['Mastercard', '2221', '2720'],
	['American Express', '34', '34'],
	['American Express', '37', '37'],
	['JCB', '3528', '3589'],
	['Diners Club', '300', '305'],
	['Diners Club', '3095', '3095'],
	['Diners Club', '36', '36'],
	['Diners Club', '38', '39'],
	['Visa', '4', '4'],
	['Maestro', '5018', '5018'],
	['Maestro', '5020', '5020'],
	['Maestro', '5038', '5038'],
	['Maestro', '5893', '5893'],
	['Mastercard', '51', '55'],
	['Discover', '6011', '6011'],
	['Discover', '644', '649'],
	['Discover', '65', '65'],
	['UnionPay', '62', '62'],
	['UnionPay', '810000', '817199'],
	['Maestro', '6304', '6304'],
	['Maestro', '6759', '6759'],
	['Maestro', '6761', '6763'],
	['Maestro', '50', '50'],
	['Maestro', '56', '58'],
	['Maestro', '639', '639'],
	['Maestro', '67', '67'],
];

export function cardNetwork(cardNumber: string): CardNetwork | null {
	const digits = compactCardNumber(cardNumber);
	if (!/^\d+$/.test(digits) || digits.length < MIN_IIN_DIGITS) return null;
	for (const [network, from, to] of IIN_RULES) {
		// Same-length digit strings compare like numbers, without parsing.
		const prefix = digits.slice(0, from.length);
		if (prefix >= from && prefix <= to) return network;
	}
	return null;
}

// Traditional-script spellings too, for cards from Hong Kong, Macao and Taiwan.
const QUASI_CREDIT = /准贷记|準貸記|quasi[\s_-]?credit/;
const PREPAID = /预付|預付|prepaid/;
const CREDIT = /信用卡|贷记|貸記|credit/;
const DEBIT = /借记|借記|储蓄|儲蓄|debit/;

export function normalizeCardType(type: string): NormalizedCardType {
	const text = String(type ?? '').trim().toLowerCase();
	if (text === '') return 'unknown';
	// 准贷记卡 contains 贷记卡, so quasi-credit must be tested before credit.
	if (QUASI_CREDIT.test(text)) return 'quasi_credit';
	if (PREPAID.test(text)) return 'prepaid';
	if (CREDIT.test(text)) return 'credit';
	if (DEBIT.test(text)) return 'debit';
	return 'unknown';
}

export function parseExpiry(expiry: string): { month: number; year: number } | null {
	const text = toHalfWidth(String(expiry ?? '')).trim();
	// A separator is required unless the value is exactly MMYY: "12026" could be 1/2026 or 12/026.
	const match = /^(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text);
	if (!match) return null;
	const month = Number(match[1]);
	if (month < 1 || month > 12) return null;
	// Cards are valid for at most a few years, so two-digit years are always this century.
	const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
	return { month, year };
}

export function isExpired(expiry: { month: number; year: number } | null, now: Date): boolean | null {
	if (!expiry) return null;
	const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
	if (Number.isNaN(nowMs)) return null;
	// "VALID THRU MM/YY" means through the last day of that month (the card networks' and issuers'
	// stated convention), so a card expires at 00:00 UTC on the 1st of the next month. UTC keeps the
	// answer independent of the n8n server's time zone; Date.UTC rolls month 12 into January.
	return nowMs >= Date.UTC(expiry.year, expiry.month, 1);
}

export function formatCardNumber(cardNumber: string, format: CardNumberFormat): string {
	if (format === 'digitsOnly') return digitsOnly(cardNumber);
	if (format === 'masked') {
		// PCI DSS (req. 3.3 in v3.2.1, 3.4.1 in v4.0): the first six and last four digits are the most
		// a masked PAN may show. Shorter numbers (an Amex, or a partial read) show less, so that at
		// least six digits, and at least half of them, stay hidden at every length.
		const digits = digitsOnly(cardNumber);
		const head = digits.length >= 16 ? 6 : 0;
		const tail = digits.length >= 12 ? 4 : digits.length >= 8 ? 2 : 0;
		return digits.slice(0, head) + '*'.repeat(digits.length - head - tail) + digits.slice(digits.length - tail);
	}
	return cardNumber;
}

/** Fields scored below `threshold`, in the order of `confidence`, leaving out those in `notRead`. */
export function lowConfidenceFields(
	confidence: Record<string, unknown>,
	threshold: number,
	notRead: readonly string[] = [],
): string[] {
	if (!confidence || typeof confidence !== 'object') return [];
	return Object.entries(confidence)
		.filter(([field, value]) => !notRead.includes(field) && typeof value === 'number' && Number.isFinite(value) && value < threshold)
		.map(([field]) => field);
}

/**
 * Huawei's text fields that hold no text (empty, only spaces, or absent), in Huawei's order. Only
 * text counts: a mapped result has its card number as text already.
 */
export function missingFields(result: Record<string, unknown>): string[] {
	return BANKCARD_FIELDS.filter((field) => {
		const value = result[field];
		return typeof value !== 'string' || value.trim() === '';
	});
}

/** All checks for one mapped result ({card_number, expiry_date, type, confidence,...}); computed on the full number, BEFORE any masking. */
export function cardChecks(
	result: { card_number?: unknown; expiry_date?: unknown; type?: unknown; confidence?: unknown },
	now: Date,
	threshold: number,
	listing: FieldListing = LOW_CONFIDENCE_ONLY,
): CardChecks {
	const text = (value: unknown): string => (typeof value === 'string' ? value : '');
	const cardNumber = text(result.card_number);
	const expiry = parseExpiry(text(result.expiry_date));
	const confidence =
		result.confidence && typeof result.confidence === 'object' && !Array.isArray(result.confidence)
			? (result.confidence as Record<string, unknown>)
			: {};
	const missing = listing.missingFieldsApart ? missingFields(result as Record<string, unknown>) : undefined;
	return {
		card_number_valid: luhnValid(cardNumber),
		card_network: cardNetwork(cardNumber),
		card_type_normalized: normalizeCardType(text(result.type)),
		expiry_month: expiry?.month ?? null,
		expiry_year: expiry?.year ?? null,
		is_expired: isExpired(expiry, now),
		low_confidence_fields: lowConfidenceFields(confidence, threshold, missing),
		...(missing && { missing_fields: missing }),
	};
}
