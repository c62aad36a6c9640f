import { cutBeforeSize, cutAfterSize, damaged, rareVariant, ZERO_SIZE, type HeaderResult } from './headerResult';
import { scanHeader, segmentProblem, type Frame } from './jpegSegments';

// ITU-T T.81 Table B.1: start-of-frame markers (C4 DHT, C8 JPG and CC DAC are not frames).
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

// Lossless (SOF3, SOF11) and hierarchical (SOF5-7, SOF13-15, and DHP, B.3.2) processes: libjpeg,
// behind ImageMagick and Pillow, stops on them with "Unsupported JPEG process". Arithmetic-coded
// sequential and progressive frames (SOF9, SOF10) it reads, so they are taken.
const LOSSLESS = [0xc3, 0xcb];
const HIERARCHICAL = [0xc5, 0xc6, 0xc7, 0xcd, 0xce, 0xcf, 0xde];
const PROGRESSIVE = [0xc2, 0xca];
const RESAVE = 'Save it again as a regular JPEG or as PNG.';
const MALFORMED_FIX = 'Send the original photo again, or save it again as JPEG or PNG.';

const EOI = Buffer.from([0xff, 0xd9]);

/** APPn (T.81 B.2.4.6) and COM (B.2.4.5): sections a decoder skips over, whatever they hold. */
function isSkippable(marker: number): boolean {
	return (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
}

export function readJpeg(bytes: Buffer): HeaderResult {
	const length = bytes.length;
	let size: { width: number; height: number } | undefined;
	let frame: Frame = { progressive: false, components: [] };
	let scans = 0;
	let pos = 2;
	// Every pass advances pos by at least one byte, so the walk ends within bytes.length passes.
	while (pos < length) {
		if (bytes[pos] !== 0xff) {
			// libjpeg's next_marker() skips stray bytes between segments with only a warning, and
			// Huawei decodes such files, so they are skipped here too rather than refused. Between
			// the scans of a progressive file this also steps through the entropy-coded data.
			pos++;
			continue;
		}
		// T.81 B.1.1.2: any marker may be preceded by any number of FF fill bytes.
		while (pos < length && bytes[pos] === 0xff) pos++;
		if (pos >= length) break;
		const marker = bytes[pos];
		pos++;
		// FF 00 is a stuffed byte (B.1.1.5), not a marker; outside a scan it is just a stray byte.
		if (marker === 0x00) continue;
		// T.81 B.1.1.4 and Table B.1: TEM (01) and RST0..7 (D0..D7) stand alone, with no length.
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
		if (marker === 0xd8) return damaged('JPEG', 'it contains a second start-of-image marker');
		if (marker === 0xd9) {
			if (scans > 0 && size) return { format: 'jpeg', width: size.width, height: size.height };
			return size ? damaged('JPEG', 'it ends before any image data') : damaged('JPEG', 'it has no image size in its header');
		}
		if (pos + 2 > length) return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
		// B.1.1.4: the two length bytes count themselves, so less than 2 cannot be.
		const segmentLength = bytes.readUInt16BE(pos);
		if (segmentLength < 2) {
			// libjpeg skips an APPn or COM section this short with the length bytes alone (its
			// skip_variable reads nothing more), so decoders read on; anywhere else it is an error.
			if (isSkippable(marker)) {
				pos += 2;
				continue;
			}
			return damaged('JPEG', 'a header section has an impossible length');
		}
		const segmentEnd = pos + segmentLength;
		// Past a progressive file's first scan (whose EOI was found), a section running off the
		// end is where libjpeg stops reading with a warning and shows the scans it has.
		if (segmentEnd > length && scans > 0 && size) return { format: 'jpeg', width: size.width, height: size.height };
		if (segmentEnd > length) return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
		if (LOSSLESS.includes(marker)) return rareVariant('JPEG', 'uses lossless JPEG compression', RESAVE);
		if (HIERARCHICAL.includes(marker)) return rareVariant('JPEG', 'uses hierarchical JPEG compression', RESAVE);
		if (marker === 0xda && !size) return damaged('JPEG', 'its image data starts before its image size');
		const data = bytes.subarray(pos + 2, segmentEnd);
		const malformed = marker === 0xda ? scanHeader(data, frame) : segmentProblem(marker, data);
		if (malformed) return damaged('JPEG', malformed, MALFORMED_FIX);
		if (!size && isStartOfFrame(marker)) {
			// B.2.2: Lf, P, Y, X, Nf, then three bytes per component, so Lf = 8 + 3 * Nf.
			const components = segmentLength >= 8 ? bytes[pos + 7] : 0;
			if (components === 0 || segmentLength !== 8 + 3 * components) {
				return damaged('JPEG', 'its image size section is malformed');
			}
			size = { height: bytes.readUInt16BE(pos + 3), width: bytes.readUInt16BE(pos + 5) };
			const ids = Array.from({ length: components }, (_, i) => bytes[pos + 8 + 3 * i]);
			frame = { progressive: PROGRESSIVE.includes(marker), components: ids };
			// A height of 0 defers to a DNL marker after the first scan (B.2.5), which decoders
			// in practice do not support.
			if (size.width === 0 || size.height === 0) return damaged('JPEG', ZERO_SIZE);
		}
		if (marker === 0xda && size) {
			// Entropy-coded data cannot contain FF D9: an FF data byte is followed by 00 (B.1.1.5)
			// and only RST markers may interrupt it, so the first FF D9 after SOS is the EOI.
			// Without it the file was cut off somewhere in the pixels. Looked for once: a file of
			// many scans would otherwise be searched to its end once per scan.
			if (scans === 0 && bytes.indexOf(EOI, segmentEnd) === -1) return cutAfterSize('JPEG');
			scans++;
			// A sequential file is whole from here. A progressive one is decoded only once every
			// scan is read (G.1.2), so libjpeg also stops on a malformed later scan: walk on to EOI.
			if (!frame.progressive) return { format: 'jpeg', width: size.width, height: size.height };
		}
		pos = segmentEnd;
	}
	return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
}
