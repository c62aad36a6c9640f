import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../credentials/common/huawei/credential';
import { executeOcrNode } from '../shared/node/execute';
import { properties } from './description';
import { joinFrontAndBack } from './frontAndBack';
import { ID_CARD_ADVICE, idCardPath } from './idCardApi';
import { idCardsInPhotoAdvice } from './idCardsInPhoto';
import { readOptions } from './options';
import { planIdCard } from './recognize';
import { NODE_DESCRIPTION } from './toolDescription';
import { ID_CARD_VERSIONS, runsAsAgentTool } from './versions';

export class IdCardOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ID Card OCR',
		name: 'idCardOcr',
		icon: { light: 'file:idCardOcr.svg', dark: 'file:idCardOcr.dark.svg' },
		group: ['transform'],
		// See versions.ts for what each version does.
		version: ID_CARD_VERSIONS,
		defaultVersion: 1,
		subtitle:
			'={{$parameter["inputType"] === "url" ? "from image URL" : $parameter["inputType"] === "allFiles" ? "from every file" : "from file"}}',
		description: NODE_DESCRIPTION,
		defaults: { name: 'ID Card OCR' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOcrNode(this, {
			apiPath: idCardPath(),
			advice: ID_CARD_ADVICE,
			severalPerPhotoAdvice: idCardsInPhotoAdvice,
			asTool: runsAsAgentTool,
			batchConcurrency: (context) => readOptions(context, 0).batchConcurrency,
			plan: planIdCard,
			combine: (_context, items) => joinFrontAndBack(items),
		});
	}
}
