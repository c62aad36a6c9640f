import { bankcardJson } from '../../../../nodes/HuaweiOcr/BankcardOcr/bankcardResult';
import { maskCardNumbers } from '../../../../nodes/HuaweiOcr/BankcardOcr/maskOutput';
import { CARD_RESULT } from '../../../helpers/fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const FULL = '6222021234567890128';
const masked = { cardNumberFormat: 'masked' as const, addCardChecks: true, confidenceThreshold: 0.8, missingFieldsApart: true, rawOutput: false };

/** Every run of digits (separators allowed) in the JSON text of `value`. */
function digitRuns(value: unknown): string[] {
	return (JSON.stringify(value).match(/\d(?:[ -]?\d)*/g) ?? []).map((run) => run.replace(/\D/g, ''));
}

describe('masking reaches every part of the output', () => {
	const body = {
		result: {
			...CARD_RESULT,
			// Fields the node does not know, as Huawei may add them.
			card_number_raw: '6222 0212 3456 7890 128',
			words_block_list: [{ words: '卡号 6222-0212-3456-7890-128 有效期 12/28' }],
			text_location: { card_number: [[10, 20], [300, 20], [300, 60], [10, 60]] },
			account: { number: 6222021234567890 },
			full_width: '６２２２０２１２３４５６７８９０１２８',
		},
		extra_top_level: `echo ${FULL}`,
	};

	it.each([false, true])('leaves no run of the card number, nor any run of 12 or more digits (raw output %s)', (rawOutput) => {
		const json = bankcardJson(body, { ...masked, rawOutput }, NOW);
		const text = JSON.stringify(json);
		expect(text).not.toContain('7890');
		for (const run of digitRuns(json)) expect(run.length).toBeLessThan(12);
		expect(text).not.toMatch(/[\uFF10-\uFF19]{5,}/);
	});

	it('keeps the masked number in its usual form and the coordinates and confidences as numbers', () => {
		const json = bankcardJson(body, masked, NOW) as Record<string, any>;
		expect(json.card_number).toBe('622202*********0128');
		expect(json.text_location).toEqual(body.result.text_location);
		expect(json.confidence).toEqual(CARD_RESULT.confidence);
		expect(json.card_number_valid).toBe(true);
	});

	it('changes nothing when masking is off', () => {
		const json = bankcardJson(body, { ...masked, cardNumberFormat: 'asRecognized' }, NOW) as Record<string, any>;
		expect(json.card_number_raw).toBe('6222 0212 3456 7890 128');
		expect(json.account).toEqual({ number: 6222021234567890 });
	});

	it('takes a card number sent as an exact JSON number, and never shows a rounded one', () => {
		const exact = bankcardJson({ result: { ...CARD_RESULT, card_number: 4111111111111111 } }, masked, NOW) as Record<string, any>;
		expect(exact.card_number).toBe('411111******1111');
		const rounded = bankcardJson({ result: { ...CARD_RESULT, card_number: 6222021234567890128 } }, { ...masked, rawOutput: true }, NOW) as Record<string, any>;
		expect(JSON.stringify(rounded)).not.toMatch(/\d{12,}/);
	});

	it('hides a number that appears only in a shape the pattern does not catch', () => {
		expect(maskCardNumbers({ note: '6222.0212.3456.7890.128' }, FULL)).toEqual({ note: '****.****.****.****.***' });
	});
});
