/**
 * The citizen identification number (公民身份号码) of GB 11643-1999: 6 digits of area, 8 of birth
 * date (YYYYMMDD), 3 of sequence (the last odd for a man, even for a woman), and a check
 * character by ISO 7064 MOD 11-2, 0-9 or X (GB 11643-1999, "Citizen identification number", on
 * China's national standards portal, https://openstd.samr.gov.cn/). Pure.
 */
import { halfWidth } from '../shared/output/halfWidth';
import type { CalendarDate } from './chinaDate';
import { parseCardDate } from './chinaDate';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The number as the checks read it: without spaces, full-width characters made ASCII, x as X. */
export function normaliseIdNumber(number: string): string {
	return halfWidth(number, /[\uFF10-\uFF19\uFF38\uFF58]/g)
		.replace(/[\s\u3000-]/g, '')
		.toUpperCase();
}

/** The check character the first 17 digits call for. */
export function checkCharacter(first17: string): string {
	const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index], 0);
	return CHECK_CHARACTERS[sum % 11];
}

/** 18 characters, 17 digits then a digit or X, the check character right, the birth date real. */
export function idNumberValid(number: string): boolean {
	const value = normaliseIdNumber(number);
	if (!/^\d{17}[\dX]$/.test(value)) return false;
	return checkCharacter(value.slice(0, 17)) === value[17] && birthInNumber(value) !== null;
}

/** The birth date the number holds (characters 7 to 14), or null. */
export function birthInNumber(number: string): CalendarDate | null {
	const value = normaliseIdNumber(number);
	return /^\d{17}[\dX]$/.test(value) ? parseCardDate(value.slice(6, 14)) : null;
}

/** The sex the number holds: its 17th character odd for a man (男), even for a woman (女). */
export function sexInNumber(number: string): 'male' | 'female' | null {
	const value = normaliseIdNumber(number);
	if (!/^\d{17}[\dX]$/.test(value)) return null;
	return Number(value[16]) % 2 === 1 ? 'male' : 'female';
}

/** The sex field as printed: 男 / 女 (English words taken too). */
export function sexOnCard(sex: unknown): 'male' | 'female' | null {
	if (typeof sex !== 'string') return null;
	const value = sex.trim().toLowerCase();
	if (value === '男' || value === 'male' || value === 'm') return 'male';
	if (value === '女' || value === 'female' || value === 'f') return 'female';
	return null;
}

/**
 * The number masked: only its last 4 characters kept (an X stays an X), the rest `*`, since the
 * first 14 are the holder's area and birth date.
 */
export function maskIdNumber(number: string): string {
	const value = normaliseIdNumber(number);
	if (value.length <= 4) return '*'.repeat(value.length);
	return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
