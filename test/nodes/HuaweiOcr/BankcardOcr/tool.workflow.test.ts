/**
 * The node as an AI Agent's tool, run through n8n's engine under the type n8n gives it there
 * (ours plus "Tool"): the defaults of version 1.2 (card number masked unless a format is chosen),
 * untouched saved tools (1.1) and plain nodes, and errors worded for the model. The agent itself
 * runs in test/e2e/agent.e2e.ts.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { runsAsAgentTool } from '../../../../nodes/HuaweiOcr/BankcardOcr/versions';
import { NODE_DESCRIPTION, TOOL_DESCRIPTION, toolProperties } from '../../../../nodes/HuaweiOcr/BankcardOcr/toolDescription';
import { runNode } from '../../../helpers/engine';
import { BANKCARD_PATH, CARD_OUTPUT, CARD_RESULT, huaweiError, mockToken, OCR, PASSWORD, passwordCredential, resetNock, TOKEN } from '../../../helpers/huawei';

const node = new BankcardOcr();
const TOOL_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcrTool';
const PLAIN_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcr';
const MASKED = '622202*********0128';
const URL_INPUT = { inputType: 'url', imageUrl: 'https://example.com/card.jpg' };

async function run(nodeTypeName: string, typeVersion: number, parameters: INodeParameters = URL_INPUT, reply?: () => nock.Scope) {
	mockToken();
	const scope = reply ? reply() : nock(OCR).post(BANKCARD_PATH).reply(200, { result: CARD_RESULT });
	const result = await runNode({ node, nodeTypeName, typeVersion, parameters, items: [{ json: {} }], credentials: passwordCredential() });
	return { ...result, called: scope.isDone() };
}

beforeEach(resetNock);
afterEach(() => nock.cleanAll());

describe('as an AI Agent tool', () => {
	it('knows it is a tool by the type n8n gives it, from version 1.2 only', () => {
		expect(runsAsAgentTool({ type: TOOL_TYPE, typeVersion: 1.2 })).toBe(true);
		expect(runsAsAgentTool({ type: TOOL_TYPE, typeVersion: 1.1 })).toBe(false);
		expect(runsAsAgentTool({ type: PLAIN_TYPE, typeVersion: 1.2 })).toBe(false);
	});

	it('masks the card number when the user chose no format, and keeps the card checks', async () => {
		const result = await run(TOOL_TYPE, 1.2);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ ...CARD_OUTPUT, card_number: MASKED }]);
		expect(JSON.stringify(result.items)).not.toContain('6222021234567890128');
	});

	it('writes the number the way the user chose', async () => {
		const result = await run(TOOL_TYPE, 1.2, { ...URL_INPUT, options: { cardNumberFormat: 'digitsOnly' } });
		expect(result.items[0].json.card_number).toBe('6222021234567890128');
	});

	it('keeps raw output off unless added, and masked within it', async () => {
		const result = await run(TOOL_TYPE, 1.2, { ...URL_INPUT, options: { rawOutput: true } });
		expect(result.items[0].json).toEqual({ result: { ...CARD_RESULT, card_number: MASKED } });
	});

	it('leaves tools saved before version 1.2, and the plain node, as they were', async () => {
		for (const [type, version] of [
			[TOOL_TYPE, 1.1],
			[PLAIN_TYPE, 1.2],
		] as const) {
			const result = await run(type, version);
			expect(result.items[0].json.card_number).toBe(CARD_RESULT.card_number);
		}
	});

	it('puts the fix into the message the model gets for a bad URL, without the item number', async () => {
		const asTool = await run(TOOL_TYPE, 1.2, { inputType: 'url', imageUrl: 'ftp://example.com/card.jpg' });
		expect(asTool.called).toBe(false);
		expect(asTool.error?.message).toBe(
			'The Image URL uses "ftp:", which Huawei cannot download from. Huawei can only download http:// or https:// addresses. Use a web address.',
		);
		const plain = await run(PLAIN_TYPE, 1.2, { inputType: 'url', imageUrl: 'ftp://example.com/card.jpg' });
		expect(plain.error?.message).toBe('The Image URL uses "ftp:", which Huawei cannot download from [item 0]');
		// A person setting up the node may send the file instead; a model cannot, so it is not told to.
		expect((plain.error as Error & { description?: string }).description).toBe(
			'Huawei can only download http:// or https:// addresses. Use a web address. Or send the file through "Binary File" instead.',
		);
	});

	it('tells the user setting up a tool that reads files to give it the link instead, before any call', async () => {
		const result = await run(TOOL_TYPE, 1.2, { inputType: 'binaryData', binaryPropertyName: 'data' });
		expect(result.called).toBe(false);
		expect(result.error?.message).toBe(
			'As a tool of an AI Agent, Bankcard OCR reads a card from a link, not from a file. Set Input Type to "Image URL" and let the model define it (the button beside the field).',
		);
	});

	it("says what Huawei's failure means and what to do, shortly and without secrets", async () => {
		const reply = () =>
			nock(OCR)
				.post(BANKCARD_PATH)
				.reply(400, { ...huaweiError('AIS.0104', 'The image is not supported.'), request_id: 'req-1' });
		const result = await run(TOOL_TYPE, 1.2, URL_INPUT, reply);
		const message = result.error?.message ?? '';
		expect(message).toMatch(/^Huawei OCR could not find a readable bank card in the image \(AIS\.0104\)\. Use a sharp, well-lit photo/);
		expect(message.length).toBeLessThanOrEqual(400);
		expect(message).not.toContain(PASSWORD);
		expect(message).not.toContain(TOKEN);
	});

	it('offers the model a description written for it from version 1.2; older tools keep the node description', () => {
		const description = { ...node.description, name: `${node.description.name}Tool` };
		const shown = (typeVersion: number) =>
			toolProperties.filter((property) => NodeHelpers.displayParameter({}, property, { typeVersion }, description));
		expect(shown(1.2).map((property) => property.default)).toEqual([TOOL_DESCRIPTION]);
		expect(shown(1.1).map((property) => property.default)).toEqual([NODE_DESCRIPTION]);
		expect(toolProperties.filter((property) => NodeHelpers.displayParameter({}, property, { typeVersion: 1.2 }, node.description))).toEqual([]);
		expect(TOOL_DESCRIPTION).toMatch(/URL/);
		expect(TOOL_DESCRIPTION.length).toBeLessThan(600);
	});
});
