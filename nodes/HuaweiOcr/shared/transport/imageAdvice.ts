import type { ImageLimits } from '../input/imageCheck';
import type { Advice, AdviceTable } from './advice';

/**
 * The failures about the image itself that Huawei's card APIs share (AIS.0102 format, AIS.0103
 * size, AIS.0105 recognition failed; the error codes appendix of the OCR API Reference,
 * https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0028.html), in words naming the
 * document: `document` as "the card" or "the ID card"; AIS.0103 from the API's `limits`.
 */
export function cardImageAdvice(document: string, limits: ImageLimits): AdviceTable {
	return {
		'AIS.0102': {
			message: 'The image is not in a format Huawei OCR accepts',
			action: `Send a JPEG, PNG, BMP or TIFF image of ${document}.`,
		},
		'AIS.0103': imageSizeAdvice(limits),
		'AIS.0105': {
			message: 'Huawei OCR failed to recognise this image',
			action: `Try again; if it keeps failing, try a clearer photo of ${document}.`,
		},
	};
}

/**
 * AIS.0103, an image outside the API's limits: its sides, and the file size that its limit on
 * the base64 text allows (3 bytes for every 4 characters), in whole megabytes.
 */
export function imageSizeAdvice(limits: Pick<ImageLimits, 'minSide' | 'maxSide' | 'maxBase64Length'>): Advice {
	const megabytes = Math.floor((limits.maxBase64Length * 3) / 4 / (1024 * 1024));
	return {
		message: 'The image is too small or too large',
		action: `Each side must be between ${limits.minSide} and ${limits.maxSide} pixels and the file at most about ${megabytes} MB. Resize or compress the image.`,
	};
}
