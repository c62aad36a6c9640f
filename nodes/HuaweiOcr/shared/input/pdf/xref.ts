/**
 * Finds every object of a PDF: the cross-reference data named by "startxref" at the end of the
 * file (ISO 32000-1 §7.5.5), as classic tables (§7.5.4) or cross-reference streams (§7.5.8),
 * following /Prev through incremental updates (§7.5.6) and /XRefStm in hybrid files (§7.5.8.4).
 * When that data is missing or wrong, the objects are found by scanning the file for
 * "n g obj", as PDF readers do to open damaged files (the spec leaves recovery to them).
 */
import { Lexer } from './lexer';
import { Dict, isCount, isName, PdfDamage, PdfLimit, Ref, settle, Stream, type PdfObject } from './objects';
import { readIndirect, type IndirectReader } from './indirect';

export type XrefEntry =
	| { kind: 'free' }
	| { kind: 'offset'; offset: number }
	/** §7.5.8.3 type 2: the object is number `index` inside object stream `stream`. */
	| { kind: 'packed'; stream: number; index: number };

export interface Xref {
	entries: Map<number, XrefEntry>;
	trailer: Dict;
	/** Object streams found by a scan (their contents are not in any table). */
	objectStreams: number[];
}

export interface XrefContext {
	reader: IndirectReader;
	/** Decodes a cross-reference stream's data (FlateDecode with a PNG predictor, usually). */
	decode(stream: Stream): Buffer;
	maxObjects: number;
}

/** Updates chained with /Prev; real files have a few, more means a loop or a crafted file. */
const MAX_SECTIONS = 512;
/** "trailer" words tried when scanning; the newest usable one is near the end. */
const MAX_TRAILER_TRIES = 16;
/** Objects read when scanning, to find catalogs, object streams and cross-reference streams. */
const MAX_SCAN_READS = 4096;
/** The keys a reader needs from the trailer; older sections fill in what newer ones lack. */
const TRAILER_KEYS = ['Root', 'Encrypt', 'Info', 'ID', 'Size'];

class Sections {
	readonly entries = new Map<number, XrefEntry>();
	readonly trailers: Dict[] = [];

	constructor(private readonly maxObjects: number) {}

	/** Newer sections are read first, so an entry already set is the newer one (§7.5.6). */
	set(num: number, entry: XrefEntry): void {
		if (this.entries.has(num)) return;
		if (this.entries.size >= this.maxObjects) {
			throw new PdfLimit(`it lists more than ${this.maxObjects} objects`);
		}
		this.entries.set(num, entry);
	}

	trailer(): Dict {
		const merged = new Map<string, PdfObject>();
		for (const key of TRAILER_KEYS) {
			const owner = this.trailers.find((t) => t.has(key));
			const value = owner?.get(key);
			if (value !== undefined) merged.set(key, value);
		}
		return new Dict(merged);
	}
}

/** Reads the cross-reference data from "startxref"; throws PdfDamage when it is unusable. */
export function readXref(bytes: Buffer, context: XrefContext): Xref {
	const mark = bytes.lastIndexOf('startxref', undefined, 'latin1');
	if (mark < 0) throw new PdfDamage('its end is missing ("startxref" is not there), perhaps it was cut off');
	const start = new Lexer(bytes, mark + 9).integer();
	if (start === undefined || start >= bytes.length) throw new PdfDamage('"startxref" does not point into the file');
	const sections = new Sections(context.maxObjects);
	const queue = [start];
	const seen = new Set<number>();
	while (queue.length > 0) {
		const offset = queue.shift() as number;
		if (seen.has(offset)) continue;
		if (seen.size >= MAX_SECTIONS) throw new PdfLimit(`it has more than ${MAX_SECTIONS} cross-reference sections`);
		seen.add(offset);
		const lexer = new Lexer(bytes, offset);
		const trailer = lexer.keyword() === 'xref' ? readTable(lexer, sections) : readStream(bytes, offset, context, sections);
		sections.trailers.push(trailer);
		// §7.5.8.4: a hybrid file's table is completed by the stream at /XRefStm, before /Prev.
		const hybrid = trailer.get('XRefStm');
		if (isCount(hybrid) && hybrid < bytes.length) queue.unshift(hybrid);
		const prev = trailer.get('Prev');
		if (isCount(prev) && prev < bytes.length) queue.push(prev);
	}
	return { entries: sections.entries, trailer: sections.trailer(), objectStreams: [] };
}

/** §7.5.4: subsections "first count", then 20-byte entries "offset gen n|f", then the trailer. */
function readTable(lexer: Lexer, sections: Sections): Dict {
	for (;;) {
		const before = lexer.pos;
		if (lexer.keyword() === 'trailer') break;
		lexer.pos = before;
		let first = lexer.integer();
		const count = lexer.integer();
		if (first === undefined || count === undefined) throw new PdfDamage('its cross-reference table is unreadable');
		if (count * 18 > lexer.end - lexer.pos) throw new PdfDamage('its cross-reference table is cut off');
		for (let i = 0; i < count; i++) {
			const offset = lexer.integer();
			const gen = lexer.integer();
			const type = lexer.keyword();
			if (offset === undefined || gen === undefined || (type !== 'n' && type !== 'f')) {
				throw new PdfDamage('its cross-reference table is unreadable');
			}
			// A known writer bug numbers the table from 1 although its first entry is the
			// head of the free list, which is always object 0 (§7.5.4).
			if (i === 0 && first === 1 && type === 'f' && gen === 65535) first = 0;
			sections.set(first + i, type === 'n' ? { kind: 'offset', offset } : { kind: 'free' });
		}
	}
	const trailer = lexer.object();
	if (!(trailer instanceof Dict)) throw new PdfDamage('its trailer is not a dictionary');
	return trailer;
}

/** §7.5.8: a stream of /Type /XRef whose rows have the field widths /W, for the ranges /Index. */
function readStream(bytes: Buffer, offset: number, context: XrefContext, sections: Sections): Dict {
	const { value } = readIndirect(bytes, offset, context.reader);
	if (!(value instanceof Stream) || !isName(value.dict.get('Type'), 'XRef')) {
		throw new PdfDamage('"startxref" points to neither a cross-reference table nor a cross-reference stream');
	}
	const { dict } = value;
	const widths = dict.get('W');
	if (!Array.isArray(widths) || widths.length < 3 || !widths.slice(0, 3).every((w) => isCount(w) && w <= 8)) {
		throw new PdfDamage('its cross-reference stream has impossible field widths');
	}
	const [w1, w2, w3] = widths as number[];
	const rowSize = w1 + w2 + w3;
	const size = dict.get('Size');
	const index = dict.get('Index') ?? (isCount(size) ? [0, size] : undefined);
	if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every(isCount) || rowSize === 0) {
		throw new PdfDamage('its cross-reference stream has an impossible layout');
	}
	const data = context.decode(value);
	const field = (at: number, width: number, fallback: number) => {
		if (width === 0) return fallback;
		let n = 0;
		for (let i = 0; i < width; i++) n = n * 256 + data[at + i];
		return n;
	};
	let row = 0;
	for (let range = 0; range < index.length; range += 2) {
		const first = index[range] as number;
		const count = index[range + 1] as number;
		for (let i = 0; i < count; i++, row++) {
			const at = row * rowSize;
			// A stream cut short lists fewer objects; what it does list still counts.
			if (at + rowSize > data.length) return dict;
			// §7.5.8.3 Table 18: type 1 when the first field is absent; unknown types are null objects.
			const type = field(at, w1, 1);
			const second = field(at + w1, w2, 0);
			const third = field(at + w1 + w2, w3, 0);
			if (type === 0) sections.set(first + i, { kind: 'free' });
			else if (type === 1) sections.set(first + i, { kind: 'offset', offset: second });
			else if (type === 2) sections.set(first + i, { kind: 'packed', stream: second, index: third });
		}
	}
	return dict;
}

// "n g obj" where n and g are not glued to other digits; bounded repeats keep the scan linear.
const OBJECT_HEADER = /(?<![0-9])([0-9]{1,10})[\0\t\n\f\r ]{1,8}([0-9]{1,5})[\0\t\n\f\r ]{0,8}obj(?![A-Za-z0-9])/g;

/**
 * Finds the objects by scanning the whole file, later copies winning (an incremental update
 * appends the newer one), and the trailer from the last "trailer" dictionary, or else from a
 * cross-reference stream's dictionary, or else the catalog itself (/Type /Catalog).
 */
export function reconstructXref(bytes: Buffer, context: XrefContext): Xref {
	const text = bytes.toString('latin1');
	const entries = new Map<number, XrefEntry>();
	const order: Array<{ num: number; gen: number; offset: number }> = [];
	for (const match of text.matchAll(OBJECT_HEADER)) {
		const num = Number(match[1]);
		if (!entries.has(num) && entries.size >= context.maxObjects) throw new PdfLimit(`it holds more than ${context.maxObjects} objects`);
		entries.set(num, { kind: 'offset', offset: match.index });
		order.push({ num, gen: Number(match[2]), offset: match.index });
	}
	// Newest first: the last "trailer" of the file, then the last cross-reference stream.
	const trailers: Dict[] = [];
	let tries = 0;
	for (let at = text.lastIndexOf('trailer'); at >= 0 && tries < MAX_TRAILER_TRIES; at = at === 0 ? -1 : text.lastIndexOf('trailer', at - 1)) {
		tries++;
		const lexer = new Lexer(bytes, at + 7);
		const dict = settle(() => lexer.object());
		context.reader.scanned(lexer.pos - at);
		// A damaged trailer is passed over; an older one may still name the catalog.
		if (dict.ok && dict.value instanceof Dict) trailers.push(dict.value);
		else if (!dict.ok && !(dict.error instanceof PdfDamage)) throw dict.error;
	}
	const streamTrailers: Dict[] = [];
	const objectStreams: number[] = [];
	let catalog: Ref | undefined;
	let reads = 0;
	for (let i = 0; i < order.length && reads < MAX_SCAN_READS; i++) {
		const { num, gen, offset } = order[i];
		if ((entries.get(num) as { offset: number }).offset !== offset) continue;
		// Peeking at the start of the object avoids parsing every object of a big file; the peek
		// stops at the next object, so all peeks together read the file at most once.
		const head = text.slice(offset, Math.min(offset + 400, i + 1 < order.length ? order[i + 1].offset : text.length));
		if (!/\/(XRef|ObjStm|Catalog)\b/.test(head)) continue;
		reads++;
		const read = settle(() => readIndirect(bytes, offset, context.reader));
		if (!read.ok && !(read.error instanceof PdfDamage)) throw read.error;
		if (!read.ok) continue;
		const { value } = read.value;
		const dict = value instanceof Stream ? value.dict : value;
		if (!(dict instanceof Dict)) continue;
		if (isName(dict.get('Type'), 'XRef')) streamTrailers.unshift(dict);
		if (isName(dict.get('Type'), 'ObjStm') && value instanceof Stream) objectStreams.push(num);
		if (isName(dict.get('Type'), 'Catalog')) catalog = new Ref(num, gen);
	}
	const sections = new Sections(Number.MAX_SAFE_INTEGER);
	const all = [...trailers, ...streamTrailers];
	sections.trailers.push(...all.filter((t) => t.has('Root')), ...all.filter((t) => !t.has('Root')));
	let trailer = sections.trailer();
	if (!trailer.has('Root') && catalog) {
		const merged = new Map<string, PdfObject>([['Root', catalog]]);
		for (const key of trailer.keys()) merged.set(key, trailer.get(key) as PdfObject);
		trailer = new Dict(merged);
	}
	return { entries, trailer, objectStreams };
}
