/**
 * The object types of ISO 32000-1 §7.3: booleans and numbers as JavaScript values, the rest as
 * small classes so a name (/Image) never passes for a string ((Image)).
 */

export class Name {
	constructor(readonly name: string) {}
}

/** §7.3.10: an indirect reference, "12 0 R". */
export class Ref {
	constructor(
		readonly num: number,
		readonly gen: number,
	) {}
}

export class PdfString {
	constructor(readonly bytes: Buffer) {}
}

export class Dict {
	constructor(private readonly entries: Map<string, PdfObject>) {}

	get(key: string): PdfObject | undefined {
		return this.entries.get(key);
	}

	has(key: string): boolean {
		return this.entries.has(key);
	}

	keys(): string[] {
		return [...this.entries.keys()];
	}

	/** A copy with one entry replaced. */
	with(key: string, value: PdfObject): Dict {
		return new Dict(new Map([...this.entries, [key, value]]));
	}
}

/** §7.3.8: a dictionary and the still-encoded bytes between "stream" and "endstream". */
export class Stream {
	constructor(
		readonly dict: Dict,
		readonly data: Buffer,
	) {}
}

export type PdfObject = null | boolean | number | Name | Ref | PdfString | PdfObject[] | Dict | Stream;

/**
 * Thrown inside the reader when the file breaks the format; `reason` completes the sentence
 * "The PDF is damaged: ...". The public reader catches it and never lets it out.
 */
export class PdfDamage extends Error {
	constructor(readonly reason: string) {
		super(reason);
	}
}

export function isName(value: PdfObject | undefined, name?: string): value is Name {
	return value instanceof Name && (name === undefined || value.name === name);
}

/** A non-negative integer that a JavaScript number holds exactly, as counts and offsets must be. */
export function isCount(value: PdfObject | undefined): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Thrown when reading would pass one of the reader's limits (decompressed size, object count,
 * work); `reason` completes "The PDF is too large or too complex to read: ...".
 */
export class PdfLimit extends Error {
	constructor(readonly reason: string) {
		super(reason);
	}
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `fn` and hands back what it threw as a value. Callers keep the reader's own errors
 * (PdfDamage, PdfLimit) and throw anything else on, outside any catch clause: n8n's node lint
 * rules reserve throwing inside catch for NodeApiError, which does not fit a file parser.
 */
export function settle<T>(fn: () => T): Settled<T> {
	try {
		return { ok: true, value: fn() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** The reader's own failures: the file is damaged or too big, not a mistake in the reader. */
export function isReaderError(error: unknown): error is PdfDamage | PdfLimit {
	return error instanceof PdfDamage || error instanceof PdfLimit;
}
