import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../credentials/common/huawei/credential';
import { executeOcrNode } from '../shared/node/execute';
import { autoClassificationAdvice } from './autoClassificationApi';
import { BANKCARD_ADVICE, bankcardPath } from './bankcardApi';
import { properties } from './description';
import { readOptions } from './options';
import { planBankcard } from './recognize';
import { BANKCARD_VERSIONS, runsAsAgentTool } from './versions';
import { NODE_DESCRIPTION } from './toolDescription';

export class BankcardOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bankcard OCR',
		name: 'bankcardOcr',
		icon: { light: 'file:bankcardOcr.svg', dark: 'file:bankcardOcr.dark.svg' },
		group: ['transform'],
		// 1.1: Keep Input Binary is off unless added (see options.ts); saved version 1 nodes keep it on.
		// 1.2: fields Huawei returned empty go to missing_fields, not to low_confidence_fields; as an
		// AI Agent's tool, a description written for the model and the card number masked by default.
		// 1.3: with Every File of the Item, a photo without a bank card is skipped when another file
		// of the item gives one. See versions.ts.
		version: BANKCARD_VERSIONS,
		defaultVersion: 1.3,
		subtitle:
			'={{$parameter["inputType"] === "url" ? "from image URL" : $parameter["inputType"] === "allFiles" ? "from every file" : "from file"}}',
		description: NODE_DESCRIPTION,
		defaults: { name: 'Bankcard OCR' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOcrNode(this, {
			apiPath: bankcardPath(),
			advice: BANKCARD_ADVICE,
			severalPerPhotoAdvice: autoClassificationAdvice,
			asTool: runsAsAgentTool,
			batchConcurrency: (context) => readOptions(context, 0).batchConcurrency,
			plan: planBankcard,
		});
	}
}
