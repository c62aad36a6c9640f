/**
 * What one file gives to send to an OCR API (pure): the file itself when it is an image the API
 * takes, the page photos of a scanned PDF, or a sentence saying why it gives nothing. Nothing
 * here costs a call: the bytes are checked before anything is sent.
 */
import { checkImage, type ImageInfo, type ImageLimits } from './imageCheck';
import { detectKind, PDF } from './imageFormat';
import { readPdfPhotos } from './pdf/readPdf';

/**
 * Below this size a picture cannot hold a readable document, whatever the API accepts: applied
 * when the node picks photos out of several files (an email's signature logo, a social icon).
 */
export interface PhotoMinimum {
	/** Pixels on the shorter side. */
	shortSide: number;
	/** Pixels on the longer side. */
	longSide: number;
	/** Completes "too small to hold ...": "a readable bank card". */
	holds: string;
}

export interface FilePhoto {
	bytes: Buffer;
	/** 1-based, when the photo is a page of a PDF. */
	page?: number;
}

export interface FilePhotos {
	photos: FilePhoto[];
	/** Parts of the file that gave no photo (pages of a PDF), one sentence each. */
	notes: string[];
}

function belowMinimum(info: ImageInfo, minimum: PhotoMinimum): string | undefined {
	const short = Math.min(info.width, info.height);
	const long = Math.max(info.width, info.height);
	if (short >= minimum.shortSide && long >= minimum.longSide) return undefined;
	return (
		`The image is ${info.width} x ${info.height} pixels, too small to hold ${minimum.holds} ` +
		`(at least ${minimum.longSide} x ${minimum.shortSide} pixels, either way round): probably a logo or an icon.`
	);
}

/** The image checked against the API's limits and, when given, the minimum: undefined when it may be sent. */
function imageProblem(bytes: Buffer, limits: ImageLimits, minimum: PhotoMinimum | undefined): string | undefined {
	const checked = checkImage(bytes, limits);
	if ('problem' in checked) return checked.problem;
	return minimum ? belowMinimum(checked.info, minimum) : undefined;
}

function pdfPhotos(bytes: Buffer, limits: ImageLimits, minimum: PhotoMinimum | undefined): FilePhotos | { problem: string } {
	const read = readPdfPhotos(bytes);
	if ('problem' in read) return read;
	const photos: FilePhoto[] = [];
	const notes = read.skippedPages.map((skipped) => skipped.reason);
	for (const photo of read.photos) {
		const problem = imageProblem(photo.bytes, limits, minimum);
		if (problem) notes.push(`Page ${photo.page}: ${problem}`);
		else photos.push({ bytes: photo.bytes, page: photo.page });
	}
	if (read.unreadPages) notes.push(read.unreadPages.reason);
	if (photos.length === 0) return { problem: `The PDF has no page photo that can be sent. ${notes.join(' ')}` };
	return { photos, notes };
}

/**
 * The photos a file gives, or why it gives none. A PDF gives one photo per page that has one (as
 * readPdfPhotos decides, in page order); any other file gives itself or nothing.
 */
export function photosOfFile(bytes: Buffer, limits: ImageLimits, minimum?: PhotoMinimum): FilePhotos | { problem: string } {
	if (detectKind(bytes) === PDF) return pdfPhotos(bytes, limits, minimum);
	const problem = imageProblem(bytes, limits, minimum);
	return problem ? { problem } : { photos: [{ bytes }], notes: [] };
}
