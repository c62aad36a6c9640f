/**
 * Reads one indirect object, "12 0 obj ... endobj" (ISO 32000-1 §7.3.10), and the data of a
 * stream object (§7.3.8): the bytes after "stream" and its end-of-line marker, /Length of them.
 * Writers get /Length wrong often enough (and a cut-off file always does) that a length that
 * does not land on "endstream" is replaced by a search for that keyword, as PDF readers do.
 */
import { Lexer } from './lexer';
import { Dict, isCount, PdfDamage, Stream, type PdfObject } from './objects';

export interface Indirect {
	num: number;
	gen: number;
	value: PdfObject;
	/** Where the object's value (or its stream data) ends. */
	end: number;
}

const ENDSTREAM = Buffer.from('endstream', 'latin1');

export interface IndirectReader {
	/** The value of an indirect /Length, or undefined when it cannot be had (a cycle, say). */
	length(value: PdfObject | undefined): number | undefined;
	/** Counts bytes a search scans, so repeated searches through a big file stay bounded. */
	scanned(bytes: number): void;
}

/** Reads "num gen obj" at `offset`; throws PdfDamage when the bytes there are not that. */
export function readIndirect(bytes: Buffer, offset: number, reader: IndirectReader): Indirect {
	const lexer = new Lexer(bytes, offset);
	try {
		const num = lexer.integer();
		const gen = lexer.integer();
		if (num === undefined || gen === undefined || lexer.keyword() !== 'obj') {
			throw new PdfDamage('an object is not where the cross-reference table says it is');
		}
		const value = lexer.object();
		const afterValue = lexer.pos;
		if (!(value instanceof Dict) || lexer.keyword() !== 'stream') return { num, gen, value, end: afterValue };
		const data = streamData(bytes, lexer.pos, value, reader);
		return { num, gen, value: new Stream(value, data), end: data.byteOffset - bytes.byteOffset + data.length };
	} finally {
		// Counted whether the object was read or refused: a refusal can come after a long scan.
		reader.scanned(lexer.pos - offset);
	}
}

function streamData(bytes: Buffer, afterKeyword: number, dict: Dict, reader: IndirectReader): Buffer {
	// §7.3.8.1: "stream" is followed by CR LF or LF; a lone CR is a common writer mistake.
	let start = afterKeyword;
	if (bytes[start] === 0x0d) start++;
	if (bytes[start] === 0x0a) start++;
	const declared = reader.length(dict.get('Length'));
	if (isCount(declared) && start + declared <= bytes.length && endsAt(bytes, start + declared)) {
		return bytes.subarray(start, start + declared);
	}
	const found = bytes.indexOf(ENDSTREAM, start);
	reader.scanned((found < 0 ? bytes.length : found) - start);
	if (found < 0) {
		throw new PdfDamage(
			isCount(declared) && start + declared > bytes.length ? 'it is cut off in the middle of a stream' : 'a stream has no end',
		);
	}
	// The end-of-line before "endstream" is not part of the data (§7.3.8.1).
	let end = found;
	if (end > start && bytes[end - 1] === 0x0a) end--;
	if (end > start && bytes[end - 1] === 0x0d) end--;
	return bytes.subarray(start, end);
}

/** True when only white space separates `at` from "endstream". */
function endsAt(bytes: Buffer, at: number): boolean {
	let pos = at;
	for (let i = 0; i < 4 && pos < bytes.length && (bytes[pos] === 0x0d || bytes[pos] === 0x0a || bytes[pos] === 0x20); i++) pos++;
	return bytes.toString('latin1', pos, pos + ENDSTREAM.length) === 'endstream';
}
