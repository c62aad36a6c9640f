import type { IDataObject } from 'n8n-workflow';

/** What a masker does to the texts and numbers it meets. */
export interface LeafMasker {
	text: (text: string) => string;
	number: (value: number) => unknown;
}

/**
 * A copy of `value` with every text and number anywhere in it (fields a node does not know,
 * Huawei may add some; raw output; text locations) passed through the masker. Depth is bounded:
 * the json comes from an answer over the network.
 */
export function maskDeep<T>(value: T, masker: LeafMasker): T {
	const walk = (node: unknown, depth: number): unknown => {
		if (typeof node === 'string') return masker.text(node);
		if (typeof node === 'number') return masker.number(node);
		if (!node || typeof node !== 'object' || depth > 32) return node;
		if (Array.isArray(node)) return node.map((entry) => walk(entry, depth + 1));
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(node)) copy[key] = walk(entry, depth + 1) as IDataObject[string];
		return copy;
	};
	return walk(value, 0) as T;
}
