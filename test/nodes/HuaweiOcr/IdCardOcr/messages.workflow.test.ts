/**
 * ID Card OCR's own errors read as the house style asks (a headline without a closing full stop,
 * the item named once at its end, a description of whole sentences), through n8n's engine with
 * Huawei mocked, under Continue On Fail so each error is the item a workflow gets.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { IdCardOcr } from '../../../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node';
import { runNode } from '../../../helpers/engine';
import { huaweiError, mockToken, OCR, passwordCredential, resetNock } from '../../../helpers/huawei';
import { messageStyleProblems } from '../../../helpers/messageStyle';
import { AUTO_PATH, BACK, FRONT, ID_CARD_PATH } from './idCardAnswers';

const node = new IdCardOcr();
const URL_INPUT = { inputType: 'url', imageUrl: 'https://example.com/id.jpg' };

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

it.each([
	['a back where Front was chosen', ID_CARD_PATH, 200, { result: BACK }, { side: 'front' }],
	['a front where Back was chosen', ID_CARD_PATH, 200, { result: FRONT }, { side: 'back' }],
	['a front without a number', ID_CARD_PATH, 200, { result: { ...FRONT, number: '' } }, {}],
	['no ID card found (AIS.0104)', ID_CARD_PATH, 400, huaweiError('AIS.0104', 'The image is not supported.'), {}],
	['two sides of the same kind (AIS.0122)', ID_CARD_PATH, 400, huaweiError('AIS.0122', 'Same side twice.'), { side: 'double_side' }],
	['ID card OCR not enabled (ModelArts.4204)', ID_CARD_PATH, 403, huaweiError('ModelArts.4204', 'Not subscribed.'), {}],
	['no ID card among several', AUTO_PATH, 200, { result: [{ type: 'bankcard', content: {} }] }, { severalCardsPerPhoto: true }],
])('%s', async (_label, path, status, body, parameters) => {
	mockToken();
	nock(OCR).post(path).reply(status, body);
	const run = await runNode({ node, parameters: { ...URL_INPUT, ...parameters }, items: [{ json: {} }], credentials: passwordCredential(), continueOnFail: true });
	const json = run.items[0].json as IDataObject;
	expect(typeof json.error).toBe('string');
	expect({ error: json.error, problems: messageStyleProblems(json.error, json.description) }).toEqual({ error: json.error, problems: [] });
});

it('"not enabled" names ID card OCR, its console entry and its regions', async () => {
	mockToken();
	nock(OCR).post(ID_CARD_PATH).reply(403, huaweiError('ModelArts.4204', 'Not subscribed.'));
	const run = await runNode({ node, parameters: URL_INPUT, items: [{ json: {} }], credentials: passwordCredential(), continueOnFail: true });
	expect(run.items[0].json.error).toBe('ID card OCR is not enabled for this account in the chosen region (ModelArts.4204)');
	expect(run.items[0].json.description).toMatch(/^Open the OCR console in the same region as the credential \(Beijing4 or Shanghai1\) and enable "ID Card"/);
});
