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

export function damaged(format: string, why: string): { problem: string } {
	return { problem: `The ${format} file is damaged: ${why}.` };
}

export const ZERO_SIZE = 'it states a width or height of 0 pixels';
