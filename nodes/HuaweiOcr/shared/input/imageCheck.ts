/**
 * Checks an image file before it is sent to a Huawei OCR API, which charges for a call and then
 * refuses a file it cannot use. Only the header is parsed; the pixels are never decoded. Which
 * formats, sides and sizes an API accepts is the caller's (each API documents its own limits).
 *
 * Every read is preceded by a bounds check: this runs on whatever bytes a workflow hands it,
 * and a throw or an endless loop would take the whole item down with an unreadable error.
 */
import { readBmp } from './imageHeaders/bmp';
import { damaged, type HeaderResult, type ImageInfo } from './imageHeaders/headerResult';
import { readJpeg } from './imageHeaders/jpeg';
import { readPng } from './imageHeaders/png';
import { readTiff } from './imageHeaders/tiff';
import { BIGTIFF, BMP, HTML, JPEG, PNG, TIFF, UNKNOWN, detectKind, type Kind } from './imageFormat';

export type { ImageFormat, ImageInfo } from './imageHeaders/headerResult';

/** What one OCR API accepts, in its own documentation's terms. */
export interface ImageLimits {
	/** The API as a sentence names it: "a format <service> cannot read". */
	service: string;
	/** A sentence listing the accepted formats, shown with every refusal. */
	accepted: string;
	minSide: number;
	maxSide: number;
	/** Largest base64 text of the file that the API takes. */
	maxBase64Length: number;
}

const MB = 1024 * 1024;

function notAccepted(found: Kind, limits: ImageLimits): { problem: string } {
	const accepted = limits.accepted;
	if (found === BIGTIFF) {
		return {
			problem: `The file is a BigTIFF image; BigTIFF is not supported. ${accepted} Save it as a regular TIFF, or as JPEG or PNG.`,
		};
	}
	if (found === UNKNOWN) {
		return { problem: `The file is not a recognised image: its content matches no known format. ${accepted}` };
	}
	if (found.image) {
		return { problem: `The file is ${found.phrase}, a format ${limits.service} cannot read. ${accepted} Convert it to one of these first.` };
	}
	const hint = found === HTML ? ' A web page often arrives instead of the picture when a download link needs a login or has expired.' : '';
	return { problem: `The file is ${found.phrase}, not an image. ${accepted}${hint}` };
}

/**
 * The header reader of an accepted format, or undefined for any other. It may throw on a mistake
 * in a reader: readImageInfo catches that, the fuzzer (scripts/fuzz) counts it.
 */
export function readHeader(kind: Kind, bytes: Buffer): HeaderResult | undefined {
	if (kind === JPEG) return readJpeg(bytes);
	if (kind === PNG) return readPng(bytes);
	if (kind === BMP) return readBmp(bytes);
	if (kind === TIFF) return readTiff(bytes);
	return undefined;
}

/**
 * Parses the header. Returns the format and size, or a sentence in plain words saying what the
 * file is and what is accepted, or that it is cut off or damaged. Never throws.
 */
export function readImageInfo(bytes: Buffer, limits: ImageLimits): ImageInfo | { problem: string } {
	if (bytes.length === 0) return { problem: 'The file is empty (0 bytes).' };
	const found = detectKind(bytes);
	try {
		const header = readHeader(found, bytes);
		if (header) return header;
	} catch {
		// Unreachable when the readers' bounds checks are right (the tests feed mutated files to
		// prove it); kept so a mistake yields a sentence rather than a crash of the item.
		return damaged(found.name, 'its header could not be read');
	}
	return notAccepted(found, limits);
}

/** 4 * ceil(n / 3): the length of the padded base64 text of n bytes (RFC 4648 §4). */
export function base64Length(byteLength: number): number {
	return 4 * Math.ceil(byteLength / 3);
}

function megabytes(count: number): string {
	const text = (count / MB).toFixed(1);
	return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/**
 * Combines the format, dimension and size checks: returns the image's format and size when the
 * API should accept it, or a sentence giving the actual dimensions or size and the limit.
 */
export function checkImage(bytes: Buffer, limits: ImageLimits): { info: ImageInfo } | { problem: string } {
	const read = readImageInfo(bytes, limits);
	if ('problem' in read) return read;
	const { width, height } = read;
	const { minSide, maxSide, maxBase64Length } = limits;
	const fits = (side: number) => side >= minSide && side <= maxSide;
	if (!fits(width) || !fits(height)) {
		return {
			problem: `The image is ${width} x ${height} pixels; each side must be between ${minSide} and ${maxSide} pixels.`,
		};
	}
	const encoded = base64Length(bytes.length);
	if (encoded > maxBase64Length) {
		const limit = megabytes(maxBase64Length);
		// Rounded to one decimal, 10.04 MB would read "10.0 MB", which seems within "at most 10 MB".
		const shown = (encoded / MB).toFixed(1);
		const encodedText = Number(shown) > maxBase64Length / MB ? `${shown} MB` : `just over ${limit} MB`;
		return {
			problem:
				`The image is ${(bytes.length / MB).toFixed(1)} MB (${encodedText} once encoded for upload); ` +
				`Huawei accepts at most ${limit} MB encoded, about ${megabytes((maxBase64Length * 3) / 4)} MB of file. ` +
				'Compress or resize it.',
		};
	}
	return { info: read };
}
