import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { clamp, COMMON_OPTION_DEFAULTS, readCommonOptions, type CommonOptions } from '../shared/options/commonOptions';
import type { CardNumberFormat } from './cardChecks';
import { keepInputBinaryByDefault, listsMissingFieldsApart, masksCardNumberByDefault, runsAsAgentTool } from './versions';

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
	// Before version 1.3, for a node that is not a tool; see MASKED_BY_DEFAULT.
	cardNumberFormat: 'asRecognized',
	addCardChecks: true,
	confidenceThreshold: 0.8,
	rawOutput: false,
	// keepInputBinary: what the option shows once added (on); not added, it depends on the node
	// version, see versions.ts.
	...COMMON_OPTION_DEFAULTS,
} as const;

/**
 * Card Number Format not added, from version 1.3 and for a tool from 1.2 (see
 * masksCardNumberByDefault): the full number would otherwise be stored with every execution.
 */
export const MASKED_BY_DEFAULT = { cardNumberFormat: 'masked' } as const;

/**
 * Unset options of a tool: the model reads the output and may repeat it in a chat, and the
 * chat history and the model provider's logs keep it, so the card number is masked unless the
 * user chose a format; Huawei's raw answer (longer, unmasked) stays off.
 */
const TOOL_DEFAULTS = { ...MASKED_BY_DEFAULT, rawOutput: false } as const;

/**
 * What each option means when not added, for this node (its version, and whether it is a tool):
 * what the editor shows once it is added, except Keep Input Binary (see keepInputBinaryByDefault).
 */
export function unsetOptions(node: Pick<INode, 'type' | 'typeVersion'>): IDataObject {
	return {
		...OPTION_DEFAULTS,
		keepInputBinary: keepInputBinaryByDefault(node.typeVersion),
		...(masksCardNumberByDefault(node) ? MASKED_BY_DEFAULT : {}),
		...(runsAsAgentTool(node) ? TOOL_DEFAULTS : {}),
	};
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): BankcardOptions {
	const added = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = context.getNode();
	const raw: IDataObject = { ...unsetOptions(node), ...added };
	return {
		returnTextLocation: raw.returnTextLocation === true,
		cardNumberFormat: raw.cardNumberFormat as CardNumberFormat,
		addCardChecks: raw.addCardChecks !== false,
		confidenceThreshold: clamp(raw.confidenceThreshold, 0, 1, OPTION_DEFAULTS.confidenceThreshold),
		rawOutput: raw.rawOutput === true,
		missingFieldsApart: listsMissingFieldsApart(node.typeVersion),
		...readCommonOptions(raw),
	};
}
