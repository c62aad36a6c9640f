/**
 * Placeholder for the PDF scan reader being written on the `pdf` branch (issue 10), with its
 * interface, so the file handling can be wired and tested; replaced when that branch is merged.
 */
export interface PdfPhoto {
	page: number;
	bytes: Buffer;
	format: 'jpeg' | 'png';
	width: number;
	height: number;
}

export interface PdfSkippedPage {
	page: number;
	reason: string;
}

export interface PdfPhotos {
	pages: number;
	photos: PdfPhoto[];
	skippedPages: PdfSkippedPage[];
	unreadPages?: { first: number; last: number; reason: string };
}

export function readPdfPhotos(_bytes: Buffer): PdfPhotos | { problem: string } {
	return { problem: 'The file is a PDF document; reading PDF scans is not available yet.' };
}
