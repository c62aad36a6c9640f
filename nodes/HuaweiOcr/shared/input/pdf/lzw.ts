/**
 * LZWDecode (ISO 32000-1 §7.4.4.2): variable-length codes of 9 to 12 bits, 256 to clear the
 * table, 257 to end. With EarlyChange (the default) the code grows one code earlier than the
 * table would need, as TIFF's LZW does.
 */
import { PdfDamage, PdfLimit } from './objects';

export function lzwDecode(data: Buffer, earlyChange: boolean, maxOutput: number): Buffer {
	const prefix = new Int32Array(4096);
	const suffix = new Uint8Array(4096);
	const lengths = new Int32Array(4096);
	for (let i = 0; i < 256; i++) {
		suffix[i] = i;
		lengths[i] = 1;
	}
	let out = Buffer.alloc(Math.min(maxOutput, Math.max(1024, data.length * 3)));
	let length = 0;
	let next = 258;
	let codeBits = 9;
	let previous = -1;
	let buffer = 0;
	let bits = 0;
	let pos = 0;
	for (;;) {
		while (bits < codeBits && pos < data.length) {
			buffer = ((buffer << 8) | data[pos++]) & 0xffffff;
			bits += 8;
		}
		if (bits < codeBits) break;
		const code = (buffer >>> (bits - codeBits)) & ((1 << codeBits) - 1);
		bits -= codeBits;
		if (code === 257) break;
		if (code === 256) {
			next = 258;
			codeBits = 9;
			previous = -1;
			continue;
		}
		let entry = code;
		if (code > next || (code === next && previous < 0) || (code >= 258 && code < next && lengths[code] === 0)) {
			throw new PdfDamage('an LZW-compressed stream holds an impossible code');
		}
		if (previous >= 0 && next < 4096) {
			// The new entry is the previous string plus the first byte of this one; for the code
			// not yet in the table (KwKwK), that first byte is the previous string's first byte.
			let first = code === next ? previous : code;
			while (lengths[first] > 1) first = prefix[first];
			prefix[next] = previous;
			suffix[next] = suffix[first];
			lengths[next] = lengths[previous] + 1;
			next++;
		}
		entry = code;
		const size = lengths[entry];
		if (length + size > out.length) {
			if (length + size > maxOutput) throw new PdfLimit('an LZW-compressed stream expands beyond the limit');
			const grown = Buffer.alloc(Math.min(maxOutput, Math.max(out.length * 2, length + size)));
			out.copy(grown, 0, 0, length);
			out = grown;
		}
		for (let i = size - 1, c = entry; i >= 0; i--, c = prefix[c]) out[length + i] = suffix[c];
		length += size;
		previous = code;
		const limit = next + (earlyChange ? 1 : 0);
		codeBits = limit >= 2048 ? 12 : limit >= 1024 ? 11 : limit >= 512 ? 10 : 9;
	}
	return out.subarray(0, length);
}
