import { DIGIT, maskNumbers, type NumberPattern } from '../shared/output/numberMasker';
import { maskedBeside as shownBeside, type Shown } from '../shared/output/shown';
import { digitsOnly, formatCardNumber, type CardNumberFormat } from './cardChecks';

export type { Shown } from '../shared/output/shown';

// A card number is 12 to 19 digits (ISO/IEC 7812-1; shorter runs are OCR fragments, see
// cardChecks.ts), printed with single spaces or dashes between groups, or in full-width digits.
// The recognised number itself may also stand in a shorter form (a partial read elsewhere): from
// 8 digits on, its text loses every digit. An integer of 12 or more digits can only be a number
// like a card's.
const CARD_NUMBERS: NumberPattern = {
	runs: new RegExp(`${DIGIT}(?:[ \\-\\u3000]?${DIGIT}){11,}`, 'g'),
	mask: (run) => formatCardNumber(run, 'masked'),
	stillShows: (masked, known) => known.length >= 8 && digitsOnly(masked).includes(known),
	hideIntegersFrom: 1e11,
};

/**
 * With masking on, no digit run that could be the card number survives anywhere in an item's
 * json: not in fields this node does not know (Huawei may add some), not in raw output, not in
 * text locations, not in a number Huawei sent as a JSON number rather than as text.
 */
export function maskCardNumbers<T>(value: T, cardNumber: string): T {
	return maskNumbers(value, digitsOnly(cardNumber), CARD_NUMBERS);
}

/**
 * With "Masked", text the item carries beside the card's fields (a file named after the card,
 * Huawei's words about a card it could not read) has every digit run as long as a card number
 * masked too; see ../shared/output/shown.ts. Other formats show it as it is.
 */
export function maskedBeside(format: CardNumberFormat): Shown {
	return shownBeside(format === 'masked', (value) => maskCardNumbers(value, ''));
}
