import { NodeOperationError } from 'n8n-workflow';

import { withAdviceInMessage } from '../../../../../nodes/HuaweiOcr/shared/items/toolError';

const node = { id: '1', name: 'Bankcard OCR', type: 'n8n-nodes-huawei-ocr.bankcardOcrTool', typeVersion: 1.2, position: [0, 0] as [number, number], parameters: {} };

describe('withAdviceInMessage', () => {
	it('puts the advice after the message, as a sentence, without the item number', () => {
		const error = new NodeOperationError(node, 'The Image URL is empty [item 0]', { description: 'Enter the web address of the card image.' });
		expect((withAdviceInMessage(error) as Error).message).toBe('The Image URL is empty. Enter the web address of the card image.');
	});

	it('keeps a message that ends a sentence, and one that already holds its advice, as they read', () => {
		const ended = new NodeOperationError(node, 'Huawei is busy!', { description: 'Retry later.' });
		expect((withAdviceInMessage(ended) as Error).message).toBe('Huawei is busy! Retry later.');
		const holding = new NodeOperationError(node, 'Failed: Retry later.', { description: 'Retry later.' });
		expect((withAdviceInMessage(holding) as Error).message).toBe('Failed: Retry later.');
	});

	it('shortens a long text at a word, marking the cut', () => {
		const error = new NodeOperationError(node, 'Huawei failed', { description: `${'word '.repeat(200)}end` });
		const { message } = withAdviceInMessage(error) as Error;
		expect(message.length).toBeLessThanOrEqual(400);
		expect(message).toMatch(/^Huawei failed\. word word .* word…$/);
	});

	it('passes on what is not an Error unchanged', () => {
		expect(withAdviceInMessage('text')).toBe('text');
	});
});
