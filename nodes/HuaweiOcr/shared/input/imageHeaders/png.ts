import { hasText } from '../bytes';
import { crc32 } from './crc32';
import { cutBeforeSize, cutAfterSize, damaged, ZERO_SIZE, type HeaderResult } from './headerResult';

// PNG spec §11.2.1 Table 11.1: the bit depths each colour type allows.
const PNG_DEPTHS: Record<number, number[]> = {
	0: [1, 2, 4, 8, 16],
	2: [8, 16],
	3: [1, 2, 4, 8],
	4: [8, 16],
	6: [8, 16],
};

const PNG_MAX = 0x7fffffff;

export function readPng(bytes: Buffer): HeaderResult {
	const length = bytes.length;
	// §5.3, §11.2.1: the signature, then IHDR: length (13), type, 13 data bytes, CRC = 33 bytes.
	if (length < 33) return cutBeforeSize('PNG');
	if (bytes.readUInt32BE(8) !== 13 || !hasText(bytes, 12, 'IHDR')) {
		return damaged('PNG', 'it does not start with an image header');
	}
	// The CRC covers the chunk type and data (§5.3). Decoders refuse a critical chunk that fails it.
	if (crc32(bytes, 12, 29) !== bytes.readUInt32BE(29)) return damaged('PNG', 'its image header fails its checksum');
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	if (width === 0 || height === 0) return damaged('PNG', ZERO_SIZE);
	// §5.3: four-byte numbers are limited to 2^31 - 1.
	if (width > PNG_MAX || height > PNG_MAX) return damaged('PNG', 'it states an impossible image size');
	if (!(PNG_DEPTHS[bytes[25]] ?? []).includes(bytes[24])) return damaged('PNG', 'its colour settings are invalid');
	// Walk the chunks to IEND (§5.6) so a file cut off inside its pixels is caught. Each pass
	// advances by at least 12 bytes and stops at the end of the buffer.
	let pos = 33;
	let sawData = false;
	while (pos + 12 <= length) {
		const chunkLength = bytes.readUInt32BE(pos);
		if (chunkLength > PNG_MAX) return damaged('PNG', 'a data section has an impossible length');
		const chunkEnd = pos + 12 + chunkLength;
		if (chunkEnd > length) break;
		const type = bytes.toString('latin1', pos + 4, pos + 8);
		if (type === 'IDAT') sawData = true;
		if (type === 'IEND') {
			return sawData ? { format: 'png', width, height } : damaged('PNG', 'it has no image data');
		}
		pos = chunkEnd;
	}
	return cutAfterSize('PNG');
}
