import type { INode } from 'n8n-workflow';

import { adviceFor } from '../../../../../nodes/HuaweiOcr/shared/transport/advice';
import { errorItemJson } from '../../../../../nodes/HuaweiOcr/shared/items/errorItem';
import { failureFromResponse } from '../../../../../credentials/common/huawei/errorBody';
import { huaweiApiError } from '../../../../../nodes/HuaweiOcr/shared/transport/apiError';
import { redact } from '../../../../../credentials/common/huawei/redact';
import { failureFromError } from '../../../../../nodes/HuaweiOcr/shared/transport/failure';
import { BANKCARD_ADVICE } from '../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';

const node: INode = {
	id: '1',
	name: 'Bankcard OCR',
	type: 'n8n-nodes-huawei-ocr.bankcardOcr',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('Huawei error translation', () => {
	it('reads both error body shapes', () => {
		expect(failureFromResponse(400, { error_code: 'AIS.0104', error_msg: 'bad image' }, 'rid')).toEqual({
			httpCode: 400,
			errorCode: 'AIS.0104',
			detail: 'bad image',
			requestId: 'rid',
		});
		expect(failureFromResponse(401, { error: { code: 401, message: 'wrong' } })).toMatchObject({
			errorCode: '401',
			detail: 'wrong',
		});
	});

	it('keeps only the start of a non-JSON body', () => {
		const html = `<html>${'x'.repeat(1000)}</html>`;
		expect(failureFromResponse(502, html).detail).toHaveLength(200);
	});

	it('gives every documented code plain advice and treats APIGW like APIG', () => {
		for (const code of [
			'AIS.0101', 'AIS.0102', 'AIS.0103', 'AIS.0104', 'AIS.0105',
			'ModelArts.0203', 'ModelArts.0212', 'ModelArts.4101', 'ModelArts.4102', 'ModelArts.4103',
			'ModelArts.4106', 'ModelArts.4203', 'ModelArts.4204', 'ModelArts.4401', 'ModelArts.4402',
			'ModelArts.4601', 'ModelArts.4603', 'ModelArts.4702', 'ModelArts.4706', 'ModelArts.6201',
			'APIG.0101', 'APIG.0201', 'APIG.0301', 'APIG.0302', 'APIG.0306', 'APIG.0307', 'APIG.0308',
			'APIG.0310', 'APIG.0613', 'APIG.0801', 'APIG.0802',
		]) {
			const advice = adviceFor({ errorCode: code, httpCode: 400 });
			expect(advice.message).not.toBe('Huawei OCR could not process the request');
		}
		expect(adviceFor({ errorCode: 'APIGW.0308' })).toBe(adviceFor({ errorCode: 'APIG.0308' }));
		expect(adviceFor({ errorCode: 'ModelArts.4204' }).message).toMatch(/not enabled/);
	});

	it('falls back on the HTTP status, then on a generic message that keeps Huawei\'s words', () => {
		expect(adviceFor({ httpCode: 429 }).message).toMatch(/throttling/);
		const error = huaweiApiError(node, { httpCode: 400, errorCode: 'XYZ.1', detail: 'odd thing' }, 3, []);
		expect(error.message).toBe('Huawei OCR could not process the request (XYZ.1)');
		expect(error.description).toContain('Huawei said: odd thing');
		expect(error.context.itemIndex).toBe(3);
	});

	it('redacts secrets from messages and descriptions', () => {
		expect(redact('token abcd-1234 and abcd-1234', ['abcd-1234'])).toBe('token [redacted] and [redacted]');
		const error = huaweiApiError(node, { httpCode: 400, errorCode: 'AIS.0101', detail: 'bad pw hunter22' }, 0, ['hunter22']);
		expect(`${error.message} ${error.description}`).not.toContain('hunter22');
	});

	it('turns an error into a Continue On Fail item with code, status and request id', () => {
		const error = huaweiApiError(
			node,
			{ httpCode: 400, errorCode: 'AIS.0104', detail: 'not a card', requestId: 'req-9' },
			0,
			[],
			1,
			BANKCARD_ADVICE,
		);
		expect(errorItemJson(error)).toEqual({
			error: 'Huawei OCR could not find a readable bank card in the image (AIS.0104)',
			description: expect.stringContaining('Request ID: req-9'),
			error_code: 'AIS.0104',
			http_code: 400,
			request_id: 'req-9',
		});
	});

	it('lets an API\'s own wording win over the wording common to every OCR API', () => {
		expect(adviceFor({ errorCode: 'AIS.0104' }).message).toBe('Huawei OCR found nothing it could read in the image');
		expect(adviceFor({ errorCode: 'AIS.0104' }, BANKCARD_ADVICE).message).toMatch(/bank card/);
		// A bare 404 is read as the gateway's APIG.0101, in the API's wording too.
		expect(adviceFor({ httpCode: 404 }, BANKCARD_ADVICE)).toBe(BANKCARD_ADVICE['APIG.0101']);
		expect(adviceFor({ errorCode: 'APIG.0308' }, BANKCARD_ADVICE).message).toMatch(/throttling/);
	});

	it('keeps network codes out of the message, where n8n would replace it', () => {
		const error = huaweiApiError(node, failureFromError({ code: 'ECONNRESET', message: 'socket hang up' }), 0, []);
		expect(error.message).toBe('The connection to Huawei was cut off');
		expect(error.description).toContain('ECONNRESET');
	});

	it("reads n8n 1.x's NodeApiError, which keeps the status and body but not the response", () => {
		// What n8n-core 1.x throws for a 400 from Huawei: the HTTP library's error is gone.
		const httpError = Object.assign(new Error('Bad request - please check your parameters'), {
			httpCode: '400',
			context: { data: { error_code: 'AIS.0104', error_msg: 'The image is not a bank card.' } },
		});
		expect(failureFromError(httpError)).toEqual({ httpCode: 400, errorCode: 'AIS.0104', detail: 'The image is not a bank card.', requestId: undefined });
		const busy = Object.assign(new Error('Service unavailable'), { httpCode: '503', context: {} });
		expect(failureFromError(busy)).toMatchObject({ httpCode: 503 });
		const network = Object.assign(new Error('The connection to the server was closed unexpectedly'), { httpCode: 'ECONNRESET' });
		expect(failureFromError(network)).toEqual({ errorCode: 'ECONNRESET', detail: 'The connection to the server was closed unexpectedly' });
		const timeout = Object.assign(new Error('timeout of 60000ms exceeded'), { httpCode: 'ECONNABORTED' });
		expect(failureFromError(timeout)).toMatchObject({ errorCode: 'ETIMEDOUT' });
		const redirect = Object.assign(new Error('Found'), { httpCode: '302' });
		expect(failureFromError(redirect)).toEqual({ httpCode: 302, redirectTo: '' });
	});

	it('shows a sign-in failure raised by the credential as it is', () => {
		const failure = failureFromError({ cause: new Error('Huawei Cloud did not accept the sign-in') });
		expect(adviceFor(failure).message).toBe('Huawei Cloud did not accept the sign-in');
	});
});
