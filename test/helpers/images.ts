/**
 * Builds small, structurally valid image files of each format from scratch, with Node built-ins
 * only, so the image checks can be tested at exact sizes (15 x 15, 8192 x 8192, ...) without
 * sample files or an image library. Large images use 1-bit pixels or all-zero data so an
 * 8192 x 8192 file stays a few megabytes at most.
 */
import { crc32, deflateSync } from 'zlib';

function u16le(value: number): Buffer {
	const out = Buffer.alloc(2);
	out.writeUInt16LE(value);
	return out;
}

function u32le(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32LE(value);
	return out;
}

function u16be(value: number): Buffer {
	const out = Buffer.alloc(2);
	out.writeUInt16BE(value);
	return out;
}

function u32be(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32BE(value);
	return out;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Fills small images with a pattern, so the pixel bytes are not all alike; big ones stay zero. */
function pattern(size: number): Buffer {
	const out = Buffer.alloc(size);
	if (size <= 1 << 20) for (let i = 0; i < size; i++) out[i] = (i * 37 + (i >> 5)) & 0x7f;
	return out;
}

// ---------------------------------------------------------------- PNG (W3C PNG 3rd ed.)

/** One chunk (§5.3): length, type, data, CRC-32 of type and data (zlib's, independent of ours). */
export function pngChunk(type: string, data: Buffer): Buffer {
	const body = Buffer.concat([latin1(type), data]);
	return Buffer.concat([u32be(data.length), body, u32be(crc32(body))]);
}

export interface PngOptions {
	/** 8 (default) or 1 bit per sample; 1 needs grey. */
	bitDepth?: 1 | 8;
	colour?: 'grey' | 'rgb';
	/** Adds an ancillary private "prVt" chunk with this many data bytes, to reach a file size. */
	extraBytes?: number;
}

export function makePng(width: number, height: number, options: PngOptions = {}): Buffer {
	const depth = options.bitDepth ?? 8;
	const rgb = options.colour === 'rgb';
	if (rgb && depth !== 8) throw new Error('RGB PNGs are 8-bit here');
	const stride = Math.ceil((width * (rgb ? 3 : 1) * depth) / 8);
	// Each row is preceded by its filter type (§7.3); 0 = none.
	const rows = Buffer.alloc((stride + 1) * height);
	if (rows.length <= 1 << 20) {
		const pixels = pattern(stride * height);
		for (let y = 0; y < height; y++) pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
	}
	const header = Buffer.concat([u32be(width), u32be(height), Buffer.from([depth, rgb ? 2 : 0, 0, 0, 0])]);
	const chunks = [pngChunk('IHDR', header)];
	if (options.extraBytes !== undefined) chunks.push(pngChunk('prVt', Buffer.alloc(options.extraBytes)));
	chunks.push(pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0)));
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

/**
 * An 8-bit RGB PNG of real pixels (`rgb`: width * height * 3 bytes, row by row). Every row uses
 * the Up filter (§9.2), which turns smooth gradients into runs of small numbers that deflate well.
 */
export function encodeRgbPng(width: number, height: number, rgb: Buffer): Buffer {
	const stride = width * 3;
	if (rgb.length !== stride * height) throw new Error(`expected ${stride * height} bytes of RGB, got ${rgb.length}`);
	const rows = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		const out = y * (stride + 1);
		rows[out] = 2; // Up
		for (let x = 0; x < stride; x++) {
			const above = y === 0 ? 0 : rgb[(y - 1) * stride + x];
			rows[out + 1 + x] = (rgb[y * stride + x] - above) & 0xff;
		}
	}
	const header = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(rows)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

// ---------------------------------------------------------------- JPEG (ITU-T T.81)

export interface JpegOptions {
	/** SOF2 with a DC scan and an AC scan, instead of baseline SOF0 with one scan. */
	progressive?: boolean;
	/** Puts two extra FF fill bytes before every marker after SOI (B.1.1.2). */
	fillBytes?: boolean;
	/** Puts a standalone TEM marker (FF 01, no length) after APP0. */
	temMarker?: boolean;
	/** Adds an APP1 Exif segment holding a thumbnail JPEG of this size, whose SOF must be ignored. */
	thumbnail?: { width: number; height: number };
	/** Puts these bytes between APP0 and DQT, where no marker is (libjpeg skips them). */
	strayBytes?: Buffer;
}

/**
 * A greyscale JPEG that a decoder can read: every 8 x 8 block is flat, coded with a DC table
 * and an AC table of one 1-bit code each (symbol 0: DC difference 0, AC end-of-block), so the
 * entropy data is 0 bits per code, padded with 1 bits (F.1.2.3) and never contains FF.
 */
export function makeJpeg(width: number, height: number, options: JpegOptions = {}): Buffer {
	const fill = options.fillBytes ? [0xff, 0xff] : [];
	const marker = (code: number) => Buffer.from([...fill, 0xff, code]);
	const segment = (code: number, payload: Buffer) => Buffer.concat([marker(code), u16be(payload.length + 2), payload]);
	const oneCodeTable = (tableClass: number) => Buffer.from([tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00]);
	const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
	const scan = (bitsPerBlock: number) => {
		const bits = bitsPerBlock * blocks;
		const data = Buffer.alloc(Math.ceil(bits / 8));
		if (bits % 8 !== 0) data[data.length - 1] = (1 << (8 - (bits % 8))) - 1;
		return data;
	};
	const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
	parts.push(segment(0xe0, Buffer.from([...latin1('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0])));
	if (options.temMarker) parts.push(marker(0x01));
	if (options.thumbnail) {
		const thumb = makeJpeg(options.thumbnail.width, options.thumbnail.height);
		parts.push(segment(0xe1, Buffer.concat([latin1('Exif\0\0'), thumb])));
	}
	if (options.strayBytes) parts.push(options.strayBytes);
	parts.push(segment(0xdb, Buffer.from([0x00, ...new Array<number>(64).fill(1)])));
	// SOF (B.2.2): precision 8, height, width, one component (id 1, sampling 1x1, table 0).
	const frame = Buffer.concat([Buffer.from([8]), u16be(height), u16be(width), Buffer.from([1, 1, 0x11, 0])]);
	if (options.progressive) {
		parts.push(segment(0xc2, frame));
		parts.push(segment(0xc4, oneCodeTable(0)));
		parts.push(segment(0xda, Buffer.from([1, 1, 0x00, 0, 0, 0x00])), scan(1)); // DC first scan
		parts.push(segment(0xc4, oneCodeTable(1)));
		parts.push(segment(0xda, Buffer.from([1, 1, 0x00, 1, 63, 0x00])), scan(1)); // AC scan, EOB per block
	} else {
		parts.push(segment(0xc0, frame));
		parts.push(segment(0xc4, Buffer.concat([oneCodeTable(0), oneCodeTable(1)])));
		parts.push(segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0x00])), scan(2));
	}
	parts.push(marker(0xd9));
	return Buffer.concat(parts);
}

// ---------------------------------------------------------------- BMP (Windows bitmap)

export interface BmpOptions {
	/** Negative biHeight: rows stored top-down. */
	topDown?: boolean;
	/** 12-byte BITMAPCOREHEADER with 16-bit width and height. */
	coreHeader?: boolean;
	/** 40 (BITMAPINFOHEADER, default), 108 (V4) or 124 (V5); 64 is OS/2 2.x, 66 no known writer's. */
	infoHeaderSize?: 40 | 64 | 66 | 108 | 124;
	/** 24 (default), 32, or 1 with a two-colour palette. */
	bitsPerPixel?: 1 | 24 | 32;
}

export function makeBmp(width: number, height: number, options: BmpOptions = {}): Buffer {
	const depth = options.bitsPerPixel ?? 24;
	const core = options.coreHeader === true;
	if (core && options.topDown) throw new Error('BITMAPCOREHEADER has no top-down form');
	const headerSize = core ? 12 : (options.infoHeaderSize ?? 40);
	const paletteEntry = core ? 3 : 4;
	const palette = depth === 1 ? Buffer.concat([Buffer.alloc(paletteEntry), Buffer.alloc(paletteEntry, 0xff)]) : Buffer.alloc(0);
	const stride = Math.ceil((width * depth) / 32) * 4;
	const pixels = pattern(stride * height);
	const dataStart = 14 + headerSize + palette.length;
	const header = Buffer.alloc(headerSize);
	header.writeUInt32LE(headerSize, 0);
	if (core) {
		header.writeUInt16LE(width, 4);
		header.writeUInt16LE(height, 6);
		header.writeUInt16LE(1, 8);
		header.writeUInt16LE(depth, 10);
	} else {
		header.writeInt32LE(width, 4);
		header.writeInt32LE(options.topDown ? -height : height, 8);
		header.writeUInt16LE(1, 12);
		header.writeUInt16LE(depth, 14);
		header.writeUInt32LE(0, 16); // BI_RGB
		header.writeUInt32LE(pixels.length, 20);
		header.writeInt32LE(2835, 24); // 72 dpi in pixels per metre
		header.writeInt32LE(2835, 28);
		header.writeUInt32LE(depth === 1 ? 2 : 0, 32);
		if (headerSize >= 108) header.writeUInt32LE(0x73524742, 56); // bV4CSType = LCS_sRGB
		if (headerSize >= 124) header.writeUInt32LE(4, 108); // bV5Intent = LCS_GM_IMAGES
	}
	const fileHeader = Buffer.concat([latin1('BM'), u32le(dataStart + pixels.length), u32le(0), u32le(dataStart)]);
	return Buffer.concat([fileHeader, header, palette, pixels]);
}

// ---------------------------------------------------------------- TIFF (TIFF 6.0)

export interface TiffOptions {
	/** "MM" (Motorola) byte order instead of "II" (Intel). */
	bigEndian?: boolean;
	/** ImageWidth and ImageLength as LONG instead of SHORT. */
	longTags?: boolean;
	/** 8 (default, greyscale) or 1 (bilevel). */
	bitsPerSample?: 1 | 8;
	/** Rows per strip; the default keeps strips near the 8 KB Section 3 recommends. */
	rowsPerStrip?: number;
}

/**
 * An uncompressed greyscale TIFF: header, one IFD right after it, the values that do not fit in
 * their entries, then the strips, which end the file exactly (no trailing padding).
 */
export function makeTiff(width: number, height: number, options: TiffOptions = {}): Buffer {
	const big = options.bigEndian === true;
	const w16 = (value: number) => (big ? u16be(value) : u16le(value));
	const w32 = (value: number) => (big ? u32be(value) : u32le(value));
	const depth = options.bitsPerSample ?? 8;
	const stride = Math.ceil((width * depth) / 8);
	const rowsPerStrip = options.rowsPerStrip ?? Math.max(1, Math.min(height, Math.floor(8192 / stride)));
	const strips = Math.ceil(height / rowsPerStrip);
	const stripBytes = Array.from({ length: strips }, (_, i) => Math.min(rowsPerStrip, height - i * rowsPerStrip) * stride);
	const SHORT = 3;
	const LONG = 4;
	const RATIONAL = 5;
	type Entry = [tag: number, type: number, values: number[]];
	const dimensionType = options.longTags ? LONG : SHORT;
	const entries: Entry[] = [
		[256, dimensionType, [width]],
		[257, dimensionType, [height]],
		[258, SHORT, [depth]],
		[259, SHORT, [1]], // no compression
		[262, SHORT, [1]], // BlackIsZero
		[273, LONG, []], // StripOffsets, filled in below
		[277, SHORT, [1]],
		[278, LONG, [rowsPerStrip]],
		[279, LONG, stripBytes],
		[282, RATIONAL, [72, 1]],
		[283, RATIONAL, [72, 1]],
		[296, SHORT, [2]], // inches
	];
	const ifdSize = 2 + 12 * entries.length + 4;
	const valueSize = (entry: Entry) => (entry[1] === SHORT ? 2 : 4) * entry[2].length;
	const stripValues = entries[5];
	stripValues[2] = new Array<number>(strips).fill(0);
	let outside = 8 + ifdSize;
	const external = new Map<Entry, number>();
	for (const entry of entries) {
		if (valueSize(entry) > 4) {
			external.set(entry, outside);
			outside += valueSize(entry);
		}
	}
	let stripAt = outside;
	stripValues[2] = stripBytes.map((bytes) => {
		const at = stripAt;
		stripAt += bytes;
		return at;
	});
	const encode = (entry: Entry) => Buffer.concat(entry[2].map((value) => (entry[1] === SHORT ? w16(value) : w32(value))));
	const ifd: Buffer[] = [w16(entries.length)];
	const values: Buffer[] = [];
	for (const entry of entries) {
		const count = entry[1] === RATIONAL ? entry[2].length / 2 : entry[2].length;
		const field = external.has(entry) ? w32(external.get(entry) ?? 0) : Buffer.concat([encode(entry), Buffer.alloc(4)]).subarray(0, 4);
		ifd.push(w16(entry[0]), w16(entry[1]), w32(count), field);
		if (external.has(entry)) values.push(encode(entry));
	}
	ifd.push(w32(0)); // no next IFD
	const header = Buffer.concat([latin1(big ? 'MM' : 'II'), w16(42), w32(8)]);
	return Buffer.concat([header, ...ifd, ...values, pattern(stride * height)]);
}

/** A BigTIFF header (version 43, 8-byte offsets) followed by an empty directory. */
export function makeBigTiff(bigEndian = false): Buffer {
	const head = bigEndian ? '4d4d002b000800000000000000000010' : '49492b00080000001000000000000000';
	return Buffer.concat([Buffer.from(head, 'hex'), Buffer.alloc(16)]);
}

// ---------------------------------------------------------------- formats Huawei does not take

/** GIF89a: screen descriptor, two-colour table, one image whose LZW data is CLEAR then END. */
export function makeGif(width: number, height: number): Buffer {
	return Buffer.concat([
		latin1('GIF89a'),
		u16le(width),
		u16le(height),
		Buffer.from([0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
		Buffer.from([0x2c]),
		u16le(0),
		u16le(0),
		u16le(width),
		u16le(height),
		Buffer.from([0x00, 0x02, 0x01, 0x2c, 0x00, 0x3b]),
	]);
}

/** A lossless WebP header: RIFF, WEBP, a VP8L chunk with the 14-bit size fields. */
export function makeWebp(width: number, height: number): Buffer {
	const bits = (width - 1) | ((height - 1) << 14);
	const vp8l = Buffer.concat([Buffer.from([0x2f]), u32le(bits >>> 0), Buffer.from([0])]);
	return Buffer.concat([latin1('RIFF'), u32le(4 + 8 + vp8l.length), latin1('WEBP'), latin1('VP8L'), u32le(5), vp8l]);
}

export function makePdf(): Buffer {
	return latin1(
		'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
			'trailer<</Root 1 0 R>>\n%%EOF\n',
	);
}

/** An ISO base media file: an "ftyp" box with these brands, then an empty "meta" box. */
export function makeIsoMedia(major: string, compatible: string[]): Buffer {
	const ftypData = Buffer.concat([latin1(major), u32be(0), ...compatible.map(latin1)]);
	return Buffer.concat([u32be(8 + ftypData.length), latin1('ftyp'), ftypData, u32be(12), latin1('meta'), u32be(0)]);
}

export const makeHeic = () => makeIsoMedia('heic', ['mif1', 'heic']);
export const makeAvif = () => makeIsoMedia('avif', ['avif', 'mif1', 'miaf']);

/** An ICO holding one 16 x 16 PNG. */
export function makeIco(): Buffer {
	const png = makePng(16, 16);
	return Buffer.concat([
		Buffer.from([0, 0, 1, 0, 1, 0]),
		Buffer.from([16, 16, 0, 0]),
		u16le(1),
		u16le(32),
		u32le(png.length),
		u32le(22),
		png,
	]);
}

/** A ZIP archive holding one stored (uncompressed) file. */
export function makeZip(name = 'card.jpg', content: Buffer = makeJpeg(16, 16)): Buffer {
	const fileName = latin1(name);
	const sum = crc32(content);
	const common = Buffer.concat([u16le(20), u16le(0), u16le(0), u16le(0), u16le(0), u32le(sum), u32le(content.length), u32le(content.length), u16le(fileName.length), u16le(0)]);
	const local = Buffer.concat([latin1('PK\x03\x04'), common, fileName, content]);
	const central = Buffer.concat([latin1('PK\x01\x02'), u16le(20), common, u16le(0), u16le(0), u16le(0), u32le(0), u32le(0), fileName]);
	const end = Buffer.concat([latin1('PK\x05\x06'), u16le(0), u16le(0), u16le(1), u16le(1), u32le(central.length), u32le(local.length), u16le(0)]);
	return Buffer.concat([local, central, end]);
}

// ---------------------------------------------------------------- broken variants

/** The first n bytes, as a copy. */
export function truncate(bytes: Buffer, n: number): Buffer {
	return Buffer.from(bytes.subarray(0, n));
}

/** A copy with the byte at offset replaced by value (default: the byte's bits flipped). */
export function corrupt(bytes: Buffer, offset: number, value?: number): Buffer {
	const copy = Buffer.from(bytes);
	copy[offset] = value ?? copy[offset] ^ 0xff;
	return copy;
}

/** A copy with insert placed at offset. */
export function splice(bytes: Buffer, offset: number, insert: Buffer): Buffer {
	return Buffer.concat([bytes.subarray(0, offset), insert, bytes.subarray(offset)]);
}
