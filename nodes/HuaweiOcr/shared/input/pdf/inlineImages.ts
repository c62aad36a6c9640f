/**
 * Finds inline images in a content stream (ISO 32000-1 §8.9.7): "BI", abbreviated image
 * entries, "ID", the data, "EI". Writers inline small pictures (Ghostscript does below about
 * 4 KB), so a small scan can arrive this way. Each is turned into a stream with the full key
 * names (Table 93) so the rest of the reader treats it like an image XObject.
 */
import { Lexer, isWhite } from './lexer';
import { Dict, isCount, Name, settle, Stream, type PdfObject } from './objects';

/** Inline images looked at per content stream; real pages have a handful. */
const MAX_INLINE = 256;

// §8.9.7 Table 93: abbreviated keys.
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
function entries(lexer: Lexer, colourSpaces: Dict | undefined): Map<string, PdfObject> | undefined {
	const map = new Map<string, PdfObject>();
	for (let i = 0; i < 64; i++) {
		const start = lexer.pos;
		if (lexer.keyword() === 'ID') return map;
		lexer.pos = start;
		const key = lexer.object();
		if (!(key instanceof Name)) return undefined;
		let value = lexer.object();
		const name = KEYS[key.name] ?? key.name;
		// A colour space may be named in the page's /ColorSpace resources (§8.9.7).
		if (name === 'ColorSpace' && value instanceof Name && colourSpaces?.has(value.name)) value = colourSpaces.get(value.name) as PdfObject;
		map.set(name, value);
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

export function inlineImages(content: Buffer, colourSpaces: Dict | undefined): Stream[] {
	const text = content.toString('latin1');
	const found: Stream[] = [];
	BEGIN.lastIndex = 0;
	for (let match = BEGIN.exec(text); match && found.length < MAX_INLINE; match = BEGIN.exec(text)) {
		const lexer = new Lexer(content, match.index + match[0].length);
		const read = settle(() => entries(lexer, colourSpaces));
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
			end = close ? close.index : content.length;
		}
		if (end > content.length) continue;
		found.push(new Stream(new Dict(map), content.subarray(start, end)));
		BEGIN.lastIndex = end;
	}
	return found;
}
