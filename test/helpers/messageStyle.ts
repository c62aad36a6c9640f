/**
 * How the node's messages read (README, "Messages"): a headline without a closing full stop that
 * names the item at most once, at its end ("... [item 0]"), and a description made of sentences
 * that each end once, never with a doubled or stray full stop after a quote.
 */
export function messageStyleProblems(headline: unknown, description?: unknown): string[] {
	const problems: string[] = [];
	const message = String(headline ?? '');
	if (/[.;:,]\s*(\[item \d+\])?$/.test(message)) problems.push(`the headline ends with punctuation: ${message}`);
	if (/\bitem \d/i.test(message.replace(/ \[item \d+\]$/, ''))) problems.push(`the headline names the item inside the sentence: ${message}`);
	if (description !== undefined && description !== null) {
		const text = String(description);
		if (!/[.?!]["')]?$/.test(text)) problems.push(`the description does not end a sentence: ${text}`);
		const doubled = /(?<!\.)\.\.(?!\.)|[.?!]["')]\.|\.\s+\./.exec(text);
		if (doubled) problems.push(`the description has "${doubled[0]}": ${text}`);
	}
	return problems;
}
