/**
 * Checks an image URL before it is sent to Huawei, which would otherwise charge a call only to
 * answer with a download error. Returns the trimmed URL, or a sentence saying what is wrong.
 */
export function checkImageUrl(raw: unknown): { url: string } | { problem: string } {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) {
		return { problem: 'The Image URL is empty. Enter the web address of the card image, starting with https://.' };
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return { problem: `"${text.slice(0, 100)}" is not a valid web address. It should look like https://example.com/card.jpg.` };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return {
			problem: `The Image URL uses "${parsed.protocol}", but Huawei can only download http:// or https:// addresses. Use a web address, or send the file through "Binary File" instead.`,
		};
	}
	return { url: text };
}
