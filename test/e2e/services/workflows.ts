/**
 * What the end-to-end suites give a real n8n to run: credentials pointed at the local Huawei
 * stand-in, workflows ending in Bankcard OCR (or ID Card OCR), and the run data `n8n execute --rawOutput` prints.
 */
import { printedRunData } from '../../../scripts/n8nRuntime';
import { ACCESS_KEY, IAM_USER } from '../../helpers/fixtures';

export const NODE_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcr';
export const CREDENTIAL_TYPE = 'huaweiOcrApi';

/** One of this package's nodes as a workflow names it: its type, and the node's name on the canvas. */
export interface OcrNodeRef {
	type: string;
	name: string;
}
const BANKCARD_NODE: OcrNodeRef = { type: NODE_TYPE, name: 'Bankcard OCR' };
export const ID_CARD_NODE: OcrNodeRef = { type: 'n8n-nodes-huawei-ocr.idCardOcr', name: 'ID Card OCR' };

export interface CredentialRef {
	id: string;
	name: string;
}

export const PASSWORD_CREDENTIAL: CredentialRef = { id: 'huaweiPasswordE2E', name: 'Huawei OCR (local, password)' };
export const ACCESS_KEY_CREDENTIAL: CredentialRef = { id: 'huaweiAccessKeyE2E', name: 'Huawei OCR (local, AK/SK)' };

/** The fields of a credential that signs in to the stand-in at `serverUrl`, by password or by access key. */
export function credentialData(serverUrl: string, mode: 'password' | 'accessKey'): Record<string, string> {
	const common = { region: 'cn-north-4', iamEndpoint: serverUrl, ocrEndpoint: serverUrl };
	return mode === 'password'
		? {
				...common,
				authentication: 'password',
				userName: IAM_USER.name,
				password: IAM_USER.password,
				accountName: IAM_USER.domain,
			}
		: { ...common, authentication: 'accessKey', accessKeyId: ACCESS_KEY.ak, secretAccessKey: ACCESS_KEY.sk };
}

/** Both credentials, as `n8n import:credentials` reads them (n8n encrypts `data` on import). */
export function credentialsForImport(serverUrl: string) {
	return [
		{ ...PASSWORD_CREDENTIAL, type: CREDENTIAL_TYPE, data: credentialData(serverUrl, 'password') },
		{ ...ACCESS_KEY_CREDENTIAL, type: CREDENTIAL_TYPE, data: credentialData(serverUrl, 'accessKey') },
	];
}

/** A workflow: Manual Trigger -> [extra nodes] -> Bankcard OCR (or `node`) -> [extra nodes]. */
export function ocrWorkflow(
	id: string,
	ocrParameters: Record<string, unknown>,
	credential: CredentialRef,
	options: {
		before?: Array<Record<string, unknown>>;
		after?: Array<Record<string, unknown>>;
		continueOnFail?: boolean;
		/** The workflow's settings, such as n8n 2.x's `binaryMode`. */
		settings?: Record<string, unknown>;
		/** The OCR node's version in the workflow; default 1, as workflows saved before 1.1 have it. */
		typeVersion?: number;
		/** Default Bankcard OCR. */
		node?: OcrNodeRef;
	} = {},
) {
	const ocr = options.node ?? BANKCARD_NODE;
	const chain = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		...(options.before ?? []),
		{
			id: `${id}-ocr`,
			name: ocr.name,
			type: ocr.type,
			typeVersion: options.typeVersion ?? 1,
			parameters: ocrParameters,
			credentials: { [CREDENTIAL_TYPE]: credential },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		},
		...(options.after ?? []),
	].map((node: Record<string, unknown>, index): Record<string, unknown> => ({ position: [index * 220, 0], ...node }));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[String(chain[i].name)] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, active: false, settings: options.settings ?? {}, nodes: chain, connections };
}

export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType?: string; fileName?: string }>;
	pairedItem?: unknown;
}

export type RunData = Record<string, Array<{ data?: { main: Item[][] } }>>;

/** Each node's runs, as n8n recorded them, from what `n8n execute --id=<id> --rawOutput` printed. */
export function runDataFromRawOutput(stdout: string, stderr = ''): RunData {
	const printed = printedRunData(stdout);
	if (!printed) {
		throw new Error(`no run data in n8n's output:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
	}
	const run = JSON.parse(printed) as {
		data: { resultData: { error?: { message: string }; runData: RunData } };
	};
	const { resultData } = run.data;
	if (resultData.error) throw new Error(`the workflow failed: ${resultData.error.message}`);
	return resultData.runData;
}

/** The output items of a node's first run. */
export function outputOf(runData: RunData, nodeName: string): Item[] {
	return runData[nodeName][0].data?.main[0] ?? [];
}

/** The Bankcard OCR node's output items from what `n8n execute --id=<id> --rawOutput` printed. */
export function ocrItemsFromRawOutput(stdout: string, stderr = ''): Item[] {
	return outputOf(runDataFromRawOutput(stdout, stderr), 'Bankcard OCR');
}

export const OPENAI_CREDENTIAL: CredentialRef = { id: 'openAiStandInE2E', name: 'OpenAI (local stand-in model)' };
/** The stand-in model's API key: never checked, and never to be seen in anything n8n hands on. */
export const OPENAI_API_KEY = 'sk-stand-in-key-never-shown-0123456789';

/** An OpenAI credential whose Base URL points at a local stand-in model (test/e2e/services/chatModel.ts). */
export function openAiCredentialForImport(baseUrl: string) {
	return { ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: OPENAI_API_KEY, url: baseUrl, header: false } };
}

/**
 * A workflow: Manual Trigger -> "Chat message" (a Set node holding `chatInput`) -> AI Agent, with
 * an OpenAI Chat Model (Chat Completions API, or with `responsesApi` the Responses API; `model`
 * its model id) and Bankcard OCR (or `tool`) as its one
 * tool, that tool's parameters as given (the node type n8n makes of a `usableAsTool` node: ours
 * plus "Tool").
 */
export function agentWorkflow(
	id: string,
	chatInput: string,
	toolParameters: Record<string, unknown>,
	options: { model: string; typeVersion?: number; name?: string; responsesApi?: boolean; /** Default Bankcard OCR. */ tool?: OcrNodeRef },
) {
	const tool = options.tool ?? BANKCARD_NODE;
	const nodes = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-message`,
			name: 'Chat message',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				assignments: { assignments: [{ id: `${id}-chat-input`, name: 'chatInput', value: chatInput, type: 'string' }] },
				options: {},
			},
		},
		{
			id: `${id}-agent`,
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [460, 0],
			parameters: { promptType: 'define', text: '={{ $json.chatInput }}', options: {} },
		},
		{
			id: `${id}-model`,
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			// 1.3 is what the editor adds now, with "Use Responses API" on by default; 1.2 speaks Chat Completions.
			typeVersion: options.responsesApi ? 1.3 : 1.2,
			position: [380, 240],
			parameters: { model: { __rl: true, mode: 'id', value: options.model }, options: {} },
			credentials: { openAiApi: OPENAI_CREDENTIAL },
		},
		{
			id: `${id}-ocr`,
			name: tool.name,
			type: `${tool.type}Tool`,
			typeVersion: options.typeVersion ?? 1.2,
			position: [620, 240],
			parameters: toolParameters,
			credentials: { [CREDENTIAL_TYPE]: PASSWORD_CREDENTIAL },
		},
	];
	const connections = {
		Start: { main: [[{ node: 'Chat message', type: 'main', index: 0 }]] },
		'Chat message': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
		[tool.name]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
	};
	return { id, name: options.name ?? id, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}
