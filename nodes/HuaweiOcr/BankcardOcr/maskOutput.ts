import { maskDeep } from '../shared/output/maskDeep';
import { maskedBeside as shownBeside, type Shown } from '../shared/output/shown';
import { digitsOnly, formatCardNumber, type CardNumberFormat } from './cardChecks';

export type { Shown } from '../shared/output/shown';

// A card number is 12 to 19 digits (ISO/IEC 7812-1; shorter runs are OCR fragments, see
// cardChecks.ts), printed with single spaces or dashes between groups, or in full-width digits.
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const LONG_DIGIT_RUN = new RegExp(`${DIGIT}(?:[ \\-\\u3000]?${DIGIT}){11,}`, 'g');
// The recognised number itself may also stand in a shorter form (a partial read elsewhere).
const MIN_KNOWN_RUN = 8;

function maskText(text: string, known: string): string {
	let masked = text.replace(LONG_DIGIT_RUN, (run) => formatCardNumber(run, 'masked'));
	if (known.length >= MIN_KNOWN_RUN && digitsOnly(masked).includes(known)) {
		// The number written in a way the pattern above does not catch: hide every digit.
		masked = masked.replace(new RegExp(DIGIT, 'g'), '*');
	}
	return masked;
}

/**
 * With masking on, no digit run that could be the card number survives anywhere in an item's
 * json: not in fields this node does not know (Huawei may add some), not in raw output, not in
 * text locations, not in a number Huawei sent as a JSON number rather than as text.
 */
export function maskCardNumbers<T>(value: T, cardNumber: string): T {
	const known = digitsOnly(cardNumber);
	return maskDeep(value, {
		text: (text) => maskText(text, known),
		// An integer of 12 or more digits can only be a number like a card's; JSON.parse has
		// already rounded it past 2^53, so none of its digits are shown.
		number: (node) => (Number.isInteger(node) && Math.abs(node) >= 1e11 ? '*'.repeat(String(Math.abs(node)).length) : node),
	});
}

/**
 * With "Masked", text the item carries beside the card's fields (a file named after the card,
 * Huawei's words about a card it could not read) has every digit run as long as a card number
 * masked too; see ../shared/output/shown.ts. Other formats show it as it is.
 */
export function maskedBeside(format: CardNumberFormat): Shown {
	return shownBeside(format === 'masked', (value) => maskCardNumbers(value, ''));
}
