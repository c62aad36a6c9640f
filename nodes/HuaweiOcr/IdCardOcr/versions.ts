import type { INode } from 'n8n-workflow';

import { isAgentToolType } from '../shared/node/agentTool';

/**
 * What each version of ID Card OCR does differently. Version 1 starts where Bankcard OCR 1.3 is:
 * Keep Input Binary off unless added, missing_fields, the tool behaviour with a model-facing
 * description, photos without an ID card skipped among an email's files. This table is the ID
 * node's own: nothing keyed to bank card versions decides its behaviour.
 */
export const ID_CARD_VERSIONS = [1];

/** Keep Input Binary when the option is not added: off, so the output panel opens on the card's fields. */
export function keepInputBinaryByDefault(_typeVersion: number): boolean {
	return false;
}

/** Whether the node runs as an AI Agent's tool (see ../shared/node/agentTool.ts): from version 1. */
export function runsAsAgentTool(node: Pick<INode, 'type' | 'typeVersion'>): boolean {
	return isAgentToolType(node);
}

/** With Every File of the Item, a photo without an ID card goes to skipped_files when another gives one. */
export function skipsFilesWithoutCard(_typeVersion: number): boolean {
	return true;
}
