import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { properties } from './description';
import { recognizeBankcard, type RecognizeSettings } from './recognize';
import { bankcardPath, ocrEndpoint } from './transport/endpoints';
import { errorItemJson } from './transport/errors';
import { CREDENTIAL_TYPE } from './transport/request';

const DEFAULT_TIMEOUT_MS = 60_000;

export class BankcardOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bankcard OCR',
		name: 'bankcardOcr',
		icon: { light: 'file:bankcardOcr.svg', dark: 'file:bankcardOcr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["inputType"] === "url" ? "from image URL" : "from file"}}',
		description:
			'Read a bank card photo with Huawei Cloud OCR: bank name, card number, issue and expiry dates, card type and confidence',
		defaults: { name: 'Bankcard OCR' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const settings: RecognizeSettings = {
			url: `${ocrEndpoint(credentials.region as string)}${bankcardPath()}`,
			timeoutMs: DEFAULT_TIMEOUT_MS,
			secrets: [credentials.password, credentials.token].filter(
				(value): value is string => typeof value === 'string',
			),
		};

		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const json = await recognizeBankcard(this, itemIndex, settings);
				output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) {
					// Both constructors hand back an error of their own class unchanged.
					throw error instanceof NodeApiError
						? new NodeApiError(this.getNode(), error as unknown as JsonObject)
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
				output.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
