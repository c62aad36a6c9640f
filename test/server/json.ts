/** JSON of the small bodies the stand-in parses whole (IAM, admin); OCR bodies go through body.ts. */

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when both are objects. */
export function child(value: unknown, key: string): Record<string, unknown> | undefined {
	if (!isObject(value)) return undefined;
	const next = value[key];
	return isObject(next) ? next : undefined;
}

export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(body.toString('utf8')) };
	} catch {
		return { ok: false };
	}
}
