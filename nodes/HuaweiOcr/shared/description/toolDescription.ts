import type { DisplayCondition, INodeProperties } from 'n8n-workflow';

/** What the model is told a tool needs from it, beside a node's own description of itself. */
export const MODEL_FILLS_URL_HELP =
	'What the AI Agent\'s model is told about this tool: it decides from this text when to use it and what to give it. The model fills in the Image URL below.';

/** n8n's own help text for a tool's description, for node versions that keep n8n's field. */
export const N8N_TOOL_DESCRIPTION_HELP =
	'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often';

/**
 * The "Description" n8n shows on a tool and hands the model (getToolDescriptionForNode in n8n's
 * packages/workflow/src/node-helpers.ts). n8n adds one itself to every tool, defaulting to the
 * node's own description (convertNodeToAiTool, packages/cli/src/tool-generation/ai-tools.ts),
 * unless the node declares `toolDescription` itself, so that the default is written for a model.
 * `@tool` shows a field only on the tool (a node type ending in "Tool"); `versions` limits it to
 * the node versions it matches, so a saved tool keeps its text.
 */
export function toolDescriptionField(text: string, help: string, versions?: DisplayCondition): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		required: true,
		typeOptions: { rows: 4 },
		displayOptions: { show: { '@tool': [true], ...(versions ? { '@version': [versions] } : {}) } },
		description: help,
	};
}
