import type { INode } from 'n8n-workflow';

import { isAgentToolType } from '../shared/node/agentTool';

/**
 * What each version of Bankcard OCR does differently: a saved node keeps the behaviour of the
 * version it was added in; a node added now gets the newest. The ID Card OCR node has a table of
 * its own, so nothing here decides its behaviour.
 */
export const BANKCARD_VERSIONS = [1, 1.1, 1.2, 1.3];

/**
 * Keep Input Binary when the option is not added. Version 1 passed the photo on; from 1.1 the
 * output is the card alone, because n8n's output panel opens on the Binary tab whenever an item
 * carries a file, hiding the card fields users look for. A later node still gets the photo from
 * the node that brought it in (`{{ $('Email Trigger').item.binary.attachment_0 }}`), or with this
 * option added.
 */
export function keepInputBinaryByDefault(typeVersion: number): boolean {
	return typeVersion < 1.1;
}

/**
 * Whether the card checks list the fields Huawei returned empty apart, in missing_fields. Versions
 * 1 and 1.1 count them among low_confidence_fields (Huawei gives them confidence 0), so a card that
 * prints no issue date, as many do, looks unsure and is sent to a person; from 1.2
 * low_confidence_fields lists only what was read.
 */
export function listsMissingFieldsApart(typeVersion: number): boolean {
	return typeVersion >= 1.2;
}

/**
 * Whether the node runs as an AI Agent's tool, with the defaults for that (see
 * ../shared/node/agentTool.ts): from version 1.2, so that tools saved before keep what they had.
 */
export function runsAsAgentTool(node: Pick<INode, 'type' | 'typeVersion'>): boolean {
	return node.typeVersion >= 1.2 && isAgentToolType(node);
}

/**
 * With Every File of the Item, whether a photo in which Huawei finds no bank card (the ID card of
 * the same email) is listed in skipped_files when another file of the item gives a card, rather
 * than failing the item: from 1.3, so that one email can go through both nodes. Before, each such
 * photo was an error (an error item under Continue On Fail).
 */
export function skipsFilesWithoutCard(typeVersion: number): boolean {
	return typeVersion >= 1.3;
}
