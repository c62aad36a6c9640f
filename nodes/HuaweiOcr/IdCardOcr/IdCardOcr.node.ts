import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { INPUT_SUBTITLE, ocrNodeDescription } from '../shared/node/description';
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
		icon: { light: 'file:idCardOcr.svg', dark: 'file:idCardOcr.dark.svg' },
		subtitle: INPUT_SUBTITLE,
		usableAsTool: true,
		...ocrNodeDescription({
			displayName: 'ID Card OCR',
			name: 'idCardOcr',
			// See versions.ts for what each version does.
			version: ID_CARD_VERSIONS,
			defaultVersion: 1,
			description: NODE_DESCRIPTION,
			properties,
		}),
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
