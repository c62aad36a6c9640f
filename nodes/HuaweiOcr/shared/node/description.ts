import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../../credentials/common/huawei/credential';

/** What differs between the OCR nodes' descriptions. */
export interface OcrNodeIdentity {
	displayName: string;
	name: string;
	version: number[];
	defaultVersion: number;
	description: string;
	properties: INodeProperties[];
}

/**
 * A node's description but its icon, subtitle and usableAsTool, which n8n's lint rules want
 * written in the node's class: one main input and output, on the one Huawei OCR credential.
 */
export function ocrNodeDescription(node: OcrNodeIdentity): Omit<INodeTypeDescription, 'icon' | 'subtitle' | 'usableAsTool'> {
	return {
		displayName: node.displayName,
		name: node.name,
		group: ['transform'],
		version: node.version,
		defaultVersion: node.defaultVersion,
		description: node.description,
		defaults: { name: node.displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: node.properties,
	};
}

/** The subtitle under a node on the canvas: where the picture comes from. */
export const INPUT_SUBTITLE =
	'={{$parameter["inputType"] === "url" ? "from image URL" : $parameter["inputType"] === "allFiles" ? "from every file" : "from file"}}';
