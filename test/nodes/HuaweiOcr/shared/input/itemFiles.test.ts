import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { allFiles, fileFromObject, fileNames, findFile } from '../../../../../nodes/HuaweiOcr/shared/input/itemFiles';

const file = (name: string, extra: Partial<IBinaryData> = {}): IBinaryData => ({
	data: Buffer.from(name).toString('base64'),
	mimeType: 'image/jpeg',
	fileName: `${name}.jpg`,
	...extra,
});
const stored = (name: string): IBinaryData => ({ data: 'filesystem-v2', id: `filesystem-v2:x/${name}`, mimeType: 'image/png', fileName: `${name}.png` });

// What an item looks like in each workflow binary mode of n8n 2.x.
const separate: INodeExecutionData = { json: {}, binary: { attachment_0: file('a0'), attachment_1: file('a1') } };
const combined: INodeExecutionData = { json: { subject: 'cards', _files: { attachment_0: stored('a0'), attachment_1: stored('a1') } } };

describe('findFile', () => {
	it('separate mode: the binary field by name, handed to n8n by name', () => {
		expect(findFile(separate, 'attachment_1', false)).toEqual({ field: 'attachment_1', parameter: 'attachment_1', file: separate.binary?.attachment_1 });
		expect(findFile(separate, 'data', false)).toBeUndefined();
	});

	it('combined mode: a plain name is looked up under _files and handed to n8n as its path', () => {
		const found = findFile(combined, 'attachment_0', true);
		expect(found).toEqual({ field: 'attachment_0', parameter: '_files.attachment_0', file: stored('a0') });
	});

	it('combined mode: n8n\'s own path form names the same field', () => {
		expect(findFile(combined, '_files.attachment_1', true)).toEqual({ field: 'attachment_1', parameter: '_files.attachment_1', file: stored('a1') });
	});

	it('a file in the other place than the mode expects is handed over as the object', () => {
		expect(findFile(separate, 'attachment_0', true)?.parameter).toEqual(file('a0'));
		expect(findFile(combined, 'attachment_0', false)?.parameter).toEqual(stored('a0'));
	});

	it('ignores what is not a file in the JSON, and any binary that is not an object', () => {
		const odd = { json: { _files: { note: 'text', list: [1] }, data: { mimeType: 'x' } }, binary: 'data' } as unknown as INodeExecutionData;
		expect(findFile(odd, 'note', true)).toBeUndefined();
		expect(findFile(odd, 'data', true)).toBeUndefined();
		expect(fileNames(odd)).toEqual([]);
		expect(findFile(undefined, 'data', false)).toBeUndefined();
	});
});

describe('fileNames and allFiles', () => {
	it('list files in the order the item holds them, binary first, without duplicates or empty entries', () => {
		const both = {
			json: { _files: { attachment_1: stored('a1'), scan: stored('scan') } },
			binary: { attachment_0: file('a0'), attachment_1: file('a1'), gone: null },
		} as unknown as INodeExecutionData;
		expect(fileNames(both)).toEqual(['attachment_0', 'attachment_1', 'scan']);
		expect(allFiles(both, false).map((one) => one.field)).toEqual(['attachment_0', 'attachment_1', 'scan']);
		expect(allFiles(combined, true).map((one) => one.parameter)).toEqual(['_files.attachment_0', '_files.attachment_1']);
	});
});

describe('fileFromObject', () => {
	it('names a file by the item field that holds it: by id, by content, or by its details', () => {
		expect(fileFromObject(combined, stored('a1') as never, true).field).toBe('attachment_1');
		expect(fileFromObject(separate, file('a1') as never, false).field).toBe('attachment_1');
		// n8n's expressions show a file kept in the item without its data.
		const details: Partial<IBinaryData> = file('a1');
		delete details.data;
		expect(fileFromObject(separate, details as never, false)).toEqual({ field: 'attachment_1', parameter: 'attachment_1', file: file('a1') });
	});

	it('reads a file from elsewhere as the object it is, under the name "data"', () => {
		const other = stored('other');
		expect(fileFromObject(separate, other as never, false)).toEqual({ field: 'data', parameter: other, file: other });
	});
});
