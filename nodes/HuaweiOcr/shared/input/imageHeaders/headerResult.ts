/** What a header reader returns: the picture's format and size, or why it cannot be read. */
export type ImageFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';

export interface ImageInfo {
	format: ImageFormat;
	width: number;
	height: number;
}

export type HeaderResult = ImageInfo | { problem: string };

export function cutBeforeSize(format: string): { problem: string } {
	return { problem: `The ${format} file is cut off or damaged: its header ends before the image size.` };
}

export function cutAfterSize(format: string): { problem: string } {
	return { problem: `The ${format} file is cut off or damaged: it ends before the end of its image data.` };
}

export function damaged(format: string, why: string, fix?: string): { problem: string } {
	return { problem: `The ${format} file is damaged: ${why}.${fix ? ` ${fix}` : ''}` };
}

/**
 * A variant of the format that neither ImageMagick nor Pillow decodes: sending it would pay for
 * an OCR call that fails. `what` completes "The BMP file ...".
 */
export function rareVariant(format: string, what: string, fix: string): { problem: string } {
	return { problem: `The ${format} file ${what}, a kind of ${format} that common image programs cannot open. ${fix}` };
}

export const ZERO_SIZE = 'it states a width or height of 0 pixels';
