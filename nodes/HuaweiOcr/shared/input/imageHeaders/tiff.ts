import { cutBeforeSize, cutAfterSize, damaged, ZERO_SIZE, type HeaderResult } from './headerResult';

// TIFF 6.0 Section 2, "Types": bytes per value of field types 1..12 (13, IFD, from the PageMaker
// technical notes). Other types are skipped, as Section 2 tells readers to.
const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const TIFF_SHORT = 3;
const TIFF_LONG = 4;

interface TiffField {
	type: number;
	count: number;
	/** Where the values are: inside the entry when they fit in four bytes, else at its offset. */
	at: number;
}

export function readTiff(bytes: Buffer): HeaderResult {
	const length = bytes.length;
	const little = bytes[0] === 0x49;
	const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
	const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
	if (length < 8) return cutBeforeSize('TIFF');
	const ifd = u32(4);
	if (ifd < 8) return damaged('TIFF', 'its image directory is at an impossible position');
	if (ifd + 2 > length) return cutBeforeSize('TIFF');
	const entries = u16(ifd);
	if (entries === 0) return damaged('TIFF', 'its image directory is empty');
	// Entries are 12 bytes, followed by the 4-byte offset of the next directory: the count is
	// trusted only as far as the buffer holds that many.
	if (ifd + 2 + 12 * entries + 4 > length) return cutBeforeSize('TIFF');
	const fields = new Map<number, TiffField>();
	let outside = false;
	for (let i = 0; i < entries; i++) {
		const entry = ifd + 2 + 12 * i;
		const tag = u16(entry);
		const type = u16(entry + 2);
		const count = u32(entry + 4);
		const unit = TIFF_TYPE_SIZES[type];
		if (!unit || fields.has(tag)) continue;
		const total = unit * count;
		const at = total <= 4 ? entry + 8 : u32(entry + 8);
		if (at + total > length) outside = true;
		else fields.set(tag, { type, count, at });
	}
	// A SHORT or LONG value (Section 2): only the first is used. Values inside the entry are
	// left-justified, so the first one starts at the entry's value field in either byte order.
	const value = (field: TiffField, index: number) =>
		field.type === TIFF_SHORT ? u16(field.at + 2 * index) : u32(field.at + 4 * index);
	const isNumber = (field: TiffField | undefined): field is TiffField =>
		field !== undefined && field.count > 0 && (field.type === TIFF_SHORT || field.type === TIFF_LONG);
	const widthField = fields.get(256);
	const heightField = fields.get(257);
	if (!isNumber(widthField) || !isNumber(heightField)) {
		return outside ? cutBeforeSize('TIFF') : damaged('TIFF', 'its header does not state the image size');
	}
	const width = value(widthField, 0);
	const height = value(heightField, 0);
	if (width === 0 || height === 0) return damaged('TIFF', ZERO_SIZE);
	if (outside) return cutAfterSize('TIFF');
	// Section 3 (StripOffsets 273, StripByteCounts 279) and Section 15 (TileOffsets 324,
	// TileByteCounts 325): every block of pixels must lie inside the file.
	const offsets = fields.get(273) ?? fields.get(324);
	const counts = fields.get(279) ?? fields.get(325);
	if (!isNumber(offsets)) return damaged('TIFF', 'it has no image data');
	if (counts !== undefined && (!isNumber(counts) || counts.count !== offsets.count)) {
		return damaged('TIFF', 'its image data table is inconsistent');
	}
	// offsets.count values were checked to lie inside the buffer, so this loop is bounded by it.
	for (let i = 0; i < offsets.count; i++) {
		const start = value(offsets, i);
		const end = counts ? start + value(counts, i) : start + 1;
		if (end > length) return cutAfterSize('TIFF');
	}
	return { format: 'tiff', width, height };
}
