/**
 * An opened PDF: finds objects through the cross-reference data (xref.ts) and reads them on
 * demand, from the file or from object streams (ISO 32000-1 §7.5.7), each once. It counts what
 * it scans and decompresses against the limits, and breaks reference cycles (an object whose
 * /Length is the object itself, say) by reading the inner reference as null (§7.3.10).
 */
import { decodeSteps, filterSteps, type FilterStep } from './filters';
import { readIndirect, type IndirectReader } from './indirect';
import { Lexer } from './lexer';
import type { PdfLimits } from './limits';
import { Dict, isCount, isName, PdfDamage, PdfLimit, Ref, settle, Stream, type PdfObject } from './objects';
import { readXref, reconstructXref, type Xref, type XrefEntry } from './xref';

/** Chains of references to references; §7.3.10 gives them no use. */
const MAX_HOPS = 32;

interface ObjectStream {
	content: Buffer;
	/** Per entry of the stream's header: object number and the slice of content holding it. */
	slots: Array<{ num: number; start: number; end: number }>;
}

const MB = 1024 * 1024;

export class PdfDocument implements IndirectReader {
	private xref: Xref = { entries: new Map(), trailer: new Dict(new Map()), objectStreams: [] };
	private reconstructed = false;
	private readonly cache = new Map<number, PdfObject>();
	private readonly failures = new Map<number, Error>();
	private readonly loading = new Set<number>();
	private readonly objectStreams = new Map<number, ObjectStream>();
	private decoded = 0;
	private work = 0;
	private readonly maxWork: number;
	/** Set while the cross-reference data itself is read: no object can be looked up yet. */
	private readingXref = false;

	constructor(
		readonly bytes: Buffer,
		readonly limits: PdfLimits,
	) {
		this.maxWork = limits.maxWorkBase + limits.maxWorkFactor * bytes.length;
		this.readingXref = true;
		const read = settle(() => readXref(bytes, this.xrefContext()));
		this.readingXref = false;
		if (read.ok) this.xref = read.value;
		else if (read.error instanceof PdfDamage) this.reconstruct();
		else throw read.error;
	}

	get trailer(): Dict {
		return this.xref.trailer;
	}

	/** The document catalog (§7.7.2), looked for again by a scan if the trailer's /Root is wrong. */
	catalog(): Dict {
		const found = this.safeResolve(this.trailer.get('Root'));
		if (found instanceof Dict) return found;
		if (!this.reconstructed) {
			this.reconstruct();
			const again = this.safeResolve(this.trailer.get('Root'));
			if (again instanceof Dict) return again;
		}
		throw new PdfDamage('its catalog (the object that leads to the pages) cannot be found');
	}

	/** Like resolve, but an object too damaged to read is undefined. */
	private safeResolve(value: PdfObject | undefined): PdfObject | undefined {
		const resolved = settle(() => this.resolve(value));
		if (resolved.ok) return resolved.value;
		if (resolved.error instanceof PdfDamage) return undefined;
		throw resolved.error;
	}

	private xrefContext() {
		return { reader: this as IndirectReader, decode: (stream: Stream) => this.decode(stream), maxObjects: this.limits.maxObjects };
	}

	private reconstruct(): void {
		const old = this.xref;
		this.reconstructed = true;
		this.readingXref = true;
		try {
			this.scanned(this.bytes.length);
			this.xref = reconstructXref(this.bytes, this.xrefContext());
		} finally {
			this.readingXref = false;
		}
		// Objects packed in object streams have no "n g obj" of their own to be found by the
		// scan: keep what the old tables said of them, and index the streams the scan found.
		for (const [num, entry] of old.entries) {
			if (entry.kind === 'packed' && !this.xref.entries.has(num)) this.xref.entries.set(num, entry);
		}
		if (!this.xref.trailer.has('Root') && old.trailer.has('Root')) this.xref = { ...this.xref, trailer: old.trailer };
		this.cache.clear();
		this.failures.clear();
		for (const num of this.xref.objectStreams) {
			const stream = settle(() => this.objectStream(num));
			if (!stream.ok && !(stream.error instanceof PdfDamage)) throw stream.error;
			if (!stream.ok) continue;
			stream.value.slots.forEach((slot, index) => {
				if (!this.xref.entries.has(slot.num)) this.xref.entries.set(slot.num, { kind: 'packed', stream: num, index });
			});
		}
	}

	/** IndirectReader: bytes scanned by the parser, against the work limit. */
	scanned(bytes: number): void {
		this.work += bytes;
		if (this.work > this.maxWork) throw new PdfLimit('reading it takes more work than any real scan needs');
	}

	/** IndirectReader: the value of a stream's /Length, direct or indirect. */
	length(value: PdfObject | undefined): number | undefined {
		if (isCount(value)) return value;
		if (!(value instanceof Ref) || this.readingXref) return undefined;
		const resolved = this.safeResolve(value);
		return isCount(resolved) ? resolved : undefined;
	}

	/** The object numbered `num`, or null for an object that does not exist (§7.3.10). */
	get(num: number): PdfObject {
		if (this.cache.has(num)) return this.cache.get(num) as PdfObject;
		const failure = this.failures.get(num);
		if (failure) throw failure;
		if (this.loading.has(num) || this.readingXref) return null;
		this.loading.add(num);
		let loaded = settle(() => this.load(num));
		if (!loaded.ok && loaded.error instanceof PdfDamage && !this.reconstructed) {
			// The tables may point to the wrong place: scan for the object instead.
			loaded = settle(() => {
				this.reconstruct();
				return this.load(num);
			});
		}
		this.loading.delete(num);
		if (loaded.ok) {
			this.cache.set(num, loaded.value);
			return loaded.value;
		}
		if (loaded.error instanceof PdfDamage) this.failures.set(num, loaded.error);
		throw loaded.error;
	}

	private load(num: number): PdfObject {
		const entry: XrefEntry | undefined = this.xref.entries.get(num);
		if (!entry || entry.kind === 'free') {
			if (!this.reconstructed && !entry) throw new PdfDamage(`object ${num} is missing from its cross-reference table`);
			return null;
		}
		if (entry.kind === 'offset') {
			if (entry.offset >= this.bytes.length) throw new PdfDamage('an object lies beyond the end of the file');
			const found = readIndirect(this.bytes, entry.offset, this);
			if (found.num !== num) throw new PdfDamage('an object is not where the cross-reference table says it is');
			return found.value;
		}
		return this.packed(num, entry);
	}

	private packed(num: number, entry: { stream: number; index: number }): PdfObject {
		if (entry.stream === num) throw new PdfDamage('an object stream claims to hold itself');
		const stream = this.objectStream(entry.stream);
		const slot = stream.slots[entry.index]?.num === num ? stream.slots[entry.index] : stream.slots.find((s) => s.num === num);
		if (!slot) throw new PdfDamage(`object ${num} is missing from the object stream that should hold it`);
		const lexer = new Lexer(stream.content, slot.start, slot.end);
		try {
			return lexer.object();
		} finally {
			this.scanned(lexer.pos - slot.start);
		}
	}

	/** §7.5.7: /N pairs "number offset" then the objects, offsets counted from /First. */
	private objectStream(num: number): ObjectStream {
		const known = this.objectStreams.get(num);
		if (known) return known;
		const stream = this.get(num);
		if (!(stream instanceof Stream)) throw new PdfDamage('an object stream is missing');
		const count = this.resolve(stream.dict.get('N'));
		const first = this.resolve(stream.dict.get('First'));
		if (!isCount(count) || !isCount(first)) throw new PdfDamage('an object stream has no valid /N or /First');
		const content = this.decode(stream);
		if (first > content.length || count > content.length / 2) throw new PdfDamage('an object stream has an impossible header');
		const lexer = new Lexer(content, 0, first);
		const pairs: Array<{ num: number; offset: number }> = [];
		for (let i = 0; i < count; i++) {
			const objNum = lexer.integer();
			const offset = lexer.integer();
			if (objNum === undefined || offset === undefined) throw new PdfDamage('an object stream has an unreadable header');
			pairs.push({ num: objNum, offset: first + offset });
		}
		// Each object is read only up to where the next begins, so a header pointing many
		// entries at one spot cannot make the same bytes be parsed over and over.
		const starts = [...new Set(pairs.map((p) => p.offset))].sort((a, b) => a - b);
		const ends = new Map(starts.map((start, i) => [start, i + 1 < starts.length ? starts[i + 1] : content.length]));
		const seen = new Set<number>();
		const slots = pairs.map((p) => {
			// Only the first entry at an offset owns it; later ones read as empty, so missing.
			const owned = !seen.has(p.offset) && p.offset <= content.length;
			seen.add(p.offset);
			return { num: p.num, start: p.offset, end: owned ? (ends.get(p.offset) as number) : p.offset };
		});
		const built = { content, slots };
		this.objectStreams.set(num, built);
		return built;
	}

	/** Follows references to the object they name. */
	resolve(value: PdfObject | undefined): PdfObject | undefined {
		let current = value;
		for (let hops = 0; current instanceof Ref; hops++) {
			if (hops >= MAX_HOPS) throw new PdfDamage('its references go round in a circle');
			current = this.get(current.num);
		}
		return current;
	}

	/** A dictionary, or a stream's dictionary, or undefined. */
	dict(value: PdfObject | undefined): Dict | undefined {
		const resolved = this.resolve(value);
		if (resolved instanceof Dict) return resolved;
		if (resolved instanceof Stream) return resolved.dict;
		return undefined;
	}

	number(value: PdfObject | undefined): number | undefined {
		const resolved = this.resolve(value);
		return typeof resolved === 'number' && Number.isFinite(resolved) ? resolved : undefined;
	}

	isName(value: PdfObject | undefined, name?: string): boolean {
		return isName(this.resolve(value), name);
	}

	filters(stream: Stream): FilterStep[] {
		return filterSteps(stream.dict, (value) => this.resolve(value));
	}

	/**
	 * Decodes a stream through its filters (or only `steps` of them), counted against the
	 * per-stream and per-file limits.
	 */
	decode(stream: Stream, steps: FilterStep[] = this.filters(stream), maxOutput = this.limits.maxStreamBytes): Buffer {
		const cap = Math.min(maxOutput, this.limits.maxStreamBytes, this.remaining());
		if (cap <= 0) throw new PdfLimit('its content is larger than any real page needs');
		const out = decodeSteps(stream.data, steps, cap, (value) => this.resolve(value));
		this.charge(out.length);
		return out;
	}

	/** Decompressed bytes the file may still produce. */
	remaining(): number {
		const left = this.limits.maxTotalBytes - this.decoded;
		if (left <= 0) throw new PdfLimit(`its streams expand to more than ${Math.floor(this.limits.maxTotalBytes / MB)} MB in all`);
		return left;
	}

	/** Counts bytes decompressed outside decode() (a check that keeps no output) against the file's total. */
	charge(bytes: number): void {
		this.decoded += bytes;
	}
}
