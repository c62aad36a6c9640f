/**
 * What the stand-in answers for a photo it knows nothing about: no card the photo carries
 * (cardImage.ts), no documents (photoDocuments.ts), not a `cards` function's: a URL it does not
 * serve, a blank picture, a person's own photo.
 *
 * The test suites and the benchmark want a card for any photo (`'defaultCard'`, the default:
 * they send made-up images by the thousand and check the node's side). A person trying the node
 * by hand (dev mode) would take the default card for what OCR read in their photo, so there the
 * stand-in says plainly that it found none and why (`'noCard'`), in Huawei's own error shape
 * for "no card in this image" (AIS.0104, in RecognizeBankcard's API reference:
 * https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=OCR&api=RecognizeBankcard).
 */
import { huaweiError, type Answer } from './exchange';

export type UnknownPhotos = 'defaultCard' | 'noCard';

export const UNKNOWN_PHOTO_MESSAGE =
	'The image is not supported or its quality is poor: no bank card was found. This is the local Huawei stand-in, not Huawei: ' +
	'it knows only its own sample photos and photos tagged with a card (see test/server/README.md), and reads no other picture.';

/** The answer for a photo nothing decides: undefined means "the default card". */
export function unknownPhotoAnswer(mode: UnknownPhotos): Answer | undefined {
	return mode === 'noCard' ? huaweiError(400, 'AIS.0104', UNKNOWN_PHOTO_MESSAGE) : undefined;
}
