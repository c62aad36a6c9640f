/**
 * Full-width forms (U+FF01-FF5E, such as ０-９, Ｘ, －) as their ASCII characters: OCR of Chinese
 * cards sometimes gives them. `forms` is a global pattern of the full-width characters the caller
 * reads (digits, and the separators or letters its field may hold); others stay as they are.
 */
export function halfWidth(text: string, forms: RegExp): string {
	return text.replace(forms, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}
