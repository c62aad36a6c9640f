import type { IBinaryData } from 'n8n-workflow';

import { EVERY_FILE, parseFileSelection } from '../../../../../nodes/HuaweiOcr/shared/input/fileSelection';

const stored = (name: string): IBinaryData => ({ data: 'filesystem-v2', id: `filesystem-v2:x/${name}`, mimeType: 'image/png', fileName: `${name}.png` });

describe('parseFileSelection', () => {
	it('reads one name, or several separated by commas, trimmed, without empties or repeats', () => {
		expect(parseFileSelection(' data ')).toEqual({ every: false, requests: [{ name: 'data' }], several: false });
		expect(parseFileSelection('attachment_0, attachment_1,,attachment_0 ,')).toEqual({
			every: false,
			requests: [{ name: 'attachment_0' }, { name: 'attachment_1' }],
			several: true,
		});
	});

	it('takes a file object, or a list of names and files', () => {
		const one = stored('a');
		expect(parseFileSelection(one)).toEqual({ every: false, requests: [{ object: one }], several: false });
		expect(parseFileSelection(['data', one])).toEqual({ every: false, requests: [{ name: 'data' }, { object: one }], several: true });
	});

	it('says what the parameter should hold when it names nothing', () => {
		for (const value of ['', ' , ', 42, null, { not: 'a file' }, ['data', 7]]) {
			expect(parseFileSelection(value)).toEqual({ problem: expect.stringMatching(/"Input Binary Field"/) });
		}
	});

	it('has a selection for every file of the item', () => {
		expect(EVERY_FILE).toEqual({ every: true });
	});
});
