import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { properties } from './description';
import { readOptions } from './options';
import { recognizeBankcard, type ExecutionSettings } from './recognize';
import { bankcardPath } from './transport/endpoints';
import { errorItemJson } from './transport/errors';
import { CREDENTIAL_TYPE } from './transport/request';
import { credentialSecrets, credentialSettings } from './transport/settings';
import { runPool } from './util/pool';

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
		const settings: ExecutionSettings = {
			url: `${credentialSettings(credentials).ocrEndpoint}${bankcardPath()}`,
			secrets: credentialSecrets(credentials),
			now: new Date(),
		};
		const continueOnFail = this.continueOnFail();
		const concurrency = items.length ? readOptions(this, 0).batchConcurrency : 1;

		const output = await runPool(
			items.length,
			concurrency,
			async (itemIndex) => {
				try {
					return await recognizeBankcard(this, itemIndex, settings);
				} catch (error) {
					if (continueOnFail) {
						return { json: errorItemJson(error), pairedItem: { item: itemIndex } };
					}
					// Both constructors hand back an error of their own class unchanged.
					throw error instanceof NodeApiError
						? new NodeApiError(this.getNode(), error as unknown as JsonObject)
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				}
			},
			!continueOnFail,
		);
		return [output];
	}
}
