/**
 * Finds the pictures a page draws: image XObjects (ISO 32000-1 §8.9.5) named by the "Do"
 * operator (§8.8) in the page's content, and inline images (§8.9.7), also inside Form XObjects
 * (§8.10) down to a bounded depth. Only names the content draws count, because writers often share one /Resources
 * dictionary, listing every page's pictures, across all pages. When a content stream cannot be
 * read, every picture its resources list is taken instead, unless other pages share those
 * resources: then they list other pages' photos, and the page is reported as damaged.
 */
import type { PdfDocument } from './document';
import { Dict, isReaderError, Name, settle, Stream, type PdfObject } from './objects';
import { inlineImages } from './inlineImages';
import type { Page } from './pages';

export interface PageImage {
	stream: Stream;
	width: number;
	height: number;
}

/** Content larger than this is not searched for names; every listed picture counts then. */
const MAX_CONTENT_BYTES = 8 * 1024 * 1024;

// "/Name Do": a name (§7.3.5, regular characters only), white space, the operator, a delimiter.
const DO_OPERATOR = /\/([^\0\t\n\f\r ()<>[\]{}/%]+)[\0\t\n\f\r ]*Do(?=[\0\t\n\f\r ()<>[\]{}/%]|$)/g;

function drawnNames(content: Buffer): Set<string> {
	const names = new Set<string>();
	for (const match of content.toString('latin1').matchAll(DO_OPERATOR)) {
		names.add(match[1].replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))));
	}
	return names;
}

/** The page's content: one stream or an array of them, read as if joined (§7.8.2), within the cap in all. */
function pageContent(doc: PdfDocument, contents: PdfObject | undefined): Buffer | undefined {
	const parts = Array.isArray(contents) ? contents : [contents];
	const decoded: Buffer[] = [];
	let size = 0;
	for (const part of parts) {
		const stream = doc.resolve(part);
		if (!(stream instanceof Stream)) continue;
		const bytes = doc.decode(stream, undefined, MAX_CONTENT_BYTES - size);
		size += bytes.length + 1;
		decoded.push(bytes, Buffer.from(' '));
	}
	return Buffer.concat(decoded);
}

interface ContentFacts {
	/** Names the content draws with "Do", or undefined when it cannot be read (then all count). */
	names: Set<string> | undefined;
	inline: Stream[];
	/** Why the content could not be read. */
	error?: unknown;
}

/**
 * What each content (a page's /Contents, a form) draws, read once: writers often share one
 * content stream or form among many pages, which would otherwise be decompressed per page.
 */
const facts = new WeakMap<object, ContentFacts>();

function contentFacts(key: object | undefined, read: () => Buffer | undefined): ContentFacts {
	const known = key ? facts.get(key) : undefined;
	if (known) return known;
	const content = settle(read);
	if (!content.ok && !isReaderError(content.error)) throw content.error;
	const bytes = content.ok ? content.value : undefined;
	const found = bytes ? { names: drawnNames(bytes), inline: inlineImages(bytes) } : { names: undefined, inline: [], error: content.ok ? undefined : content.error };
	if (key) facts.set(key, found);
	return found;
}

export function pageImages(doc: PdfDocument, page: Page): PageImage[] {
	const found: PageImage[] = [];
	const seen = new Set<Stream>();
	const add = (stream: Stream) => {
		const width = doc.number(stream.dict.get('Width'));
		const height = doc.number(stream.dict.get('Height'));
		// §8.9.6.2: a stencil mask is a shape to paint through, not a picture.
		if (width && height && width > 0 && height > 0 && doc.resolve(stream.dict.get('ImageMask')) !== true) {
			found.push({ stream, width, height });
		}
	};
	const visit = (resources: Dict | undefined, content: ContentFacts, depth: number) => {
		// §8.9.7: an inline image's colour space may be a name from the /ColorSpace resources.
		const colourSpaces = doc.dict(resources?.get('ColorSpace'));
		for (const inline of content.inline) {
			const space = inline.dict.get('ColorSpace');
			const named = space instanceof Name ? colourSpaces?.get(space.name) : undefined;
			add(named === undefined ? inline : new Stream(inline.dict.with('ColorSpace', named), inline.data));
		}
		const xobjects = doc.dict(resources?.get('XObject'));
		if (!xobjects) return;
		for (const key of xobjects.keys()) {
			if (content.names && !content.names.has(key)) continue;
			const xobject = doc.resolve(xobjects.get(key));
			if (!(xobject instanceof Stream) || seen.has(xobject)) continue;
			seen.add(xobject);
			const subtype = xobject.dict.get('Subtype');
			if (doc.isName(subtype, 'Image')) add(xobject);
			else if (doc.isName(subtype, 'Form') && depth < doc.limits.maxFormDepth) {
				// §8.10.1: a form without its own /Resources uses the page's (allowed before PDF 1.2).
				const formResources = doc.dict(xobject.dict.get('Resources')) ?? page.resources;
				visit(formResources, contentFacts(xobject, () => doc.decode(xobject, undefined, MAX_CONTENT_BYTES)), depth + 1);
			}
		}
	};
	const contents = settle(() => doc.resolve(page.dict.get('Contents')));
	if (!contents.ok && !isReaderError(contents.error)) throw contents.error;
	const value = contents.ok ? contents.value : undefined;
	const key = value instanceof Stream || Array.isArray(value) ? value : undefined;
	const pageFacts = contents.ok ? contentFacts(key, () => pageContent(doc, value)) : { names: undefined, inline: [], error: contents.error };
	// github.com/qpdf/qpdf qpdf/qtest/qpdf/shared-images-errors.pdf: one damaged page of ten sharing /Resources.
	if (pageFacts.names === undefined && page.sharedResources && pageFacts.error !== undefined) throw pageFacts.error;
	visit(page.resources, pageFacts, 0);
	return found;
}
