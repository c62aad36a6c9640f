/**
 * Runs ONE node through n8n-core's real execution engine (`WorkflowExecute`), so a test sees what
 * n8n would do with it: parameter defaults and validation, `continueOnFail`/`onError`, paired
 * items, error wrapping, `httpRequestWithAuthentication` with preAuthentication and the 401 retry,
 * binary data storage, and every log line. Only the server around the engine is stood in for:
 * the credentials table and its helper (./credentials.ts), the logger sink (./logger.ts).
 *
 * HTTP goes through n8n-core's own helpers (OutboundHttp -> axios -> node:http), so nock sees it.
 * The harness never touches nock itself: tests decide what may reach the network.
 */
import './env'; // first: N8N_USER_FOLDER must point at a temp dir before n8n-core builds settings

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ErrorReporter,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	prepareBinaryData,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	createEmptyRunExecutionData,
	createRunExecutionData,
	deepCopy,
	LoggerProxy,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionError,
	IBinaryData,
	IConnections,
	IExecuteFunctions,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';

import { CredentialStore, HarnessCredentialsHelper } from './credentials';
import { CapturingLogger } from './logger';

export { CredentialStore } from './credentials';
export type { ICredentialType, ICredentialDataDecryptedObject };

export type BinaryMode = 'default' | 'filesystem';

export interface RunNodeOptions {
	/** Instance of the node class. */
	node: INodeType;
	/** Default: `node.description.name`. */
	nodeTypeName?: string;
	parameters: INodeParameters;
	/** Input items fed into the node (copied, the caller's objects are not touched). */
	items: INodeExecutionData[];
	/** Attached as `node.credentials[store.type.name]`. */
	credentials?: CredentialStore;
	/** n8n 2.x stores the "Continue on fail" setting as `onError: 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	/**
	 * n8n's N8N_DEFAULT_BINARY_DATA_MODE for this run. 'filesystem' (n8n 2.x's real default) keeps
	 * binary data in files under the temp user folder and sets `binary.x.id`; 'default' keeps it
	 * inline as base64. Both can read what the other stored, as in n8n. Default: 'default'.
	 */
	binaryMode?: BinaryMode;
	/**
	 * The workflow setting `settings.binaryMode` (n8n 2.x): 'separate' keeps files in `item.binary`,
	 * 'combined' has n8n move stored files into `item.json._files` after each node. When set, the
	 * items first come out of a pass-through node before this one, so the engine hands the node
	 * exactly what it would after a real previous node in that mode (see `RunNodeResult.input`).
	 * Unset: no setting, the node gets the items as given.
	 */
	workflowBinaryMode?: WorkflowBinaryMode;
	/** The node's version in the workflow; default the newest, as n8n gives a node added now. */
	typeVersion?: number;
}

export type WorkflowBinaryMode = NonNullable<IWorkflowSettings['binaryMode']>;

export interface RunNodeResult {
	/** Output items of main output 0 ([] if none). */
	items: INodeExecutionData[];
	/**
	 * The error n8n recorded for the node (or the run), rebuilt as an Error: n8n-core keeps only a
	 * spread copy of the thrown error, so `name`, `message`, `description`, `httpCode`, `context`...
	 * are there but `instanceof NodeApiError` is not. Set whenever the node failed, which includes
	 * a node that threw although `continueOnFail` was on (n8n then passes the input items through).
	 */
	error?: Error;
	/** Every line n8n's Logger / LoggerProxy received during the run, as `level: message {meta}`. */
	logs: string[];
	/** With `workflowBinaryMode`: the items the node received, as the engine passed them on. */
	input?: INodeExecutionData[];
}

const WORKFLOW_ID = 'harness-workflow';
/** Execution that owns binary data prepared by `binaryItem` before any run. */
const INPUT_EXECUTION_ID = 'harness-input';
let executionCounter = 0;

// ---------------------------------------------------------------------------------------------
// One-time DI setup. Everything else n8n-core needs (InstanceSettings, OutboundHttp and its SSRF
// config, ErrorReporter, StorageConfig...) is @Service-decorated and builds itself from env
// defaults on first `Container.get`, exactly as in n8n; only the logger is swapped, and the binary
// data service is initialised per mode because n8n does that once at server start.
// ---------------------------------------------------------------------------------------------

const logger = new CapturingLogger();
// The real Logger class has private fields, so a structural stand-in needs the cast.
Container.set(Logger, logger as unknown as Logger);
LoggerProxy.init(logger);

const binaryServices = new Map<BinaryMode, { service: BinaryDataService; config: BinaryDataConfig }>();

/** Makes `mode` the active binary data mode, as if n8n had started with it. */
async function useBinaryMode(mode: BinaryMode): Promise<void> {
	let entry = binaryServices.get(mode);
	if (!entry) {
		const base = Container.get(BinaryDataConfig);
		const config: BinaryDataConfig = Object.assign(Object.create(Object.getPrototypeOf(base) as object), base, { mode });
		const service = new BinaryDataService(config, Container.get(ErrorReporter), Container.get(Logger));
		// init() registers the filesystem manager in both modes (so ids written by one mode stay
		// readable in the other); only in 'filesystem' mode does it become the store for new data.
		await service.init();
		entry = { service, config };
		binaryServices.set(mode, entry);
	}
	Container.set(BinaryDataConfig, entry.config);
	Container.set(BinaryDataService, entry.service);
}

// ---------------------------------------------------------------------------------------------

function nodeTypesFor(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	const getByName = (name: string): INodeType | IVersionedNodeType => {
		const type = types[name];
		// n8n's NodeTypes throws UnrecognizedNodeTypeError here.
		if (!type) throw new UnexpectedError(`Unrecognized node type: ${name}`);
		return type;
	};
	return {
		getByName,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(getByName(name), version),
		getKnownTypes: () => ({}),
	};
}

/** What runs before the node with `workflowBinaryMode`: its input items, out again unchanged. */
const PREVIOUS_NODE_TYPE = 'harness.previousNode';
const previousNodeType: INodeType = {
	description: {
		displayName: 'Previous Node',
		name: PREVIOUS_NODE_TYPE,
		group: ['transform'],
		version: 1,
		description: 'Passes its input on',
		defaults: { name: 'Previous Node' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

function latestVersion(description: INodeTypeDescription): number {
	const { version } = description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function notInHarness(what: string): () => never {
	return () => {
		throw new UnexpectedError(`${what} is not available in the test harness`);
	};
}

/** What the server's WorkflowExecuteAdditionalData.getBase() provides, minus DB-backed features. */
function additionalDataFor(
	credentialsHelper: HarnessCredentialsHelper,
	executionId: string,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678/';
	return {
		credentialsHelper,
		executionId,
		hooks,
		externalSecretsProxy: new ExternalSecretsProxy(),
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}form`,
		formWaitingBaseUrl: `${base}form-waiting`,
		formTestBaseUrl: `${base}form-test`,
		webhookBaseUrl: `${base}webhook`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		webhookTestBaseUrl: `${base}webhook-test`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		logAiEvent: () => {},
		getRuntimeCredential: async () => undefined,
		executeWorkflow: notInHarness('executeWorkflow'),
		getRunExecutionData: notInHarness('getRunExecutionData'),
		startRunnerTask: notInHarness('startRunnerTask (Code node task runner)'),
	};
}

/** n8n-core stores `{ ...error, message, stack }`; give tests an Error back. */
function toError(error: ExecutionError | undefined): Error | undefined {
	if (error === undefined) return undefined;
	if (error instanceof Error) return error;
	const { message, ...rest } = error as ExecutionError & { message: string };
	return Object.assign(new Error(message), rest);
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const { description } = opts.node;
	const nodeTypeName = opts.nodeTypeName ?? description.name;
	const executionId = `harness-${++executionCounter}`;
	await useBinaryMode(opts.binaryMode ?? 'default');

	const node: INode = {
		id: 'harness-node',
		name: description.defaults.name ?? description.displayName,
		type: nodeTypeName,
		typeVersion: opts.typeVersion ?? latestVersion(description),
		position: [0, 0],
		parameters: deepCopy(opts.parameters),
		...(opts.credentials && { credentials: { [opts.credentials.type.name]: opts.credentials.reference } }),
		...(opts.continueOnFail && { onError: 'continueRegularOutput' as const }),
	};
	// The Workflow constructor fills in parameter defaults on `node` itself, as n8n does on load.
	const previous: INode | undefined = opts.workflowBinaryMode
		? { id: 'harness-previous', name: 'Previous Node', type: PREVIOUS_NODE_TYPE, typeVersion: 1, position: [-200, 0], parameters: {} }
		: undefined;
	const nodes = previous ? [previous, node] : [node];
	const connections: IConnections = previous
		? { [previous.name]: { main: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]] } }
		: {};
	const settings: IWorkflowSettings = {
		executionOrder: 'v1',
		...(opts.workflowBinaryMode && { binaryMode: opts.workflowBinaryMode }),
	};
	const workflow = new Workflow({
		id: WORKFLOW_ID,
		name: 'Harness',
		nodes,
		connections,
		active: false,
		nodeTypes: nodeTypesFor({ [nodeTypeName]: opts.node, [PREVIOUS_NODE_TYPE]: previousNodeType }),
		settings,
	});
	const workflowData: IWorkflowBase = {
		id: WORKFLOW_ID,
		name: 'Harness',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: workflow.settings,
	};

	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const credentialsHelper = new HarnessCredentialsHelper(opts.credentials ? [opts.credentials] : []);
	const additionalData = additionalDataFor(credentialsHelper, executionId, hooks);
	// Start mid-workflow: the first node sits on the stack with its input, as if a parent had produced it.
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: previous ?? node, data: { main: [deepCopy(opts.items)] }, source: null }],
		},
	});

	const logs = logger.reset();
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);

	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: toError(task?.error ?? run.data.resultData.error),
		logs,
		...(previous && { input: run.data.resultData.runData[previous.name]?.[0]?.data?.main?.[0] ?? [] }),
	};
}

// ---------------------------------------------------------------------------------------------
// Credential test, as packages/cli CredentialsTester does it for a credential with `test`.
// ---------------------------------------------------------------------------------------------

/** The server runs the test request as the only property of a copy of the NoOp node. */
const NO_OP_DESCRIPTION: INodeTypeDescription = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
};

interface RequestFailure {
	message?: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

/** lodash.get for the `a.b[0].c` keys credential test rules use. */
function getPath(data: unknown, path: string): unknown {
	return path
		.split(/[.[\]]/)
		.filter((part) => part !== '')
		.reduce<unknown>((value, key) => (value === null || typeof value !== 'object' ? undefined : (value as IDataObject)[key]), data);
}

/**
 * What n8n's "test credential" endpoint does for a credential type with `test`: defaults applied,
 * the request run by RoutingNode on a temporary NoOp node (which makes preAuthentication run
 * unconditionally), `httpRequestWithAuthentication` through n8n-core, then `test.rules`.
 */
export async function testCredential(store: CredentialStore): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const { type } = store;
	if (!type.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	await useBinaryMode('default');

	const credentialsHelper = new HarnessCredentialsHelper([store]);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: store.id,
		name: store.name,
		type: type.name,
		data: credentialsHelper.applyDefaults(type.name, { ...store.data }),
	};

	const nodeType: INodeType = {
		description: {
			...NO_OP_DESCRIPTION,
			credentials: [{ name: type.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: type.test.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NO_OP_DESCRIPTION.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: store.reference },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor({ [NO_OP_DESCRIPTION.name]: nodeType }),
	});
	const executionId = `harness-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: 'credential-test',
		name: 'Credential test',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
	};
	const additionalData = additionalDataFor(
		credentialsHelper,
		executionId,
		new ExecutionLifecycleHooks('internal', executionId, workflowData),
	);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	logger.reset();
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		Container.get(ErrorReporter).error(caught);
		const error = caught as RequestFailure;
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			for (const rule of type.test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === httpResponse.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (httpResponse.status < 199 || httpResponse.status > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${httpResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		logger.debug('Credential test failed', { error: caught });
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of type.test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json;
		if (getPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

// ---------------------------------------------------------------------------------------------

export interface BinaryItemOptions {
	/** Binary property name. Default: 'data'. */
	name?: string;
	fileName?: string;
	/**
	 * Default: looked up from `fileName`'s extension by n8n-core, else 'application/octet-stream'
	 * (n8n would sniff the bytes with the ESM-only `file-type`, which Jest's CJS runtime cannot
	 * import; pass `mimeType` when a test depends on it).
	 */
	mimeType?: string;
	json?: object;
	/** Binary data mode used to store the bytes; see RunNodeOptions.binaryMode. Default: 'default'. */
	mode?: BinaryMode;
}

/**
 * An item whose binary property holds `buffer`, built by n8n-core's `prepareBinaryData` (what
 * `this.helpers.prepareBinaryData` does in a node), so in 'filesystem' mode the bytes are in a file
 * and the item only carries `binary[name].id`.
 */
export async function binaryItem(buffer: Buffer, opts: BinaryItemOptions = {}): Promise<INodeExecutionData> {
	await useBinaryMode(opts.mode ?? 'default');
	const prepare = async (mimeType?: string) =>
		await prepareBinaryData(buffer, INPUT_EXECUTION_ID, WORKFLOW_ID, opts.fileName, mimeType);
	let binary: IBinaryData;
	try {
		binary = await prepare(opts.mimeType);
	} catch (error) {
		// No mime type and none derivable from the file name: n8n-core sniffs the bytes with
		// `await import('file-type')`, which Jest's CommonJS runtime refuses.
		if ((error as { code?: string }).code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') throw error;
		binary = await prepare('application/octet-stream');
	}
	return { json: { ...(opts.json as IDataObject | undefined) }, binary: { [opts.name ?? 'data']: binary } };
}

export interface FileSpec {
	bytes: Buffer;
	fileName?: string;
	mimeType?: string;
}

/**
 * An item carrying several files under their names, in the given order (as an email trigger
 * delivers attachment_0, attachment_1, ...), each stored like `binaryItem` does.
 */
export async function filesItem(
	files: Record<string, FileSpec>,
	opts: Pick<BinaryItemOptions, 'json' | 'mode'> = {},
): Promise<INodeExecutionData> {
	const binary: Record<string, IBinaryData> = {};
	for (const [name, file] of Object.entries(files)) {
		const one = await binaryItem(file.bytes, { ...file, name, mode: opts.mode });
		binary[name] = (one.binary as Record<string, IBinaryData>)[name];
	}
	return { json: { ...(opts.json as IDataObject | undefined) }, binary };
}
