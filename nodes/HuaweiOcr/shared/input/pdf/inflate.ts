/**
 * Decompresses zlib (RFC 1950) and raw DEFLATE (RFC 1951) data, as PDF's FlateDecode filter
 * (ISO 32000-1 §7.4.4) uses. n8n Cloud lets node code import no Node built-in but crypto, so
 * zlib is out of reach and this small decoder takes its place.
 *
 * The output is capped: a few kilobytes of DEFLATE can expand to gigabytes (a run of one byte
 * costs about one bit per 258 bytes), and the input is whatever a workflow hands over.
 */
import { DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from './deflateTables';

export class InflateError extends Error {
	constructor(
		/** 'damaged' for data that breaks the format, 'tooLarge' when the cap was reached. */
		readonly kind: 'damaged' | 'tooLarge',
		message: string,
	) {
		super(message);
	}
}

export interface InflateOptions {
	/** Output bytes beyond which decoding stops with a 'tooLarge' error. */
	maxOutput: number;
	/**
	 * False keeps only the last 32 KiB (the largest back-reference distance, RFC 1951 §2) so
	 * that data can be checked and counted without holding it all.
	 */
	keep?: boolean;
}

export interface Inflated {
	/** The output (only its last 32 KiB or so when keep is false). */
	data: Buffer;
	/** Bytes produced in total. */
	size: number;
	/** Input bytes used, up to and including the final block (and the zlib checksum if read). */
	end: number;
	/** zlib data only: whether the Adler-32 after the final block is present and matches. */
	checksumOk: boolean;
}

// RFC 1951 §3.2.7: the order in which code length code lengths are sent.
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const WINDOW = 32768;

/**
 * A single-level lookup table: indexed by the next `bits` input bits, each entry holds
 * (symbol << 4) | code length, or 0 where no code matches (an incomplete code, RFC 1951 allows
 * one for a distance tree with a single code).
 */
interface Table {
	entries: Int32Array;
	bits: number;
}

function buildTable(lengths: ArrayLike<number>, start: number, count: number): Table {
	const counts = new Array<number>(16).fill(0);
	let maxLength = 0;
	for (let i = 0; i < count; i++) {
		const length = lengths[start + i];
		counts[length]++;
		if (length > maxLength) maxLength = length;
	}
	counts[0] = 0;
	// RFC 1951 §3.2.2: canonical codes. More codes of some length than the tree can hold
	// (over-subscribed) cannot be decoded unambiguously.
	let left = 1;
	for (let length = 1; length <= 15; length++) {
		left = (left << 1) - counts[length];
		if (left < 0) throw new InflateError('damaged', 'a Huffman code is over-subscribed');
	}
	const next = new Array<number>(16).fill(0);
	let code = 0;
	for (let length = 1; length <= 15; length++) {
		code = (code + counts[length - 1]) << 1;
		next[length] = code;
	}
	const bits = Math.max(maxLength, 1);
	const entries = new Int32Array(1 << bits);
	for (let symbol = 0; symbol < count; symbol++) {
		const length = lengths[start + symbol];
		if (length === 0) continue;
		// Huffman codes are packed starting with their most significant bit (§3.1.1), the
		// reverse of the bit order they are read in, so the table is indexed by the reversed code.
		let reversed = 0;
		for (let c = next[length]++, i = 0; i < length; i++, c >>= 1) reversed = (reversed << 1) | (c & 1);
		for (let i = reversed; i < entries.length; i += 1 << length) entries[i] = (symbol << 4) | length;
	}
	return { entries, bits };
}

let fixedTables: { literals: Table; distances: Table } | undefined;

/** RFC 1951 §3.2.6: the fixed codes of block type 1. */
function fixed(): { literals: Table; distances: Table } {
	if (!fixedTables) {
		const lengths = new Array<number>(288);
		for (let i = 0; i < 288; i++) lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
		fixedTables = { literals: buildTable(lengths, 0, 288), distances: buildTable(new Array<number>(30).fill(5), 0, 30) };
	}
	return fixedTables;
}

class Decoder {
	private pos: number;
	private bitBuffer = 0;
	private bitCount = 0;
	private out: Buffer;
	private length = 0;
	private dropped = 0;
	/** Adler-32 of the bytes dropped from the front of out so far. */
	private droppedAdler = 1;

	constructor(
		private readonly input: Buffer,
		start: number,
		private readonly options: InflateOptions,
	) {
		this.pos = start;
		const keep = options.keep !== false;
		this.out = Buffer.alloc(keep ? Math.min(options.maxOutput, Math.max(1024, input.length * 4)) : Math.min(options.maxOutput, 4 * WINDOW));
	}

	/** Bytes past the input read as zeros; reading one of them as data means the input was cut off. */
	private fill(): void {
		if (this.bitCount > 24) return;
		while (this.bitCount <= 24) {
			const byte = this.pos < this.input.length ? this.input[this.pos] : 0;
			this.pos++;
			this.bitBuffer = (this.bitBuffer | (byte << this.bitCount)) >>> 0;
			this.bitCount += 8;
		}
	}

	private consume(count: number): void {
		this.bitBuffer >>>= count;
		this.bitCount -= count;
		// Only once zeros past the end have been fetched can a read go beyond the input.
		if (this.pos > this.input.length && this.pos * 8 - this.bitCount > this.input.length * 8) {
			throw new InflateError('damaged', 'the compressed data is cut off');
		}
	}

	private bits(count: number): number {
		if (count === 0) return 0;
		this.fill();
		const value = this.bitBuffer & ((1 << count) - 1);
		this.consume(count);
		return value;
	}

	private symbol(table: Table): number {
		this.fill();
		const entry = table.entries[this.bitBuffer & ((1 << table.bits) - 1)];
		if (entry === 0) throw new InflateError('damaged', 'the compressed data holds an invalid code');
		this.consume(entry & 15);
		return entry >> 4;
	}

	/** Position of the next unread whole byte, giving back bytes fetched ahead into the buffer. */
	private alignToByte(): void {
		this.pos -= this.bitCount >> 3;
		this.bitBuffer = 0;
		this.bitCount = 0;
	}

	private room(count: number): void {
		const total = this.dropped + this.length + count;
		if (total > this.options.maxOutput) {
			throw new InflateError('tooLarge', `the data expands to more than ${this.options.maxOutput} bytes`);
		}
		if (this.length + count <= this.out.length) return;
		if (this.options.keep === false && this.length > WINDOW) {
			// Only a window's worth of history can be referred to again (RFC 1951 §2).
			this.droppedAdler = adler32(this.out.subarray(0, this.length - WINDOW), this.droppedAdler);
			this.out.copyWithin(0, this.length - WINDOW, this.length);
			this.dropped += this.length - WINDOW;
			this.length = WINDOW;
			if (this.length + count <= this.out.length) return;
		}
		const grown = Buffer.alloc(Math.min(this.options.maxOutput, Math.max(this.out.length * 2, this.length + count)));
		this.out.copy(grown, 0, 0, this.length);
		this.out = grown;
	}

	private stored(): void {
		this.alignToByte();
		// RFC 1951 §3.2.4: LEN and its ones' complement NLEN, then LEN bytes as they are.
		if (this.pos + 4 > this.input.length) throw new InflateError('damaged', 'the compressed data is cut off');
		const size = this.input.readUInt16LE(this.pos);
		if ((size ^ 0xffff) !== this.input.readUInt16LE(this.pos + 2)) {
			throw new InflateError('damaged', 'a stored block has a wrong length check');
		}
		this.pos += 4;
		if (this.pos + size > this.input.length) throw new InflateError('damaged', 'the compressed data is cut off');
		this.room(size);
		this.input.copy(this.out, this.length, this.pos, this.pos + size);
		this.length += size;
		this.pos += size;
	}

	private dynamicTables(): { literals: Table; distances: Table } {
		// RFC 1951 §3.2.7.
		const literalCount = this.bits(5) + 257;
		const distanceCount = this.bits(5) + 1;
		const codeLengthCount = this.bits(4) + 4;
		if (literalCount > 286 || distanceCount > 30) throw new InflateError('damaged', 'a block declares too many codes');
		const codeLengths = new Array<number>(19).fill(0);
		for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = this.bits(3);
		const codeLengthTable = buildTable(codeLengths, 0, 19);
		const lengths = new Array<number>(literalCount + distanceCount).fill(0);
		for (let i = 0; i < lengths.length; ) {
			const symbol = this.symbol(codeLengthTable);
			if (symbol < 16) {
				lengths[i++] = symbol;
				continue;
			}
			let repeat: number;
			let value = 0;
			if (symbol === 16) {
				if (i === 0) throw new InflateError('damaged', 'a code length repeat has nothing to repeat');
				value = lengths[i - 1];
				repeat = 3 + this.bits(2);
			} else if (symbol === 17) repeat = 3 + this.bits(3);
			else repeat = 11 + this.bits(7);
			if (i + repeat > lengths.length) throw new InflateError('damaged', 'code lengths run past their count');
			while (repeat-- > 0) lengths[i++] = value;
		}
		// Without an end-of-block code (256) no block could ever end.
		if (lengths[256] === 0) throw new InflateError('damaged', 'a block has no end-of-block code');
		return { literals: buildTable(lengths, 0, literalCount), distances: buildTable(lengths, literalCount, distanceCount) };
	}

	private compressed(tables: { literals: Table; distances: Table }): void {
		const literals = tables.literals.entries;
		const literalMask = (1 << tables.literals.bits) - 1;
		for (;;) {
			this.fill();
			const entry = literals[this.bitBuffer & literalMask];
			if (entry === 0) throw new InflateError('damaged', 'the compressed data holds an invalid code');
			this.consume(entry & 15);
			const symbol = entry >> 4;
			if (symbol < 256) {
				if (this.length === this.out.length) this.room(1);
				else if (this.dropped + this.length >= this.options.maxOutput) this.room(1);
				this.out[this.length++] = symbol;
				continue;
			}
			if (symbol === 256) return;
			const lengthCode = symbol - 257;
			if (lengthCode >= 29) throw new InflateError('damaged', 'the compressed data holds an invalid length code');
			const size = LENGTH_BASE[lengthCode] + this.bits(LENGTH_EXTRA[lengthCode]);
			const distanceCode = this.symbol(tables.distances);
			if (distanceCode >= 30) throw new InflateError('damaged', 'the compressed data holds an invalid distance code');
			const distance = DIST_BASE[distanceCode] + this.bits(DIST_EXTRA[distanceCode]);
			if (distance > this.dropped + this.length) {
				throw new InflateError('damaged', 'the compressed data refers back before its start');
			}
			this.room(size);
			const out = this.out;
			let to = this.length;
			let from = to - distance;
			if (distance >= size && size > 16) out.copyWithin(to, from, from + size);
			else {
				// Byte by byte: the copy may overlap the bytes it produces (distance < length, §3.2.3).
				for (const end = to + size; to < end; ) out[to++] = out[from++];
			}
			this.length += size;
		}
	}

	run(): void {
		for (;;) {
			const final = this.bits(1);
			const type = this.bits(2);
			if (type === 0) this.stored();
			else if (type === 1) this.compressed(fixed());
			else if (type === 2) this.compressed(this.dynamicTables());
			else throw new InflateError('damaged', 'the compressed data holds an invalid block type');
			if (final) break;
		}
		this.alignToByte();
	}

	result(checksumOk: boolean, end = this.pos): Inflated {
		return { data: this.out.subarray(0, this.length), size: this.dropped + this.length, end, checksumOk };
	}

	get position(): number {
		return this.pos;
	}

	/** Adler-32 of everything produced. */
	checksum(): number {
		return adler32(this.out.subarray(0, this.length), this.droppedAdler);
	}
}

/** Raw DEFLATE data (RFC 1951) from `start`. Throws InflateError. */
export function inflateRaw(input: Buffer, options: InflateOptions, start = 0): Inflated {
	const decoder = new Decoder(input, start, options);
	decoder.run();
	return decoder.result(false);
}

/** RFC 1950 §9: the modulus and the largest run of additions that cannot overflow 2^32. */
const ADLER_BASE = 65521;
const ADLER_RUN = 5552;

/** RFC 1950 §8.2 Adler-32, continued from `adler` (1 to start). */
export function adler32(bytes: Buffer, adler = 1): number {
	let a = adler & 0xffff;
	let b = adler >>> 16;
	for (let i = 0; i < bytes.length; ) {
		const end = Math.min(bytes.length, i + ADLER_RUN);
		for (; i < end; i++) {
			a += bytes[i];
			b += a;
		}
		a %= ADLER_BASE;
		b %= ADLER_BASE;
	}
	return ((b << 16) | a) >>> 0;
}

/** RFC 1950 §2.2: compression method 8, window at most 32 KiB, header check, no preset dictionary. */
export function hasZlibHeader(input: Buffer, start = 0): boolean {
	if (start + 2 > input.length) return false;
	const cmf = input[start];
	const flg = input[start + 1];
	return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

/**
 * zlib data (RFC 1950). Writers that omit the two-byte header are read as raw DEFLATE, as PDF
 * readers do. Throws InflateError.
 */
export function inflate(input: Buffer, options: InflateOptions): Inflated {
	if (!hasZlibHeader(input)) return inflateRaw(input, options);
	const decoder = new Decoder(input, 2, options);
	decoder.run();
	const at = decoder.position;
	if (at + 4 > input.length) return decoder.result(false, Math.min(at, input.length));
	const checksumOk = decoder.checksum() === input.readUInt32BE(at);
	return decoder.result(checksumOk, at + 4);
}
