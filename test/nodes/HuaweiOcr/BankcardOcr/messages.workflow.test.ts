/**
 * Every message a user can meet reads the same way: the item named once, at the end,
 * as n8n's own nodes name it ("... [item 0]"); headlines without a full stop; descriptions that end
 * their sentences once. Through n8n-core's WorkflowExecute with only Huawei mocked, under Continue
 * On Fail so each message is an item to look at.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { binaryItem, filesItem, runNode } from '../../../helpers/engine';
import { BANKCARD_PATH, countTokenRequests, huaweiError, IAM, OCR, passwordCredential, resetNock } from '../../../helpers/huawei';
import { makePng } from '../../../helpers/images';
import { messageStyleProblems } from '../../../helpers/messageStyle';
import { pagesPdf } from '../../../helpers/pdf';

const node = new BankcardOcr();

beforeEach(resetNock);

async function errorItems(parameters: INodeParameters, items: INodeExecutionData[]) {
	const result = await runNode({ node, credentials: passwordCredential(), parameters, items, continueOnFail: true });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(items.length);
	return result.items.map((item) => item.json as { error?: string; description?: string });
}

function expectStyle(json: { error?: string; description?: string }, itemIndex?: number) {
	expect(json.error).toEqual(expect.any(String));
	expect({ error: json.error, problems: messageStyleProblems(json.error, json.description) }).toEqual({ error: json.error, problems: [] });
	if (itemIndex !== undefined) expect(json.error).toMatch(new RegExp(` \\[item ${itemIndex}\\]$`));
}

describe('the style check itself', () => {
	it.each([
		['Item 0 has no binary field "data"', undefined, /names the item inside/],
		['The image is too small.', 'Send a bigger one.', /headline ends with punctuation/],
		['The image is too small', 'Send a bigger one', /does not end a sentence/],
		['The image is too small', 'Check what is wrong.".', /has "\."\."/],
		['The image is too small', 'Retry.. Then call us.', /has "\.\."/],
	])('finds the flaw in %j / %j', (headline, description, flaw) => {
		expect(messageStyleProblems(headline, description).join('\n')).toMatch(flaw);
	});

	it('passes a message written the house way', () => {
		expect(messageStyleProblems('The item has no binary field "data" [item 3]', 'Set "Input Binary Field" to "data"... or "scan".')).toEqual([]);
	});
});

describe('input problems name the item at the end', () => {
	it('files that cannot be sent, one named field each', async () => {
		const items = [
			{ json: {} },
			await binaryItem(Buffer.alloc(0), { fileName: 'empty.jpg', mimeType: 'image/jpeg' }),
			await binaryItem(Buffer.from('Dear customer, ...'), { fileName: 'note.txt', mimeType: 'text/plain' }),
			await binaryItem(pagesPdf([{ content: 'BT /F1 12 Tf (Invoice) Tj ET' }]), { fileName: 'invoice.pdf', mimeType: 'application/pdf' }),
			await binaryItem(Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]), { fileName: 'IMG.HEIC', mimeType: 'image/heic' }),
		];
		const found = await errorItems({ inputType: 'binaryData', binaryPropertyName: 'data' }, items);
		found.forEach((json, i) => expectStyle(json, i));
	});

	it('every file of an item, none usable; a name list that names nothing', async () => {
		const none = await filesItem({ logo: { bytes: makePng(120, 40), fileName: 'logo.png', mimeType: 'image/png' } });
		expectStyle((await errorItems({ inputType: 'allFiles' }, [{ json: {} }, none]))[1], 1);
		expectStyle((await errorItems({ inputType: 'allFiles' }, [{ json: {} }]))[0], 0);
		expectStyle((await errorItems({ inputType: 'binaryData', binaryPropertyName: ' , ' }, [none]))[0], 0);
		expectStyle((await errorItems({ inputType: 'binaryData', binaryPropertyName: 'a, b' }, [none]))[0], 0);
	});

	it.each(['ftp://example.com/card.jpg', 'https://user:secret@example.com/card.jpg', 'card.jpg', ''])('the image URL %j', async (url) => {
		const [json] = await errorItems({ inputType: 'url', imageUrl: '={{ $json.url }}' }, [{ json: { url } }]);
		expectStyle(json, 0);
	});
});

// Huawei's documented codes, in the wording of the generic table and of the bank card node.
const CODES: Array<[code: string, status: number]> = [
	['AIS.0101', 400], ['AIS.0102', 400], ['AIS.0103', 400], ['AIS.0104', 400], ['AIS.0105', 400],
	['ModelArts.0203', 403], ['ModelArts.0212', 400], ['ModelArts.4101', 400], ['ModelArts.4106', 403],
	['ModelArts.4203', 403], ['ModelArts.4204', 403], ['ModelArts.4401', 400], ['ModelArts.4402', 400],
	['ModelArts.4601', 400], ['ModelArts.4603', 400], ['ModelArts.4702', 400], ['ModelArts.6201', 500],
	['APIG.0101', 404], ['APIG.0201', 504], ['APIG.0302', 403], ['APIG.0308', 429], ['APIG.0613', 400],
	['APIG.0301', 401], ['APIG.0307', 401], ['XYZ.9999', 400], ['', 500], ['', 418],
];

describe('Huawei errors read the house way', () => {
	it.each(CODES)('%s (HTTP %i)', async (code, status) => {
		countTokenRequests();
		nock(OCR)
			.post(BANKCARD_PATH)
			.times(10)
			.reply(status, code ? huaweiError(code, 'Huawei said no.') : '<html>Teapot</html>');
		const [json] = await errorItems({ inputType: 'url', imageUrl: 'https://example.com/card.jpg', options: { maxRetries: 0 } }, [{ json: {} }]);
		expectStyle(json);
	});
});

describe('sign-in failures read the house way', () => {
	it.each([
		[401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }],
		[403, { error: { code: 403, message: 'The user is locked.', title: 'Forbidden' } }],
		[500, '<html>Internal error</html>'],
	])('IAM answers %i', async (status, body) => {
		nock(IAM).post('/v3/auth/tokens').query(true).times(4).reply(status, body);
		const found = await errorItems({ inputType: 'url', imageUrl: 'https://example.com/card.jpg', options: { maxRetries: 0 } }, [{ json: {} }, { json: {} }]);
		for (const json of found) expectStyle(json);
	});
});
