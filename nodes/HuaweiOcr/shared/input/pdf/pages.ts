/**
 * Walks the page tree (ISO 32000-1 §7.7.3) in page order, giving each page its resources:
 * /Resources is inheritable (§7.7.3.4, Table 30), so a page without one uses its nearest
 * ancestor's. The walk uses its own stack and visits each node once, so neither a deep tree
 * nor a /Kids entry pointing back up can exhaust the call stack or loop.
 */
import type { PdfDocument } from './document';
import { Dict, PdfLimit, Ref, type PdfObject } from './objects';

export interface Page {
	/** 1-based, in page order. */
	number: number;
	dict: Dict;
	resources: Dict | undefined;
	/** Whether another page uses the same /Resources dictionary (writers often share one). */
	sharedResources: boolean;
}

export function listPages(doc: PdfDocument, catalog: Dict): Page[] {
	const pages: Page[] = [];
	const visited = new Set<number>();
	const stack: Array<{ node: PdfObject | undefined; resources: Dict | undefined }> = [{ node: catalog.get('Pages'), resources: undefined }];
	while (stack.length > 0) {
		const { node, resources: inherited } = stack.pop() as { node: PdfObject | undefined; resources: Dict | undefined };
		if (node instanceof Ref) {
			if (visited.has(node.num)) continue;
			visited.add(node.num);
		}
		const dict = doc.dict(node);
		if (!dict) continue;
		const resources = doc.dict(dict.get('Resources')) ?? inherited;
		const kids = doc.resolve(dict.get('Kids'));
		// A node is a page unless it is a /Pages node or has kids (writers sometimes omit /Type).
		const isTree = doc.isName(dict.get('Type'), 'Pages') || (Array.isArray(kids) && !doc.isName(dict.get('Type'), 'Page'));
		if (!isTree) {
			if (pages.length >= doc.limits.maxPages) throw new PdfLimit(`it has more than ${doc.limits.maxPages} pages`);
			pages.push({ number: pages.length + 1, dict, resources, sharedResources: false });
			continue;
		}
		if (!Array.isArray(kids)) continue;
		if (stack.length + kids.length > doc.limits.maxPages * 4) throw new PdfLimit('its page tree is larger than any real document needs');
		for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], resources });
	}
	const users = new Map<Dict, number>();
	for (const page of pages) if (page.resources) users.set(page.resources, (users.get(page.resources) ?? 0) + 1);
	for (const page of pages) page.sharedResources = page.resources !== undefined && (users.get(page.resources) ?? 0) > 1;
	return pages;
}
