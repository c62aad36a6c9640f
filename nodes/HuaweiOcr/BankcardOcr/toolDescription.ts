import type { INodeProperties } from 'n8n-workflow';

import { MODEL_FILLS_URL_HELP, N8N_TOOL_DESCRIPTION_HELP, toolDescriptionField } from '../shared/description/toolDescription';

/** What the node panel says the node does. */
export const NODE_DESCRIPTION =
	'Read a bank card photo with Huawei Cloud OCR: bank name, card number, issue and expiry dates, card type and confidence';

/**
 * What an AI Agent's model is told about the node as its tool (from node version 1.2): what it
 * does, the one thing to give it, what comes back. The model chooses tools by this text alone.
 */
export const TOOL_DESCRIPTION =
	'Reads one bank card from a photo on the web with Huawei Cloud OCR. Give it the http(s) URL of one photo of the front of a card (JPEG, PNG, BMP or TIFF). ' +
	'Returns the bank name, the card number (masked to its first 6 and last 4 digits unless the workflow says otherwise), the expiry and issue dates, the card type and network, ' +
	'whether the number passes its checksum and whether the card has expired. On failure it returns an error saying what to fix.';

/**
 * From version 1.2 the tool's default description is written for a model; older versions keep
 * n8n's field as it was (see ../shared/description/toolDescription.ts).
 */
export const toolProperties: INodeProperties[] = [
	toolDescriptionField(NODE_DESCRIPTION, N8N_TOOL_DESCRIPTION_HELP, { _cnd: { lt: 1.2 } }),
	toolDescriptionField(TOOL_DESCRIPTION, MODEL_FILLS_URL_HELP, { _cnd: { gte: 1.2 } }),
];
