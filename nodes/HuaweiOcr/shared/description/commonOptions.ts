import type { INodeProperties } from 'n8n-workflow';

/**
 * The options every node offers, in the editor. Their defaults are the literals of
 * ../options/commonOptions.ts (COMMON_OPTION_DEFAULTS), which each node's test keeps in step.
 */
export const batchConcurrencyOption: INodeProperties = {
	displayName: 'Batch Concurrency',
	name: 'batchConcurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
	default: 4,
	description:
		'How many images are sent to Huawei at the same time. Higher is faster for large batches; lower it if Huawei reports throttling. Results always keep the input order.',
};

export const enterpriseProjectIdOption: INodeProperties = {
	displayName: 'Enterprise Project ID',
	name: 'enterpriseProjectId',
	type: 'string',
	default: '',
	description: 'Optional. Books the calls to this enterprise project, for billing by department or project.',
};

/** `description` says what "not added" means for this node's versions. */
export function keepInputBinaryOption(description: string): INodeProperties {
	return { displayName: 'Keep Input Binary', name: 'keepInputBinary', type: 'boolean', default: true, description };
}

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
	default: 3,
	description:
		'How many times to try again, with growing pauses, when Huawei is busy, throttles or times out. Errors in the image itself are never retried.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600, numberPrecision: 0 },
	default: 60,
	description: 'How long to wait for Huawei\'s answer to one image before giving up (or retrying)',
};

/**
 * A node's Options collection: its own options with the common ones, in alphabetical order as
 * n8n lists options. `keepInputBinary`: what "not added" means for this node's versions.
 */
export function optionsCollection(own: INodeProperties[], keepInputBinary: string): INodeProperties {
	const all = [batchConcurrencyOption, enterpriseProjectIdOption, keepInputBinaryOption(keepInputBinary), maxRetriesOption, timeoutOption, ...own];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: all.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
