/**
 * The sample photo with several cards on it, for "Photo May Hold Several Cards": two bank cards
 * side by side (the right one lying a little higher), below them an identity card and a bank card
 * under a lamp's glare that Huawei finds but cannot read. It carries the documents the stand-in's
 * RecognizeAutoClassification answers with (photoDocuments.ts), in an order that is not the
 * reading order, as a detector's need not be.
 */
import type { CarriedIdCard } from '../idCardImage';
import { boxCorners, withDocuments, type CarriedDocument } from '../photoDocuments';
import { Canvas } from './canvas';
import { CARD_HEIGHT, CARD_WIDTH, desk, paintCardOn, type Place } from './cardPicture';
import { paintIdCardOn, type IdCardPicture } from './idCardPicture';
import type { Sample } from './samples';

export const SEVERAL_CARDS_FILE = 'several-cards-on-a-desk.png';
export const SEVERAL_CARDS_ABOUT =
	'Four cards on one photo: ICBC and China Merchants Bank cards read, an identity card, and a glare-struck card that cannot be read';
export const SEVERAL_CARDS_WIDTH = 1920;
export const SEVERAL_CARDS_HEIGHT = 1280;

/** The one-card samples this photo shows again (samples.ts hands them in). */
function shown(samples: readonly Sample[]) {
	const sample = (file: string) => samples.find((one) => one.file === file)!;
	return { icbc: sample('icbc-unionpay-debit.png'), cmb: sample('cmb-visa-credit.png'), glare: sample('abc-glare-low-confidence.png') };
}
const ID_CARD: IdCardPicture = { name: 'ZHANG SAN', born: '1990 03 07', number: '990101199003077778', sex: 'MALE' };
/** What Huawei reads on it: a specimen whose number passes its check (area code 99: no one's). */
export const DESK_ID_CARD: CarriedIdCard = {
	front: { name: '张三', sex: '男', birth: '1990-03-07', ethnicity: '汉', address: '样本省样本市长安街8号', number: ID_CARD.number },
};

const PLACES: Record<'icbc' | 'cmb' | 'idCard' | 'glare', Place> = {
	icbc: { left: 60, top: 70 },
	cmb: { left: 990, top: 40 },
	idCard: { left: 60, top: 690 },
	glare: { left: 990, top: 700 },
};

const where = (place: Place) => boxCorners(place.left, place.top, CARD_WIDTH, CARD_HEIGHT);

/** What the photo shows, as the stand-in reports it. */
export function severalCardsDocuments(samples: readonly Sample[]): CarriedDocument[] {
	const { icbc, cmb } = shown(samples);
	return [
		{ type: 'bankcard', location: where(PLACES.cmb), card: cmb.card },
		{ type: 'id_card', location: where(PLACES.idCard), idCard: DESK_ID_CARD },
		{ type: 'bankcard', location: where(PLACES.icbc), card: icbc.card },
		{ type: 'bankcard', location: where(PLACES.glare), unreadable: true },
	];
}

export function paintSeveralCards(samples: readonly Sample[]): Buffer {
	const { icbc, cmb, glare } = shown(samples);
	const canvas = new Canvas(SEVERAL_CARDS_WIDTH, SEVERAL_CARDS_HEIGHT);
	desk(canvas);
	paintCardOn(canvas, icbc.picture, PLACES.icbc);
	paintCardOn(canvas, cmb.picture, PLACES.cmb);
	paintIdCardOn(canvas, ID_CARD, PLACES.idCard);
	paintCardOn(canvas, glare.picture, PLACES.glare);
	// A second lamp over the number: too much glare for Huawei to read this card.
	canvas.glare(PLACES.glare.left + 430, PLACES.glare.top + 330, 420, 200, 1);
	return withDocuments(canvas.toPng(), severalCardsDocuments(samples));
}
