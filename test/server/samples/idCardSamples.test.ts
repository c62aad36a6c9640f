/**
 * The specimen ID card photos of dev mode: real PNGs within RecognizeIdCard's limits, each
 * carrying its card; a front and back pair, a black-and-white copy the copy check flags, an
 * expired card; every number passing its check on an area code that belongs to no one; every
 * card stamped 样本 / SPECIMEN where the picture says.
 */
import { readImageInfo } from '../../../nodes/HuaweiOcr/shared/input/imageCheck';
import { ID_CARD_IMAGE_LIMITS } from '../../../nodes/HuaweiOcr/IdCardOcr/idCardApi';
import { idNumberValid } from '../../../nodes/HuaweiOcr/IdCardOcr/idNumber';
import { readIdCard, sidesShown } from '../idCardImage';
import { PICTURE_HEIGHT, PICTURE_WIDTH } from './cardPicture';
import { SPECIMEN_PLACE } from './idCardPicture';
import { COPY_PAGE_HEIGHT, COPY_PAGE_WIDTH, COPY_PLACES, ID_CARD_SAMPLES, idCardFiles } from './idCardSamples';
import { pixels } from './pngPixels';
import { DESK_ID_CARD } from './severalCardsPhoto';

const files = idCardFiles();
const COPY = 'li-lei-copy-both-sides.png';
// Where a one-card photo's card lies (cardPicture.ts): its top left corner.
const ALONE = { left: 52, top: 38 };
// A fixed "today", so that which card is expired does not change with the calendar.
const TODAY = '20261201';
const digits = (date: string) => (date.match(/\d+/g) ?? []).map((part, i) => (i ? part.padStart(2, '0') : part)).join('');
const fronts = [...ID_CARD_SAMPLES.map((sample) => sample.idCard.front), DESK_ID_CARD.front].filter((front) => front !== undefined);

describe('specimen ID card photos', () => {
	it('are PNGs RecognizeIdCard accepts: card photos, and one copy page', () => {
		expect([...files.keys()]).toEqual(ID_CARD_SAMPLES.map((sample) => sample.file));
		for (const [file, bytes] of files) {
			const [width, height] = file === COPY ? [COPY_PAGE_WIDTH, COPY_PAGE_HEIGHT] : [PICTURE_WIDTH, PICTURE_HEIGHT];
			expect({ file, info: readImageInfo(bytes, ID_CARD_IMAGE_LIMITS) }).toEqual({ file, info: expect.objectContaining({ format: 'png', width, height }) });
			expect(bytes.length).toBeLessThan(300 * 1024);
		}
	});

	it('each carry their own card, which the stand-in answers with', () => {
		for (const sample of ID_CARD_SAMPLES) expect({ file: sample.file, reading: readIdCard(files.get(sample.file)!) }).toEqual({ file: sample.file, reading: { idCard: sample.idCard } });
	});

	it("give every person a number that passes its check, on an area code starting 99, that agrees with the card's birth date and sex", () => {
		expect(fronts.length).toBe(4);
		for (const front of fronts) {
			const { number } = front;
			expect({ number, valid: idNumberValid(number), area: number.slice(0, 2) }).toEqual({ number, valid: true, area: '99' });
			expect({ number, birth: digits(front.birth) }).toEqual({ number, birth: number.slice(6, 14) });
			expect({ number, sex: front.sex }).toEqual({ number, sex: Number(number[16]) % 2 ? '男' : '女' });
		}
		expect(new Set(fronts.map((front) => front.number)).size).toBe(fronts.length);
	});

	it('hold a front and back pair of one card, a copy of both sides, and exactly one expired card', () => {
		expect(ID_CARD_SAMPLES.map((sample) => [sample.file, sidesShown(sample.idCard).join('+')])).toEqual([
			['han-meimei-front.png', 'front'],
			['han-meimei-back.png', 'back'],
			[COPY, 'front+back'],
			['wang-xiaoming-expired-front.png', 'front'],
			['wang-xiaoming-expired-back.png', 'back'],
		]);
		expect(ID_CARD_SAMPLES.filter((sample) => sample.idCard.flagged?.length).map((sample) => [sample.file, sample.idCard.flagged])).toEqual([[COPY, ['copy']]]);
		const expired = ID_CARD_SAMPLES.filter((sample) => sample.idCard.back && digits(sample.idCard.back.valid_to) < TODAY);
		expect(expired.map((sample) => sample.file)).toEqual(['wang-xiaoming-expired-back.png']);
	});

	it('show the copy in greys only and the photos in colour, each card stamped in red (grey on the copy)', () => {
		const copy = pixels(files.get(COPY)!);
		for (let y = 5; y < COPY_PAGE_HEIGHT; y += 37) {
			for (let x = 3; x < COPY_PAGE_WIDTH; x += 41) {
				const [r, g, b] = copy.at(x, y);
				if (r !== g || g !== b) throw new Error(`The copy has colour at ${x},${y}: ${r},${g},${b}`);
			}
		}
		// The stamp's frame, a few pixels inside its left edge, halfway down.
		const frame = (at: { left: number; top: number }, side: 'front' | 'back') => [at.left + SPECIMEN_PLACE[side].left + 2, at.top + SPECIMEN_PLACE[side].top + 30] as const;
		for (const side of ['front', 'back'] as const) {
			const [r, g] = copy.at(...frame(COPY_PLACES[side], side));
			expect({ side, darkGrey: r === g && r < 160 }).toEqual({ side, darkGrey: true });
		}
		for (const sample of ID_CARD_SAMPLES.filter((one) => one.file !== COPY)) {
			const image = pixels(files.get(sample.file)!);
			const [r, g, b] = image.at(...frame(ALONE, sample.idCard.front ? 'front' : 'back'));
			expect({ file: sample.file, red: r > g + 80 && r > b + 80 }).toEqual({ file: sample.file, red: true });
			const [dr, dg, db] = image.at(4, 4);
			expect({ file: sample.file, deskIsBeige: dr > dg && dg > db && dr > 180 }).toEqual({ file: sample.file, deskIsBeige: true });
		}
	});
});
