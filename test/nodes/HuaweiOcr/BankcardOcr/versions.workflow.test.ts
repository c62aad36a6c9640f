/**
 * The node's versions: what n8n's loader makes of the description, and what each version outputs
 * for the same answer from Huawei, run through n8n's engine. Saved version 1 and 1.1 nodes keep
 * their output exactly; from 1.2 an empty field is "missing", not "unsure".
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { CustomDirectoryLoader } from 'n8n-core';
import nock from 'nock';
import { join } from 'path';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { runNode } from '../../../helpers/engine';
import {
	BANKCARD_PATH,
	CARD_OUTPUT,
	CARD_OUTPUT_BEFORE_1_2,
	CARD_RESULT,
	mockToken,
	OCR,
	passwordCredential,
	resetNock,
} from '../../../helpers/huawei';

const node = new BankcardOcr();
const URL_INPUT = { inputType: 'url', imageUrl: 'https://example.com/card.jpg' };

/** One run of the node, in `typeVersion`, on one image URL that Huawei answers with `result`. */
async function read(typeVersion: number, result: object = CARD_RESULT, options: INodeParameters = {}) {
	mockToken();
	nock(OCR).post(BANKCARD_PATH).reply(200, { result });
	const run = await runNode({ node, parameters: { ...URL_INPUT, options }, items: [{ json: {} }], credentials: passwordCredential(), typeVersion });
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	return run.items[0].json;
}

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe("n8n's node loader", () => {
	it('loads the description with versions 1, 1.1, 1.2 and 1.3, and gives new nodes 1.3', () => {
		const loader = new CustomDirectoryLoader(join(__dirname, '../../../../nodes/HuaweiOcr/BankcardOcr'));
		// What n8n does for each node file of a package, validation of the description included.
		loader.loadNodeFromFile('BankcardOcr.node.ts');

		expect(loader.loadedNodes).toEqual([{ name: 'bankcardOcr', version: 1.3 }]);
		expect(loader.types.nodes).toHaveLength(1);
		expect(loader.types.nodes[0]).toMatchObject({ name: 'bankcardOcr', version: [1, 1.1, 1.2, 1.3], defaultVersion: 1.3 });
		const { type } = loader.getNode('bankcardOcr');
		for (const version of [1, 1.1, 1.2, 1.3]) {
			const { description } = NodeHelpers.getVersionedNodeType(type, version);
			// The parameters a saved node of this version gets when n8n opens it without any set.
			const parameters = NodeHelpers.getNodeParameters(description.properties, {}, true, false, { typeVersion: version }, description);
			// Photo May Hold Several Cards is off in every version: a saved node reads one card per photo.
			expect([version, parameters]).toEqual([
				version,
				{ inputType: 'binaryData', binaryPropertyName: 'data', severalCardsPerPhoto: false, options: {} },
			]);
		}
	});
});

describe('a card without an issue date, everything else read with high confidence', () => {
	it('1.2: issue_date is missing, and no field is unsure', async () => {
		const json = await read(1.2);
		expect(json.missing_fields).toEqual(['issue_date']);
		expect(json.low_confidence_fields).toEqual([]);
		expect(json).toEqual(CARD_OUTPUT);
	});

	it.each([1, 1.1])('%s: the output saved workflows have always had, issue_date among the unsure fields', async (version) => {
		const json = await read(version);
		expect(json.low_confidence_fields).toEqual(['issue_date']);
		expect(json).not.toHaveProperty('missing_fields');
		expect(json).toEqual(CARD_OUTPUT_BEFORE_1_2);
	});
});

describe('missing and unsure fields in 1.2', () => {
	// An odd answer: the card number empty yet scored, the expiry only spaces, the type read with confidence 0.
	const odd = {
		bank_name: '中国银行',
		card_number: '',
		issue_date: '',
		expiry_date: '  ',
		type: '借记卡',
		confidence: { bank_name: 0.99, card_number: 0.42, issue_date: 0, expiry_date: 0, type: 0 },
	};

	it('lists a field without text as missing whatever its score, and a text read with confidence 0 as unsure', async () => {
		const json = await read(1.2, odd);
		expect(json.missing_fields).toEqual(['card_number', 'issue_date', 'expiry_date']);
		expect(json.low_confidence_fields).toEqual(['type']);
		expect(json).toMatchObject({ card_number_valid: false, is_expired: null, card_type_normalized: 'debit' });
	});

	it('lists the same fields in 1.1 as unsure, as before', async () => {
		expect((await read(1.1, odd)).low_confidence_fields).toEqual(['card_number', 'issue_date', 'expiry_date', 'type']);
	});

	it('leaves both lists out with Add Card Checks off', async () => {
		const unchecked = await read(1.2, odd, { addCardChecks: false });
		expect(unchecked).not.toHaveProperty('missing_fields');
		expect(unchecked).not.toHaveProperty('low_confidence_fields');
	});

	it('leaves Raw Output as Huawei sent it', async () => {
		expect(await read(1.2, odd, { rawOutput: true })).toEqual({ result: odd });
	});

	it('keeps the lists with a masked number, and follows the Confidence Threshold only for fields read', async () => {
		const json = await read(1.2, CARD_RESULT, { cardNumberFormat: 'masked', confidenceThreshold: 0.999 });
		expect(json.card_number).toBe('622202*********0128');
		expect(json.missing_fields).toEqual(['issue_date']);
		expect(json.low_confidence_fields).toEqual(['bank_name', 'card_number', 'expiry_date', 'type']);
	});
});
