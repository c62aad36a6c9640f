import type { IDataObject } from 'n8n-workflow';

import type { Shown } from '../output/shown';
import type { SkippedInPhoto } from './documentsInPhoto';

/**
 * A fresh copy for each item that lists them (a later node may change one item in place), shown
 * as the node's number format says (Huawei's own words about a document it could not read included).
 */
export function skippedList(skipped: SkippedInPhoto[], shown: Shown): IDataObject[] {
	return shown(skipped.map((entry) => JSON.parse(JSON.stringify(entry)) as IDataObject));
}
