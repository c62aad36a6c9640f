/**
 * Reads the photos out of a scanned PDF, so a scanner's or phone app's PDF can go to Huawei
 * OCR, which takes only JPEG, PNG, BMP and TIFF. Each page gives at most one photo (its largest
 * picture), in page order, up to limits.maxPhotos; pages past that are reported as not read.
 * Anything else - an encrypted, damaged or text-only file, a picture in a format Huawei does not
 * take - comes back as a sentence a person can act on. Never throws; see limits.ts for the bounds.
 */
import { PdfDocument } from './document';
import { pageImages, type PageImage } from './images';
import { DEFAULT_LIMITS, type PdfLimits } from './limits';
import { PdfDamage, PdfLimit, settle } from './objects';
import { listPages, type Page } from './pages';
import { imagePhoto, type PdfPhoto } from './photo';

export type { PdfPhoto } from './photo';
export type { PdfLimits } from './limits';
export { DEFAULT_LIMITS } from './limits';

type SkipKind = 'noPicture' | 'small' | 'format' | 'colour' | 'damaged' | 'tooLarge';

export interface PdfSkippedPage {
	page: number;
	/** One sentence, e.g. "Page 2 has no picture, only text or drawings." */
	reason: string;
}

export interface PdfPhotos {
	/** Pages in the file. */
	pages: number;
	/** At most one per page, in page order. */
	photos: PdfPhoto[];
	/** Pages read that gave no photo, with the reason. */
	skippedPages: PdfSkippedPage[];
	/** Pages after the photo limit, which were not read at all. */
	unreadPages?: { first: number; last: number; reason: string };
}

/** Only a mistake in this reader leads here; tests check that no input does. */
export const UNREADABLE = 'The PDF could not be read: its structure is not one this reader understands.';
const SAVE_AGAIN = 'Open it in a PDF viewer and save or print it to a new PDF, or export the scan as a JPEG image.';
const EXPORT_JPEG = 'Export the scan as a JPEG or PNG image instead.';

const FIX: Record<SkipKind, string> = {
	noPicture: 'Huawei OCR reads photos and scans: send the photo or scan as a JPEG or PNG image, or as a PDF made by a scanner or scanning app.',
	small: 'Send a photo or scan in which the card or document fills most of the picture.',
	format: 'Export the scan as a JPEG or PNG image, or set the scanner app to save PDFs with JPEG compression.',
	colour: EXPORT_JPEG,
	damaged: SAVE_AGAIN,
	tooLarge: EXPORT_JPEG,
};

interface Skip {
	page: number;
	kind: SkipKind;
	/** Completes "Page 3 ...". */
	clause: string;
}

/** The largest picture on the page (by pixel area): on a scanned page that is the scan. */
function largest(images: PageImage[]): PageImage | undefined {
	let best: PageImage | undefined;
	for (const image of images) if (!best || image.width * image.height > best.width * best.height) best = image;
	return best;
}

/** A page, or one of its pictures, that damage keeps from being read. */
function damagedPage(page: Page, damage: PdfDamage): Skip {
	return { page: page.number, kind: 'damaged', clause: `cannot be read: ${damage.reason}` };
}

function readPage(doc: PdfDocument, page: Page): PdfPhoto | Skip {
	const read = settle(() => photoOf(doc, page));
	if (read.ok) return read.value;
	const { error } = read;
	if (error instanceof PdfDamage) return damagedPage(page, error);
	if (error instanceof PdfLimit) return { page: page.number, kind: 'tooLarge', clause: `cannot be read: ${error.reason}` };
	throw error;
}

function photoOf(doc: PdfDocument, page: Page): PdfPhoto | Skip {
	const images = pageImages(doc, page);
	if (images.length === 0) return { page: page.number, kind: 'noPicture', clause: 'has no picture, only text or drawings' };
	// Thin rules and tiny icons are left out first, so a long line never outranks the photo.
	const { minSide } = doc.limits;
	const image = largest(images.filter((candidate) => candidate.width >= minSide && candidate.height >= minSide));
	if (!image) {
		const biggest = largest(images) as PageImage;
		return {
			page: page.number,
			kind: 'small',
			clause: `has only small pictures such as logos (the largest is ${biggest.width} x ${biggest.height} pixels; a photo needs at least ${minSide} on each side)`,
		};
	}
	// A damaged picture gives way to a whole one of the same size beside it (github.com/qpdf/qpdf
	// qpdf/qtest/qpdf/damaged-inline-image.pdf: the same picture twice, the first copy damaged).
	const sameSize = images.filter((other) => other !== image && other.width === image.width && other.height === image.height);
	let first: Skip | undefined;
	for (const candidate of [image, ...sameSize]) {
		const read = attempt(doc, page, candidate);
		if ('bytes' in read) return read;
		first ??= read;
		if (read.kind !== 'damaged') break;
	}
	return first as Skip;
}

function attempt(doc: PdfDocument, page: Page, image: PageImage): PdfPhoto | Skip {
	const outcome = settle(() => imagePhoto(doc, image));
	if (!outcome.ok) {
		if (outcome.error instanceof PdfDamage) return damagedPage(page, outcome.error);
		throw outcome.error;
	}
	const value = outcome.value;
	if ('photo' in value) return { page: page.number, ...value.photo };
	return { page: page.number, kind: value.kind, clause: value.reason };
}

function sentence(skip: Skip): string {
	return `Page ${skip.page} ${skip.clause}.`;
}

/** The fix to offer when pages failed for several reasons: the most specific one first. */
const FIX_ORDER: SkipKind[] = ['format', 'colour', 'damaged', 'tooLarge', 'small', 'noPicture'];

/** Why no photo came out: the pages' reasons (at most three) and the fix for the most specific. */
function noPhoto(pages: number, skips: Skip[]): { problem: string } {
	const listed = skips.slice(0, 3).map(sentence).join(' ');
	const more = skips.length > 3 ? ` ${skips.length - 3} more pages likewise.` : '';
	const allText = skips.every((skip) => skip.kind === 'noPicture');
	const what = allText
		? `The PDF has no photo in it: its ${pages === 1 ? 'page holds' : `${pages} pages hold`} only text or drawings.`
		: `The PDF has no photo Huawei OCR can read. ${listed}${more}`;
	const kind = FIX_ORDER.find((k) => skips.some((skip) => skip.kind === k)) as SkipKind;
	return { problem: `${what} ${FIX[kind]}` };
}

function readDocument(bytes: Buffer, limits: PdfLimits): PdfPhotos | { problem: string } {
	const doc = new PdfDocument(bytes, limits);
	// §7.6: with /Encrypt in the trailer every string and stream is encrypted, the pictures too.
	if (doc.trailer.has('Encrypt')) {
		return {
			problem:
				'The PDF is password-protected (encrypted), so the scan inside cannot be read. ' +
				'Remove the protection (open it and save a copy without a password), or export the scan as a JPEG image.',
		};
	}
	const pages = listPages(doc, doc.catalog());
	if (pages.length === 0) return { problem: `The PDF has no pages (its page list is missing or empty). ${SAVE_AGAIN}` };
	const photos: PdfPhoto[] = [];
	const skips: Skip[] = [];
	let unreadPages: PdfPhotos['unreadPages'];
	for (const page of pages) {
		if (photos.length >= limits.maxPhotos) {
			unreadPages = {
				first: page.number,
				last: pages.length,
				reason: `At most ${limits.maxPhotos} photos are read from one PDF, so ${page.number === pages.length ? `page ${page.number} was` : `pages ${page.number} to ${pages.length} were`} not read.`,
			};
			break;
		}
		const read = readPage(doc, page);
		if ('bytes' in read) photos.push(read);
		else skips.push(read);
	}
	if (photos.length === 0) return noPhoto(pages.length, skips);
	const result: PdfPhotos = { pages: pages.length, photos, skippedPages: skips.map((skip) => ({ page: skip.page, reason: sentence(skip) })) };
	if (unreadPages) result.unreadPages = unreadPages;
	return result;
}

/** ISO 32000-1 §7.5.2: the header "%PDF-"; readers accept it a little way into the file. */
const HEADER_WINDOW = 1024;

export function readPdfPhotos(bytes: Buffer, limits: Partial<PdfLimits> = {}): PdfPhotos | { problem: string } {
	const header = bytes.subarray(0, HEADER_WINDOW + 5).indexOf('%PDF-', 0, 'latin1');
	if (header < 0) return { problem: 'The file is not a PDF: it does not start with "%PDF-".' };
	// At least one photo: a limit of none would leave every file without a photo and no reason.
	const merged = { ...DEFAULT_LIMITS, ...limits, maxPhotos: Math.max(1, limits.maxPhotos ?? DEFAULT_LIMITS.maxPhotos) };
	const read = settle(() => readDocument(bytes, merged));
	if (read.ok) return read.value;
	const { error } = read;
	if (error instanceof PdfDamage) return { problem: `The PDF is damaged: ${error.reason}. ${SAVE_AGAIN}` };
	if (error instanceof PdfLimit) return { problem: `The PDF is too large or too complex to read: ${error.reason}. ${EXPORT_JPEG}` };
	// A mistake in this reader, not in the file: still a sentence rather than a crash.
	return { problem: `${UNREADABLE} ${SAVE_AGAIN}` };
}
