/**
 * Finds inline images in a content stream (ISO 32000-1 §8.9.7): "BI", abbreviated image
 * entries, "ID", the data, "EI". Writers inline small pictures (Ghostscript does below about
 * 4 KB), so a small scan can arrive this way. Each is turned into a stream with the full key
 * names (Table 92) so the rest of the reader treats it like an image XObject. A /ColorSpace
 * may name an entry of the page's /ColorSpace resources; the caller looks that up.
 */
import { Lexer, isWhite } from './lexer';
import { Dict, isCount, Name, settle, Stream, type PdfObject } from './objects';

/** "BI" operators looked at per content stream; real pages have a handful of inline images. */
const MAX_INLINE = 256;
/** Bytes the image entries between "BI" and "ID" may take; real ones take a few dozen. */
const MAX_ENTRIES_BYTES = 4096;

// §8.9.7 Table 92: abbreviated keys.
const KEYS: Record<string, string> = {
	BPC: 'BitsPerComponent',
	CS: 'ColorSpace',
	D: 'Decode',
	DP: 'DecodeParms',
	F: 'Filter',
	H: 'Height',
	IM: 'ImageMask',
	W: 'Width',
};

// "BI" as an operator: preceded by white space or the start, followed by white space or "/".
const BEGIN = /(?:^|[\0\t\n\f\r ])BI(?=[\0\t\n\f\r /])/g;
// "EI" after white space, followed by white space or the end (§8.9.7 note on finding the end).
const END = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;

/** Reads the image entries up to "ID"; undefined when they are malformed. */
function entries(lexer: Lexer): Map<string, PdfObject> | undefined {
	const map = new Map<string, PdfObject>();
	for (let i = 0; i < 64; i++) {
		const start = lexer.pos;
		if (lexer.keyword() === 'ID') return map;
		lexer.pos = start;
		const key = lexer.object();
		if (!(key instanceof Name)) return undefined;
		map.set(KEYS[key.name] ?? key.name, lexer.object());
	}
	return undefined;
}

/** Bytes of unfiltered image data: rows of whole bytes (§8.9.5). */
function plainLength(map: Map<string, PdfObject>): number | undefined {
	const width = map.get('Width');
	const height = map.get('Height');
	const bits = map.get('BitsPerComponent') ?? 1;
	const space = map.get('ColorSpace');
	const name = space instanceof Name ? space.name : '';
	const colours = map.get('ImageMask') === true ? 1 : ['RGB', 'DeviceRGB', 'CalRGB'].includes(name) ? 3 : ['CMYK', 'DeviceCMYK'].includes(name) ? 4 : 1;
	if (!isCount(width) || !isCount(height) || !isCount(bits)) return undefined;
	return Math.ceil((width * colours * bits) / 8) * height;
}

export function inlineImages(content: Buffer): Stream[] {
	const text = content.toString('latin1');
	const found: Stream[] = [];
	BEGIN.lastIndex = 0;
	let tries = 0;
	// Each try scans a bounded stretch, and a picture's data is skipped before the next "BI" is
	// looked for, so a content stream full of "BI" costs at most MAX_INLINE short reads.
	for (let match = BEGIN.exec(text); match && tries < MAX_INLINE; match = BEGIN.exec(text)) {
		tries++;
		const from = match.index + match[0].length;
		const lexer = new Lexer(content, from, Math.min(content.length, from + MAX_ENTRIES_BYTES));
		const read = settle(() => entries(lexer));
		if (!read.ok || !read.value) continue;
		const map = read.value;
		// One white-space byte separates "ID" from the data.
		const start = lexer.pos < content.length && isWhite(content[lexer.pos]) ? lexer.pos + 1 : lexer.pos;
		const plain = map.has('Filter') ? undefined : plainLength(map);
		let end: number;
		if (plain !== undefined) end = start + plain;
		else {
			END.lastIndex = start;
			const close = END.exec(text);
			// Without "EI" the rest of the content is this picture's data: nothing more to find.
			if (!close) break;
			end = close.index;
		}
		if (end > content.length) continue;
		found.push(new Stream(new Dict(map), content.subarray(start, end)));
		BEGIN.lastIndex = end;
	}
	return found;
}
