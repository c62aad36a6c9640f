import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clamp, COMMON_OPTION_DEFAULTS, readCommonOptions, type CommonOptions } from '../shared/options/commonOptions';
import type { CardNumberFormat } from './cardChecks';
import { keepInputBinaryByDefault, listsMissingFieldsApart, runsAsAgentTool } from './versions';

/** The Options collection as the code uses it, every value filled in. */
export interface BankcardOptions extends CommonOptions {
	returnTextLocation: boolean;
	cardNumberFormat: CardNumberFormat;
	addCardChecks: boolean;
	confidenceThreshold: number;
	rawOutput: boolean;
	/** Not an option: set by the node version, see versions.ts. */
	missingFieldsApart: boolean;
}

/**
 * What an option means when the user did not add it. n8n leaves unset collection options out
 * entirely; description.ts shows the same values (as literals, which n8n's lint rules require),
 * and a test keeps the two in step.
 */
export const OPTION_DEFAULTS = {
	returnTextLocation: false,
	cardNumberFormat: 'asRecognized',
	addCardChecks: true,
	confidenceThreshold: 0.8,
	rawOutput: false,
	// keepInputBinary: what the option shows once added (on); not added, it depends on the node
	// version, see versions.ts.
	...COMMON_OPTION_DEFAULTS,
} as const;

/**
 * Unset options of a tool: the model reads the output and may repeat it in a chat, and the
 * chat history and the model provider's logs keep it, so the card number is masked unless the
 * user chose a format; Huawei's raw answer (longer, unmasked) stays off.
 */
const TOOL_DEFAULTS = { cardNumberFormat: 'masked', rawOutput: false } as const;

export function readOptions(context: IExecuteFunctions, itemIndex: number): BankcardOptions {
	const added = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = context.getNode();
	const { typeVersion } = node;
	const raw: IDataObject = {
		...OPTION_DEFAULTS,
		keepInputBinary: keepInputBinaryByDefault(typeVersion),
		...(runsAsAgentTool(node) ? TOOL_DEFAULTS : {}),
		...added,
	};
	return {
		returnTextLocation: raw.returnTextLocation === true,
		cardNumberFormat: raw.cardNumberFormat as CardNumberFormat,
		addCardChecks: raw.addCardChecks !== false,
		confidenceThreshold: clamp(raw.confidenceThreshold, 0, 1, OPTION_DEFAULTS.confidenceThreshold),
		rawOutput: raw.rawOutput === true,
		missingFieldsApart: listsMissingFieldsApart(typeVersion),
		...readCommonOptions(raw),
	};
}
