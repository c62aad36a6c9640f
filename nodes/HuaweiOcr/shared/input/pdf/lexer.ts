/**
 * Reads PDF objects from bytes: the lexical conventions of ISO 32000-1 §7.2 and the object
 * syntax of §7.3. Every loop advances through a finite buffer and nesting is capped, so no input
 * can make it run away; malformed syntax throws PdfDamage.
 */
import { Dict, Name, PdfDamage, PdfString, Ref, type PdfObject } from './objects';

/** Arrays and dictionaries inside one another; real files stay within a handful of levels. */
export const MAX_NESTING = 64;

// §7.2.2 Table 1 (white-space characters) and Table 2 (delimiters).
const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

export function isWhite(byte: number): boolean {
	return WHITE[byte] === 1;
}

/** Regular characters make up names, numbers and keywords (§7.2.2). */
function isRegular(byte: number): boolean {
	return WHITE[byte] === 0 && DELIMITER[byte] === 0;
}

function hexValue(byte: number): number {
	if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
	if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
	if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
	return -1;
}

// §7.3.4.2 Table 3: \n \r \t \b \f.
const SIMPLE_ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

type Token =
	| { kind: 'number'; value: number; integer: boolean }
	| { kind: 'name'; value: string }
	| { kind: 'string'; value: Buffer }
	| { kind: 'keyword'; value: string }
	| { kind: 'punct'; value: '[' | ']' | '<<' | '>>' | '{' | '}' }
	| { kind: 'end' };

export class Lexer {
	constructor(
		readonly bytes: Buffer,
		public pos = 0,
		/** Where reading stops: the end of an object stream's content, or of the file. */
		readonly end = bytes.length,
	) {}

	/** Skips white space and comments (§7.2.3: from % to the end of the line). */
	skipSpace(): void {
		const { bytes, end } = this;
		while (this.pos < end) {
			const byte = bytes[this.pos];
			if (WHITE[byte]) this.pos++;
			else if (byte === 0x25) {
				while (this.pos < end && bytes[this.pos] !== 0x0a && bytes[this.pos] !== 0x0d) this.pos++;
			} else break;
		}
	}

	private regularRun(): string {
		const start = this.pos;
		while (this.pos < this.end && isRegular(this.bytes[this.pos])) this.pos++;
		return this.bytes.toString('latin1', start, this.pos);
	}

	/** §7.3.5: a name, with #xx escapes for any byte. */
	private name(): string {
		this.pos++;
		const start = this.pos;
		while (this.pos < this.end && isRegular(this.bytes[this.pos])) this.pos++;
		const raw = this.bytes.toString('latin1', start, this.pos);
		if (!raw.includes('#')) return raw;
		return raw.replace(/#([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	}

	/**
	 * §7.3.4.2: a literal string with balanced parentheses and backslash escapes. Runs of plain
	 * bytes are copied as slices, so a long string costs one pass over its bytes.
	 */
	private literalString(): Buffer {
		const { bytes, end } = this;
		const parts: Buffer[] = [];
		let depth = 1;
		let pos = this.pos + 1;
		let run = pos;
		while (pos < end) {
			const byte = bytes[pos];
			if (byte === 0x28) depth++;
			else if (byte === 0x29 && --depth === 0) {
				parts.push(bytes.subarray(run, pos));
				this.pos = pos + 1;
				return Buffer.concat(parts);
			}
			if (byte !== 0x5c) {
				pos++;
				continue;
			}
			parts.push(bytes.subarray(run, pos));
			pos++;
			if (pos >= end) break;
			const escaped = bytes[pos++];
			if (escaped in SIMPLE_ESCAPES) parts.push(Buffer.from([SIMPLE_ESCAPES[escaped]]));
			else if (escaped >= 0x30 && escaped <= 0x37) {
				// Up to three octal digits; high-order overflow is ignored (§7.3.4.2).
				let value = escaped - 0x30;
				for (let i = 0; i < 2 && pos < end && bytes[pos] >= 0x30 && bytes[pos] <= 0x37; i++) value = value * 8 + bytes[pos++] - 0x30;
				parts.push(Buffer.from([value & 0xff]));
			} else if (escaped === 0x0d) {
				// A backslash at the end of a line continues the string without the line break.
				if (pos < end && bytes[pos] === 0x0a) pos++;
			} else if (escaped !== 0x0a) parts.push(Buffer.from([escaped]));
			run = pos;
		}
		this.pos = pos;
		throw new PdfDamage('a text string is never closed');
	}

	/** §7.3.4.3: hexadecimal digits between < and >; a missing last digit counts as 0. */
	private hexString(): Buffer {
		const { bytes, end } = this;
		const out: number[] = [];
		let high = -1;
		this.pos++;
		while (this.pos < end) {
			const byte = bytes[this.pos++];
			if (byte === 0x3e) {
				if (high >= 0) out.push(high << 4);
				return Buffer.from(out);
			}
			if (WHITE[byte]) continue;
			const value = hexValue(byte);
			if (value < 0) throw new PdfDamage('a hexadecimal string holds a character that is not a hex digit');
			if (high < 0) high = value;
			else {
				out.push((high << 4) | value);
				high = -1;
			}
		}
		throw new PdfDamage('a hexadecimal string is never closed');
	}

	next(): Token {
		this.skipSpace();
		if (this.pos >= this.end) return { kind: 'end' };
		const byte = this.bytes[this.pos];
		switch (byte) {
			case 0x2f:
				return { kind: 'name', value: this.name() };
			case 0x28:
				return { kind: 'string', value: this.literalString() };
			case 0x3c:
				if (this.bytes[this.pos + 1] === 0x3c && this.pos + 1 < this.end) {
					this.pos += 2;
					return { kind: 'punct', value: '<<' };
				}
				return { kind: 'string', value: this.hexString() };
			case 0x3e:
				if (this.bytes[this.pos + 1] === 0x3e && this.pos + 1 < this.end) {
					this.pos += 2;
					return { kind: 'punct', value: '>>' };
				}
				throw new PdfDamage('a ">" stands alone where ">>" should end a dictionary');
			case 0x5b:
			case 0x5d:
			case 0x7b:
			case 0x7d:
				this.pos++;
				return { kind: 'punct', value: String.fromCharCode(byte) as '[' | ']' | '{' | '}' };
			case 0x29:
				throw new PdfDamage('a ")" stands where no text string is open');
		}
		const word = this.regularRun();
		if (NUMBER.test(word)) return { kind: 'number', value: Number(word), integer: /^[+-]?\d+$/.test(word) };
		return { kind: 'keyword', value: word };
	}

	/** The next keyword (obj, stream, trailer ...), or undefined without moving when something else is next. */
	keyword(): string | undefined {
		const start = this.pos;
		const token = this.next();
		if (token.kind === 'keyword') return token.value;
		this.pos = start;
		return undefined;
	}

	/** The next token if it is a non-negative integer, else undefined without moving. */
	integer(): number | undefined {
		const start = this.pos;
		const token = this.next();
		if (token.kind === 'number' && token.integer && token.value >= 0 && Number.isSafeInteger(token.value)) return token.value;
		this.pos = start;
		return undefined;
	}

	/** One object (§7.3), with "n g R" read as a reference (§7.3.10). */
	object(depth = 0): PdfObject {
		if (depth > MAX_NESTING) throw new PdfDamage(`its objects are nested more than ${MAX_NESTING} levels deep`);
		const token = this.next();
		switch (token.kind) {
			case 'end':
				throw new PdfDamage('it ends in the middle of an object');
			case 'number':
				return token.integer && token.value >= 0 ? this.maybeRef(token.value) : token.value;
			case 'name':
				return new Name(token.value);
			case 'string':
				return new PdfString(token.value);
			case 'keyword':
				if (token.value === 'true') return true;
				if (token.value === 'false') return false;
				if (token.value === 'null') return null;
				throw new PdfDamage(
					/^[\x21-\x7e]{1,20}$/.test(token.value)
						? `an object is expected where the word "${token.value}" stands`
						: 'unreadable bytes stand where an object should be',
				);
			case 'punct':
				if (token.value === '[') return this.array(depth);
				if (token.value === '<<') return this.dict(depth);
				throw new PdfDamage(`an object is expected where "${token.value}" stands`);
		}
	}

	private maybeRef(num: number): PdfObject {
		const start = this.pos;
		const gen = this.integer();
		if (gen !== undefined && this.keyword() === 'R') return new Ref(num, gen);
		this.pos = start;
		return num;
	}

	private array(depth: number): PdfObject[] {
		const items: PdfObject[] = [];
		for (;;) {
			this.skipSpace();
			if (this.pos < this.end && this.bytes[this.pos] === 0x5d) {
				this.pos++;
				return items;
			}
			items.push(this.object(depth + 1));
		}
	}

	private dict(depth: number): Dict {
		const entries = new Map<string, PdfObject>();
		for (;;) {
			const token = this.next();
			if (token.kind === 'punct' && token.value === '>>') return new Dict(entries);
			if (token.kind === 'end') throw new PdfDamage('a dictionary is never closed');
			if (token.kind !== 'name') throw new PdfDamage('a dictionary key is not a name');
			// §7.3.7: a null value is the same as an absent entry.
			const value = this.object(depth + 1);
			if (value !== null) entries.set(token.value, value);
		}
	}
}
