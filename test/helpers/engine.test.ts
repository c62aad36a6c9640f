/**
 * Proves the engine harness (test/helpers/engine.ts) behaves like n8n: a tiny node and a tiny
 * token-exchange credential, both defined here, run through n8n-core's WorkflowExecute.
 */
import nock from 'nock';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { binaryItem, CredentialStore, runNode, testCredential } from './engine';

const IAM = 'https://iam.example.test';
const API = 'https://api.example.test';
const PASSWORD = 'pw-s3cret-value';

class HarnessTokenApi implements ICredentialType {
	name = 'harnessTokenApi';
	displayName = 'Harness Token API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Username', name: 'username', type: 'string', default: '' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Token', name: 'token', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: IDataObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${IAM}/v3/auth/tokens`,
			body: { user: credentials.username, password: credentials.password },
			json: true,
			returnFullResponse: true,
		})) as { headers: Record<string, string> };
		return { token: response.headers['x-subject-token'] };
	}

	authenticate: ICredentialType['authenticate'] = {
		type: 'generic',
		properties: { headers: { 'X-Auth-Token': '={{$credentials.token}}' } },
	};

	test: ICredentialType['test'] = {
		request: { baseURL: API, url: '/v1/ping' },
		rules: [{ type: 'responseCode', properties: { value: 403, message: 'Token rejected by the API' } }],
	};
}

/** Same type name, but signs like an AK/SK credential: a function that also edits the URL. */
class HarnessSigningTokenApi extends HarnessTokenApi {
	async preAuthentication(this: IHttpRequestHelper, credentials: IDataObject) {
		const { token } = await super.preAuthentication.call(this, credentials);
		return { token, projectId: 'proj-9' };
	}

	authenticate: ICredentialType['authenticate'] = async (credentials, requestOptions) => ({
		...requestOptions,
		url: requestOptions.url.replace(`${API}/`, `${API}/${credentials.projectId as string}/`),
		headers: { ...requestOptions.headers, 'X-Auth-Token': credentials.token as string },
	});
}

const description: INodeTypeDescription = {
	displayName: 'Harness Test Node',
	name: 'harnessTestNode',
	group: ['transform'],
	version: [1, 2],
	description: 'Exercises the engine harness',
	defaults: { name: 'Harness Test Node' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'harnessTokenApi', required: true }],
	properties: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Echo', value: 'echo' },
				{ name: 'Call API', value: 'call' },
				{ name: 'Fail', value: 'fail' },
				{ name: 'Read Binary', value: 'binary' },
			],
			default: 'echo',
		},
	],
};

class HarnessTestNode implements INodeType {
	description = description;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as string;
				if (operation === 'echo') {
					this.logger.info(`echoing item ${i}`);
					out.push({ json: { ...items[i].json, echoed: true }, pairedItem: { item: i } });
				} else if (operation === 'call') {
					const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTokenApi', {
						method: 'GET',
						url: `${API}/v1/things/${i}`,
						json: true,
					})) as IDataObject;
					out.push({ json: body, pairedItem: { item: i } });
				} else if (operation === 'binary') {
					this.helpers.assertBinaryData(i, 'data');
					const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');
					out.push({ json: { hex: buffer.toString('hex') }, pairedItem: { item: i } });
				} else {
					throw new NodeOperationError(this.getNode(), 'Boom on purpose', { itemIndex: i });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

const node = new HarnessTestNode();
const credentialType = new HarnessTokenApi();
const newStore = (token = '') => new CredentialStore(credentialType, { username: 'alice', password: PASSWORD, token });

/** IAM answers with a token in the `X-Subject-Token` header, like Huawei's IAM. */
const iamIssues = (token: string) =>
	nock(IAM)
		.post('/v3/auth/tokens', { user: 'alice', password: PASSWORD })
		.reply(201, { token: { expires_at: '2099-01-01T00:00:00Z' } }, { 'X-Subject-Token': token });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => {
	nock.enableNetConnect();
	// nock 14 leaves its http patch in place otherwise, and a later file in this worker would see it.
	nock.restore();
});

describe('runNode', () => {
	it('passes items through the engine and keeps pairedItem', async () => {
		const result = await runNode({
			node,
			parameters: { operation: 'echo' },
			items: [{ json: { a: 1 } }, { json: { a: 2 } }],
			credentials: newStore('unused'),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{ json: { a: 1, echoed: true }, pairedItem: { item: 0 } },
			{ json: { a: 2, echoed: true }, pairedItem: { item: 1 } },
		]);
		expect(result.logs).toContain('info: echoing item 1');
		expect(result.logs.some((line) => line.includes('Running node "Harness Test Node" finished successfully'))).toBe(true);
	});

	it('applies a generic authenticate header to httpRequestWithAuthentication', async () => {
		const store = newStore('stored-token');
		const api = nock(API, { reqheaders: { 'x-auth-token': 'stored-token' } })
			.get('/v1/things/0')
			.reply(200, { id: 0 });

		const result = await runNode({ node, parameters: { operation: 'call' }, items: [{ json: {} }], credentials: store });

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { id: 0 }, pairedItem: { item: 0 } }]);
		expect(api.isDone()).toBe(true);
		expect(store.preAuthCalls).toBe(0);
		expect(store.updates).toEqual([]);
	});

	it('runs preAuthentication once for 3 items, saves the token, and reuses it on the next run', async () => {
		// No token field at all: n8n applies the type's defaults, so the hidden field reads ''.
		const store = new CredentialStore(credentialType, { username: 'alice', password: PASSWORD });
		iamIssues('token-1');
		nock(API, { reqheaders: { 'x-auth-token': 'token-1' } })
			.get(/\/v1\/things\/\d/)
			.times(3)
			.reply(200, (uri) => ({ uri }));

		const first = await runNode({
			node,
			parameters: { operation: 'call' },
			items: [{ json: {} }, { json: {} }, { json: {} }],
			credentials: store,
		});

		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json.uri)).toEqual(['/v1/things/0', '/v1/things/1', '/v1/things/2']);
		expect(store.preAuthCalls).toBe(1);
		expect(store.data.token).toBe('token-1');
		expect(store.updates).toEqual([{ username: 'alice', password: PASSWORD, token: 'token-1' }]);
		expect(nock.isDone()).toBe(true);

		nock(API, { reqheaders: { 'x-auth-token': 'token-1' } }).get('/v1/things/0').reply(200, { again: true });
		const second = await runNode({ node, parameters: { operation: 'call' }, items: [{ json: {} }], credentials: store });

		expect(second.items).toEqual([{ json: { again: true }, pairedItem: { item: 0 } }]);
		expect(store.preAuthCalls).toBe(1);
		expect(store.updates).toHaveLength(1);
		for (const line of [...first.logs, ...second.logs]) {
			expect(line).not.toContain(PASSWORD);
			expect(line).not.toContain('token-1');
		}
	});

	it('refreshes the token after a 401 and retries the request', async () => {
		const store = newStore('expired-token');
		nock(API, { reqheaders: { 'x-auth-token': 'expired-token' } })
			.get('/v1/things/0')
			.reply(401, { error: 'token expired' });
		iamIssues('token-2');
		nock(API, { reqheaders: { 'x-auth-token': 'token-2' } })
			.get('/v1/things/0')
			.reply(200, { ok: true });

		const result = await runNode({ node, parameters: { operation: 'call' }, items: [{ json: {} }], credentials: store });

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { ok: true }, pairedItem: { item: 0 } }]);
		expect(store.preAuthCalls).toBe(1);
		expect(store.data.token).toBe('token-2');
		expect(nock.isDone()).toBe(true);
	});

	it('runs a function authenticate with the refreshed credentials', async () => {
		const store = new CredentialStore(new HarnessSigningTokenApi(), { username: 'alice', password: PASSWORD });
		iamIssues('token-3');
		nock(API, { reqheaders: { 'x-auth-token': 'token-3' } })
			.get('/proj-9/v1/things/0')
			.reply(200, { signed: true });

		const result = await runNode({ node, parameters: { operation: 'call' }, items: [{ json: {} }], credentials: store });

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { signed: true }, pairedItem: { item: 0 } }]);
		expect(store.updates).toEqual([{ username: 'alice', password: PASSWORD, token: 'token-3', projectId: 'proj-9' }]);
	});

	it('turns an API error into an error item with continueOnFail', async () => {
		nock(API).get('/v1/things/0').reply(500, { message: 'server exploded' });

		const result = await runNode({
			node,
			parameters: { operation: 'call' },
			items: [{ json: {} }],
			credentials: newStore('stored-token'),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(typeof result.items[0].json.error).toBe('string');
	});

	it('also yields an error item when the node itself throws and continueOnFail is set', async () => {
		const result = await runNode({
			node,
			parameters: { operation: 'fail' },
			items: [{ json: {} }],
			credentials: newStore('t'),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { error: 'Boom on purpose' }, pairedItem: { item: 0 } }]);
	});

	it('reports a thrown error in result.error', async () => {
		const result = await runNode({
			node,
			parameters: { operation: 'fail' },
			items: [{ json: {} }, { json: {} }],
			credentials: newStore('t'),
		});

		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(Error);
		expect(result.error?.message).toBe('Boom on purpose');
		expect(result.error?.name).toBe('NodeOperationError');
		expect((result.error as Error & { context?: IDataObject }).context?.itemIndex).toBe(0);
	});

	it('wraps an API failure as NodeApiError with the HTTP status', async () => {
		nock(API).get('/v1/things/0').reply(404, { message: 'no such thing' });

		const result = await runNode({
			node,
			parameters: { operation: 'call' },
			items: [{ json: {} }],
			credentials: newStore('stored-token'),
		});

		expect(result.error?.name).toBe('NodeApiError');
		expect((result.error as Error & { httpCode?: string }).httpCode).toBe('404');
		expect(result.logs.join('\n')).not.toContain('stored-token');
	});

	it.each(['default', 'filesystem'] as const)('round-trips binary data in %s mode', async (mode) => {
		const bytes = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x0a]);
		const item = await binaryItem(bytes, { fileName: 'card.jpg', mode, json: { n: 1 } });
		const stored = item.binary?.data;

		expect(stored?.mimeType).toBe('image/jpeg'); // from the file name, by n8n-core
		expect(stored?.fileName).toBe('card.jpg');
		if (mode === 'filesystem') {
			expect(stored?.id).toMatch(/^filesystem(-v2)?:/);
			expect(stored?.data).not.toBe(bytes.toString('base64'));
		} else {
			expect(stored?.id).toBeUndefined();
			expect(stored?.data).toBe(bytes.toString('base64'));
		}

		const result = await runNode({
			node,
			parameters: { operation: 'binary' },
			items: [item],
			credentials: newStore('t'),
			binaryMode: mode,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ json: { hex: bytes.toString('hex') }, pairedItem: { item: 0 } }]);
	});
});

describe('binaryItem', () => {
	it('falls back to application/octet-stream when nothing names the type', async () => {
		const item = await binaryItem(Buffer.from('raw'), { name: 'file', fileName: 'blob.unknownext' });

		expect(item.binary?.file?.mimeType).toBe('application/octet-stream');
		expect(item.binary?.file?.data).toBe(Buffer.from('raw').toString('base64'));
	});
});

describe('testCredential', () => {
	it('returns OK and forces preAuthentication even with a stored token', async () => {
		const store = newStore('old-token');
		iamIssues('fresh-token');
		nock(API, { reqheaders: { 'x-auth-token': 'fresh-token' } })
			.get('/v1/ping')
			.reply(200, { pong: true });

		await expect(testCredential(store)).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(store.preAuthCalls).toBe(1);
		expect(store.data.token).toBe('fresh-token');
	});

	it('returns the rule message for a matching response code', async () => {
		iamIssues('fresh-token');
		nock(API).get('/v1/ping').reply(403, { error: 'forbidden' });

		await expect(testCredential(newStore())).resolves.toEqual({
			status: 'Error',
			message: 'Token rejected by the API',
		});
	});

	it('returns Error when the token exchange fails', async () => {
		// A 401 from the token endpoint is itself treated as "credentials expired" by n8n-core:
		// it runs preAuthentication a second time before giving up, so IAM sees two attempts.
		nock(IAM).post('/v3/auth/tokens').times(2).reply(401, { error: 'bad password' });
		const store = newStore();

		await expect(testCredential(store)).resolves.toEqual({ status: 'Error', message: 'Unauthorized' });
		expect(store.preAuthCalls).toBe(2);
		expect(store.updates).toEqual([]);
	});
});
