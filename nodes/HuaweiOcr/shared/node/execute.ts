import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { CREDENTIAL_TYPE, credentialSecrets, parseCredential } from '../../../../credentials/common/huawei/credential';
import { signInWaitingMs } from '../../../../credentials/common/huawei/signInCache';
import { signInCacheKey } from '../../../../credentials/common/huawei/signInIdentity';
import { autoClassificationPath } from '../autoClassification/api';
import { runItems, type WorkUnit } from '../items/runItems';
import { withAdviceInMessage } from '../items/toolError';
import type { BatchContext } from '../recognize/batch';
import { CredentialGate } from '../transport/credentialGate';
import type { AdviceTable } from '../transport/advice';

/** What a node brings to the run every node shares. */
export interface OcrNodeRun {
	/** The path of the node's own API, project id still a placeholder. */
	apiPath: string;
	/** Its wording for failures. */
	advice: AdviceTable;
	/** RecognizeAutoClassification's wording, for the credential's region. */
	severalPerPhotoAdvice: (credentialRegion: string) => AdviceTable;
	/** Whether the node runs as an AI Agent's tool, from the versions the node decides. */
	asTool: (node: INode) => boolean;
	/** The batch's concurrency, from the first item's options. */
	batchConcurrency: (context: IExecuteFunctions) => number;
	plan: (context: IExecuteFunctions, itemIndex: number, batch: BatchContext) => Promise<WorkUnit[]>;
	/** One input item's output items once all its files were read (see runItems). */
	combine?: (context: IExecuteFunctions, items: INodeExecutionData[]) => INodeExecutionData[];
}

/** Every input item's results, in order (see runItems); as a tool, errors worded for the model. */
export async function executeOcrNode(context: IExecuteFunctions, run: OcrNodeRun): Promise<INodeExecutionData[][]> {
	try {
		return await recognizeItems(context, run);
	} catch (error) {
		throw run.asTool(context.getNode()) ? withAdviceInMessage(error) : error;
	}
}

async function recognizeItems(context: IExecuteFunctions, run: OcrNodeRun): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const credential = parseCredential(credentials);
	const signInKey = signInCacheKey(credential);
	const batch: BatchContext = {
		api: { url: `${credential.ocrEndpoint}${run.apiPath}`, advice: run.advice },
		secrets: credentialSecrets(credentials),
		now: new Date(),
		gate: new CredentialGate(),
		signInWaitingMs: () => signInWaitingMs(signInKey),
		severalPerPhoto: {
			url: `${credential.ocrEndpoint}${autoClassificationPath()}`,
			advice: run.severalPerPhotoAdvice(credential.region),
		},
	};
	const concurrency = items.length ? run.batchConcurrency(context) : 1;
	const { combine } = run;
	const output = await runItems(
		context,
		concurrency,
		async (itemIndex) => await run.plan(context, itemIndex, batch),
		combine ? (items) => combine(context, items) : undefined,
	);
	return [output];
}
