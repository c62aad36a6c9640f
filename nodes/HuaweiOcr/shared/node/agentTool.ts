import type { INode } from 'n8n-workflow';

/**
 * Whether the node runs as an AI Agent's tool. n8n gives every `usableAsTool` node a second type,
 * its name plus "Tool", with an ai_tool output (convertNodeToAiTool in n8n's
 * packages/cli/src/tool-generation/ai-tools.ts, built on demand from ours by
 * packages/cli/src/node-types.ts). A workflow stores and runs that type, so the node's `type`
 * tells, the way n8n's own `@tool` display condition does (getPropertyValues in
 * packages/workflow/src/node-helpers.ts). Each node decides from which of its versions the tool
 * behaviour applies.
 */
export function isAgentToolType(node: Pick<INode, 'type'>): boolean {
	return node.type.endsWith('Tool');
}
