/**
 * Reads an image's /ColorSpace (ISO 32000-1 §8.6) into the few models a PNG can hold: grey,
 * RGB, and a palette over either (§8.6.6.3 Indexed). CMYK is read so it can be converted; Lab,
 * Separation, DeviceN and the like are named so the reader can say which one it met.
 */
import type { PdfDocument } from './document';
import { isCount, isName, Name, PdfString, Stream, type PdfObject } from './objects';

export type Process = 'grey' | 'rgb' | 'cmyk';

export type ColourSpace =
	| { kind: Process }
	| { kind: 'indexed'; base: Process; colours: number; lookup: Buffer }
	| { kind: 'unsupported'; name: string };

const COMPONENTS: Record<Process, number> = { grey: 1, rgb: 3, cmyk: 4 };

export function components(space: ColourSpace): number {
	if (space.kind === 'indexed') return 1;
	if (space.kind === 'unsupported') return 0;
	return COMPONENTS[space.kind];
}

function processOf(name: string): Process | undefined {
	// §8.6.4 device spaces; §8.6.5.2-3 CIE-based calibrated grey and RGB read as their device kin.
	if (name === 'DeviceGray' || name === 'CalGray' || name === 'G') return 'grey';
	if (name === 'DeviceRGB' || name === 'CalRGB' || name === 'RGB') return 'rgb';
	if (name === 'DeviceCMYK' || name === 'CMYK') return 'cmyk';
	return undefined;
}

/** §8.6.5.5: an ICC profile stream says its number of components in /N. */
function iccProcess(doc: PdfDocument, profile: PdfObject | undefined): Process | undefined {
	const n = doc.resolve(doc.dict(profile)?.get('N'));
	return n === 1 ? 'grey' : n === 3 ? 'rgb' : n === 4 ? 'cmyk' : undefined;
}

export function readColourSpace(doc: PdfDocument, value: PdfObject | undefined, nested = false): ColourSpace {
	const space = doc.resolve(value);
	if (space instanceof Name) {
		const process = processOf(space.name);
		return process ? { kind: process } : { kind: 'unsupported', name: space.name };
	}
	if (!Array.isArray(space) || space.length === 0) return { kind: 'unsupported', name: 'missing' };
	const family = doc.resolve(space[0]);
	if (!isName(family)) return { kind: 'unsupported', name: 'unknown' };
	const process = processOf(family.name);
	if (process) return { kind: process };
	if (family.name === 'ICCBased') {
		const icc = iccProcess(doc, space[1]);
		return icc ? { kind: icc } : { kind: 'unsupported', name: 'ICCBased' };
	}
	if ((family.name === 'Indexed' || family.name === 'I') && !nested) return indexed(doc, space);
	return { kind: 'unsupported', name: family.name };
}

/** §8.6.6.3: [/Indexed base hival lookup], lookup holding (hival + 1) base colours. */
function indexed(doc: PdfDocument, space: PdfObject[]): ColourSpace {
	const base = readColourSpace(doc, space[1], true);
	const hival = doc.resolve(space[2]);
	if (base.kind === 'indexed' || base.kind === 'unsupported') return { kind: 'unsupported', name: `Indexed ${base.kind === 'unsupported' ? base.name : ''}`.trim() };
	if (!isCount(hival) || hival > 255) return { kind: 'unsupported', name: 'Indexed' };
	const table = doc.resolve(space[3]);
	const lookup = table instanceof PdfString ? table.bytes : table instanceof Stream ? doc.decode(table, undefined, 4096) : undefined;
	const colours = hival + 1;
	if (!lookup || lookup.length < colours * COMPONENTS[base.kind]) return { kind: 'unsupported', name: 'Indexed' };
	return { kind: 'indexed', base: base.kind, colours, lookup };
}
