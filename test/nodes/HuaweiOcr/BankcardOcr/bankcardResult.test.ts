import { mapBankcardResult } from '../../../../nodes/HuaweiOcr/BankcardOcr/bankcardResult';

describe('bank card result mapping', () => {
	it('maps the documented fields and confidence under Huawei\'s names', () => {
		const mapped = mapBankcardResult({
			result: {
				bank_name: '中国银行',
				card_number: '6217 0000 0000 0000 000',
				issue_date: '12/10',
				expiry_date: '12/20',
				type: '借记卡',
				confidence: { bank_name: 0.99, card_number: 0.98, issue_date: 0.9, expiry_date: 0.91, type: 0.97 },
			},
		});
		expect(mapped).toEqual({
			bank_name: '中国银行',
			card_number: '6217 0000 0000 0000 000',
			issue_date: '12/10',
			expiry_date: '12/20',
			type: '借记卡',
			confidence: { bank_name: 0.99, card_number: 0.98, issue_date: 0.9, expiry_date: 0.91, type: 0.97 },
		});
	});

	it('keeps every column when Huawei leaves fields out, and passes new fields through', () => {
		const mapped = mapBankcardResult({ result: { card_number: '1', confidence: { card_number: 0.5 }, extra: 1 } });
		expect(mapped).toEqual({
			bank_name: '',
			card_number: '1',
			issue_date: '',
			expiry_date: '',
			type: '',
			confidence: { bank_name: 0, card_number: 0.5, issue_date: 0, expiry_date: 0, type: 0 },
			extra: 1,
		});
	});

	it('reports an answer without a result object', () => {
		expect(mapBankcardResult({})).toBeUndefined();
		expect(mapBankcardResult('<html>')).toBeUndefined();
		expect(mapBankcardResult({ result: [] })).toBeUndefined();
	});
});
