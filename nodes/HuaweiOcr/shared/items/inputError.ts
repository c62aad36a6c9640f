import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** An error about what the workflow handed to the node, shown against the item it concerns. */
export function inputError(context: IExecuteFunctions, itemIndex: number, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}
