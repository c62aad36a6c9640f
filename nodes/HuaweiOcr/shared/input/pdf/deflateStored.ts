/**
 * Writes zlib data (RFC 1950) made of stored DEFLATE blocks (RFC 1951 §3.2.4): the bytes as
 * they are, with no compression. deflate.ts falls back to it for data that does not compress
 * (noise grows under the fixed Huffman codes); every inflater reads it.
 */
import { adler32 } from './inflate';

/** RFC 1951 §3.2.4: LEN is 16 bits, so a stored block holds at most 65535 bytes. */
const BLOCK = 65535;

export function deflateStored(data: Buffer): Buffer {
	const blocks = Math.max(1, Math.ceil(data.length / BLOCK));
	const out = Buffer.alloc(2 + blocks * 5 + data.length + 4);
	// RFC 1950 §2.2: CM 8 (deflate), CINFO 7 (32 KiB window); FLEVEL 0 and FCHECK so that
	// CMF * 256 + FLG is a multiple of 31: 0x7801.
	out[0] = 0x78;
	out[1] = 0x01;
	let at = 2;
	for (let block = 0; block < blocks; block++) {
		const start = block * BLOCK;
		const size = Math.min(BLOCK, data.length - start);
		// BFINAL on the last block, BTYPE 00; the rest of the byte is padding before LEN.
		out[at] = block === blocks - 1 ? 1 : 0;
		out.writeUInt16LE(size, at + 1);
		out.writeUInt16LE(size ^ 0xffff, at + 3);
		data.copy(out, at + 5, start, start + size);
		at += 5 + size;
	}
	out.writeUInt32BE(adler32(data), at);
	return out;
}
