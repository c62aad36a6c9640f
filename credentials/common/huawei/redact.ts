/** Replaces every occurrence of a secret with a marker, so no error text can leak one. */
export function redact(text: string, secrets: readonly string[]): string {
	return secrets
		.filter((secret) => secret.length >= 4)
		.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

