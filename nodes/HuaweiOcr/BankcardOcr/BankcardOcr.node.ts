import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE, credentialSecrets, parseCredential } from '../../../credentials/common/huawei/credential';
import { signInWaitingMs } from '../../../credentials/common/huawei/signInCache';
import { signInCacheKey } from '../../../credentials/common/huawei/signInIdentity';
import { runItems } from '../shared/items/runItems';
import { CredentialGate } from '../shared/transport/credentialGate';
import { autoClassificationAdvice, autoClassificationPath } from './autoClassificationApi';
import { bankcardPath } from './bankcardApi';
import { properties } from './description';
import { readOptions } from './options';
import { planBankcard, type BatchContext } from './recognize';

export class BankcardOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bankcard OCR',
		name: 'bankcardOcr',
		icon: { light: 'file:bankcardOcr.svg', dark: 'file:bankcardOcr.dark.svg' },
		group: ['transform'],
		// 1.1: Keep Input Binary is off unless added (see options.ts); saved version 1 nodes keep it on.
		// 1.2: fields Huawei returned empty go to missing_fields, not to low_confidence_fields.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle:
			'={{$parameter["inputType"] === "url" ? "from image URL" : $parameter["inputType"] === "allFiles" ? "from every file" : "from file"}}',
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
		const credential = parseCredential(credentials);
		const signInKey = signInCacheKey(credential);
		const batch: BatchContext = {
			url: `${credential.ocrEndpoint}${bankcardPath()}`,
			secrets: credentialSecrets(credentials),
			now: new Date(),
			gate: new CredentialGate(),
			signInWaitingMs: () => signInWaitingMs(signInKey),
			cardsInPhoto: {
				url: `${credential.ocrEndpoint}${autoClassificationPath()}`,
				advice: autoClassificationAdvice(credential.region),
			},
		};
		const concurrency = items.length ? readOptions(this, 0).batchConcurrency : 1;
		const output = await runItems(this, concurrency, async (itemIndex) => await planBankcard(this, itemIndex, batch));
		return [output];
	}
}
