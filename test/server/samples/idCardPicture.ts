/**
 * An identity card lying among bank cards on a photo: the card's shape and size (ID-1, like a
 * bank card), a pale background, a portrait frame, a name and an 18-digit number. Made up, in
 * the dot font (Latin letters only), enough for a person to tell it from a bank card.
 */
import { CARD_HEIGHT, CARD_WIDTH, cardBody, type Place } from './cardPicture';
import { rgb, type Canvas } from './canvas';

export interface IdCardPicture {
	name: string;
	/** 18 digits, as printed. */
	number: string;
}

export function paintIdCardOn(canvas: Canvas, picture: IdCardPicture, at: Place): void {
	cardBody(canvas, at, ['#e9f1f7', '#c9dbe8']);
	const ink = rgb('#2b3a4a');
	canvas.text('RESIDENT IDENTITY CARD', at.left + 56, at.top + 44, 4, rgb('#9b2c2c'));
	canvas.text('NAME', at.left + 56, at.top + 130, 3, ink, 0.7);
	canvas.text(picture.name, at.left + 56, at.top + 160, 5, ink);
	canvas.text('BORN 1990 03 07', at.left + 56, at.top + 240, 3, ink, 0.8);
	canvas.text('NUMBER', at.left + 56, at.top + 400, 3, ink, 0.7);
	canvas.text(picture.number, at.left + 56, at.top + 430, 4, ink);
	// The portrait: a frame with a head and shoulders in it.
	const frame = { left: at.left + CARD_WIDTH - 290, top: at.top + 110, width: 220, height: 270 };
	canvas.roundedRect(frame.left, frame.top, frame.width, frame.height, 8, rgb('#d7e3ec'));
	canvas.circle(frame.left + 110, frame.top + 100, 55, rgb('#7d8c99'));
	canvas.roundedRect(frame.left + 30, frame.top + 170, 160, CARD_HEIGHT - 440, 60, rgb('#7d8c99'));
}
