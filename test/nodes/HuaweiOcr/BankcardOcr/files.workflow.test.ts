/**
 * Files as n8n 2.x hands them over, through n8n-core's WorkflowExecute with only
 * Huawei mocked: both workflow binary modes, filesystem storage, a file object as the parameter,
 * several files per item, and every file of an item.
 */
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { binaryItem, filesItem, runNode, type RunNodeOptions, type RunNodeResult } from '../../../helpers/engine';
import {
	BANKCARD_PATH,
	CARD_OUTPUT,
	CARD_RESULT,
	huaweiError,
	mockToken,
	OCR,
	PASSWORD,
	passwordCredential,
	resetNock,
	TOKEN,
} from '../../../helpers/huawei';
import { EMAIL_FILES, EMAIL_PHOTOS, EMAIL_SKIPPED } from '../../../helpers/emailFiles';
import { makeJpeg, makePng } from '../../../helpers/images';
import { jpegImage, pagesPdf } from '../../../helpers/pdf';

const node = new BankcardOcr();
const FULL_NUMBER_DIGITS = '6222021234567890128';

/** Huawei's answer for one photo: the card, with the bank named after the photo so order shows. */
function answerFor(bank: string) {
	return { result: { ...CARD_RESULT, bank_name: bank } };
}

/** One paid call expected for exactly these bytes, answered with a bank named `bank`. */
function expectCall(bytes: Buffer, bank: string): nock.Scope {
	return nock(OCR).post(BANKCARD_PATH, { image: bytes.toString('base64') }).reply(200, answerFor(bank));
}

/**
 * Runs the node with Keep Input Binary added (on), as most checks here look at the file each
 * result keeps; `keep: false` runs it as a node added now, without the option (from 1.1: no file kept).
 */
function run(options: Partial<RunNodeOptions> & { parameters: INodeParameters; items: INodeExecutionData[]; keep?: boolean }) {
	const { keep = true, parameters, ...rest } = options;
	const added = (parameters.options ?? {}) as INodeParameters;
	return runNode({
		node,
		credentials: passwordCredential(),
		parameters: { ...parameters, options: keep ? { keepInputBinary: true, ...added } : added },
		...rest,
	});
}

function everything(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return [JSON.stringify(result.items), error?.message, error?.description, ...result.logs].join('\n');
}

const banks = (result: RunNodeResult) => result.items.map((item) => item.json.bank_name ?? item.json.error);

// Two card photos that differ in their bytes, so each call can be told apart.
const FRONT = makeJpeg(856, 540);
const SECOND = makePng(1000, 630);

beforeEach(resetNock);
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
});

describe('the two workflow binary modes of n8n 2.x', () => {
	it('separate mode, filesystem storage: reads binary.data, keeps it there for the next node', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const item = await binaryItem(FRONT, { fileName: 'front.jpg', mimeType: 'image/jpeg', mode: 'filesystem' });

		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [item],
			binaryMode: 'filesystem',
			workflowBinaryMode: 'separate',
		});

		expect(result.error).toBeUndefined();
		expect(result.input?.[0].binary?.data.id).toBe(item.binary?.data.id);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			...CARD_OUTPUT,
			bank_name: 'front',
			source_binary_field: 'data',
			source_file_name: 'front.jpg',
		});
		expect(result.items[0].binary?.data.id).toBe(item.binary?.data.id);
		expect(result.items[0].json._files).toBeUndefined();
	});

	it('combined mode: finds the file n8n moved into _files, and the kept file goes back there', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const item = await binaryItem(FRONT, { fileName: 'front.jpg', mimeType: 'image/jpeg', mode: 'filesystem' });

		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [item],
			binaryMode: 'filesystem',
			workflowBinaryMode: 'combined',
		});

		expect(result.error).toBeUndefined();
		// What the engine handed the node: the file in the JSON, nothing in `binary`.
		const input = result.input?.[0];
		expect(input?.binary).toBeUndefined();
		expect((input?.json._files as IDataObject).data).toMatchObject({ id: item.binary?.data.id, fileName: 'front.jpg' });
		// What the next node finds: the file under _files, where n8n 2.x looks in this mode.
		const output = result.items[0];
		expect(output.json).toMatchObject({ bank_name: 'front', source_binary_field: 'data', source_file_name: 'front.jpg' });
		expect(output.binary).toBeUndefined();
		expect((output.json._files as IDataObject).data).toMatchObject({ id: item.binary?.data.id, mimeType: 'image/jpeg' });
	});

	it('combined mode: takes n8n\'s own path form "_files.data" as well', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: '_files.data' },
			items: [await binaryItem(FRONT, { fileName: 'front.jpg', mimeType: 'image/jpeg', mode: 'filesystem' })],
			binaryMode: 'filesystem',
			workflowBinaryMode: 'combined',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.source_binary_field).toBe('data');
		expect((result.items[0].json._files as IDataObject).data).toBeDefined();
	});

	it('combined mode: names a missing field and the files the item has', async () => {
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [await binaryItem(FRONT, { name: 'attachment_0', fileName: 'front.jpg', mimeType: 'image/jpeg', mode: 'filesystem' })],
			binaryMode: 'filesystem',
			workflowBinaryMode: 'combined',
		});
		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('The item has no binary field "data" [item 0]');
		expect(error.description).toContain('"attachment_0"');
	});

	it.each([
		['separate', '={{ $binary.data }}'],
		['combined', '={{ $json._files.data }}'],
	] as const)('%s mode: a file object as the parameter (%s)', async (mode, expression) => {
		mockToken();
		expectCall(FRONT, 'front');
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: expression },
			items: [await binaryItem(FRONT, { fileName: 'front.jpg', mimeType: 'image/jpeg', mode: 'filesystem' })],
			binaryMode: 'filesystem',
			workflowBinaryMode: mode,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ bank_name: 'front', source_binary_field: 'data', source_file_name: 'front.jpg' });
		const kept = mode === 'combined' ? (result.items[0].json._files as Record<string, IBinaryData>).data : result.items[0].binary?.data;
		expect(kept?.fileName).toBe('front.jpg');
	});

	it('a file object from an expression keeps the name of the item\'s field that holds it', async () => {
		mockToken();
		expectCall(SECOND, 'second');
		const item = await filesItem({
			attachment_0: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' },
			attachment_1: { bytes: SECOND, fileName: 'back.png', mimeType: 'image/png' },
		});
		const result = await run({ parameters: { inputType: 'binaryData', binaryPropertyName: '={{ $binary.attachment_1 }}' }, items: [item] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ bank_name: 'second', source_binary_field: 'attachment_1', source_file_name: 'back.png' });
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['attachment_1']);
	});

	it('a file object that is not on the item is read as it is, under the name "data"', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const stored = await binaryItem(FRONT, { fileName: 'scan.jpg', mimeType: 'image/jpeg', mode: 'filesystem' });
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: '={{ $json.scan }}' },
			items: [{ json: { scan: stored.binary?.data as unknown as IDataObject } }],
			binaryMode: 'filesystem',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ bank_name: 'front', source_binary_field: 'data', source_file_name: 'scan.jpg' });
		expect(result.items[0].binary?.data.id).toBe(stored.binary?.data.id);
	});

	it('a file\'s details without its content: says to use the field name, no paid call', async () => {
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: '={{ $json.details }}' },
			items: [{ json: { details: { mimeType: 'image/jpeg', fileName: 'elsewhere.jpg' } } }],
		});
		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('The file given in "Input Binary Field" has no content [item 0]');
		expect(error.description).toMatch(/name of the binary field/);
	});

	it('refuses a parameter that is neither a name nor a file', async () => {
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: '={{ 42 }}' },
			items: [await binaryItem(FRONT, { mimeType: 'image/jpeg' })],
		});
		expect(result.error?.message).toBe('"Input Binary Field" names no file [item 0]');
	});
});

describe('Keep Input Binary', () => {
	it.each(['separate', 'combined'] as const)('not added (a node added now, 1.2), %s mode: results carry no file', async (mode) => {
		mockToken();
		expectCall(FRONT, 'front');
		expectCall(SECOND, 'second');
		const result = await run({
			parameters: { inputType: 'allFiles' },
			items: [
				await filesItem(
					{
						attachment_0: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' },
						attachment_1: { bytes: SECOND, fileName: 'second.png', mimeType: 'image/png' },
					},
					{ mode: 'filesystem' },
				),
			],
			binaryMode: 'filesystem',
			workflowBinaryMode: mode,
			keep: false,
		});
		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['front', 'second']);
		expect(result.items.map((item) => [item.binary, item.json._files])).toEqual([
			[undefined, undefined],
			[undefined, undefined],
		]);
	});

	it('not added in a node saved as version 1: each result keeps its own file', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		expectCall(SECOND, 'second');
		const result = await runNode({
			node,
			credentials: passwordCredential(),
			parameters: { inputType: 'binaryData', binaryPropertyName: 'attachment_0, attachment_1' },
			items: [
				await filesItem({
					attachment_0: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' },
					attachment_1: { bytes: SECOND, fileName: 'second.png', mimeType: 'image/png' },
				}),
			],
			typeVersion: 1,
		});
		expect(result.items.map((item) => Object.keys(item.binary ?? {}))).toEqual([['attachment_0'], ['attachment_1']]);
	});

	// The email chain sends doubtful photos to a person: the one Huawei could not read, or the
	// files that could not be sent, must still be there to attach.
	// Version 1.2: from 1.3 a photo in which Huawei finds no card is skipped instead (skipUnread.workflow.test.ts).
	it.each([true, false])('under Continue On Fail, a failed call\'s error item carries the photo that failed (added: %s, 1.2)', async (keep) => {
		mockToken();
		expectCall(FRONT, 'front');
		nock(OCR).post(BANKCARD_PATH, { image: SECOND.toString('base64') }).reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
		const item = await filesItem({
			attachment_0: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' },
			attachment_1: { bytes: SECOND, fileName: 'second.png', mimeType: 'image/png' },
		});
		const result = await run({ parameters: { inputType: 'allFiles' }, items: [item], continueOnFail: true, keep, typeVersion: 1.2 });

		expect(banks(result)).toEqual(['front', 'Huawei OCR could not find a readable bank card in the image (AIS.0104)']);
		expect(result.items[1].binary).toEqual(keep ? { attachment_1: item.binary!.attachment_1 } : undefined);
		expect(result.items.map((one) => one.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it.each([true, false])('under Continue On Fail, an item with no usable file: the error item carries every file it has (added: %s)', async (keep) => {
		const item = await filesItem({
			logo: { bytes: makePng(120, 40), fileName: 'logo.png', mimeType: 'image/png' },
			photo: { bytes: Buffer.from('....ftypheic'), fileName: 'IMG_0412.HEIC', mimeType: 'image/heic' },
		});
		const result = await run({ parameters: { inputType: 'allFiles' }, items: [item], continueOnFail: true, keep });

		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toBe("None of the item's files can be sent to Huawei [item 0]");
		expect(result.items[0].binary).toEqual(keep ? item.binary : undefined);
	});

	it('under Continue On Fail, a missing binary field gives an error item without files', async () => {
		const item = await filesItem({ other: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' } });
		const result = await run({ parameters: { inputType: 'binaryData', binaryPropertyName: 'data' }, items: [item], continueOnFail: true });
		expect(result.items[0].json.error).toBe('The item has no binary field "data" [item 0]');
		expect(result.items[0].binary).toBeUndefined();
	});
});

describe('several files per item', () => {
	const twoFiles = (mode: 'default' | 'filesystem' = 'default') =>
		filesItem(
			{
				attachment_0: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' },
				attachment_1: { bytes: SECOND, fileName: 'second.png', mimeType: 'image/png' },
			},
			{ mode },
		);

	it.each([
		['several names', { inputType: 'binaryData', binaryPropertyName: ' attachment_0,attachment_1 , ' }],
		['every file of the item', { inputType: 'allFiles' }],
	] as const)('%s: one result per file, in file order, each paired and carrying only its file', async (_label, parameters) => {
		mockToken();
		expectCall(FRONT, 'front');
		expectCall(SECOND, 'second');
		const result = await run({ parameters, items: [await twoFiles()] });

		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['front', 'second']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(result.items.map((item) => [item.json.source_binary_field, item.json.source_file_name])).toEqual([
			['attachment_0', 'front.jpg'],
			['attachment_1', 'second.png'],
		]);
		expect(result.items.map((item) => Object.keys(item.binary ?? {}))).toEqual([['attachment_0'], ['attachment_1']]);
		expect(result.items.every((item) => item.json.skipped_files === undefined)).toBe(true);
	});

	it.each(['separate', 'combined'] as const)('every file of the item in %s mode with filesystem storage', async (mode) => {
		mockToken();
		expectCall(FRONT, 'front');
		expectCall(SECOND, 'second');
		const result = await run({
			parameters: { inputType: 'allFiles' },
			items: [await twoFiles('filesystem')],
			binaryMode: 'filesystem',
			workflowBinaryMode: mode,
		});
		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['front', 'second']);
		const kept = result.items.map((item) => Object.keys((mode === 'combined' ? item.json._files : item.binary) as object));
		expect(kept).toEqual([['attachment_0'], ['attachment_1']]);
	});

	it('lists named fields the item does not have, and reads the rest', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const item = await binaryItem(FRONT, { name: 'attachment_0', fileName: 'front.jpg', mimeType: 'image/jpeg' });
		const result = await run({ parameters: { inputType: 'binaryData', binaryPropertyName: 'attachment_0, attachment_1' }, items: [item] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.skipped_files).toEqual([
			{ binary_field: 'attachment_1', file_name: '', reason: 'This item has no binary field "attachment_1".' },
		]);
	});

	it('N items in: all outputs in input order, then file order, all paired, calls running across files', async () => {
		mockToken();
		const photos = Array.from({ length: 7 }, (_, i) => makeJpeg(400 + i, 300));
		let active = 0;
		let peak = 0;
		photos.forEach((photo, i) => {
			nock(OCR)
				.post(BANKCARD_PATH, { image: photo.toString('base64') })
				.reply((_uri, _body, reply) => {
					active++;
					peak = Math.max(peak, active);
					// Later files answer first: the output order must not follow the answers.
					setTimeout(() => {
						active--;
						reply(null, [200, answerFor(`photo ${i}`)]);
					}, 60 - i * 8);
				});
		});
		// Item 0: photos 0-2; item 1: none of its own (a URL-less, file-less item is an error);
		// item 2: photo 3; item 3: photos 4-6.
		const item = async (from: number, to: number) =>
			await filesItem(Object.fromEntries(photos.slice(from, to).map((photo, k) => [`attachment_${k}`, { bytes: photo, fileName: `${from + k}.jpg` }])));
		const result = await run({
			parameters: { inputType: 'allFiles', options: { batchConcurrency: 3 } },
			items: [await item(0, 3), { json: {} }, await item(3, 4), await item(4, 7)],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['photo 0', 'photo 1', 'photo 2', 'The item has no files [item 1]', 'photo 3', 'photo 4', 'photo 5', 'photo 6']);
		expect(result.items.map((one) => one.pairedItem)).toEqual([0, 0, 0, 1, 2, 3, 3, 3].map((i) => ({ item: i })));
		expect(peak).toBe(3);
	});

	it('an item with no usable file: an error naming the item and each file, no paid call', async () => {
		const item = await filesItem({
			attachment_0: { bytes: makePng(120, 40), fileName: 'logo.png', mimeType: 'image/png' },
			attachment_1: { bytes: Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'), fileName: 'invite.ics', mimeType: 'text/calendar' },
		});
		const result = await run({ parameters: { inputType: 'allFiles' }, items: [item] });

		const error = result.error as Error & { description?: string };
		expect(error.message).toBe("None of the item's files can be sent to Huawei [item 0]");
		expect(error.description).toContain('"attachment_0" (logo.png): The image is 120 x 40 pixels, too small to hold a readable bank card');
		expect(error.description).toContain('"attachment_1" (invite.ics): The file is plain text, not an image.');
		expect(result.items).toEqual([]);
	});

	it('under Continue On Fail, that error is an item listing the skipped files, and the next item goes on', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const result = await run({
			parameters: { inputType: 'allFiles' },
			items: [
				await filesItem({ logo: { bytes: makePng(120, 40), fileName: 'logo.png', mimeType: 'image/png' } }),
				await binaryItem(FRONT, { fileName: 'front.jpg', mimeType: 'image/jpeg' }),
			],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toEqual({
			error: "None of the item's files can be sent to Huawei [item 0]",
			description: expect.stringContaining('"logo" (logo.png)'),
			skipped_files: [{ binary_field: 'logo', file_name: 'logo.png', reason: expect.stringMatching(/^The image is 120 x 40 pixels/) }],
		});
		expect(result.items[1].json).toMatchObject({ bank_name: 'front', source_binary_field: 'data' });
		expect(result.items.map((one) => one.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a small picture named on its own is still sent, as before', async () => {
		mockToken();
		const small = makePng(120, 40);
		expectCall(small, 'small');
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [await binaryItem(small, { fileName: 'small.png', mimeType: 'image/png' })],
		});
		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['small']);
	});

	it('a failed call for one file becomes an error item naming that file; masking and secrets hold (1.2)', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH, { image: FRONT.toString('base64') }).reply(200, { result: CARD_RESULT });
		nock(OCR)
			.post(BANKCARD_PATH, { image: SECOND.toString('base64') })
			.reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
		const result = await run({
			parameters: { inputType: 'allFiles', options: { cardNumberFormat: 'masked' } },
			items: [await twoFiles()],
			continueOnFail: true,
			typeVersion: 1.2,
		});

		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ card_number: '622202*********0128', source_binary_field: 'attachment_0' });
		expect(result.items[1].json).toMatchObject({
			error: 'Huawei OCR could not find a readable bank card in the image (AIS.0104)',
			error_code: 'AIS.0104',
			source_binary_field: 'attachment_1',
			source_file_name: 'second.png',
		});
		const text = everything(result);
		expect(text).not.toContain(FULL_NUMBER_DIGITS);
		expect(text).not.toContain(PASSWORD);
		expect(text).not.toContain(TOKEN);
	});

	it('with Masked, files named after the card do not bring the number back in source_file_name or skipped_files', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const item = await filesItem({
			attachment_0: { bytes: FRONT, fileName: '6222 0212 3456 7890 128.jpg', mimeType: 'image/jpeg' },
			attachment_1: { bytes: Buffer.from('not a photo'), fileName: `${FULL_NUMBER_DIGITS}.txt`, mimeType: 'text/plain' },
		});
		const masked = await run({ parameters: { inputType: 'allFiles', options: { cardNumberFormat: 'masked' } }, items: [item] });

		expect(masked.error).toBeUndefined();
		expect(masked.items).toHaveLength(1);
		expect(masked.items[0].json.source_file_name).toBe('622202*********0128.jpg');
		const skipped = masked.items[0].json.skipped_files as IDataObject[];
		expect(skipped.map((entry) => entry.file_name)).toEqual(['622202*********0128.txt']);
		expect(JSON.stringify(masked.items.map((entry) => entry.json))).not.toMatch(/\d{7,}|\d{4} \d{4} \d{4}/);

		// Without masking the names are the user's own, shown as they are.
		expectCall(FRONT, 'front');
		const plain = await run({ parameters: { inputType: 'allFiles' }, items: [item] });
		expect(plain.items[0].json.source_file_name).toBe('6222 0212 3456 7890 128.jpg');
		expect((plain.items[0].json.skipped_files as IDataObject[])[0].file_name).toBe(`${FULL_NUMBER_DIGITS}.txt`);
	});

	it('without Continue On Fail, the first failing file stops the run (1.2)', async () => {
		mockToken();
		nock(OCR).post(BANKCARD_PATH, { image: FRONT.toString('base64') }).reply(400, huaweiError('AIS.0104', 'The image is not supported.'));
		const unexpected: string[] = [];
		const record = (request: { path: string }) => unexpected.push(request.path);
		nock.emitter.on('no match', record);
		try {
			const result = await run({ parameters: { inputType: 'allFiles', options: { batchConcurrency: 1 } }, items: [await twoFiles()], typeVersion: 1.2 });
			expect(result.error?.message).toBe('Huawei OCR could not find a readable bank card in the image (AIS.0104)');
			expect(result.items).toEqual([]);
			expect(unexpected).toEqual([]); // no call for the second file
		} finally {
			nock.emitter.removeListener('no match', record);
		}
	});
});

describe('a customer email: two card photos, a logo, a PDF scan and a calendar invite', () => {
	it.each([
		['every file of the item', { inputType: 'allFiles' }, 'filesystem', 'separate'],
		['every file, combined mode', { inputType: 'allFiles' }, 'filesystem', 'combined'],
		['all five names', { inputType: 'binaryData', binaryPropertyName: 'attachment_0, attachment_1, attachment_2, attachment_3, attachment_4' }, 'default', undefined],
	] as const)('%s: exactly 3 paid calls, 3 results in attachment order, the rest listed', async (_label, parameters, storage, mode) => {
		mockToken();
		const calls = EMAIL_PHOTOS.map((photo) => expectCall(photo.bytes, photo.field));
		const result = await run({
			parameters,
			items: [await filesItem(EMAIL_FILES, { mode: storage, json: { subject: 'My cards' } })],
			binaryMode: storage,
			workflowBinaryMode: mode,
		});

		expect(result.error).toBeUndefined();
		expect(calls.every((scope) => scope.isDone())).toBe(true); // and no other call: nock refuses unknown bodies
		expect(banks(result)).toEqual(['attachment_0', 'attachment_1', 'attachment_3']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(result.items.map((item) => [item.json.source_binary_field, item.json.source_file_name, item.json.source_pdf_page])).toEqual([
			['attachment_0', 'card-front.jpg', undefined],
			['attachment_1', 'second-card.png', undefined],
			['attachment_3', 'scan.pdf', 1],
		]);
		for (const item of result.items) expect(item.json.skipped_files).toEqual(EMAIL_SKIPPED);
		// Each result carries the one file it was read from, where the next node looks in this mode.
		const kept = result.items.map((item) => Object.keys((mode === 'combined' ? item.json._files : item.binary) as object));
		expect(kept).toEqual([['attachment_0'], ['attachment_1'], ['attachment_3']]);
	});

	it('with Raw Output, each item is Huawei\'s answer as received, which file it came from beside it, and nothing else', async () => {
		mockToken();
		const calls = EMAIL_PHOTOS.map((photo) => expectCall(photo.bytes, photo.field));
		const result = await run({
			parameters: { inputType: 'allFiles', options: { rawOutput: true, cardNumberFormat: 'digitsOnly' } },
			items: [await filesItem(EMAIL_FILES)],
		});

		expect(calls.every((scope) => scope.isDone())).toBe(true);
		// No card checks, and Digits Only does not touch Huawei's answer: the number keeps its spaces.
		expect(result.items.map((item) => item.json)).toEqual([
			{ ...answerFor('attachment_0'), source_binary_field: 'attachment_0', source_file_name: 'card-front.jpg', skipped_files: EMAIL_SKIPPED },
			{ ...answerFor('attachment_1'), source_binary_field: 'attachment_1', source_file_name: 'second-card.png', skipped_files: EMAIL_SKIPPED },
			{ ...answerFor('attachment_3'), source_binary_field: 'attachment_3', source_file_name: 'scan.pdf', source_pdf_page: 1, skipped_files: EMAIL_SKIPPED },
		]);
		expect(result.items.map((item) => Object.keys(item.binary ?? {}))).toEqual([['attachment_0'], ['attachment_1'], ['attachment_3']]);
	});
});

describe('PDF scans', () => {
	const scan = (width: number, height: number) => makeJpeg(width, height);

	it('a one-page scan named on its own: one result, from page 1', async () => {
		mockToken();
		const photo = scan(1240, 780);
		expectCall(photo, 'scanned');
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [await binaryItem(pagesPdf([{ images: [jpegImage(photo, 1240, 780)] }]), { fileName: 'scan.pdf', mimeType: 'application/pdf' })],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ bank_name: 'scanned', source_binary_field: 'data', source_file_name: 'scan.pdf', source_pdf_page: 1 });
		expect(result.items[0].binary?.data.fileName).toBe('scan.pdf');
	});

	it('front and back on two pages, a text page between: one result per photo page, the text page listed', async () => {
		mockToken();
		const front = scan(1240, 780);
		const back = scan(1200, 760);
		expectCall(front, 'front');
		expectCall(back, 'back');
		const pdf = pagesPdf([
			{ images: [jpegImage(front, 1240, 780)] },
			{ content: 'BT /F1 12 Tf 72 700 Td (Please find my card attached) Tj ET' },
			{ images: [jpegImage(back, 1200, 760)] },
		]);
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [await binaryItem(pdf, { fileName: 'cards.pdf', mimeType: 'application/pdf' })],
		});
		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['front', 'back']);
		expect(result.items.map((item) => item.json.source_pdf_page)).toEqual([1, 3]);
		expect(result.items[0].json.skipped_files).toEqual([
			{ binary_field: 'data', file_name: 'cards.pdf', reason: expect.stringMatching(/^Page 2 has no picture/) },
		]);
	});

	it('a PDF with only text, named on its own: the item\'s error says so, no paid call', async () => {
		const result = await run({
			parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
			items: [await binaryItem(pagesPdf([{ content: 'BT /F1 12 Tf (Invoice) Tj ET' }]), { fileName: 'invoice.pdf', mimeType: 'application/pdf' })],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			error: 'The file in binary field "data" cannot be sent to Huawei [item 0]',
			description: expect.stringMatching(/^The PDF has no photo in it/),
			skipped_files: [{ binary_field: 'data', file_name: 'invoice.pdf', reason: expect.stringMatching(/^The PDF has no photo in it/) }],
		});
	});

	it('a password-protected PDF among several files is skipped with the reason, the photo is read', async () => {
		mockToken();
		expectCall(FRONT, 'front');
		const locked = pagesPdf([{ images: [jpegImage(scan(1240, 780), 1240, 780)] }], { trailer: '/Encrypt <</Filter /Standard /V 2 /R 3>>' });
		const result = await run({
			parameters: { inputType: 'allFiles' },
			items: [
				await filesItem({
					attachment_0: { bytes: locked, fileName: 'locked.pdf', mimeType: 'application/pdf' },
					attachment_1: { bytes: FRONT, fileName: 'front.jpg', mimeType: 'image/jpeg' },
				}),
			],
		});
		expect(result.error).toBeUndefined();
		expect(banks(result)).toEqual(['front']);
		expect(result.items[0].json.skipped_files).toEqual([
			{ binary_field: 'attachment_0', file_name: 'locked.pdf', reason: expect.stringMatching(/password-protected/) },
		]);
	});
});
