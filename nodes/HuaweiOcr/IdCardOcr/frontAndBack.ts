import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BACK_FIELDS } from './idCardApi';
import { mergedWarnings } from './photoChecks';

/** Keys of the back's item that the joined item takes its own way. */
const JOINED = new Set(['side', 'number_valid', 'birth_matches_number', 'sex_matches_number', 'age', 'skipped_files']);

function isSide(item: INodeExecutionData, side: string): boolean {
	return item.json.side === side && item.json.error === undefined;
}

function sameSource(a: IDataObject, b: IDataObject): boolean {
	return a.source_binary_field === b.source_binary_field && a.source_pdf_page === b.source_pdf_page;
}

/** The two sides' files: the card images renamed by side, the kept photos under their own names. */
function joinedFiles(front: INodeExecutionData, back: INodeExecutionData): IBinaryKeyData | undefined {
	const rename = (binary: IBinaryKeyData | undefined, side: string): IBinaryKeyData =>
		Object.fromEntries(Object.entries(binary ?? {}).map(([name, file]) => [name === 'card_image' ? `card_image_${side}` : name, file]));
	const binary = { ...rename(front.binary, 'front'), ...rename(back.binary, 'back') };
	return Object.keys(binary).length ? binary : undefined;
}

/**
 * The front and the back of one card sent as two files of one item (a customer's email) give one
 * item with both sides' fields: the front's source fields, the back's as back_source_*, the
 * checks of each side (is_expired from the back), missing_fields and warnings of both, scores per
 * side. Any other mix (two fronts, an error, raw output, one photo) stays one item per side.
 */
export function joinFrontAndBack(items: INodeExecutionData[]): INodeExecutionData[] {
	if (items.length !== 2) return items;
	const front = items.find((item) => isSide(item, 'front'));
	const back = items.find((item) => isSide(item, 'back'));
	if (!front || !back || sameSource(front.json, back.json)) return items;
	const json: IDataObject = { ...front.json, side: 'both' };
	for (const [key, value] of Object.entries(back.json)) {
		if (JOINED.has(key)) continue;
		if (key.startsWith('source_')) json[`back_${key}`] = value;
		else if ((BACK_FIELDS as readonly string[]).includes(key) || key === 'is_expired' || !(key in json)) json[key] = value;
		else if (key === 'missing_fields') json.missing_fields = [...(front.json.missing_fields as string[]), ...(value as string[])];
		else if (key === 'warnings') json.warnings = mergedWarnings(front.json.warnings as string[], value as string[]);
		else if (key === 'warning_scores') json.warning_scores = { front: front.json.warning_scores, back: value };
		else if (key === 'verification_result') json.verification_result = { ...(front.json.verification_result as IDataObject), ...(value as IDataObject) };
		else if (JSON.stringify(json[key]) !== JSON.stringify(value)) json[`back_${key}`] = value;
	}
	const joined: INodeExecutionData = { json, pairedItem: front.pairedItem };
	const binary = joinedFiles(front, back);
	if (binary) joined.binary = binary;
	return [joined];
}
