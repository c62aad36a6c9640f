/**
 * The bounds that keep reading any PDF finite in time and memory, whatever its bytes say.
 * Real scans stay far inside them; a file beyond one gets a sentence, never a hang.
 */
export interface PdfLimits {
	/** Photos taken from one PDF, one per page in page order: each becomes a paid OCR call. */
	maxPhotos: number;
	/** Pages the page tree may have; past this the file is refused as too complex. */
	maxPages: number;
	/** Objects the cross-reference data may list. */
	maxObjects: number;
	/** Bytes one stream may expand to when decompressed. */
	maxStreamBytes: number;
	/** Bytes all decompressed streams of the file may add up to. */
	maxTotalBytes: number;
	/** Form XObjects drawn inside one another that are searched for the page's photo (ISO 32000-1 §8.10). */
	maxFormDepth: number;
	/** Bytes the parser may scan, beyond this many times the file's size (see maxWorkBase). */
	maxWorkFactor: number;
	maxWorkBase: number;
	/** Pictures with a side shorter than this are logos or rules, not photos (Huawei's minimum side). */
	minSide: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: PdfLimits = {
	maxPhotos: 10,
	maxPages: 10000,
	maxObjects: 1000000,
	// An 8192 x 8192 RGB image, Huawei's largest side, is 192 MiB of pixels. Decoding a picture
	// is needed only when it is not a JPEG or predicted Flate data; 64 MiB bounds that work.
	maxStreamBytes: 64 * MB,
	maxTotalBytes: 256 * MB,
	maxFormDepth: 4,
	// A well-formed file is parsed about once, plus one scan when its tables are wrong.
	maxWorkFactor: 4,
	maxWorkBase: 8 * MB,
	minSide: 15,
};
