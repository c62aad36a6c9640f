import { maskDeep } from '../shared/output/maskDeep';
import { maskedBeside, type Shown } from '../shared/output/shown';
import { maskIdNumber, normaliseIdNumber } from './idNumber';

/** How `number` is written in the output. */
export type IdNumberFormat = 'masked' | 'asRecognized';

// An ID number is 18 characters (15 on first-generation cards), the last possibly X, written
// with or without single spaces or dashes, or in full-width characters.
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const ID_RUN = new RegExp(`(?<![0-9\\uFF10-\\uFF19])${DIGIT}(?:[ \\-\\u3000]?${DIGIT}){13,16}(?:[ \\-\\u3000]?[0-9\\uFF10-\\uFF19XxＸｘ])(?![0-9\\uFF10-\\uFF19])`, 'g');
// The number's first digits (area and birth date), if they stand elsewhere in another form.
const KNOWN_PREFIX = 14;

function maskText(text: string, known: string): string {
	let masked = text.replace(ID_RUN, (run) => maskIdNumber(run));
	if (known.length >= KNOWN_PREFIX && normaliseIdNumber(masked).includes(known.slice(0, KNOWN_PREFIX))) {
		masked = masked.replace(new RegExp(DIGIT, 'g'), '*');
	}
	return masked;
}

/**
 * With Masked, no run of characters that could be an ID number survives anywhere in an item's
 * json (fields Huawei may add, raw output, file names, Huawei's words), only its last 4; nor a
 * number Huawei sent as a JSON number (15 digits or more: JSON.parse has rounded it anyway).
 */
export function maskIdNumbers<T>(value: T, idNumber: string): T {
	const known = normaliseIdNumber(idNumber);
	return maskDeep(value, {
		text: (text) => maskText(text, known),
		number: (node) => (Number.isInteger(node) && Math.abs(node) >= 1e14 ? '*'.repeat(String(Math.abs(node)).length) : node),
	});
}

/** Text beside the card's fields (file names, skipped_files, skipped_in_photo) as the format says. */
export function shownBeside(format: IdNumberFormat): Shown {
	return maskedBeside(format === 'masked', (value) => maskIdNumbers(value, ''));
}
