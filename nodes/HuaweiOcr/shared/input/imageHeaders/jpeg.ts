import { cutBeforeSize, cutAfterSize, damaged, ZERO_SIZE, type HeaderResult } from './headerResult';

function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

const EOI = Buffer.from([0xff, 0xd9]);

export function readJpeg(bytes: Buffer): HeaderResult {
	const length = bytes.length;
	let size: { width: number; height: number } | undefined;
	let pos = 2;
	// Every pass advances pos by at least one byte, so the walk ends within bytes.length passes.
	while (pos < length) {
		if (bytes[pos] !== 0xff) {
			// libjpeg's next_marker() skips stray bytes between segments with only a warning, and
			// Huawei decodes such files, so they are skipped here too rather than refused.
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
			return size ? damaged('JPEG', 'it ends before any image data') : damaged('JPEG', 'it has no image size in its header');
		}
		if (pos + 2 > length) return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
		// B.1.1.4: the two length bytes count themselves, so less than 2 cannot be.
		const segmentLength = bytes.readUInt16BE(pos);
		if (segmentLength < 2) return damaged('JPEG', 'a header section has an impossible length');
		const segmentEnd = pos + segmentLength;
		if (segmentEnd > length) return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
		if (!size && isStartOfFrame(marker)) {
			// B.2.2: Lf, P, Y, X, Nf, then three bytes per component, so Lf = 8 + 3 * Nf.
			const components = segmentLength >= 8 ? bytes[pos + 7] : 0;
			if (components === 0 || segmentLength !== 8 + 3 * components) {
				return damaged('JPEG', 'its image size section is malformed');
			}
			size = { height: bytes.readUInt16BE(pos + 3), width: bytes.readUInt16BE(pos + 5) };
			// A height of 0 defers to a DNL marker after the first scan (B.2.5), which decoders
			// in practice do not support.
			if (size.width === 0 || size.height === 0) return damaged('JPEG', ZERO_SIZE);
		}
		if (marker === 0xda) {
			if (!size) return damaged('JPEG', 'its image data starts before its image size');
			// Entropy-coded data cannot contain FF D9: an FF data byte is followed by 00 (B.1.1.5)
			// and only RST markers may interrupt it, so the first FF D9 after SOS is the EOI.
			// Without it the file was cut off somewhere in the pixels.
			if (bytes.indexOf(EOI, segmentEnd) === -1) return cutAfterSize('JPEG');
			return { format: 'jpeg', width: size.width, height: size.height };
		}
		pos = segmentEnd;
	}
	return size ? cutAfterSize('JPEG') : cutBeforeSize('JPEG');
}

