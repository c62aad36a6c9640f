import type { ImageLimits } from './imageCheck';
import type { PhotoRules } from './itemPhotos';

/**
 * The image limits Huawei documents alike for its card APIs (bank card, ID card): JPEG, PNG,
 * BMP or TIFF, each side 15 to 8192 pixels, at most 10 MB of base64 text (the constraints on each
 * API's page of the OCR API Reference, https://support.huaweicloud.com/intl/en-us/api-ocr/).
 * `service` names the API as a sentence does: "bank card OCR".
 */
export function cardApiImageLimits(service: string): ImageLimits {
	return {
		service,
		accepted: `${service.charAt(0).toUpperCase()}${service.slice(1)} accepts JPEG, PNG, BMP or TIFF images.`,
		minSide: 15,
		maxSide: 8192,
		maxBase64Length: 10 * 1024 * 1024,
	};
}

/**
 * The limits, and the size below which a picture among several files is taken for a logo or an
 * icon rather than a card photo. Bank and ID cards are the same ID-1 size (85.60 x 53.98 mm, ISO/IEC
 * 7810): at 160 x 100 pixels a card's 16 to 19 digits are about 7 pixels wide, about the least a
 * reader can tell apart, while signature logos and social icons in emails are smaller. A file
 * named on its own is sent whatever its size, within Huawei's limits. `holds`: "a readable bank card".
 */
export function cardPhotoRules(limits: ImageLimits, holds: string): PhotoRules {
	return { limits, minimum: { shortSide: 100, longSide: 160, holds } };
}
