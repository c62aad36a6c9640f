import { isBankcardType, type SkippedInPhoto } from './cardsInPhoto';
import { BANKCARD_TYPE } from './autoClassificationApi';

function counted(count: number, one: string, several: string): string {
	return count === 1 ? `1 ${one}` : `${count} ${several}`;
}

/**
 * Why a photo gives no card, as an error's headline and what to do: never an empty output, which a
 * workflow would take for "nothing to do". It says what Huawei did find; the error item lists it
 * in detail (skipped_in_photo).
 */
export function noCardInPhoto(skipped: SkippedInPhoto[]): { message: string; description: string } {
	const unread = skipped.filter((entry) => isBankcardType(entry.type));
	const others = [...new Set(skipped.filter((entry) => !isBankcardType(entry.type)).map((entry) => entry.type || 'unknown kind'))];
	const seen = others.length ? ` It found: ${others.join(', ')}.` : '';
	if (unread.length) {
		return {
			message: `Huawei found ${counted(unread.length, 'bank card', 'bank cards')} in the photo but could read none`,
			description: `Use a sharp, well-lit photo in which every card is whole, not covered by another and without glare; skipped_in_photo says where each card lies.${seen}`,
		};
	}
	return {
		message: 'Huawei found no bank card in the photo',
		description: `Nothing in it was recognised as a bank card (type "${BANKCARD_TYPE}").${seen} Check that the photo shows the front of the cards, or turn off "Photo May Hold Several Cards" for a photo of one card.`,
	};
}
