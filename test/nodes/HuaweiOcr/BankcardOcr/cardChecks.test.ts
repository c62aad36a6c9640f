import { cardChecks, cardNetwork, digitsOnly, formatCardNumber, isExpired, lowConfidenceFields, luhnValid, missingFields, normalizeCardType, parseExpiry, type CardNetwork } from '../../../../nodes/HuaweiOcr/BankcardOcr/cardChecks';
import { CARD_OUTPUT, CARD_OUTPUT_BEFORE_1_2, CARD_RESULT } from '../../../helpers/fixtures';

// Every number below was given its check digit with an independent Luhn implementation, and the
// well-known ones are the networks' and gateways' published test numbers.

describe('digitsOnly', () => {
	it('drops spaces, dashes and other non-digits, and reads full-width digits', () => {
		expect(digitsOnly('6222 0212 3456 7890 12')).toBe('622202123456789012');
		expect(digitsOnly('4111-1111-1111-1111')).toBe('4111111111111111');
		expect(digitsOnly('６２１７ ０００')).toBe('6217000');
		expect(digitsOnly('')).toBe('');
	});
});

describe('luhnValid', () => {
	it.each([
		'4111111111111111', // Visa test number
		'5555555555554444', // Mastercard test number
		'378282246310005', // Amex test number (15 digits)
		'30569309025904', // Diners Club test number (14 digits)
		'6200000000000005', // UnionPay test number (16 digits)
		'6205500000000000004', // UnionPay test number (19 digits)
		'6217000000000000004', // 19-digit UnionPay debit layout
		'6212345678901234569', // 19 digits with distinct middle digits
		'622202123456789012', // 18 digits, ICBC IIN
		'079927398713', // Wikipedia's Luhn example 79927398713, padded to 12 digits (a leading 0 adds nothing)
	])('accepts %s', (number) => {
		expect(luhnValid(number)).toBe(true);
	});

	it.each([
		'4111111111111112',
		'6205500000000000005',
		'6217000000000000003',
		'079927398710',
	])('rejects the wrong check digit in %s', (number) => {
		expect(luhnValid(number)).toBe(false);
	});

	it('accepts the separators a card is printed with, including full-width space and digits', () => {
		expect(luhnValid('4111 1111 1111 1111')).toBe(true);
		expect(luhnValid('4111-1111-1111-1111')).toBe(true);
		expect(luhnValid('6222 0212 3456 7890 12')).toBe(true);
		expect(luhnValid('６２００\u3000０００００００００００５')).toBe(true);
		expect(luhnValid(' 4111 1111 1111 1111 ')).toBe(true);
	});

	it('rejects other characters instead of skipping them', () => {
		expect(luhnValid('4111 1111 1111 111l')).toBe(false);
		expect(luhnValid('4111.1111.1111.1111')).toBe(false);
		// Dropping the letter would leave a valid number: it must not be dropped silently.
		expect(luhnValid('4111111111111111x')).toBe(false);
	});

	it('rejects fewer than 12 and more than 19 digits even when the checksum holds', () => {
		expect(luhnValid('79927398713')).toBe(false); // 11 digits, checksum ok
		expect(luhnValid('00000000000')).toBe(false); // 11 digits, checksum ok
		expect(luhnValid('000000000000')).toBe(true); // 12 digits is the floor
		expect(luhnValid('00000000000000000000')).toBe(false); // 20 digits, checksum ok
		expect(luhnValid('')).toBe(false);
		expect(luhnValid('    ')).toBe(false);
	});
});

describe('cardNetwork', () => {
	const cases: Array<[string, CardNetwork | null]> = [
		// Mir 2200-2204, then the gap before Mastercard's 2-series
		['2199999999999998', null],
		['2200000000000004', 'Mir'],
		['2204999999999991', 'Mir'],
		['2205000000000009', null],
		// Mastercard 2221-2720
		['2220999999999991', null],
		['2221000000000009', 'Mastercard'],
		['2223003122003222', 'Mastercard'],
		['2720999999999996', 'Mastercard'],
		['2721999999999995', null],
		// Mastercard 51-55
		['5100000000000008', 'Mastercard'],
		['5555555555554444', 'Mastercard'],
		['5599999999999997', 'Mastercard'],
		// American Express 34, 37
		['3400000000009', 'American Express'],
		['378282246310005', 'American Express'],
		['371449635398431', 'American Express'],
		// JCB 3528-3589
		['3527000000000008', null],
		['3528000000000007', 'JCB'],
		['3566002020360505', 'JCB'],
		['3589999999999994', 'JCB'],
		['3590000000000000', null],
		// Diners Club 300-305, 3095, 36, 38-39
		['3000000000007', 'Diners Club'],
		['3059999999991', 'Diners Club'],
		['3060000000001', null],
		['3095000000007', 'Diners Club'],
		['36227206271667', 'Diners Club'],
		['3800000000000', 'Diners Club'],
		['3999999999998', 'Diners Club'],
		// Visa 4
		['4111111111111111', 'Visa'],
		['4000056655665556', 'Visa'],
		// Discover 6011, 644-649, 65
		['6011111111111117', 'Discover'],
		['6011000000000004', 'Discover'],
		['6439999990000003', null],
		['6440000000000005', 'Discover'],
		['6499999999999996', 'Discover'],
		['6500000000000002', 'Discover'],
		// UnionPay 62, including Discover's co-branded 622126-622925 (UnionPay wins by design)
		['6200000000000005', 'UnionPay'],
		['6205500000000000004', 'UnionPay'],
		['6221250000000001', 'UnionPay'],
		['6221260000000000', 'UnionPay'],
		['6229250000000003', 'UnionPay'],
		['6229260000000002', 'UnionPay'],
		['622202123456789012', 'UnionPay'],
		['6217000000000000004', 'UnionPay'],
		// UnionPay 8-series 810000-817199; 8172 onwards is RuPay, not covered
		['8100000000000002', 'UnionPay'],
		['8171999999999997', 'UnionPay'],
		['8172000000000005', null],
		// Maestro specific ranges
		['5018000000000009', 'Maestro'],
		['5020000000000005', 'Maestro'],
		['5038000000000005', 'Maestro'],
		['5893000000000009', 'Maestro'],
		['6304000000000000', 'Maestro'],
		['6759000000000000', 'Maestro'],
		['6761000000000006', 'Maestro'],
		['6763000000000004', 'Maestro'],
		// Maestro broad ranges, which must not take Mastercard's 51-55
		['5000000000000009', 'Maestro'],
		['5600000000000003', 'Maestro'],
		['5899999999999994', 'Maestro'],
		['6390000000000005', 'Maestro'],
		['6700000000000000', 'Maestro'],
		// unassigned to any of these networks
		['1000000000000000', null],
		['7000000000000000', null],
		['9000000000000000', null],
	];

	it.each(cases)('%s -> %s', (number, network) => {
		expect(cardNetwork(number)).toBe(network);
	});

	it('reads the number through spaces and dashes', () => {
		expect(cardNetwork('6222 0212 3456 7890 12')).toBe('UnionPay');
		expect(cardNetwork('3782-822463-10005')).toBe('American Express');
	});

	it('gives no network for fragments shorter than an IIN or for garbled text', () => {
		expect(cardNetwork('4111')).toBeNull();
		expect(cardNetwork('62')).toBeNull();
		expect(cardNetwork('')).toBeNull();
		expect(cardNetwork('62l7 0000 0000 0000')).toBeNull();
	});
});

describe('normalizeCardType', () => {
	it.each([
		['借记卡', 'debit'],
		['储蓄卡', 'debit'],
		['借記卡', 'debit'],
		['Debit', 'debit'],
		['信用卡', 'credit'],
		['贷记卡', 'credit'],
		['credit card', 'credit'],
		['准贷记卡', 'quasi_credit'],
		['準貸記卡', 'quasi_credit'],
		['quasi-credit', 'quasi_credit'],
		['预付费卡', 'prepaid'],
		['预付卡', 'prepaid'],
		['Prepaid', 'prepaid'],
		[' 借记卡 ', 'debit'],
		['', 'unknown'],
		['   ', 'unknown'],
		['会员卡', 'unknown'],
	])('%j -> %s', (type, expected) => {
		expect(normalizeCardType(type)).toBe(expected);
	});

	it('lets 准贷记卡 win over the 贷记卡 and credit it contains', () => {
		expect(normalizeCardType('准贷记卡')).not.toBe('credit');
		expect(normalizeCardType('准贷记卡')).toBe('quasi_credit');
		expect(normalizeCardType('quasi credit')).toBe('quasi_credit');
	});
});

describe('parseExpiry', () => {
	it.each([
		['11/26', { month: 11, year: 2026 }],
		['01/30', { month: 1, year: 2030 }],
		['12/2026', { month: 12, year: 2026 }],
		['11-26', { month: 11, year: 2026 }],
		['1126', { month: 11, year: 2026 }],
		[' 11 / 26 ', { month: 11, year: 2026 }],
		['11／26', { month: 11, year: 2026 }],
		['１１／２６', { month: 11, year: 2026 }],
		['3/27', { month: 3, year: 2027 }],
		['12/00', { month: 12, year: 2000 }],
	])('%j -> %j', (text, expected) => {
		expect(parseExpiry(text)).toEqual(expected);
	});

	it.each(['13/25', '00/25', '', '   ', 'abc', '11/2', '11/202', '1/2/26', '12026', '112026', '11/26x'])(
		'rejects %j',
		(text) => {
			expect(parseExpiry(text)).toBeNull();
		},
	);
});

describe('isExpired', () => {
	const nov26 = { month: 11, year: 2026 };

	it('keeps a card valid through the last second of its expiry month, in UTC', () => {
		expect(isExpired(nov26, new Date('2026-11-30T23:59:59Z'))).toBe(false);
		expect(isExpired(nov26, new Date('2026-11-30T23:59:59.999Z'))).toBe(false);
		expect(isExpired(nov26, new Date('2026-12-01T00:00:00Z'))).toBe(true);
		expect(isExpired(nov26, new Date('2026-11-01T00:00:00Z'))).toBe(false);
		expect(isExpired(nov26, new Date('2027-01-15T00:00:00Z'))).toBe(true);
	});

	it('rolls a December expiry over into the next year', () => {
		const dec26 = { month: 12, year: 2026 };
		expect(isExpired(dec26, new Date('2026-12-01T00:00:00Z'))).toBe(false);
		expect(isExpired(dec26, new Date('2026-12-31T23:59:59Z'))).toBe(false);
		expect(isExpired(dec26, new Date('2027-01-01T00:00:00Z'))).toBe(true);
	});

	it('counts 29 February in a leap year and not in other years', () => {
		expect(isExpired({ month: 2, year: 2028 }, new Date('2028-02-29T23:59:59Z'))).toBe(false);
		expect(isExpired({ month: 2, year: 2028 }, new Date('2028-03-01T00:00:00Z'))).toBe(true);
		expect(isExpired({ month: 2, year: 2027 }, new Date('2027-02-28T23:59:59Z'))).toBe(false);
		expect(isExpired({ month: 2, year: 2027 }, new Date('2027-03-01T00:00:00Z'))).toBe(true);
	});

	it('answers null when there is no expiry or no valid clock', () => {
		expect(isExpired(null, new Date('2026-01-01T00:00:00Z'))).toBeNull();
		expect(isExpired(nov26, new Date('not a date'))).toBeNull();
	});
});

describe('formatCardNumber', () => {
	it('keeps the recognised text unchanged', () => {
		expect(formatCardNumber('6222 0212 3456 7890 12', 'asRecognized')).toBe('6222 0212 3456 7890 12');
	});

	it('gives the digits only', () => {
		expect(formatCardNumber('6222 0212 3456 7890 12', 'digitsOnly')).toBe('622202123456789012');
	});

	it.each([
		['6212345678901234569', '621234*********4569'], // 19 digits
		['4111 1111 1111 1111', '411111******1111'], // 16 digits with spaces
		['3782 822463 10005', '***********0005'], // 15-digit Amex layout: the last 4 only
		['123456789012', '********9012'], // 12 digits: the last 4 only
		['12345678901', '*********01'], // 11 digits: the last 2 only
		['1234567890', '********90'],
		['12345678', '******78'],
		['1234567', '*******'], // a fragment: nothing shown
		['123456', '******'],
		['1234', '****'],
		['', ''],
	])('masks %j as %j', (number, masked) => {
		expect(formatCardNumber(number, 'masked')).toBe(masked);
	});

	it('never shows the middle digits, nor more than 10 digits, nor half the digits below 16, at any length', () => {
		const source = '9876543210123456789';
		for (let length = 1; length <= source.length; length++) {
			const number = source.slice(0, length);
			const masked = formatCardNumber(number, 'masked');
			expect(masked).toHaveLength(length);
			const shown = masked.replace(/\*/g, '').length;
			expect(shown).toBeLessThanOrEqual(Math.min(10, length));
			expect(length - shown).toBeGreaterThanOrEqual(Math.min(6, length));
			if (length < 16) expect(shown).toBeLessThanOrEqual(length / 2);
			const shownHead = length >= 16 ? 6 : 0;
			const shownTail = length >= 12 ? 4 : length >= 8 ? 2 : 0;
			for (let i = shownHead; i < length - shownTail; i++) {
				expect(masked[i]).toBe('*');
			}
		}
		const masked = formatCardNumber('6212 3456 7890 1234 569', 'masked');
		expect(masked).not.toMatch(/7890123/);
		expect(masked).not.toMatch(/[0-9]{7,}/);
	});
});

describe('lowConfidenceFields', () => {
	it('lists fields below the threshold in object order, 0.8 itself not low', () => {
		expect(
			lowConfidenceFields(
				{ bank_name: 0.99, card_number: 0.5, issue_date: 0.8, expiry_date: 0.79999, type: 0 },
				0.8,
			),
		).toEqual(['card_number', 'expiry_date', 'type']);
	});

	it('ignores values that are not numbers', () => {
		expect(
			lowConfidenceFields(
				{ a: '0.1', b: null, c: undefined, d: Number.NaN, e: { x: 0 }, f: true, g: 0.1 },
				0.8,
			),
		).toEqual(['g']);
	});

	it('finds nothing in an empty object or with threshold 0', () => {
		expect(lowConfidenceFields({}, 0.8)).toEqual([]);
		expect(lowConfidenceFields({ a: 0 }, 0)).toEqual([]);
	});

	it('leaves out the fields it is told were not read', () => {
		const confidence = { bank_name: 0.5, card_number: 0.99, issue_date: 0, expiry_date: 0.1, type: 0 };
		expect(lowConfidenceFields(confidence, 0.8, ['issue_date', 'type'])).toEqual(['bank_name', 'expiry_date']);
		expect(lowConfidenceFields(confidence, 0.8, [])).toEqual(['bank_name', 'issue_date', 'expiry_date', 'type']);
	});
});

describe('missingFields', () => {
	it('lists Huawei\'s text fields that hold no text, in Huawei\'s order', () => {
		expect(missingFields({ bank_name: 'ICBC', card_number: '6222', issue_date: '', expiry_date: '12/28', type: '' })).toEqual([
			'issue_date',
			'type',
		]);
		expect(missingFields({ bank_name: 'a', card_number: 'b', issue_date: 'c', expiry_date: 'd', type: 'e' })).toEqual([]);
	});

	it('counts spaces, absent fields and values that are not text as missing', () => {
		expect(missingFields({ bank_name: ' \u3000', card_number: 6222021234567890, expiry_date: null, type: '借记卡' })).toEqual([
			'bank_name',
			'card_number',
			'issue_date',
			'expiry_date',
		]);
		expect(missingFields({})).toEqual(['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type']);
	});

	it('looks only at Huawei\'s five fields, not at others nor at the confidence', () => {
		expect(missingFields({ bank_name: 'a', card_number: 'b', issue_date: 'c', expiry_date: 'd', type: 'e', text_location: '' })).toEqual([]);
	});
});

describe('cardChecks', () => {
	const now = new Date('2026-12-01T00:00:00Z');

	it('derives every check from a mapped result, on the full number', () => {
		// Shaped like mapBankcardResult's output, extra fields included.
		const mapped = {
			bank_name: '中国工商银行',
			card_number: '6222 0212 3456 7890 12',
			issue_date: '11/21',
			expiry_date: '11/26',
			type: '准贷记卡',
			confidence: { bank_name: 0.99, card_number: 0.97, issue_date: 0.6, expiry_date: 0.8, type: 0.95 },
		};
		expect(cardChecks(mapped, now, 0.8)).toEqual({
			card_number_valid: true,
			card_network: 'UnionPay',
			card_type_normalized: 'quasi_credit',
			expiry_month: 11,
			expiry_year: 2026,
			is_expired: true,
			low_confidence_fields: ['issue_date'],
		});
	});

	it('reports a Visa credit card that is still valid', () => {
		const checks = cardChecks(
			{ card_number: '4111111111111111', expiry_date: '12/26', type: '信用卡', confidence: { card_number: 0.5 } },
			now,
			0.8,
		);
		expect(checks).toMatchObject({
			card_number_valid: true,
			card_network: 'Visa',
			card_type_normalized: 'credit',
			is_expired: false,
			low_confidence_fields: ['card_number'],
		});
	});

	it('answers with nulls and empties when Huawei recognised nothing', () => {
		expect(cardChecks({ card_number: '', expiry_date: '', type: '', confidence: {} }, now, 0.8)).toEqual({
			card_number_valid: false,
			card_network: null,
			card_type_normalized: 'unknown',
			expiry_month: null,
			expiry_year: null,
			is_expired: null,
			low_confidence_fields: [],
		});
	});

	it('tolerates missing and non-string fields', () => {
		expect(cardChecks({ card_number: 4111111111111111, expiry_date: 1126, confidence: [0.1] }, now, 0.8)).toEqual({
			card_number_valid: false,
			card_network: null,
			card_type_normalized: 'unknown',
			expiry_month: null,
			expiry_year: null,
			is_expired: null,
			low_confidence_fields: [],
		});
		expect(cardChecks({}, now, 0.8).card_number_valid).toBe(false);
	});

	describe('with missing fields apart (node version 1.2)', () => {
		const apart = { missingFieldsApart: true };
		// A card that prints no issue date, everything else read with high confidence.
		const card = CARD_RESULT;

		it('lists an empty issue date as missing, not as unsure', () => {
			const checks = cardChecks(card, now, 0.8, apart);
			expect(checks.missing_fields).toEqual(['issue_date']);
			expect(checks.low_confidence_fields).toEqual([]);
			expect({ ...card, ...checks }).toEqual(CARD_OUTPUT);
		});

		it('keeps the lists of versions 1 and 1.1 without the setting', () => {
			const checks = cardChecks(card, now, 0.8);
			expect(checks.low_confidence_fields).toEqual(['issue_date']);
			expect(checks).not.toHaveProperty('missing_fields');
			expect({ ...card, ...checks }).toEqual(CARD_OUTPUT_BEFORE_1_2);
			expect(cardChecks(card, now, 0.8, { missingFieldsApart: false })).toEqual(checks);
		});

		it('calls a text read with confidence 0 unsure, and an empty one missing even when Huawei scored it', () => {
			const odd = { ...card, card_number: '', issue_date: '03/21', confidence: { ...card.confidence, card_number: 0.97, issue_date: 0 } };
			const checks = cardChecks(odd, now, 0.8, apart);
			expect(checks.missing_fields).toEqual(['card_number']);
			expect(checks.low_confidence_fields).toEqual(['issue_date']);
			expect(checks.card_number_valid).toBe(false);
		});

		it('lists every field as missing when Huawei read nothing, and none as unsure', () => {
			const checks = cardChecks({ card_number: '', expiry_date: '', type: '', confidence: {} }, now, 0.8, apart);
			expect(checks.missing_fields).toEqual(['bank_name', 'card_number', 'issue_date', 'expiry_date', 'type']);
			expect(checks.low_confidence_fields).toEqual([]);
		});

		it('applies the threshold to fields read only', () => {
			const checks = cardChecks(card, now, 1, apart);
			expect(checks.low_confidence_fields).toEqual(['bank_name', 'card_number', 'expiry_date', 'type']);
			expect(checks.missing_fields).toEqual(['issue_date']);
			expect(cardChecks(card, now, 0, apart).low_confidence_fields).toEqual([]);
		});
	});

	it('flags a misread check digit without losing the network', () => {
		const checks = cardChecks({ card_number: '6222 0212 3456 7890 13' }, now, 0.8);
		expect(checks.card_number_valid).toBe(false);
		expect(checks.card_network).toBe('UnionPay');
	});
});
