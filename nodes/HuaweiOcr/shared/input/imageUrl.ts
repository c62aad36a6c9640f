/**
 * Checks an image URL before it is sent to Huawei, which would otherwise charge a call only to
 * answer with a download error. Returns the URL to send, or what is wrong (a headline) and what
 * to do about it (sentences).
 *
 * The URL sent is the parsed one (`URL#href`): a host name in Chinese or other Unicode becomes
 * its punycode form and spaces or non-ASCII characters in the path are percent-encoded, exactly
 * what a browser would request, so Huawei's downloader receives a well-formed address.
 */
export type ImageUrlCheck = { url: string } | { problem: string; fix: string; fileInstead?: boolean };

/**
 * Said after a fix where sending the file itself avoids the problem (`fileInstead`); not to an AI
 * Agent's model, which passes text and cannot send a file.
 */
export const OR_SEND_THE_FILE = 'Or send the file through "Binary File" instead.';

export function checkImageUrl(raw: unknown): ImageUrlCheck {
	if (raw !== undefined && raw !== null && typeof raw !== 'string') {
		const what = Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
		return {
			problem: `The Image URL is ${what}, not a web address`,
			fix: 'Map it to a text field holding the address, such as https://example.com/card.jpg.',
		};
	}
	const text = typeof raw === 'string' ? unwrapped(raw.trim()) : '';
	// What a message may repeat of the address: never a login written into it.
	const shown = withoutLogin(text).slice(0, 100);
	if (!text) {
		return { problem: 'The Image URL is empty', fix: 'Enter the web address of the card image, starting with https://.' };
	}
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return { problem: `The Image URL "${shown}" is not a valid web address`, fix: 'It should look like https://example.com/card.jpg.' };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		return {
			problem: `The Image URL uses "${parsed.protocol}", which Huawei cannot download from`,
			fix: 'Huawei can only download http:// or https:// addresses. Use a web address.',
			fileInstead: true,
		};
	}
	// The URL parser repairs "http:///card.jpg" or "https:example.com" into some host; what the
	// user wrote has none, and guessing one would send Huawei (and the bill) somewhere unintended.
	if (!/^https?:\/\/[^/\\?#\s]/i.test(text)) {
		return { problem: `The Image URL "${shown}" has no host name`, fix: 'It should look like https://example.com/card.jpg.' };
	}
	if (parsed.username || parsed.password) {
		return {
			problem: 'The Image URL contains a user name or password (the part before "@")',
			fix: 'Huawei downloads the image itself, so that login would travel to Huawei and into logs. Use a public or pre-signed link without a login.',
			fileInstead: true,
		};
	}
	return { url: parsed.href };
}

/**
 * The address without one pair of marks around it: chat text and AI models write links as
 * <https://...> (the form RFC 3986, appendix C, suggests for delimiting a URI in text), in quotes
 * or in Markdown backticks, and none of these marks can end a web address.
 */
function unwrapped(text: string): string {
	const pair = /^(<([^<>]*)>|"([^"]*)"|'([^']*)'|`([^`]*)`)$/.exec(text);
	return pair ? (pair[2] ?? pair[3] ?? pair[4] ?? pair[5]).trim() : text;
}

/** The address with any `user:password@` part taken out (also from text that is no valid URL). */
function withoutLogin(text: string): string {
	return text.replace(/^([a-z][a-z\d+.-]*:\/*)[^/?#\s]*@/i, '$1');
}
