import { isOfType, type DocumentType, type SkippedInPhoto } from './documentsInPhoto';

function counted(count: number, one: string, several: string): string {
	return count === 1 ? `1 ${one}` : `${count} ${several}`;
}

/** How the error names the document type and what to check. */
export interface NoDocumentWording extends Pick<DocumentType, 'type' | 'name' | 'withArticle' | 'plural'> {
	/** What the photo should show: "the front of the cards". */
	shows: string;
	/** The switch to turn off for one document per photo, and the photo that is then for: "a photo of one card". */
	switchName: string;
	forOne: string;
}

/**
 * Why a photo gives no document, as an error's headline and what to do: never an empty output,
 * which a workflow would take for "nothing to do". It says what Huawei did find; the error item
 * lists it in detail (skipped_in_photo).
 */
export function noDocumentInPhoto(skipped: SkippedInPhoto[], wording: NoDocumentWording): { message: string; description: string } {
	const unread = skipped.filter((entry) => isOfType(entry.type, wording));
	const others = [...new Set(skipped.filter((entry) => !isOfType(entry.type, wording)).map((entry) => entry.type || 'unknown kind'))];
	const seen = others.length ? ` It found: ${others.join(', ')}.` : '';
	if (unread.length) {
		return {
			message: `Huawei found ${counted(unread.length, wording.name, wording.plural)} in the photo but could read none`,
			description: `Use a sharp, well-lit photo in which every card is whole, not covered by another and without glare; skipped_in_photo says where each card lies.${seen}`,
		};
	}
	return {
		message: `Huawei found no ${wording.name} in the photo`,
		description: `Nothing in it was recognised as ${wording.withArticle} (type "${wording.type}").${seen} Check that the photo shows ${wording.shows}, or turn off "${wording.switchName}" for ${wording.forOne}.`,
	};
}
