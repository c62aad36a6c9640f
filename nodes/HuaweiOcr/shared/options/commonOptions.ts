import type { IDataObject } from 'n8n-workflow';

/** What every call of an item needs from its options. */
export interface CallOptions {
	maxRetries: number;
	timeoutMs: number;
	enterpriseProjectId: string;
}

/** The options every OCR node of this package offers, as the code uses them. */
export interface CommonOptions extends CallOptions {
	keepInputBinary: boolean;
	batchConcurrency: number;
}

/**
 * What a common option means when the user did not add it (n8n leaves unset collection options
 * out entirely). The descriptions (see ../description/commonOptions.ts) show the same values.
 */
export const COMMON_OPTION_DEFAULTS = {
	// What the option shows once added (on); not added, each node's version decides.
	keepInputBinary: true,
	batchConcurrency: 4,
	maxRetries: 3,
	timeout: 60,
	enterpriseProjectId: '',
} as const;

export function clamp(value: unknown, min: number, max: number, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) ? Math.min(max, Math.max(min, number)) : fallback;
}

/** The common options of `raw`: the options added, over the node's defaults for the unset ones. */
export function readCommonOptions(raw: IDataObject): CommonOptions {
	return {
		keepInputBinary: raw.keepInputBinary !== false,
		batchConcurrency: Math.round(clamp(raw.batchConcurrency, 1, 20, COMMON_OPTION_DEFAULTS.batchConcurrency)),
		maxRetries: Math.round(clamp(raw.maxRetries, 0, 10, COMMON_OPTION_DEFAULTS.maxRetries)),
		timeoutMs: Math.round(clamp(raw.timeout, 1, 600, COMMON_OPTION_DEFAULTS.timeout) * 1000),
		enterpriseProjectId: String(raw.enterpriseProjectId ?? '').trim(),
	};
}
