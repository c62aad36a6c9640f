/**
 * The floor any n8n node pays for the same work: a minimal node that reads each item's file
 * through n8n's binary helper and posts it with n8n's own HTTP helper (`this.helpers.httpRequest`:
 * axios, n8n's agents and SSRF guard), with a token obtained beforehand and no checks, mapping or
 * retries. The difference between it and the Bankcard OCR node is what this package adds; the
 * difference between it and bare fetch is what running inside n8n costs.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runNode } from '../../test/helpers/engine';

class FloorNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Floor',
		name: 'benchFloor',
		group: ['transform'],
		version: 1,
		description: 'Posts each file to the OCR URL with n8n\'s HTTP helper',
		defaults: { name: 'Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', default: '' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 4 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const url = this.getNodeParameter('url', 0) as string;
		const token = this.getNodeParameter('token', 0) as string;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const output = new Array<INodeExecutionData>(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				const image = await this.helpers.getBinaryDataBuffer(index, 'data');
				const body = (await this.helpers.httpRequest({
					method: 'POST',
					url,
					body: { image: image.toString('base64') },
					json: true,
					headers: { 'X-Auth-Token': token },
				})) as { result: { card_number: string } };
				output[index] = { json: { card_number: body.result.card_number }, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
		return [output];
	}
}

const floor = new FloorNode();

export async function runFloor(items: INodeExecutionData[], url: string, token: string, concurrency: number): Promise<void> {
	const result = await runNode({ node: floor, parameters: { url, token, concurrency }, items, binaryMode: 'filesystem' });
	if (result.error || result.items.length !== items.length) throw new Error(`floor node run failed: ${result.error?.message}`);
}
