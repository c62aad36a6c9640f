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

/**
 * Whether the card number is masked when Card Number Format is not added: from 1.3 for every
 * node, since n8n stores each execution's data (the full number included) and shows it to
 * everyone with access to the workflow; before, only as an AI Agent's tool (from 1.2, see
 * runsAsAgentTool). A saved node keeps what it had; the editor shows each version its own default.
 */
export function masksCardNumberByDefault(node: Pick<INode, 'type' | 'typeVersion'>): boolean {
	return node.typeVersion >= 1.3 || runsAsAgentTool(node);
}

/**
 * From this version, as an AI Agent's tool, Input Type starts on Image URL, the URL defined by
 * the model (see ../shared/description/input.ts): a model passes text, never a file, so Binary
 * File could only fail. Tools saved before keep Binary File as their default.
 */
export const TOOL_READS_URL_FROM = 1.3;

/**
 * With Photo May Hold Several Cards, whether `cards_in_photo` counts every bank card Huawei found
 * in the photo, read or not, and `card_index` is the card's place among them (reading order): from
 * 1.3, so that a photo of three cards, one unreadable, says 3 and a workflow can tell a card is
 * missing. Before, both counted the cards read (the unread one only in skipped_in_photo).
 */
export function countsEveryCardFound(typeVersion: number): boolean {
	return typeVersion >= 1.3;
}
