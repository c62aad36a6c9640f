import { maskDeep } from './maskDeep';

/** A digit as OCR may give it: ASCII or full-width (０-９). */
export const DIGIT = '[0-9\\uFF10-\\uFF19]';

/** How one kind of number (a card's, an ID's) is found and masked in text. */
export interface NumberPattern {
	/** Runs of characters that could be such a number (global). */
	runs: RegExp;
	mask: (run: string) => string;
	/** Whether text, its runs masked, still shows the known number in another form. */
	stillShows: (masked: string, known: string) => boolean;
	/** Integers from this size on can only be such a number: JSON.parse has rounded them already. */
	hideIntegersFrom: number;
}

/**
 * With masking on, no run that could be the number survives anywhere in `value` (see maskDeep);
 * text that still shows the known number some other way loses every digit.
 */
export function maskNumbers<T>(value: T, known: string, pattern: NumberPattern): T {
	const anyDigit = new RegExp(DIGIT, 'g');
	return maskDeep(value, {
		text: (text) => {
			const masked = text.replace(pattern.runs, pattern.mask);
			return pattern.stillShows(masked, known) ? masked.replace(anyDigit, '*') : masked;
		},
		number: (node) =>
			Number.isInteger(node) && Math.abs(node) >= pattern.hideIntegersFrom ? '*'.repeat(String(Math.abs(node)).length) : node,
	});
}
