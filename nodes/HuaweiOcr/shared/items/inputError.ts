import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * An error about what the workflow handed to the node, shown against the item it concerns. The
 * item is named once, at the end, the way n8n's own binary-data errors name it ("... [item 0]"),
 * so the message itself never repeats it.
 */
export function inputError(context: IExecuteFunctions, itemIndex: number, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, { itemIndex, description });
}
