import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson } from './errorItem';
import { runExpandingPool } from './pool';

/**
 * The output of one call for one file (or URL) of an input item: usually one item, or several
 * when the answer holds several results (several cards in one photo), kept in their order.
 */
export interface WorkUnit {
	run: () => Promise<INodeExecutionData | INodeExecutionData[]>;
	/** Added to the error item when this unit fails under "Continue On Fail" (which file it was). */
	errorJson?: IDataObject;
	/** The files the error item carries, so a later node can still attach the one that failed. */
	errorBinary?: IBinaryKeyData;
}

/**
 * Plans every input item into units (one per file it holds, usually one) and runs all units of
 * the batch in one pool, at most `concurrency` at once. The output keeps input order, then unit
 * order, then the order of a unit's items, and every output item is paired with its input item. Under "Continue On Fail" a failing
 * item or unit becomes an error item in its place; otherwise the first failure (in that order)
 * stops the run, and nothing new starts after it.
 */
export async function runItems(
	context: IExecuteFunctions,
	concurrency: number,
	plan: (itemIndex: number) => Promise<WorkUnit[]>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const failed = (itemIndex: number, error: unknown, unit: Omit<WorkUnit, 'run'> = {}): INodeExecutionData => {
		if (continueOnFail) {
			const item: INodeExecutionData = { json: { ...errorItemJson(error), ...unit.errorJson }, pairedItem: { item: itemIndex } };
			if (unit.errorBinary) item.binary = unit.errorBinary;
			return item;
		}
		// Both constructors hand back an error of their own class unchanged.
		throw error instanceof NodeApiError
			? new NodeApiError(context.getNode(), error as unknown as JsonObject)
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	};
	const output = await runExpandingPool<INodeExecutionData | INodeExecutionData[]>(
		context.getInputData().length,
		concurrency,
		async (itemIndex) => {
			let units: WorkUnit[];
			try {
				units = await plan(itemIndex);
			} catch (error) {
				const item = failed(itemIndex, error);
				return [async () => item];
			}
			return units.map((unit) => async () => {
				try {
					return await unit.run();
				} catch (error) {
					return failed(itemIndex, error, unit);
				}
			});
		},
		!continueOnFail,
	);
	return output.flat(2);
}
