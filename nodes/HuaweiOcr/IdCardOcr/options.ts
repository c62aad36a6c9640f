import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { COMMON_OPTION_DEFAULTS, readCommonOptions, type CommonOptions } from '../shared/options/commonOptions';
import { BACK_FIELDS, FRONT_FIELDS, type IdCardField } from './idCardApi';
import type { IdNumberFormat } from './maskIdNumbers';
import { keepInputBinaryByDefault, runsAsAgentTool } from './versions';

/** The Options collection as the code uses it, every value filled in. */
export interface IdCardOptions extends CommonOptions {
	idNumberFormat: IdNumberFormat;
	/** Fields left out of the item (they never reach the execution log). */
	leaveOut: IdCardField[];
	returnVerification: boolean;
	returnPortrait: boolean;
	returnCardImage: boolean;
	returnTextLocation: boolean;
	rawOutput: boolean;
}

/**
 * What an option means when the user did not add it (n8n leaves unset collection options out);
 * description.ts shows the same values as literals, and a test keeps the two in step.
 */
export const OPTION_DEFAULTS = {
	idNumberFormat: 'masked',
	leaveOutFields: [] as string[],
	returnVerification: false,
	returnPortrait: false,
	returnCardImage: false,
	returnTextLocation: false,
	rawOutput: false,
	...COMMON_OPTION_DEFAULTS,
} as const;

/** Unset options of a tool: Huawei's raw answer (longer, and the model repeats what it reads) stays off. */
const TOOL_DEFAULTS = { rawOutput: false } as const;

const FIELDS: readonly string[] = [...FRONT_FIELDS, ...BACK_FIELDS];

export function readOptions(context: IExecuteFunctions, itemIndex: number): IdCardOptions {
	const added = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = context.getNode();
	const raw: IDataObject = {
		...OPTION_DEFAULTS,
		keepInputBinary: keepInputBinaryByDefault(node.typeVersion),
		...(runsAsAgentTool(node) ? TOOL_DEFAULTS : {}),
		...added,
	};
	const leaveOut = Array.isArray(raw.leaveOutFields) ? raw.leaveOutFields : [];
	return {
		idNumberFormat: raw.idNumberFormat === 'asRecognized' ? 'asRecognized' : 'masked',
		leaveOut: leaveOut.filter((field): field is IdCardField => typeof field === 'string' && FIELDS.includes(field)),
		returnVerification: raw.returnVerification === true,
		returnPortrait: raw.returnPortrait === true,
		returnCardImage: raw.returnCardImage === true,
		returnTextLocation: raw.returnTextLocation === true,
		rawOutput: raw.rawOutput === true,
		...readCommonOptions(raw),
	};
}
