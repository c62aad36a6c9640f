/**
 * The forms a secret takes when a server or proxy echoes a request back in its error text: as
 * typed, escaped inside a JSON string (a password with a quote or backslash), percent-encoded in a
 * URL or a form body (RFC 3986 §2.1; application/x-www-form-urlencoded writes a space as "+").
 */
export function secretForms(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const percent = encodeURIComponent(secret);
	const forms = [secret, json, percent, percent.replace(/%20/g, '+'), encodeURI(secret)];
	// Lower-case hex digits are as valid in a percent-encoding as upper-case ones.
	forms.push(percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
	return [...new Set(forms)];
}

// Shorter values are too common in ordinary text to be replaced without mangling it.
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of a secret, in any of its echo forms, with a marker, so no error
 * text can leak one. Longer forms go first, so a secret inside another one is not half replaced.
 */
export function redact(text: string, secrets: readonly string[]): string {
	const forms = secrets
		.filter((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH)
		.flatMap(secretForms)
		.sort((a, b) => b.length - a.length);
	return forms.reduce((out, form) => out.split(form).join('[redacted]'), text);
}
