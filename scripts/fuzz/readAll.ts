/**
 * Runs every file reader on one input the way the node does, except that the image header
 * readers are called without imageCheck's last-resort catch (readHeader, not readImageInfo): a throw there, or the PDF reader's
 * last-resort sentence, is a mistake in a reader, and the fuzzer counts it as a crash.
 */
import { readHeader } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { detectKind } from '../../nodes/HuaweiOcr/shared/input/imageFormat';
import { readPng } from '../../nodes/HuaweiOcr/shared/input/imageHeaders/png';
import { readPdfPhotos, UNREADABLE } from '../../nodes/HuaweiOcr/shared/input/pdf/readPdf';

/** What the readers made of the input: "JPEG read", "PNG refused", "PDF photos", ... */
export function readAll(bytes: Buffer): string {
	const kind = detectKind(bytes);
	const header = readHeader(kind, bytes);
	// Every input goes to the PDF reader too: it looks for "%PDF-" within the first kilobyte.
	const pdf = readPdfPhotos(bytes);
	if ('problem' in pdf && pdf.problem.startsWith(UNREADABLE)) throw new Error(`the PDF reader's last resort: ${pdf.problem}`);
	for (const photo of 'photos' in pdf ? pdf.photos : []) {
		// A photo the PDF reader wrote itself must read back through the header checks.
		if (photo.format === 'png' && !('width' in readPng(photo.bytes))) throw new Error(`page ${photo.page}: the PNG written is unreadable`);
	}
	if (header) return `${kind.name} ${'problem' in header ? 'refused' : 'read'}`;
	if (kind.name === 'PDF') return `PDF ${'problem' in pdf ? 'refused' : 'photos'}`;
	return 'other format';
}
