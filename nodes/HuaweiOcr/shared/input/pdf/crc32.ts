/** The CRC-32 that PNG chunks carry (PNG spec, W3C 3rd ed., Annex D; ISO 3309 polynomial, reflected). */

let table: Int32Array | undefined;

export function crc32(bytes: Buffer): number {
	if (!table) {
		table = new Int32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			table[n] = c;
		}
	}
	let crc = -1;
	for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}
