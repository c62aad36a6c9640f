/**
 * Our own checks on an ID card Huawei read, always computed on the full number (masking comes
 * after), so a workflow can route a card without reading it: Huawei's answer is the printed text
 * (its own verification_result only when asked for, and without an age or an expiry flag). Pure:
 * `now` is a parameter; dates are China's (UTC+8).
 */
import type { IDataObject } from 'n8n-workflow';

import { chinaToday, compareDates, isLongTerm, parseCardDate, wholeYears } from './chinaDate';
import { BACK_FIELDS, FRONT_FIELDS } from './idCardApi';
import { birthInNumber, idNumberValid, sexInNumber, sexOnCard } from './idNumber';

export type SideRead = 'front' | 'back';

export interface IdCardChecks extends IDataObject {
	/** GB 11643-1999: 18 characters, check character (X included) right, birth date real. Null on a back. */
	number_valid: boolean | null;
	/** The birth field is the date the number holds; null when either is unreadable. */
	birth_matches_number: boolean | null;
	/** The sex field is the one the number's 17th digit gives (odd: 男); null when either is unreadable. */
	sex_matches_number: boolean | null;
	/** Whole years today in China, from the number's birth date (else the birth field). */
	age: number | null;
	/** Past its valid_to (valid through that day); 长期 never expires; null without a readable valid_to. */
	is_expired: boolean | null;
	/** Fields of the sides read that Huawei returned empty. */
	missing_fields: string[];
}

/** A field's text as read, trimmed; '' for anything that is not text. */
export const fieldText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

type FrontChecks = Pick<IdCardChecks, 'number_valid' | 'birth_matches_number' | 'sex_matches_number' | 'age'>;

function frontChecks(fields: IDataObject, now: Date): FrontChecks {
	const number = fieldText(fields.number);
	const fromNumber = birthInNumber(number);
	const printed = parseCardDate(fields.birth);
	const numberSex = sexInNumber(number);
	const printedSex = sexOnCard(fields.sex);
	const birth = fromNumber ?? printed;
	return {
		number_valid: idNumberValid(number),
		birth_matches_number: fromNumber && printed ? compareDates(fromNumber, printed) === 0 : null,
		sex_matches_number: numberSex && printedSex ? numberSex === printedSex : null,
		age: birth ? wholeYears(birth, chinaToday(now)) : null,
	};
}

export function isExpired(validTo: unknown, now: Date): boolean | null {
	if (isLongTerm(validTo)) return false;
	const end = parseCardDate(validTo);
	return end ? compareDates(chinaToday(now), end) > 0 : null;
}

/** The checks of the sides read, from their fields under Huawei's names. */
export function idCardChecks(fields: IDataObject, sides: readonly SideRead[], now: Date): IdCardChecks {
	const front: FrontChecks = sides.includes('front')
		? frontChecks(fields, now)
		: { number_valid: null, birth_matches_number: null, sex_matches_number: null, age: null };
	const names: readonly string[] = [...(sides.includes('front') ? FRONT_FIELDS : []), ...(sides.includes('back') ? BACK_FIELDS : [])];
	return {
		...front,
		is_expired: sides.includes('back') ? isExpired(fields.valid_to, now) : null,
		missing_fields: names.filter((name) => !fieldText(fields[name])),
	};
}
