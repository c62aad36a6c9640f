import type { AdviceTable } from './advice';

/**
 * The failures about the image itself that Huawei's card APIs share (AIS.0102 format, AIS.0103
 * size, AIS.0105 recognition failed; the error codes appendix of the OCR API Reference,
 * https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0028.html), in words naming the
 * document: `document` as "the card" or "the ID card".
 */
export function cardImageAdvice(document: string): AdviceTable {
	return {
		'AIS.0102': {
			message: 'The image is not in a format Huawei OCR accepts',
			action: `Send a JPEG, PNG, BMP or TIFF image of ${document}.`,
		},
		'AIS.0103': {
			message: 'The image is too small or too large',
			action:
				'Each side must be between 15 and 8192 pixels and the file at most about 7 MB. Resize or compress the image.',
		},
		'AIS.0105': {
			message: 'Huawei OCR failed to recognise this image',
			action: `Try again; if it keeps failing, try a clearer photo of ${document}.`,
		},
	};
}
