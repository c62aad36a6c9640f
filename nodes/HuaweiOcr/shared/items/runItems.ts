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
	/**
	 * For a file that may be left out: when its failure means Huawei found no document in it and
	 * another unit of the same input item gives results, the entry for `skipped_files` that
	 * replaces its error (undefined: the failure stays one).
	 */
	skippedWhenOthersRead?: (error: unknown) => IDataObject | undefined;
}

/** What one unit gave: its items (results, or its error item), or a failure that waits for its siblings. */
type Outcome = { items: INodeExecutionData[]; read: boolean } | { waiting: { error: unknown; unit: WorkUnit; entry: IDataObject } };

/**
 * Plans every input item into units (one per file it holds, usually one) and runs all units of
 * the batch in one pool, at most `concurrency` at once. The output keeps input order, then unit
 * order, then the order of a unit's items, and every output item is paired with its input item. Under "Continue On Fail" a failing
 * item or unit becomes an error item in its place; otherwise the first failure (in that order)
 * stops the run, and nothing new starts after it. A unit that may be skipped (see
 * skippedWhenOthersRead) waits for the other units of its item to decide. `combine`, when given,
 * sees each input item's output items once all its units have run (the ID card node joins the
 * front and the back of one card there).
 */
export async function runItems(
	context: IExecuteFunctions,
	concurrency: number,
	plan: (itemIndex: number) => Promise<WorkUnit[]>,
	combine: (items: INodeExecutionData[]) => INodeExecutionData[] = (items) => items,
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
	const output = await runExpandingPool<Outcome>(
		context.getInputData().length,
		concurrency,
		async (itemIndex) => {
			let units: WorkUnit[];
			try {
				units = await plan(itemIndex);
			} catch (error) {
				const item = failed(itemIndex, error);
				return [async () => ({ items: [item], read: false })];
			}
			return units.map((unit) => async (): Promise<Outcome> => {
				try {
					const items = await unit.run();
					return { items: Array.isArray(items) ? items : [items], read: true };
				} catch (error) {
					const entry = unit.skippedWhenOthersRead?.(error);
					if (entry) return { waiting: { error, unit, entry } };
					return { items: [failed(itemIndex, error, unit)], read: false };
				}
			});
		},
		!continueOnFail,
	);
	return output.flatMap((outcomes, itemIndex) => combine(settleItem(outcomes, itemIndex, failed)));
}

/**
 * An item's units once all have run: when one gave results, the files in which Huawei found
 * nothing are listed in skipped_files of each of its items (after the files skipped before any
 * call); otherwise each is the failure it was.
 */
function settleItem(
	outcomes: Outcome[],
	itemIndex: number,
	failed: (itemIndex: number, error: unknown, unit: WorkUnit) => INodeExecutionData,
): INodeExecutionData[] {
	const read = outcomes.some((outcome) => 'items' in outcome && outcome.read);
	const skipped = outcomes.flatMap((outcome) => ('waiting' in outcome ? [outcome.waiting.entry] : []));
	return outcomes.flatMap((outcome) => {
		if ('waiting' in outcome) return read ? [] : [failed(itemIndex, outcome.waiting.error, outcome.waiting.unit)];
		if (!read || !skipped.length) return outcome.items;
		for (const item of outcome.items) {
			const before = Array.isArray(item.json.skipped_files) ? item.json.skipped_files : [];
			// A copy for each item: a later node may change one item's json in place.
			item.json.skipped_files = [...before, ...skipped.map((entry) => ({ ...entry }))];
		}
		return outcome.items;
	});
}
