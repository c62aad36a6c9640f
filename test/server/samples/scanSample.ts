/**
 * The PDF scan sample of dev mode: one page holding a greyscale scan of a card, as office
 * scanners and phone scanning apps send one. The scan is a JPEG (greyJpeg.ts) that carries the
 * card's answer for the stand-in (cardImage.ts); the node takes it out of the PDF unchanged.
 */
import { jpegImage, pagesPdf } from '../../helpers/pdf';
import { withCard } from '../cardImage';
import { paintCardCanvas, PICTURE_HEIGHT, PICTURE_WIDTH } from './cardPicture';
import { greyJpeg } from './greyJpeg';
import type { Sample } from './samples';

/** JPEG pixels per painted pixel: fine enough for the digits to read in the mosaic. */
const SCAN_SCALE = 2;
export const SCAN_WIDTH = PICTURE_WIDTH * SCAN_SCALE;
export const SCAN_HEIGHT = PICTURE_HEIGHT * SCAN_SCALE;

/** The scanned JPEG, carrying the sample's card. */
export function scanJpeg(sample: Sample): Buffer {
	return withCard(greyJpeg(paintCardCanvas(sample.picture), SCAN_SCALE), sample.card);
}

/** A one-page PDF (US Letter, 612 x 792 points) with the scan across its upper half. */
export function scanPdf(scan: Buffer): Buffer {
	const width = 540;
	const height = Math.round((width * SCAN_HEIGHT) / SCAN_WIDTH);
	return pagesPdf([{ images: [jpegImage(scan, SCAN_WIDTH, SCAN_HEIGHT)], content: `q ${width} 0 0 ${height} 36 ${756 - height} cm /Im0 Do Q` }]);
}
