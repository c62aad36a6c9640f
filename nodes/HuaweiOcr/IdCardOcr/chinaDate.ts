/**
 * Dates on a Chinese ID card, read tolerantly (OCR and card generations write them differently:
 * 1990-03-07, 1990.03.07, 19900307, 1990年3月7日, 1990/3/7), and "today" in China's time
 * (UTC+8, no daylight saving), where the card's dates apply. Pure: `now` is a parameter.
 */
import { halfWidth } from '../shared/output/halfWidth';

export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;


function realDate(year: number, month: number, day: number): CalendarDate | null {
	const date = new Date(Date.UTC(year, month - 1, day));
	if (year < 1800 || year > 2200) return null;
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

/** A date as the card prints it, or null when it is no real date. */
export function parseCardDate(text: unknown): CalendarDate | null {
	if (typeof text !== 'string') return null;
	const value = halfWidth(text, /[\uFF10-\uFF19]/g).replace(/\s+/g, '');
	const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
	if (compact) return realDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
	const parts = /^(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$/.exec(value);
	return parts ? realDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null;
}

/** "长期" (long-term): a card for people of 46 and over, valid without end (Resident Identity Card Law, art. 5). */
export function isLongTerm(text: unknown): boolean {
	return typeof text === 'string' && /长期|長期/.test(text);
}

/** The calendar date in China at `now`. */
export function chinaToday(now: Date): CalendarDate {
	const shifted = new Date(now.getTime() + CHINA_OFFSET_MS);
	return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole years from `birth` to `today`: a birthday counts from its day on. */
export function wholeYears(birth: CalendarDate, today: CalendarDate): number {
	const beforeBirthday = today.month < birth.month || (today.month === birth.month && today.day < birth.day);
	return today.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** As ISO 8601 (YYYY-MM-DD). */
export function isoDate(date: CalendarDate): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
