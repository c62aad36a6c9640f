/**
 * The Options collection and the input checks, run through n8n's engine with Huawei mocked.
 */
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { binaryItem, runNode, type RunNodeResult } from '../../../helpers/engine';
import {
	BANKCARD_PATH,
	CARD_OUTPUT,
	CARD_RESULT,
	cardImage,
	mockToken,
	OCR,
	passwordCredential,
	resetNock,
} from '../../../helpers/huawei';
import { makeJpeg, makePdf, makePng, makeWebp } from '../../../helpers/images';

const node = new BankcardOcr();
const FULL_NUMBER_DIGITS = '6222021234567890128';
/** Which file each result came from: added to every result read from a file. */
const SOURCE = { source_binary_field: 'data', source_file_name: 'card.jpg' };

async function runWithOptions(options: INodeParameters, response: object = { result: CARD_RESULT }, typeVersion?: number) {
	mockToken();
	const scope = nock(OCR).post(BANKCARD_PATH).reply(200, response);
	const result = await runNode({
		node,
		parameters: { inputType: 'binaryData', binaryPropertyName: 'data', options },
		items: [await binaryItem(cardImage(), { fileName: 'card.jpg', mimeType: 'image/jpeg' })],
		credentials: passwordCredential(),
		typeVersion,
	});
	expect(scope.isDone()).toBe(true);
	return result;
}

function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return [JSON.stringify(result.items.map((item) => item.json)), error?.message, error?.description, ...result.logs].join('\n');
}

beforeEach(resetNock);
afterEach(() => expect(nock.pendingMocks()).toEqual([]));

describe('output options', () => {
	it('adds card checks by default, computed from the card itself', async () => {
		const result = await runWithOptions({});
		expect(result.items[0].json).toEqual({ ...CARD_OUTPUT, ...SOURCE });
	});

	it('leaves the checks out when Add Card Checks is off', async () => {
		const result = await runWithOptions({ addCardChecks: false });
		expect(result.items[0].json).toEqual({ ...CARD_RESULT, ...SOURCE });
	});

	it('writes the number as digits only', async () => {
		const result = await runWithOptions({ cardNumberFormat: 'digitsOnly' });
		expect(result.items[0].json.card_number).toBe(FULL_NUMBER_DIGITS);
	});

	it('masks the number, still checks the full one, and never shows it anywhere', async () => {
		const result = await runWithOptions({ cardNumberFormat: 'masked' });
		expect(result.items[0].json.card_number).toBe('622202*********0128');
		expect(result.items[0].json.card_number_valid).toBe(true);
		expect(result.items[0].json.card_network).toBe('UnionPay');
		const text = everything(result);
		expect(text).not.toContain(FULL_NUMBER_DIGITS);
		expect(text).not.toContain(CARD_RESULT.card_number);
	});

	it('lists the fields read below the confidence threshold, and the empty issue date apart', async () => {
		const result = await runWithOptions({ confidenceThreshold: 0.999 });
		expect(result.items[0].json.low_confidence_fields).toEqual(['bank_name', 'card_number', 'expiry_date', 'type']);
		expect(result.items[0].json.missing_fields).toEqual(['issue_date']);
	});

	it('asks for and passes on text locations', async () => {
		mockToken();
		const location = { card_number: [[10, 20], [300, 20], [300, 60], [10, 60]] };
		nock(OCR)
			.post(BANKCARD_PATH, (body) => body.return_text_location === true && typeof body.image === 'string')
			.reply(200, { result: { ...CARD_RESULT, text_location: location } });
		const result = await runNode({
			node,
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data', options: { returnTextLocation: true } },
			items: [await binaryItem(cardImage(), { mimeType: 'image/jpeg' })],
			credentials: passwordCredential(),
		});
		expect(result.items[0].json.text_location).toEqual(location);
	});

	it('does not ask for text locations unless the option is on', async () => {
		mockToken();
		nock(OCR)
			.post(BANKCARD_PATH, (body) => !('return_text_location' in body))
			.reply(200, { result: CARD_RESULT });
		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: 'https://example.com/card.jpg' },
			items: [{ json: {} }],
			credentials: passwordCredential(),
		});
		expect(result.error).toBeUndefined();
	});

	it('outputs Huawei\'s answer as received with Raw Output', async () => {
		const body = { result: { ...CARD_RESULT, something_new: { a: 1 } } };
		const result = await runWithOptions({ rawOutput: true }, body);
		// Huawei's body as received, and which file it answers.
		expect(result.items[0].json).toEqual({ ...body, ...SOURCE });
	});

	it('keeps the card number masked in Raw Output', async () => {
		const result = await runWithOptions({ rawOutput: true, cardNumberFormat: 'masked' });
		expect(result.items[0].json).toEqual({ result: { ...CARD_RESULT, card_number: '622202*********0128' }, ...SOURCE });
		expect(everything(result)).not.toContain(FULL_NUMBER_DIGITS);
	});

	it('outputs the card alone when Keep Input Binary is not added (new nodes, version 1.3)', async () => {
		expect(node.description.defaultVersion).toBe(1.3);
		const result = await runWithOptions({});
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json).toEqual({ ...CARD_OUTPUT, source_binary_field: 'data', source_file_name: 'card.jpg' });
	});

	it('passes the input file on when Keep Input Binary is added, as it shows (on)', async () => {
		const kept = await runWithOptions({ keepInputBinary: true });
		expect(kept.items[0].binary?.data?.mimeType).toBe('image/jpeg');
		expect(kept.items[0].binary?.data?.fileName).toBe('card.jpg');
	});

	it('passes the input file on when the option is not added in a node saved as version 1', async () => {
		const kept = await runWithOptions({}, { result: CARD_RESULT }, 1);
		expect(kept.items[0].binary?.data?.mimeType).toBe('image/jpeg');
	});

	it('drops the input file in a version 1 node when Keep Input Binary is added and turned off', async () => {
		const dropped = await runWithOptions({ keepInputBinary: false }, { result: CARD_RESULT }, 1);
		expect(dropped.items[0].binary).toBeUndefined();
	});

	it('drops the input file when Keep Input Binary is off', async () => {
		const dropped = await runWithOptions({ keepInputBinary: false });
		expect(dropped.items[0].binary).toBeUndefined();
	});
});

describe('input checks before any call to Huawei', () => {
	async function refused(file: Buffer, mimeType = 'image/jpeg') {
		// No mocks at all: a token request or an OCR call would fail the test with "no match".
		const result = await runNode({
			node,
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [{ json: {} }, await binaryItem(file, { fileName: 'card.jpg', mimeType })],
			credentials: passwordCredential(),
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(2);
		return result.items[1].json as { error: string; description: string };
	}

	it('names a PDF without any page photo, sent as card.jpg, and what to do', async () => {
		const item = await refused(makePdf());
		expect(item.error).toBe('The file in binary field "data" cannot be sent to Huawei [item 1]');
		expect(item.description).toMatch(/^The PDF has no pages/);
		expect(item.description).toMatch(/export the scan as a JPEG image/);
	});

	it('names a WebP image', async () => {
		expect((await refused(makeWebp(800, 500), 'image/webp')).description).toMatch(/WebP/);
	});

	it('gives the dimensions of a too small image', async () => {
		expect((await refused(makePng(10, 400), 'image/png')).description).toMatch(/10 x 400 pixels/);
	});

	it('gives the dimensions of a too large image', async () => {
		expect((await refused(makeJpeg(9000, 100))).description).toMatch(/9000 x 100 pixels/);
	});

	it('refuses an empty file naming the field', async () => {
		expect((await refused(Buffer.alloc(0))).error).toMatch(/^The file in binary field "data" is empty \(0 bytes\) \[item 1\]$/);
	});

	it('refuses a cut-off JPEG with a clear sentence', async () => {
		expect((await refused(cardImage().subarray(0, 40))).description).toMatch(/JPEG file is cut off or damaged/);
	});

	it.each([
		['ftp://example.com/card.jpg', /"ftp:"/],
		['file:///tmp/card.jpg', /"file:"/],
		['', /empty/], // n8n itself refuses an empty field, but an expression can still give ''
		['card.jpg', /not a valid web address/],
	])('refuses the image URL %p', async (url, reason) => {
		const result = await runNode({
			node,
			parameters: { inputType: 'url', imageUrl: '={{ $json.link }}' },
			items: [{ json: { link: url } }],
			credentials: passwordCredential(),
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toMatch(reason);
		expect(result.items[0].json.error).toMatch(/\[item 0\]/);
	});
});

describe('as an AI agent tool', () => {
	it('is usable as a tool and describes the URL input in words an agent can follow', () => {
		const { description } = node;
		expect(description.usableAsTool).toBe(true);
		const url = description.properties.find((property) => property.name === 'imageUrl');
		expect(url?.description).toMatch(/public http\(s\) address/);
	});
});
