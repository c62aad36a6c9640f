import type { INodeProperties } from 'n8n-workflow';

/**
 * n8n-workflow's FROM_AI_AUTO_GENERATED_MARKER, written out: the node must load on hosts whose
 * n8n-workflow may lack an export, and a test keeps the two the same.
 */
export const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

/**
 * A field's value "defined automatically by the model", exactly as the editor's button next to a
 * tool's field writes it (buildValueFromOverride in n8n's
 * packages/frontend/editor-ui/src/features/ndv/parameters/utils/fromAIOverride.utils.ts): the
 * marker, which makes the editor show the field as the model's with the description editable;
 * the key from the field's display name ("Image URL" -> "Image_URL"); the description in
 * backticks; the type. n8n offers the model one parameter per key, with that description
 * (getSchema in n8n-core's create-node-as-tool.ts), and fills in what the model gave.
 */
export function definedByModel(field: Pick<INodeProperties, 'displayName' | 'type'>, description: string): string {
	const key = field.displayName.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);
	const text = description.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
	const type = field.type === 'number' || field.type === 'boolean' || field.type === 'json' ? field.type : 'string';
	return `={{ ${FROM_AI_MARKER} $fromAI('${key}', \`${text}\`, '${type}') }}`;
}
