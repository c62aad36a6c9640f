/**
 * What n8n's node loader makes of ID Card OCR, and the node as an AI Agent's tool, through n8n's
 * engine with Huawei mocked.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { CustomDirectoryLoader } from 'n8n-core';
import nock from 'nock';
import { join } from 'path';

import { OPTION_DEFAULTS } from '../../../../nodes/HuaweiOcr/IdCardOcr/options';
import { IdCardOcr } from '../../../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node';
import { TOOL_DESCRIPTION } from '../../../../nodes/HuaweiOcr/IdCardOcr/toolDescription';
import { runNode } from '../../../helpers/engine';
import { mockToken, OCR, passwordCredential, resetNock } from '../../../helpers/huawei';
import { FRONT, ID_CARD_PATH, MASKED_NUMBER, NUMBER } from './idCardAnswers';

const node = new IdCardOcr();
const TOOL_TYPE = 'n8n-nodes-huawei-ocr.idCardOcrTool';
const URL_INPUT = { inputType: 'url', imageUrl: 'https://example.com/id.jpg' };

beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe("n8n's node loader", () => {
	it('loads idCardOcr version 1 with its defaults, the number masked unless chosen otherwise', () => {
		const loader = new CustomDirectoryLoader(join(__dirname, '../../../../nodes/HuaweiOcr/IdCardOcr'));
		loader.loadNodeFromFile('IdCardOcr.node.ts');

		expect(loader.loadedNodes).toEqual([{ name: 'idCardOcr', version: 1 }]);
		expect(loader.types.nodes[0]).toMatchObject({ name: 'idCardOcr', version: [1], defaultVersion: 1, usableAsTool: true });
		const { description } = NodeHelpers.getVersionedNodeType(loader.getNode('idCardOcr').type, 1);
		const parameters = NodeHelpers.getNodeParameters(description.properties, {}, true, false, { typeVersion: 1 }, description);
		expect(parameters).toEqual({
			inputType: 'binaryData',
			binaryPropertyName: 'data',
			side: 'auto',
			photoChecks: [],
			severalCardsPerPhoto: false,
			options: {},
		});
	});

	it('shows the same defaults for each option as the code applies when it is not added', () => {
		const collection = node.description.properties.find((property) => property.name === 'options');
		const shown = Object.fromEntries((collection?.options ?? []).map((option) => [(option as { name: string }).name, (option as { default: unknown }).default]));
		expect(shown).toEqual({ ...OPTION_DEFAULTS });
	});
});

describe('as an AI Agent tool', () => {
	async function run(parameters: INodeParameters) {
		mockToken();
		nock(OCR).post(ID_CARD_PATH).reply(200, { result: FRONT });
		return await runNode({ node, nodeTypeName: TOOL_TYPE, parameters, items: [{ json: {} }], credentials: passwordCredential() });
	}

	it('offers the model a description of its own, on the tool only', () => {
		const field = node.description.properties.find((property) => property.name === 'toolDescription');
		expect(field).toMatchObject({ default: TOOL_DESCRIPTION, displayOptions: { show: { '@tool': [true] } } });
		expect(TOOL_DESCRIPTION).toMatch(/URL/);
	});

	it('reads a link with the number masked and gives the checks', async () => {
		const result = await run(URL_INPUT);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ number: MASKED_NUMBER, number_valid: true, side: 'front' });
		expect(JSON.stringify(result.items)).not.toContain(NUMBER);
	});

	it('set to read files, says at once to use Image URL, in one message the model reads', async () => {
		const result = await runNode({ node, nodeTypeName: TOOL_TYPE, parameters: { inputType: 'binaryData' }, items: [{ json: {} }], credentials: passwordCredential() });
		expect(result.error?.message).toBe(
			'As a tool of an AI Agent, ID Card OCR reads an ID card from a link, not from a file. Set Input Type to "Image URL" and let the model define it (the button beside the field).',
		);
	});
});
