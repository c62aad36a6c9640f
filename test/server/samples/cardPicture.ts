/**
 * A photo-like picture of the front of a bank card, painted in code: a card in the ID-1 shape
 * (85.6 x 54 mm, here 856 x 540 pixels) lying on a desk, with its bank, chip, embossed number,
 * expiry date, holder and network mark. Nothing is read from disk, so the samples cost the
 * repository nothing and come out the same on every machine.
 */
import { Canvas, mix, rgb, type Rgb } from './canvas';

export type Network = 'UnionPay' | 'Visa' | 'Mastercard';

export interface CardPicture {
	/** The bank's name as printed in Latin letters (the dot font has no Chinese). */
	bank: string;
	/** Card colours, top left to bottom right: `#rrggbb`. */
	colours: [string, string];
	network: Network;
	/** As printed: digit groups separated by spaces. */
	number: string;
	/** MM/YY */
	expiry: string;
	holder: string;
	/** DEBIT or CREDIT, printed small under the bank. */
	kind: string;
	/** A lamp's reflection over the number, as on a hurried phone photo. */
	glare?: boolean;
}

export const PICTURE_WIDTH = 960;
export const PICTURE_HEIGHT = 620;
/** A card's size on the pictures: ID-1 at 10 pixels a millimetre. */
export const CARD_WIDTH = 856;
export const CARD_HEIGHT = 540;
const RADIUS = 34;
const WHITE: Rgb = [255, 255, 255];

/** Where a card lies on the picture: its top left corner, in pixels. */
export interface Place {
	left: number;
	top: number;
}

/** Where the card of a one-card picture lies. */
const ALONE: Place = { left: 52, top: 38 };

/** The desk the cards lie on, filling the whole canvas. */
export function desk(canvas: Canvas): void {
	const top = rgb('#d9d2c5');
	const bottom = rgb('#b9ae9c');
	canvas.fill((x, y) => mix(top, bottom, (y / canvas.height) * 0.8 + (x / canvas.width) * 0.2));
}

/** The card's shadow on the desk and its coloured body, a lighter band across it. */
export function cardBody(canvas: Canvas, at: Place, colours: [string, string]): void {
	const { left, top } = at;
	const [width, height, radius] = [CARD_WIDTH, CARD_HEIGHT, RADIUS];
	canvas.shadow(left + 10, top + 16, width, height, radius, 26, 0.35);
	const [from, to] = colours.map(rgb);
	canvas.roundedRect(left, top, width, height, radius, (x, y) => {
		const t = ((x - left) / width) * 0.6 + ((y - top) / height) * 0.4;
		// A broad lighter band across the card, as the printed designs have.
		const band = Math.max(0, 1 - Math.abs((x - left) * 0.55 - (y - top) - 120) / 160) * 0.12;
		return mix(mix(from, to, t), WHITE, band);
	});
}

function chip(canvas: Canvas, at: Place): void {
	const left = at.left + 92;
	const top = at.top + 196;
	canvas.roundedRect(left, top, 104, 80, 14, (x, y) => mix(rgb('#f3dc8a'), rgb('#b8923a'), ((x - left) / 104 + (y - top) / 80) / 2));
	const line = rgb('#8c6d24');
	for (const y of [top + 26, top + 54]) canvas.roundedRect(left + 6, y, 92, 3, 1.5, line, 0.8);
	canvas.roundedRect(left + 50, top + 6, 3, 68, 1.5, line, 0.8);
	canvas.roundedRect(left + 34, top + 20, 36, 40, 8, line, 0.35);
}

function networkMark(canvas: Canvas, at: Place, network: Network): void {
	const right = at.left + CARD_WIDTH - 48;
	const bottom = at.top + CARD_HEIGHT - 40;
	if (network === 'Mastercard') {
		canvas.circle(right - 112, bottom - 48, 48, rgb('#eb001b'));
		canvas.circle(right - 48, bottom - 48, 48, rgb('#f79e1b'), 0.9);
		canvas.text('MASTERCARD', right - 176, bottom + 8, 2, WHITE);
	} else if (network === 'Visa') {
		canvas.text('VISA', right - Canvas.textWidth('VISA', 11), bottom - 77, 11, WHITE);
	} else {
		const colours = ['#e21836', '#00447c', '#007b84'].map(rgb);
		colours.forEach((colour, index) => canvas.roundedRect(right - 180 + index * 58, bottom - 104, 66, 104, 10, colour));
		canvas.text('UNIONPAY', right - 170, bottom - 38, 3, WHITE);
	}
}

/** A bank card painted on `canvas` with its top left corner at `at`. */
export function paintCardOn(canvas: Canvas, picture: CardPicture, at: Place): void {
	cardBody(canvas, at, picture.colours);
	const left = at.left + 64;
	// Long names and numbers are printed smaller, as issuers do, to stay on the card.
	const fit = (text: string, largest: number) => Math.min(largest, (CARD_WIDTH - 2 * 64) / (text.length * 6));
	canvas.text(picture.bank, left, at.top + 52, fit(picture.bank, 5), WHITE);
	canvas.text(picture.kind, left, at.top + 112, 3, WHITE, 0.85);
	chip(canvas, at);
	// Embossed digits: a dark edge below and right, the raised face above it.
	const numberTop = at.top + 318;
	const numberScale = fit(picture.number, 6);
	canvas.text(picture.number, left + 3, numberTop + 3, numberScale, [0, 0, 0], 0.35);
	canvas.text(picture.number, left, numberTop, numberScale, rgb('#f4f1e8'));
	canvas.text('VALID', left + 250, at.top + 402, 2, WHITE, 0.85);
	canvas.text('THRU', left + 250, at.top + 420, 2, WHITE, 0.85);
	canvas.text(picture.expiry, left + 318, at.top + 400, 5, rgb('#f4f1e8'));
	canvas.text(picture.holder, left, at.top + 462, 4, rgb('#f4f1e8'));
	networkMark(canvas, at, picture.network);
	if (picture.glare) canvas.glare(at.left + 455, at.top + 336, 280, 130, 0.97);
}

/** A photo of one card lying on the desk: `paintOn` paints the card at its place. */
function onDeskCanvas(paintOn: (canvas: Canvas, at: Place) => void): Canvas {
	const canvas = new Canvas(PICTURE_WIDTH, PICTURE_HEIGHT);
	desk(canvas);
	paintOn(canvas, ALONE);
	return canvas;
}

/** The same photo as a PNG. */
export function onDesk(paintOn: (canvas: Canvas, at: Place) => void): Buffer {
	return onDeskCanvas(paintOn).toPng();
}

/** The card picture: one card on the desk. */
export function paintCardCanvas(picture: CardPicture): Canvas {
	return onDeskCanvas((canvas, at) => paintCardOn(canvas, picture, at));
}

/** The card picture as a PNG. */
export function paintCard(picture: CardPicture): Buffer {
	return paintCardCanvas(picture).toPng();
}
