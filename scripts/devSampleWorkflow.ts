/**
 * The workflow dev mode imports for its email-like sample: the attachments of one customer email
 * (test/server/samples/emailSample.ts) read from `<files>/email/` and gathered onto one item, as
 * an email trigger delivers an email, then Bankcard OCR with *Every File of the Item*, as
 * README's "Cards in emails" sets it. n8n's Aggregate node (*Include Binaries*) names the files
 * `data`, `data_1`, ... where an email trigger says `attachment_0`, `attachment_1`, ...
 */
import { NODE_TYPE, CREDENTIAL_TYPE, type CredentialRef } from '../test/e2e/services/workflows';

export const EMAIL_WORKFLOW = { id: 'devSampleEmail01', name: 'Sample: an email with several attachments' };

export function emailSampleWorkflow(emailFolder: string, credential: CredentialRef) {
	const nodes = [
		{ id: 'dev-email-start', name: "When clicking 'Execute workflow'", type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'dev-email-read',
			name: 'Read the attachments',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [220, 0],
			parameters: { operation: 'read', fileSelector: `${emailFolder}/*`, options: {} },
		},
		{
			id: 'dev-email-gather',
			name: 'One email, its files attached',
			type: 'n8n-nodes-base.aggregate',
			typeVersion: 1,
			position: [440, 0],
			parameters: { aggregate: 'aggregateAllItemData', destinationFieldName: 'attachments', options: { includeBinaries: true } },
		},
		{
			id: 'dev-email-ocr',
			name: 'Bankcard OCR',
			type: NODE_TYPE,
			typeVersion: 1.3,
			position: [660, 0],
			parameters: { inputType: 'allFiles', options: {} },
			credentials: { [CREDENTIAL_TYPE]: credential },
		},
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { ...EMAIL_WORKFLOW, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}
