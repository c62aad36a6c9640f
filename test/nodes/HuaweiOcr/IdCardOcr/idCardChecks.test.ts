import { chinaToday, isLongTerm, parseCardDate, wholeYears } from '../../../../nodes/HuaweiOcr/IdCardOcr/chinaDate';
import { idCardChecks, isExpired } from '../../../../nodes/HuaweiOcr/IdCardOcr/idCardChecks';
import { birthInNumber, checkCharacter, idNumberValid, maskIdNumber, sexInNumber, sexOnCard } from '../../../../nodes/HuaweiOcr/IdCardOcr/idNumber';
import { maskIdNumbers } from '../../../../nodes/HuaweiOcr/IdCardOcr/maskIdNumbers';
import { NUMBER, NUMBER_WITH_X } from './idCardAnswers';

describe('reading dates as cards and OCR write them', () => {
	it.each(['1990-03-07', '1990.03.07', '19900307', '1990年3月7日', '1990年03月07日', '1990/3/7', ' 1990 - 03 - 07 ', '１９９０年３月７日'])('%s', (text) => {
		expect(parseCardDate(text)).toEqual({ year: 1990, month: 3, day: 7 });
	});

	it.each(['1990-02-30', '19901301', '1990年3月', '长期', '', 'tomorrow', '0000-01-01'])('refuses %j', (text) => {
		expect(parseCardDate(text)).toBeNull();
	});

	it('knows 长期 (long-term), also in traditional characters', () => {
		expect(isLongTerm('长期')).toBe(true);
		expect(isLongTerm('長期')).toBe(true);
		expect(isLongTerm('2035-01-01')).toBe(false);
	});

	it('takes today in China: 16:30 UTC is already the next day there', () => {
		expect(chinaToday(new Date('2026-12-08T16:30:00Z'))).toEqual({ year: 2026, month: 12, day: 9 });
		expect(chinaToday(new Date('2026-12-08T15:59:59Z'))).toEqual({ year: 2026, month: 12, day: 8 });
	});

	it('counts whole years, the birthday counting from its day', () => {
		const birth = { year: 1990, month: 3, day: 7 };
		expect(wholeYears(birth, { year: 2026, month: 3, day: 6 })).toBe(35);
		expect(wholeYears(birth, { year: 2026, month: 3, day: 7 })).toBe(36);
		expect(wholeYears({ year: 2000, month: 2, day: 29 }, { year: 2001, month: 2, day: 28 })).toBe(0);
	});
});

describe('the number (GB 11643-1999)', () => {
	it('computes the check character, X included', () => {
		expect(checkCharacter(NUMBER.slice(0, 17))).toBe('2');
		expect(checkCharacter(NUMBER_WITH_X.slice(0, 17))).toBe('X');
		// The standard's own example: 11010519491231002X.
		expect(idNumberValid('11010519491231002X')).toBe(true);
	});

	it.each([
		[NUMBER, true],
		[NUMBER_WITH_X, true],
		[NUMBER_WITH_X.toLowerCase(), true],
		['９９０１０１１９９００３０７２３５２', true],
		['990101 19900307 2352', true],
		[`${NUMBER.slice(0, 17)}3`, false],
		['990101199013072357', false], // month 13: no real birth date
		['99010190030723', false], // too short
		['990101900307235', false], // a 15-digit first-generation number
		['', false],
	])('%j valid: %s', (number, valid) => {
		expect(idNumberValid(number)).toBe(valid);
	});

	it('reads the birth date and sex the number holds', () => {
		expect(birthInNumber(NUMBER)).toEqual({ year: 1990, month: 3, day: 7 });
		expect(sexInNumber(NUMBER)).toBe('male');
		expect(sexInNumber(NUMBER_WITH_X)).toBe('female');
		expect(sexOnCard('男')).toBe('male');
		expect(sexOnCard('女')).toBe('female');
		expect(sexOnCard('?')).toBeNull();
	});

	it('masks all but the last 4 characters, an X kept', () => {
		expect(maskIdNumber(NUMBER)).toBe('**************2352');
		expect(maskIdNumber(NUMBER_WITH_X)).toBe('**************002X');
	});

	it('masks ID numbers anywhere in a value: in text, with spaces, as a JSON number, its first digits elsewhere', () => {
		const masked = maskIdNumbers(
			{ a: `file ${NUMBER}.jpg`, b: ['990101 19900307 2352'], c: 990101199003072352, d: `born ${NUMBER.slice(0, 14)}`, e: 'phone 13800138000', f: 2035 },
			NUMBER,
		);
		expect(masked).toEqual({
			a: 'file **************2352.jpg',
			b: ['**************2352'],
			c: '******************',
			d: 'born **************',
			e: 'phone 13800138000',
			f: 2035,
		});
	});
});

describe('our checks', () => {
	const now = new Date('2026-12-08T04:00:00Z');

	it('on a front: number, birth and sex against the number, age; no expiry', () => {
		expect(idCardChecks({ name: '样本', sex: '男', birth: '1990年3月7日', ethnicity: '汉', address: 'x', number: NUMBER }, ['front'], now)).toEqual({
			number_valid: true,
			birth_matches_number: true,
			sex_matches_number: true,
			age: 36,
			is_expired: null,
			missing_fields: [],
		});
	});

	it('on a back: expiry only, and the missing fields of that side', () => {
		expect(idCardChecks({ issue: '', valid_from: '2015.06.01', valid_to: '2026.12.08' }, ['back'], now)).toEqual({
			number_valid: null,
			birth_matches_number: null,
			sex_matches_number: null,
			age: null,
			is_expired: false,
			missing_fields: ['issue'],
		});
	});

	it('a card is valid through its valid_to day in China, expired the day after', () => {
		expect(isExpired('2026-12-08', now)).toBe(false);
		expect(isExpired('2026-12-07', now)).toBe(true);
		expect(isExpired('20261208', new Date('2026-12-08T16:00:00Z'))).toBe(true);
		expect(isExpired('长期', now)).toBe(false);
		expect(isExpired('', now)).toBeNull();
	});
});
