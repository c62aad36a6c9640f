import { cardsInPhoto } from '../../../../../nodes/HuaweiOcr/BankcardOcr/cardsInPhoto';
import { isAutoClassificationAnswer } from '../../../../../nodes/HuaweiOcr/shared/autoClassification/documentsInPhoto';
import { inReadingOrder } from '../../../../../nodes/HuaweiOcr/shared/autoClassification/readingOrder';
import { CARD_RESULT } from '../../../../helpers/fixtures';

const box = (left: number, top: number) => [
	[left, top],
	[left + 100, top],
	[left + 100, top + 60],
	[left, top + 60],
];

describe('reading a RecognizeAutoClassification answer', () => {
	it('knows the documented shape (a result list) from anything else', () => {
		expect(isAutoClassificationAnswer({ result: [] })).toBe(true);
		expect(isAutoClassificationAnswer({ result: CARD_RESULT })).toBe(false);
		expect(isAutoClassificationAnswer('<html>')).toBe(false);
		expect(isAutoClassificationAnswer(undefined)).toBe(false);
	});

	it('orders rows top to bottom and cards left to right, a slightly higher neighbour staying in its row', () => {
		const entries = [
			{ name: 'bottom', location: box(0, 200) },
			{ name: 'top right, higher', location: box(300, 0) },
			{ name: 'top left', location: box(0, 20) },
			{ name: 'no location' },
			{ name: 'bottom right', location: box(150, 210) },
		];
		expect(inReadingOrder(entries).map((entry) => entry.name)).toEqual([
			'top left',
			'top right, higher',
			'bottom',
			'bottom right',
			'no location',
		]);
	});

	it('a card rotated a quarter turn, or corners given as {x, y}, still has a place', () => {
		const rotated = [
			[160, 0],
			[160, 100],
			[100, 100],
			[100, 0],
		];
		const objects = [
			{ x: 0, y: 300 },
			{ x: 100, y: 300 },
			{ x: 100, y: 360 },
			{ x: 0, y: 360 },
		];
		const order = inReadingOrder([{ name: 'objects', location: objects }, { name: 'rotated', location: rotated }]);
		expect(order.map((entry) => entry.name)).toEqual(['rotated', 'objects']);
	});

	it('takes the success forms a status might have and treats anything else as not read', () => {
		const read = (status: unknown) =>
			cardsInPhoto({ result: [{ type: 'bankcard', status, content: CARD_RESULT, location: box(0, 0) }] }).cards.length;
		for (const status of [undefined, null, {}, { error_code: '' }, { error_code: 'AIS.0000' }, { error_code: 0 }, 'success', 'OK']) {
			expect({ status, read: read(status) }).toEqual({ status, read: 1 });
		}
		for (const status of [{ error_code: 'AIS.0104', error_msg: 'poor quality' }, 'failed']) {
			expect({ status, read: read(status) }).toEqual({ status, read: 0 });
		}
	});

	it('reads content sent as JSON text, and "bank_card" as the type', () => {
		const found = cardsInPhoto({
			result: [{ type: 'Bank_Card', status: {}, content: JSON.stringify(CARD_RESULT), location: box(0, 0) }],
		});
		expect(found.cards).toEqual([{ content: CARD_RESULT, location: box(0, 0) }]);
	});

	it('lists what gives no card, ignoring entries that are not objects', () => {
		const found = cardsInPhoto({
			result: [null, 'noise', { type: 'passport', location: box(0, 0) }, { status: {}, content: CARD_RESULT }],
		});
		expect(found.cards).toEqual([]);
		expect(found.skipped).toEqual([
			{ type: 'passport', reason: 'Not a bank card (passport), so not read', location: box(0, 0) },
			{ type: '', reason: 'Not a bank card (kind not given), so not read', location: null },
		]);
	});
});
