/**
 * The node through n8n-core's WorkflowExecute (test/helpers/engine.ts), with a credential of
 * either mode pointing at the local server. Binary data is stored the way n8n 2.x does by
 * default ('filesystem' mode: the items carry a reference, the bytes are in a file).
 *
 * The harness must not pull in nock (which would intercept http and fetch in this process):
 * `assertNoNock` checks the module cache.
 */
import { rmSync } from 'fs';

import type { INodeExecutionData } from 'n8n-workflow';

import { HuaweiOcrApi } from '../../credentials/HuaweiOcrApi.credentials';
import type { BankcardOcr as BankcardOcrClass } from '../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import type { IdCardOcr as IdCardOcrClass } from '../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node';
import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { binaryItem, CredentialStore, runNode } from '../../test/helpers/engine';
import { userFolder } from '../../test/helpers/env';
import { ACCESS_KEY, REGION, IAM_USER } from '../../test/helpers/fixtures';

export type AuthMode = 'password' | 'accessKey';

// With the ".ts" spelled out: Node's resolver tries ".json" before tsx's ".ts", and
// "BankcardOcr.node" + ".json" is the node's codex file.
const { BankcardOcr } = require('../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node.ts') as { BankcardOcr: typeof BankcardOcrClass };
const { IdCardOcr } = require('../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node.ts') as { IdCardOcr: typeof IdCardOcrClass };

/** Each node the benchmark runs, and the field every item it recognised has. */
const NODES = {
	bankcard: { node: new BankcardOcr(), field: 'card_number' },
	idCard: { node: new IdCardOcr(), field: 'number' },
};
export type OcrNodeName = keyof typeof NODES;

export function assertNoNock(): void {
	const loaded = Object.keys(require.cache).filter((path) => /[\\/]node_modules[\\/](nock|@mswjs)[\\/]/.test(path));
	if (loaded.length > 0) throw new Error(`nock is loaded in the benchmark process: ${loaded[0]}`);
}

export function credential(mode: AuthMode, url: string): CredentialStore {
	const endpoints = { region: REGION, iamEndpoint: url, ocrEndpoint: url };
	return new CredentialStore(
		new HuaweiOcrApi(),
		mode === 'password'
			? { authentication: 'password', ...endpoints, userName: IAM_USER.name, password: IAM_USER.password, accountName: IAM_USER.domain, project: '' }
			: { authentication: 'accessKey', ...endpoints, accessKeyId: ACCESS_KEY.ak, secretAccessKey: ACCESS_KEY.sk, securityToken: '', projectId: '' },
	);
}

/** `count` items referring to one stored copy of `image` (n8n reads it once per item). */
export async function imageItems(image: Buffer, count: number): Promise<INodeExecutionData[]> {
	const item = await binaryItem(image, { mode: 'filesystem', mimeType: image[0] === 0xff ? 'image/jpeg' : 'image/bmp', fileName: 'card' });
	return Array.from({ length: count }, () => item);
}

/** One execution of the node (default Bankcard OCR) over `items`; throws unless every item was recognised. */
export async function runOcr(items: INodeExecutionData[], store: CredentialStore, concurrency: number, which: OcrNodeName = 'bankcard'): Promise<void> {
	const { node, field } = NODES[which];
	const result = await runNode({
		node,
		parameters: { inputType: 'binaryData', binaryPropertyName: 'data', options: { batchConcurrency: concurrency } },
		items,
		credentials: store,
		binaryMode: 'filesystem',
	});
	if (result.error) throw new Error(`node run failed: ${result.error.message}`);
	const failed = result.items.filter((item) => typeof item.json[field] !== 'string');
	if (result.items.length !== items.length || failed.length > 0) {
		throw new Error(`node run: ${failed.length} of ${result.items.length} items failed: ${JSON.stringify(failed[0]?.json)}`);
	}
}

export { clearSignInCache };

/** The harness's temporary n8n user folder (binary data files); jest would remove it itself. */
export function removeUserFolder(): void {
	rmSync(userFolder, { recursive: true, force: true });
}
