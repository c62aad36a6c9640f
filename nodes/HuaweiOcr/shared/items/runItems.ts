import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson } from './errorItem';
import { runPool } from './pool';

/**
 * Runs `perItem` for every input item, at most `concurrency` at once, and returns the output in
 * input order. Under "Continue On Fail" a failing item becomes an error item paired with it;
 * otherwise the first failure (by item index) stops the run, and no new item starts after it.
 */
export async function runItems(
	context: IExecuteFunctions,
	concurrency: number,
	perItem: (itemIndex: number) => Promise<INodeExecutionData>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	return await runPool(
		context.getInputData().length,
		concurrency,
		async (itemIndex) => {
			try {
				return await perItem(itemIndex);
			} catch (error) {
				if (continueOnFail) {
					return { json: errorItemJson(error), pairedItem: { item: itemIndex } };
				}
				// Both constructors hand back an error of their own class unchanged.
				throw error instanceof NodeApiError
					? new NodeApiError(context.getNode(), error as unknown as JsonObject)
					: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			}
		},
		!continueOnFail,
	);
}
