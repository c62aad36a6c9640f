/**
 * Where the readers depart from the decoders on purpose, file by file, and why; and the outcomes
 * pinned for the PDFs whose pages once got another page's picture or were refused though
 * readable. The corpus suite checks each entry still holds, so
 * this list cannot outlive the behaviour it explains.
 */
export interface ImagePolicy {
	reader: 'reads' | 'refuses';
	why: string;
}

const CUT_OFF = 'cut off: a decoder fills the missing part in (with a warning); the reader refuses a file cut off in its data, which is most often a download or upload that stopped';
const PIXELS = 'the header check does not decode pixels, and the damage is in the compressed pixels only';

export const IMAGE_POLICIES: Record<string, ImagePolicy> = {
	'tiff/imagetiff-BigTIFF.tif': { reader: 'refuses', why: 'BigTIFF: Huawei OCR takes classic TIFF only (the refusal says to save it as a regular TIFF)' },
	'tiff/imagetiff-seq-1c-8b-tiled-bigtiff-20f3db0c.tiff': { reader: 'refuses', why: 'BigTIFF, as above' },
	'tiff/imagetiff-BigTIFFMotorola.tif': { reader: 'refuses', why: 'BigTIFF, as above' },
	'jpeg/jpegdec-its-8a9cc8eeed66aeb423a91c44111d9450.jpg': { reader: 'refuses', why: CUT_OFF },
	'jpeg/jpegdec-its-3ea649db8e81a46ca4f92fb3238f78ff.jpg': { reader: 'refuses', why: CUT_OFF },
	'jpeg/jpegdec-its-75e4bd7544a85af6438497980b62fba5.jpg': { reader: 'refuses', why: CUT_OFF },
	'jpeg/jpegdec-its-a7326ba8f3f4559991126474dd30083d.jpg': { reader: 'refuses', why: CUT_OFF },
	'png/libpng-crashers-huge_IDAT.png': { reader: 'refuses', why: CUT_OFF },
	'tiff/imagetiff-fuzz-id_000023_sig_06_src_000006_op_havoc_rep_8': { reader: 'refuses', why: CUT_OFF },
	'png/libpng-crashers-badadler.png': { reader: 'reads', why: PIXELS },
	'bmp/imagers-rle_overflow.bmp': { reader: 'reads', why: PIXELS },
	'jpeg/jpegdec-its-9efd60f04cd971daa83d3131e6d6f389.jpg': { reader: 'reads', why: PIXELS },
};

/**
 * Refusals that pin the rule "refuse only what no decoder reads", each with the reason its
 * sentence must give: files that neither ImageMagick nor Pillow decodes, which the readers used
 * to accept and send.
 */
export const IMAGE_REFUSALS: Record<string, RegExp> = {
	'bmp/bmpsuite-q-rgb24jpeg.bmp': /holds a JPEG picture inside it/,
	'bmp/bmpsuite-q-rgb24png.bmp': /holds a PNG picture inside it/,
	'bmp/bmpsuite-q-pal2.bmp': /uses 2-bit pixels/,
	'bmp/bmpsuite-q-pal2color.bmp': /uses 2-bit pixels/,
	'bmp/bmpsuite-q-rgba64.bmp': /uses 64-bit pixels/,
	'bmp/bmpsuite-q-rgba32abf.bmp': /alpha bit fields/,
	'bmp/bmpsuite-q-pal1huffmsb.bmp': /OS\/2 Huffman/,
	'bmp/bmpsuite-q-rgb24rle24.bmp': /OS\/2 RLE24/,
	'bmp/bmpsuite-q-pal8oversizepal.bmp': /colour table lists 300 colours, more than its 8-bit pixels can use/,
	'bmp/bmpsuite-b-badpalettesize.bmp': /colour table lists \d+ colours/,
	'bmp/imagers-bad-Bad_clrsUsed.bmp': /colour table lists \d+ colours/,
	'jpeg/jpegdec-ref-MR4.jpg': /lossless JPEG/,
	'jpeg/jpegdec-ref-jpeg_lossless_sel1.jpg': /lossless JPEG/,
	'jpeg/jpegdec-crash-invalid-prediction-shift.jpg': /lossless JPEG/,
	'jpeg/jpegdec-its-4085c929e00c446d3fee18b5b20a27f9.jpg': /progressive scan has settings out of range/,
	'jpeg/jpegdec-its-b0b8914cc5f7a6eff409f16d8cc236c5.jpg': /progressive scan has settings out of range/,
	'jpeg/jpegdec-its-c52ffdd6a0346c4d09271f8ccbdfd5a3.jpg': /Huffman table is malformed/,
	'jpeg/jpegdec-its-72d091e08c93c9e590360130fa35221b.jpg': /Huffman table section is malformed/,
	'jpeg/jpegdec-its-21a84b8472f6d18f5bb5c0026e97cfaa.jpg': /scan names its colour components wrongly/,
};

export interface PdfPin {
	/** "page N: format W x H" for every photo read. */
	photos: string[];
	why: string;
}

export const PDF_PINS: Record<string, PdfPin> = {
	'pdf/qpdf-shared-images-errors.pdf': {
		photos: [1, 3, 4, 5, 6, 7, 8, 9, 10].map((page) => `page ${page}: png 50 x 50`),
		why: "page 2's content stream is damaged before it draws anything: it must not get the shared resources' first picture, another page's photo",
	},
	'pdf/pdfjs-bug1065245.pdf': { photos: ['page 1: jpeg 723 x 26'], why: 'an inline JPEG whose data starts after an extra newline, which pdf.js shows' },
	'pdf/qpdf-damaged-inline-image.pdf': { photos: ['page 1: jpeg 49 x 56'], why: 'of two equal-size pictures the first (Flate) is damaged and the second (a JPEG) whole' },
	'pdf/pdfjs-red_stamp.pdf': {
		photos: [],
		why: "the only picture is a stamp annotation's appearance (and JPEG 2000): the reader takes the pictures the page's own content draws",
	},
};
