import { DIGIT, maskNumbers, type NumberPattern } from '../shared/output/numberMasker';
import { maskedBeside, type Shown } from '../shared/output/shown';
import { maskIdNumber, normaliseIdNumber } from './idNumber';

/** How `number` is written in the output. */
export type IdNumberFormat = 'masked' | 'asRecognized';

// An ID number is 18 characters (15 on first-generation cards), the last possibly X, written
// with or without single spaces or dashes, or in full-width characters. Its first 14 (area and
// birth date) standing elsewhere in another form make that text lose every digit. An integer of
// 15 digits or more can only be a number like an ID.
const ID_NUMBERS: NumberPattern = {
	runs: new RegExp(`(?<!${DIGIT})${DIGIT}(?:[ \\-\\u3000]?${DIGIT}){13,16}(?:[ \\-\\u3000]?[0-9\\uFF10-\\uFF19XxＸｘ])(?!${DIGIT})`, 'g'),
	mask: (run) => maskIdNumber(run),
	stillShows: (masked, known) => known.length >= 14 && normaliseIdNumber(masked).includes(known.slice(0, 14)),
	hideIntegersFrom: 1e14,
};

/**
 * With Masked, no run of characters that could be an ID number survives anywhere in an item's
 * json (fields Huawei may add, raw output, file names, Huawei's words), only its last 4.
 */
export function maskIdNumbers<T>(value: T, idNumber: string): T {
	return maskNumbers(value, normaliseIdNumber(idNumber), ID_NUMBERS);
}

/** Text beside the card's fields (file names, skipped_files, skipped_in_photo) as the format says. */
export function shownBeside(format: IdNumberFormat): Shown {
	return maskedBeside(format === 'masked', (value) => maskIdNumbers(value, ''));
}
