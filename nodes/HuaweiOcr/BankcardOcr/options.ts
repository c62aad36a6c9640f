import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { clamp, COMMON_OPTION_DEFAULTS, readCommonOptions, type CommonOptions } from '../shared/options/commonOptions';
import { isAgentToolType } from '../shared/node/agentTool';
import type { CardNumberFormat } from './cardChecks';

/** The Options collection as the code uses it, every value filled in. */
export interface BankcardOptions extends CommonOptions {
	returnTextLocation: boolean;
	cardNumberFormat: CardNumberFormat;
	addCardChecks: boolean;
	confidenceThreshold: number;
	rawOutput: boolean;
	/** Not an option: set by the node version, see listsMissingFieldsApart. */
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
	// version, see below.
	...COMMON_OPTION_DEFAULTS,
} as const;

/**
 * Keep Input Binary when the option is not added. Version 1 passed the photo on; from 1.1 the
 * output is the card alone, because n8n's output panel opens on the Binary tab whenever an item
 * carries a file, hiding the card fields users look for. A later node still gets the photo from
 * the node that brought it in (`{{ $('Email Trigger').item.binary.attachment_0 }}`), or with this
 * option added.
 */
export function keepInputBinaryByDefault(typeVersion: number): boolean {
	return typeVersion < 1.1;
}

/**
 * Whether the card checks list the fields Huawei returned empty apart, in missing_fields. Versions
 * 1 and 1.1 count them among low_confidence_fields (Huawei gives them confidence 0), so a card that
 * prints no issue date, as many do, looks unsure and is sent to a person; from 1.2
 * low_confidence_fields lists only what was read.
 */
export function listsMissingFieldsApart(typeVersion: number): boolean {
	return typeVersion >= 1.2;
}

/**
 * Whether the node runs as an AI Agent's tool, with the defaults for that: from version 1.2, so
 * that tools saved before keep what they had.
 *
 * See ../shared/node/agentTool.ts.
 */
export function runsAsAgentTool(node: Pick<INode, 'type' | 'typeVersion'>): boolean {
	return node.typeVersion >= 1.2 && isAgentToolType(node);
}

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
