import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../shared/items/inputError';
import { isBankcardType, type SkippedInPhoto } from './cardsInPhoto';
import { BANKCARD_TYPE } from './autoClassificationApi';

function counted(count: number, one: string, several: string): string {
	return count === 1 ? `1 ${one}` : `${count} ${several}`;
}

/**
 * The error of a photo that gives no card: never an empty output, which a workflow would take
 * for "nothing to do". It says what Huawei did find; the error item lists it in detail
 * (skipped_in_photo).
 */
export function noCardInPhoto(context: IExecuteFunctions, itemIndex: number, skipped: SkippedInPhoto[]) {
	const unread = skipped.filter((entry) => isBankcardType(entry.type));
	const others = [...new Set(skipped.filter((entry) => !isBankcardType(entry.type)).map((entry) => entry.type || 'unknown kind'))];
	const seen = others.length ? ` It found: ${others.join(', ')}.` : '';
	if (unread.length) {
		return inputError(
			context,
			itemIndex,
			`Huawei found ${counted(unread.length, 'bank card', 'bank cards')} in the photo but could read none`,
			`Use a sharp, well-lit photo in which every card is whole, not covered by another and without glare; skipped_in_photo says where each card lies.${seen}`,
		);
	}
	return inputError(
		context,
		itemIndex,
		'Huawei found no bank card in the photo',
		`Nothing in it was recognised as a bank card (type "${BANKCARD_TYPE}").${seen} Check that the photo shows the front of the cards, or turn off "Photo May Hold Several Cards" for a photo of one card.`,
	);
}
