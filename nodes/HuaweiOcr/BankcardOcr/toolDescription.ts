import type { DisplayCondition, INodeProperties } from 'n8n-workflow';

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
 * The "Description" n8n shows on a tool and hands the model (getToolDescriptionForNode in n8n's
 * packages/workflow/src/node-helpers.ts). n8n adds one itself to every tool, defaulting to the
 * node's own description (convertNodeToAiTool, packages/cli/src/tool-generation/ai-tools.ts),
 * unless the node declares `toolDescription` itself, as here: so that from version 1.2 the
 * default is written for a model. Older versions keep n8n's field as it was, so a saved tool
 * keeps its text. `@tool` shows a field only on the tool (a node type ending in "Tool").
 */
export const toolProperties: INodeProperties[] = [
	descriptionField(
		{ _cnd: { lt: 1.2 } },
		NODE_DESCRIPTION,
		'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
	),
	descriptionField(
		{ _cnd: { gte: 1.2 } },
		TOOL_DESCRIPTION,
		'What the AI Agent\'s model is told about this tool: it decides from this text when to use it and what to give it. The model fills in the Image URL below.',
	),
];

/** The field for the node versions `versions` matches, shown only on the tool. */
function descriptionField(versions: DisplayCondition, text: string, help: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		required: true,
		typeOptions: { rows: 4 },
		displayOptions: { show: { '@tool': [true], '@version': [versions] } },
		description: help,
	};
}
