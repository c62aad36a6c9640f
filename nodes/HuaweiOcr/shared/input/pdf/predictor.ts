/**
 * Undoes the predictors FlateDecode data may carry (ISO 32000-1 §7.4.4.4, Table 8): TIFF
 * Predictor 2 (TIFF 6.0 §14) and the PNG filters (Predictor 10 to 15, PNG spec §9), where every
 * row starts with its own filter-type byte whatever the Predictor value says.
 */
import { PdfDamage } from './objects';

export interface PredictorParams {
	predictor: number;
	colors: number;
	bitsPerComponent: number;
	columns: number;
}

/** The rows' bytes without filter bytes, or the data as it is for Predictor 1. */
export function unpredict(data: Buffer, params: PredictorParams): Buffer {
	const { predictor, colors, bitsPerComponent, columns } = params;
	if (predictor === 1) return data;
	const rowSize = Math.ceil((colors * bitsPerComponent * columns) / 8);
	if (rowSize === 0) return Buffer.alloc(0);
	if (predictor === 2) return tiff(data, rowSize, params);
	if (predictor >= 10 && predictor <= 15) return png(data, rowSize, Math.max(1, Math.ceil((colors * bitsPerComponent) / 8)));
	throw new PdfDamage(`a stream names predictor ${predictor}, which does not exist`);
}

/** §9.2-9.4 of the PNG spec; a last row cut short is dropped. */
function png(data: Buffer, rowSize: number, bpp: number): Buffer {
	const rows = Math.floor(data.length / (rowSize + 1));
	const out = Buffer.alloc(rows * rowSize);
	for (let y = 0; y < rows; y++) {
		const type = data[y * (rowSize + 1)];
		const from = y * (rowSize + 1) + 1;
		const at = y * rowSize;
		const above = at - rowSize;
		for (let x = 0; x < rowSize; x++) {
			const raw = data[from + x];
			const left = x >= bpp ? out[at + x - bpp] : 0;
			const up = y > 0 ? out[above + x] : 0;
			let value: number;
			switch (type) {
				case 0:
					value = raw;
					break;
				case 1:
					value = raw + left;
					break;
				case 2:
					value = raw + up;
					break;
				case 3:
					value = raw + ((left + up) >> 1);
					break;
				case 4: {
					const upLeft = x >= bpp && y > 0 ? out[above + x - bpp] : 0;
					const p = left + up - upLeft;
					const pa = Math.abs(p - left);
					const pb = Math.abs(p - up);
					const pc = Math.abs(p - upLeft);
					value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
					break;
				}
				default:
					throw new PdfDamage(`a row of compressed data names PNG filter ${type}, which does not exist`);
			}
			out[at + x] = value & 0xff;
		}
	}
	return out;
}

/** TIFF 6.0 §14: each sample is stored as its difference from the same component one pixel left. */
function tiff(data: Buffer, rowSize: number, params: PredictorParams): Buffer {
	const { colors, bitsPerComponent: bits, columns } = params;
	const rows = Math.floor(data.length / rowSize);
	const out = Buffer.from(data.subarray(0, rows * rowSize));
	if (bits === 8) {
		for (let y = 0; y < rows; y++) {
			for (let x = colors; x < columns * colors; x++) out[y * rowSize + x] = (out[y * rowSize + x] + out[y * rowSize + x - colors]) & 0xff;
		}
		return out;
	}
	if (![1, 2, 4, 16].includes(bits)) throw new PdfDamage(`a stream has ${bits} bits per component, which TIFF prediction does not allow`);
	const max = 2 ** bits;
	for (let y = 0; y < rows; y++) {
		const rowBits = y * rowSize * 8;
		for (let sample = colors; sample < columns * colors; sample++) {
			const value = (readBits(out, rowBits + sample * bits, bits) + readBits(out, rowBits + (sample - colors) * bits, bits)) % max;
			writeBits(out, rowBits + sample * bits, bits, value);
		}
	}
	return out;
}

/** A big-endian field of 1, 2, 4 or 16 bits, which never straddles a byte unless it is 16 bits. */
function readBits(bytes: Buffer, bit: number, count: number): number {
	if (count === 16) return bytes.readUInt16BE(bit >> 3);
	return (bytes[bit >> 3] >> (8 - (bit & 7) - count)) & ((1 << count) - 1);
}

function writeBits(bytes: Buffer, bit: number, count: number, value: number): void {
	if (count === 16) {
		bytes.writeUInt16BE(value, bit >> 3);
		return;
	}
	const shift = 8 - (bit & 7) - count;
	const mask = ((1 << count) - 1) << shift;
	bytes[bit >> 3] = (bytes[bit >> 3] & ~mask) | (value << shift);
}
