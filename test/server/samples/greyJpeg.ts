/**
 * A greyscale baseline JPEG (ITU-T T.81) of painted pixels, as a scanner's PDF holds one: only
 * the mean of every 8 x 8 block is coded (its DC coefficient, with the luminance DC table of
 * Annex K.3; every AC coefficient zero, one end-of-block code), so the picture is a mosaic of
 * 8-pixel squares that any decoder reads. `scale` pixels of JPEG per painted pixel make the
 * squares finer than the painting's own detail would allow at 1.
 *
 * Why a JPEG at all: a PDF's DCTDecode image is a JPEG file as it is (ISO 32000-1 §7.4.8), so
 * the node sends it to Huawei byte for byte and the card it carries (cardImage.ts, a COM segment)
 * reaches the stand-in; a Flate image would be re-encoded, without the tag.
 */
import type { Canvas } from './canvas';

/** Annex K.3, Table K.3: code lengths 1..16 of the luminance DC differences, and the categories. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** An AC table of one 1-bit code: end of block (0x00). */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0x00];

/** Canonical Huffman codes (Annex C): symbol -> [code, length]. */
function huffmanCodes(bits: number[], values: number[]): Map<number, [number, number]> {
	const codes = new Map<number, [number, number]>();
	let code = 0;
	let k = 0;
	for (let length = 1; length <= 16; length++) {
		for (let i = 0; i < bits[length - 1]; i++) codes.set(values[k++], [code++, length]);
		code <<= 1;
	}
	return codes;
}

class BitWriter {
	private readonly bytes: number[] = [];
	private current = 0;
	private count = 0;

	write(value: number, length: number): void {
		for (let bit = length - 1; bit >= 0; bit--) {
			this.current = (this.current << 1) | ((value >> bit) & 1);
			if (++this.count === 8) this.flushByte();
		}
	}

	/** Pads the last byte with 1 bits (F.1.2.3); a 0xFF data byte is followed by 0x00 (B.1.1.5). */
	finish(): Buffer {
		if (this.count > 0) this.write(0xff, 8 - this.count);
		return Buffer.from(this.bytes);
	}

	private flushByte(): void {
		this.bytes.push(this.current);
		if (this.current === 0xff) this.bytes.push(0x00);
		this.current = 0;
		this.count = 0;
	}
}

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const segment = (marker: number, payload: number[]) => Buffer.from([0xff, marker, ...u16(payload.length + 2), ...payload]);

/** The canvas, `scale` times its size, as a greyscale JPEG. */
export function greyJpeg(canvas: Canvas, scale: number): Buffer {
	const width = canvas.width * scale;
	const height = canvas.height * scale;
	const grey = (x: number, y: number) => {
		const at = (Math.min(canvas.height - 1, Math.floor(y / scale)) * canvas.width + Math.min(canvas.width - 1, Math.floor(x / scale))) * 3;
		const [r, g, b] = canvas.pixels.subarray(at, at + 3);
		return 0.299 * r + 0.587 * g + 0.114 * b;
	};
	const dc = huffmanCodes(DC_BITS, DC_VALUES);
	const [eob, eobLength] = huffmanCodes(AC_BITS, AC_VALUES).get(0)!;
	const out = new BitWriter();
	let previous = 0;
	for (let top = 0; top < height; top += 8) {
		for (let left = 0; left < width; left += 8) {
			let sum = 0;
			for (let y = top; y < top + 8; y++) for (let x = left; x < left + 8; x++) sum += grey(Math.min(x, width - 1), Math.min(y, height - 1));
			// With every quantiser 1, the DC coefficient is the block's sum of (pixel - 128) over 8.
			const coefficient = Math.round(sum / 8 - 1024);
			const difference = coefficient - previous;
			previous = coefficient;
			const category = difference === 0 ? 0 : Math.floor(Math.log2(Math.abs(difference))) + 1;
			const [code, length] = dc.get(category)!;
			out.write(code, length);
			// F.1.2.1.1: a negative difference is written as its value minus 1, in `category` bits.
			if (category > 0) out.write(difference >= 0 ? difference : difference + (1 << category) - 1, category);
			out.write(eob, eobLength);
		}
	}
	const table = (tableClass: number, bits: number[], values: number[]) => [(tableClass << 4) | 0, ...bits, ...values];
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, [...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
		segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
		segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]),
		segment(0xc4, [...table(0, DC_BITS, DC_VALUES), ...table(1, AC_BITS, AC_VALUES)]),
		segment(0xda, [1, 1, 0x00, 0, 63, 0]),
		out.finish(),
		Buffer.from([0xff, 0xd9]),
	]);
}
