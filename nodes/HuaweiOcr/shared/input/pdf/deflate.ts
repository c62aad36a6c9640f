/**
 * Compresses pixel rows for a PNG (zlib data, RFC 1950) when a PDF's picture had to be decoded
 * and rewritten: LZ77 matching (RFC 1951 §4) coded with the fixed Huffman codes (§3.2.6), so no
 * code tables need building or sending. Scans and screenshots are mostly runs and repeats, which
 * this shrinks many times over; noise it would grow, so stored blocks are used then instead.
 * Without compression a page-sized picture easily passes Huawei's upload size limit.
 */
import { deflateStored } from './deflateStored';
import { adler32 } from './inflate';
import { DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from './deflateTables';

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
/** Candidates compared per position: enough for runs and rows repeating, bounded for speed. */
const MAX_CHAIN = 24;


interface Tables {
	/** Per literal/length symbol 0..287: its fixed code, bit-reversed for LSB-first writing, and length. */
	code: Uint16Array;
	bits: Uint8Array;
	/** Per match length 3..258 and distance 1..32768: the code number. */
	lengthCode: Uint8Array;
	distCode: Uint8Array;
}

let tables: Tables | undefined;

function reverse(code: number, length: number): number {
	let out = 0;
	for (let i = 0; i < length; i++, code >>= 1) out = (out << 1) | (code & 1);
	return out;
}

function fixedTables(): Tables {
	if (tables) return tables;
	const code = new Uint16Array(288);
	const bits = new Uint8Array(288);
	// §3.2.6: 0-143 eight bits from 0x30, 144-255 nine bits from 0x190, 256-279 seven bits from 0,
	// 280-287 eight bits from 0xc0.
	for (let s = 0; s < 288; s++) {
		const [length, base, first] = s < 144 ? [8, 0x30, 0] : s < 256 ? [9, 0x190, 144] : s < 280 ? [7, 0, 256] : [8, 0xc0, 280];
		bits[s] = length;
		code[s] = reverse(base + s - first, length);
	}
	const lengthCode = new Uint8Array(MAX_MATCH + 1);
	for (let c = 0; c < 29; c++) {
		for (let l = LENGTH_BASE[c]; l < LENGTH_BASE[c] + (1 << LENGTH_EXTRA[c]) && l <= MAX_MATCH; l++) lengthCode[l] = c;
	}
	// 258 has its own code (285) although 227 + 31 would also reach it.
	lengthCode[MAX_MATCH] = 28;
	const distCode = new Uint8Array(WINDOW + 1);
	for (let c = 0; c < 30; c++) {
		for (let d = DIST_BASE[c]; d < DIST_BASE[c] + (1 << DIST_EXTRA[c]) && d <= WINDOW; d++) distCode[d] = c;
	}
	tables = { code, bits, lengthCode, distCode };
	return tables;
}

class BitWriter {
	private out: Buffer;
	private length = 0;
	private buffer = 0;
	private count = 0;

	constructor(capacity: number) {
		this.out = Buffer.alloc(Math.max(64, capacity));
	}

	/** Writes `count` (at most 16) bits of `value`, least significant first (§3.1.1). */
	write(value: number, count: number): void {
		this.buffer |= value << this.count;
		this.count += count;
		while (this.count >= 8) {
			if (this.length === this.out.length) {
				const grown = Buffer.alloc(this.out.length * 2);
				this.out.copy(grown);
				this.out = grown;
			}
			this.out[this.length++] = this.buffer & 0xff;
			this.buffer >>>= 8;
			this.count -= 8;
		}
	}

	finish(): Buffer {
		if (this.count > 0) this.write(0, 8 - this.count);
		return this.out.subarray(0, this.length);
	}

	get size(): number {
		return this.length;
	}
}

/** zlib data of `data`, compressed with one fixed-Huffman block, or stored when that is smaller. */
export function deflate(data: Buffer): Buffer {
	const { code, bits, lengthCode, distCode } = fixedTables();
	const writer = new BitWriter(data.length / 4 + 64);
	// RFC 1950 §2.2 header (0x78 0x01), then BFINAL = 1 and BTYPE = 01 (fixed codes).
	writer.write(0x78, 8);
	writer.write(0x01, 8);
	writer.write(1, 1);
	writer.write(1, 2);
	const head = new Int32Array(1 << HASH_BITS).fill(-1);
	const previous = new Int32Array(WINDOW);
	const hash = (at: number) => ((data[at] << 10) ^ (data[at + 1] << 5) ^ data[at + 2]) & ((1 << HASH_BITS) - 1);
	const insert = (at: number) => {
		if (at + MIN_MATCH > data.length) return;
		const h = hash(at);
		previous[at & (WINDOW - 1)] = head[h];
		head[h] = at;
	};
	let at = 0;
	while (at < data.length) {
		let bestLength = 0;
		let bestDistance = 0;
		if (at + MIN_MATCH <= data.length) {
			const limit = Math.min(MAX_MATCH, data.length - at);
			let candidate = head[hash(at)];
			for (let chain = 0; candidate >= 0 && at - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
				if (data[candidate + bestLength] === data[at + bestLength]) {
					let length = 0;
					while (length < limit && data[candidate + length] === data[at + length]) length++;
					if (length > bestLength) {
						bestLength = length;
						bestDistance = at - candidate;
						if (length === limit) break;
					}
				}
				const next = previous[candidate & (WINDOW - 1)];
				// The chain only goes back in the file; an older slot reused by a newer position ends it.
				if (next >= candidate) break;
				candidate = next;
			}
		}
		if (bestLength >= MIN_MATCH) {
			const lc = lengthCode[bestLength];
			writer.write(code[257 + lc], bits[257 + lc]);
			if (LENGTH_EXTRA[lc]) writer.write(bestLength - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
			const dc = distCode[bestDistance];
			// Distance codes are five bits, sent most significant bit first (§3.2.6).
			writer.write(reverse(dc, 5), 5);
			if (DIST_EXTRA[dc]) writer.write(bestDistance - DIST_BASE[dc], DIST_EXTRA[dc]);
			for (let i = 0; i < bestLength; i++) insert(at + i);
			at += bestLength;
		} else {
			writer.write(code[data[at]], bits[data[at]]);
			insert(at);
			at++;
		}
		// Incompressible data: stored blocks cost five bytes per 64 KiB, never more.
		if (writer.size > data.length + 1024) return deflateStored(data);
	}
	writer.write(code[256], bits[256]);
	const body = writer.finish();
	const out = Buffer.alloc(body.length + 4);
	body.copy(out);
	out.writeUInt32BE(adler32(data), body.length);
	return out.length < data.length + 11 ? out : deflateStored(data);
}
