/**
 * ID Card OCR through n8n's engine, Huawei's RecognizeIdCard mocked: the fields and our checks on
 * the full number, masking, the side, photo checks, the portrait and card image as files, front
 * and back joined, both sides in one photo, several cards per photo, and the errors.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { IdCardOcr } from '../../../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node';
import { binaryItem, filesItem, runNode, type RunNodeResult } from '../../../helpers/engine';
import { huaweiError, mockToken, OCR, passwordCredential, resetNock } from '../../../helpers/huawei';
import { makeJpeg, makePng } from '../../../helpers/images';
import {
	AUTO_PATH,
	BACK,
	FRONT,
	ID_CARD_PATH,
	MASKED_NUMBER,
	NUMBER,
	NUMBER_WITH_X,
	TINY_JPEG_BASE64,
	TINY_PNG_BASE64,
} from './idCardAnswers';

const node = new IdCardOcr();
const URL_INPUT = { inputType: 'url', imageUrl: 'https://example.com/id-front.jpg' };
// The run's date: 2026-12-08 in China.
const FRONT_PHOTO = makeJpeg(856, 540);
const BACK_PHOTO = makePng(1000, 630);

/** Everything an item (or an error) could show: json, file names, error text, log lines. */
function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	const files = result.items.flatMap((item) => Object.values(item.binary ?? {}).map((file) => file.fileName));
	return [JSON.stringify(result.items.map((item) => item.json)), ...files, error?.message, error?.description, ...result.logs].join('\n');
}

async function readUrl(result: object, parameters: IDataObject = {}, body?: (body: IDataObject) => boolean): Promise<RunNodeResult> {
	mockToken();
	nock(OCR).post(ID_CARD_PATH, body ?? (() => true)).reply(200, { result });
	return await runNode({ node, parameters: { ...URL_INPUT, ...parameters }, items: [{ json: {} }], credentials: passwordCredential() });
}

async function readOne(result: object, parameters: IDataObject = {}): Promise<IDataObject> {
	const run = await readUrl(result, parameters);
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	return run.items[0].json;
}

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('the front of a card', () => {
	it('gives Huawei\'s fields, the side read and our checks, the number masked by default', async () => {
		const json = await readOne(FRONT);
		expect(json).toEqual({
			...FRONT,
			number: MASKED_NUMBER,
			side: 'front',
			number_valid: true,
			birth_matches_number: true,
			sex_matches_number: true,
			age: expect.any(Number),
			is_expired: null,
			missing_fields: [],
		});
	});

	it('As Recognized shows the full number', async () => {
		expect((await readOne(FRONT, { options: { idNumberFormat: 'asRecognized' } })).number).toBe(NUMBER);
	});
});
