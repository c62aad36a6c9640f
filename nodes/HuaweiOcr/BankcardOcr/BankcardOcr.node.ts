import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { INPUT_SUBTITLE, ocrNodeDescription } from '../shared/node/description';
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
		icon: { light: 'file:bankcardOcr.svg', dark: 'file:bankcardOcr.dark.svg' },
		subtitle: INPUT_SUBTITLE,
		usableAsTool: true,
		...ocrNodeDescription({
			displayName: 'Bankcard OCR',
			name: 'bankcardOcr',
			// 1.1: Keep Input Binary is off unless added (see options.ts); saved version 1 nodes keep it on.
			// 1.2: fields Huawei returned empty go to missing_fields, not to low_confidence_fields; as an
			// AI Agent's tool, a description written for the model and the card number masked by default.
			// 1.3: with Every File of the Item, a photo without a bank card is skipped when another file
			// of the item gives one. See versions.ts.
			version: BANKCARD_VERSIONS,
			defaultVersion: 1.3,
			description: NODE_DESCRIPTION,
			properties,
		}),
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
