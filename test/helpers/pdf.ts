/**
 * Builds PDF files by hand (ISO 32000-1 §7.5: header, objects, cross-reference data, trailer),
 * with exact control over the structures a reader must handle: classic tables or
 * cross-reference streams, object streams, incremental updates, hybrid files, indirect lengths.
 * Streams use Node's zlib, independent of the reader's own inflate.
 */
import { deflateSync } from 'zlib';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** An object's value as PDF text, or a stream: its dictionary text (without /Length) and data. */
export type Source = string | { dict: string; data: Buffer; length?: string };

export interface BuildOptions {
	/** 'table' (default): classic xref table; 'stream': a cross-reference stream (§7.5.8). */
	xref?: 'table' | 'stream' | 'none';
	/** Packs the non-stream objects into one object stream (§7.5.7); implies xref 'stream'. */
	objectStream?: boolean;
	/** Extra trailer entries, e.g. "/Encrypt 9 0 R". */
	trailer?: string;
	/** The object number of the catalog (default 1). */
	root?: number;
	header?: string;
}

function body(num: number, source: Source): Buffer {
	if (typeof source === 'string') return latin1(`${num} 0 obj\n${source}\nendobj\n`);
	const length = source.length ?? String(source.data.length);
	return Buffer.concat([
		latin1(`${num} 0 obj\n<<${source.dict} /Length ${length}>>\nstream\n`),
		source.data,
		latin1('\nendstream\nendobj\n'),
	]);
}

/** §7.5.8.2: rows of /W [1 4 2] big-endian fields: type, offset (or stream number), gen (or index). */
function xrefStreamRows(rows: Array<[number, number, number]>): Buffer {
	const out = Buffer.alloc(rows.length * 7);
	rows.forEach(([type, second, third], i) => {
		out[i * 7] = type;
		out.writeUInt32BE(second, i * 7 + 1);
		out.writeUInt16BE(third, i * 7 + 5);
	});
	return out;
}

/** PNG "Up" prediction (Predictor 12) over rows of `columns` bytes, as most writers use for xref streams. */
export function pngUp(data: Buffer, columns: number): Buffer {
	const rows = data.length / columns;
	const out = Buffer.alloc(rows * (columns + 1));
	for (let y = 0; y < rows; y++) {
		out[y * (columns + 1)] = 2;
		for (let x = 0; x < columns; x++) {
			const above = y > 0 ? data[(y - 1) * columns + x] : 0;
			out[y * (columns + 1) + 1 + x] = (data[y * columns + x] - above) & 0xff;
		}
	}
	return out;
}

interface Section {
	objects: Record<number, Source>;
	options: BuildOptions;
	prev?: number;
	size: number;
}

function section(prefix: Buffer, { objects, options, prev, size }: Section): Buffer {
	const parts: Buffer[] = [prefix];
	let at = prefix.length;
	const offsets = new Map<number, number>();
	const packed = new Map<number, [number, number]>();
	const push = (buffer: Buffer) => {
		parts.push(buffer);
		at += buffer.length;
	};
	const numbers = Object.keys(objects).map(Number);
	let objStmNum = 0;
	if (options.objectStream) {
		const inline = numbers.filter((n) => typeof objects[n] === 'string');
		objStmNum = Math.max(size, ...numbers) + 1;
		const texts = inline.map((n) => `${objects[n] as string}\n`);
		let offset = 0;
		const header = inline
			.map((n, i) => {
				const pair = `${n} ${offset}`;
				offset += texts[i].length;
				packed.set(n, [objStmNum, i]);
				return pair;
			})
			.join(' ');
		const content = latin1(`${header}\n${texts.join('')}`);
		for (const n of numbers.filter((n) => typeof objects[n] !== 'string')) {
			offsets.set(n, at);
			push(body(n, objects[n]));
		}
		offsets.set(objStmNum, at);
		push(
			body(objStmNum, {
				dict: `/Type /ObjStm /N ${inline.length} /First ${header.length + 1} /Filter /FlateDecode`,
				data: deflateSync(content),
			}),
		);
	} else {
		for (const n of numbers) {
			offsets.set(n, at);
			push(body(n, objects[n]));
		}
	}
	const root = options.root ?? 1;
	const highest = Math.max(size - 1, objStmNum, ...numbers);
	const trailerEntries = `/Size ${highest + 2} /Root ${root} 0 R${prev !== undefined ? ` /Prev ${prev}` : ''}${options.trailer ? ` ${options.trailer}` : ''}`;
	const xrefAt = at;
	const mode = options.objectStream ? 'stream' : (options.xref ?? 'table');
	if (mode === 'none') {
		push(latin1(`trailer\n<<${trailerEntries}>>\n%%EOF\n`));
		return Buffer.concat(parts);
	}
	if (mode === 'table') {
		// One subsection per run of consecutive numbers (§7.5.4), plus the free-list head in a first file.
		const entries = [...offsets.entries()].sort((a, b) => a[0] - b[0]);
		let text = 'xref\n';
		if (prev === undefined) text += '0 1\n0000000000 65535 f\r\n';
		for (let i = 0; i < entries.length; ) {
			let j = i;
			while (j + 1 < entries.length && entries[j + 1][0] === entries[j][0] + 1) j++;
			text += `${entries[i][0]} ${j - i + 1}\n`;
			for (let k = i; k <= j; k++) text += `${String(entries[k][1]).padStart(10, '0')} 00000 n\r\n`;
			i = j + 1;
		}
		push(latin1(`${text}trailer\n<<${trailerEntries}>>\nstartxref\n${xrefAt}\n%%EOF\n`));
		return Buffer.concat(parts);
	}
	const xrefNum = highest + 1;
	offsets.set(xrefNum, xrefAt);
	const all = [...offsets.keys(), ...packed.keys()].sort((a, b) => a - b);
	const index: number[] = [];
	const rows: Array<[number, number, number]> = [];
	if (prev === undefined) {
		index.push(0, 1);
		rows.push([0, 0, 65535]);
	}
	for (const n of all) {
		index.push(n, 1);
		const p = packed.get(n);
		rows.push(p ? [2, p[0], p[1]] : [1, offsets.get(n) as number, 0]);
	}
	const data = deflateSync(pngUp(xrefStreamRows(rows), 7));
	push(
		body(xrefNum, {
			dict: `/Type /XRef /W [1 4 2] /Index [${index.join(' ')}] ${trailerEntries} /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 7>>`,
			data,
		}),
	);
	push(latin1(`startxref\n${xrefAt}\n%%EOF\n`));
	return Buffer.concat(parts);
}

export function buildPdf(objects: Record<number, Source>, options: BuildOptions = {}): Buffer {
	return section(latin1(options.header ?? '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), { objects, options, size: 0 });
}

/** §7.5.6: appends changed and new objects with their own cross-reference section pointing back. */
export function appendUpdate(pdf: Buffer, objects: Record<number, Source>, options: BuildOptions = {}): Buffer {
	const text = pdf.toString('latin1');
	const prev = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
	const sizes = [...text.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1]));
	return section(pdf, { objects, options, prev, size: Math.max(...sizes) });
}

// ---------------------------------------------------------------- documents with pages

export interface ImageSpec {
	/** The image dictionary's entries other than /Type /XObject /Subtype /Image and /Length. */
	dict: string;
	data: Buffer;
}

export function jpegImage(jpeg: Buffer, width: number, height: number, colorSpace = '/DeviceGray'): ImageSpec {
	return { dict: `/Width ${width} /Height ${height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode`, data: jpeg };
}

export interface FlateImageOptions {
	colorSpace?: string;
	bits?: number;
	/** Components per pixel, for the predictor parameters (default from the colour space name). */
	colors?: number;
	/** Writes PNG "None" predicted rows (Predictor 15) as img2pdf does, instead of plain rows. */
	predictor?: boolean;
	extra?: string;
}

/** Pixels (rows already padded to whole bytes) as a FlateDecode image. */
export function flateImage(pixels: Buffer, width: number, height: number, options: FlateImageOptions = {}): ImageSpec {
	const colorSpace = options.colorSpace ?? '/DeviceGray';
	const bits = options.bits ?? 8;
	const colors = options.colors ?? (colorSpace === '/DeviceRGB' ? 3 : colorSpace === '/DeviceCMYK' ? 4 : 1);
	const stride = Math.ceil((width * colors * bits) / 8);
	let data = pixels;
	let parms = '';
	if (options.predictor) {
		const rows = Buffer.alloc((stride + 1) * height);
		for (let y = 0; y < height; y++) pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
		data = rows;
		parms = ` /DecodeParms <</Predictor 15 /Colors ${colors} /BitsPerComponent ${bits} /Columns ${width}>>`;
	}
	return {
		dict: `/Width ${width} /Height ${height} /ColorSpace ${colorSpace} /BitsPerComponent ${bits} /Filter /FlateDecode${parms}${options.extra ?? ''}`,
		data: deflateSync(data),
	};
}

export interface PageSpec {
	images?: ImageSpec[];
	/** Content stream text; by default it draws every image ("/Im0 Do" ...). */
	content?: string;
	/** Extra text in the page dictionary. */
	extra?: string;
}

/**
 * A document whose pages carry images: catalog 1, page tree 2, then per page its dictionary,
 * content and images. Page n's image k is named /Im<k>.
 */
export function pagesPdf(pages: PageSpec[], options: BuildOptions = {}): Buffer {
	const objects: Record<number, Source> = { 1: '<</Type /Catalog /Pages 2 0 R>>' };
	let next = 3;
	const kids: string[] = [];
	for (const page of pages) {
		const pageNum = next++;
		const contentNum = next++;
		const images = (page.images ?? []).map((image) => {
			const num = next++;
			objects[num] = { dict: `/Type /XObject /Subtype /Image ${image.dict}`, data: image.data };
			return num;
		});
		const xobjects = images.map((num, k) => `/Im${k} ${num} 0 R`).join(' ');
		const content = page.content ?? images.map((_num, k) => `q 100 0 0 60 0 0 cm /Im${k} Do Q`).join('\n');
		objects[contentNum] = { dict: '', data: latin1(content) };
		objects[pageNum] =
			`<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources <</XObject <<${xobjects}>>>> /Contents ${contentNum} 0 R${page.extra ?? ''}>>`;
		kids.push(`${pageNum} 0 R`);
	}
	objects[2] = `<</Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length}>>`;
	return buildPdf(objects, options);
}
