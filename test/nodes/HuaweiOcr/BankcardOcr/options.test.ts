import type { INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BankcardOcr } from '../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { properties } from '../../../../nodes/HuaweiOcr/BankcardOcr/description';
import { unsetOptions } from '../../../../nodes/HuaweiOcr/BankcardOcr/options';
import { BANKCARD_VERSIONS, keepInputBinaryByDefault } from '../../../../nodes/HuaweiOcr/BankcardOcr/versions';

const { description } = new BankcardOcr();
const PLAIN_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcr';
const TOOL_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcrTool';

describe('node options', () => {
	const collection = properties.find((property) => property.name === 'options');
	const options = (collection?.options ?? []) as INodeProperties[];

	it('offers exactly the stable option names', () => {
		expect([...new Set(options.map((option) => option.name))].sort()).toEqual(
			[
				'addCardChecks',
				'batchConcurrency',
				'cardNumberFormat',
				'confidenceThreshold',
				'enterpriseProjectId',
				'keepInputBinary',
				'maxRetries',
				'rawOutput',
				'returnTextLocation',
				'timeout',
			].sort(),
		);
	});

	it('shows, in every version, the same defaults the code applies when an option is not added', () => {
		// Except Keep Input Binary from version 1.1: not added it is off, added it shows on (see options.ts).
		expect(keepInputBinaryByDefault(1)).toBe(true);
		expect(keepInputBinaryByDefault(1.1)).toBe(false);
		expect(keepInputBinaryByDefault(1.2)).toBe(false);
		for (const typeVersion of BANKCARD_VERSIONS) {
			// The options the editor offers a node of this version: each name once.
			const shown = options.filter((option) => NodeHelpers.displayParameter({}, option, { typeVersion }, description));
			expect(shown.map((option) => option.name).sort()).toEqual([...new Set(options.map((option) => option.name))].sort());
			const unset = unsetOptions({ type: PLAIN_TYPE, typeVersion });
			for (const option of shown.filter((one) => one.name !== 'keepInputBinary')) {
				expect([typeVersion, option.name, option.default]).toEqual([typeVersion, option.name, unset[option.name]]);
			}
		}
	});

	it('masks the card number when Card Number Format is not added from 1.3, and for a tool from 1.2', () => {
		const format = (type: string, typeVersion: number) => unsetOptions({ type, typeVersion }).cardNumberFormat;
		expect(BANKCARD_VERSIONS.map((version) => format(PLAIN_TYPE, version))).toEqual(['asRecognized', 'asRecognized', 'asRecognized', 'masked']);
		expect(BANKCARD_VERSIONS.map((version) => format(TOOL_TYPE, version))).toEqual(['asRecognized', 'asRecognized', 'masked', 'masked']);
		const shownFor = (typeVersion: number) =>
			options.filter((option) => option.name === 'cardNumberFormat' && NodeHelpers.displayParameter({}, option, { typeVersion }, description));
		expect(BANKCARD_VERSIONS.map((version) => shownFor(version).map((option) => option.default))).toEqual([
			['asRecognized'],
			['asRecognized'],
			['asRecognized'],
			['masked'],
		]);
	});

	it('tells a person setting up a 1.3 node, in the panel, how to get the full number and why it is masked', () => {
		const notice = properties.find((property) => property.name === 'maskedNotice');
		expect(notice?.type).toBe('notice');
		const shown = (typeVersion: number) => !!notice && NodeHelpers.displayParameter({}, notice, { typeVersion }, description);
		expect(BANKCARD_VERSIONS.map(shown)).toEqual([false, false, false, true]);
		expect(notice?.displayName).toMatch(/Add Option.*Card Number Format.*Digits Only or As Recognized/);
		expect(notice?.displayName).toMatch(/saves the data of every execution.*everyone with access to this workflow/);
		const format = options.find((option) => option.name === 'cardNumberFormat' && option.default === 'masked');
		expect(format?.hint).toMatch(/full number.*everyone with access to this workflow/);
	});

	it('keeps the stable parameter names and values', () => {
		const inputType = properties.find((property) => property.name === 'inputType');
		expect(inputType?.options?.map((option) => (option as { value: string }).value)).toEqual(['binaryData', 'allFiles', 'url']);
		expect(properties.find((property) => property.name === 'binaryPropertyName')?.default).toBe('data');
		// The tool's description twice: one field per node version range (see toolDescription.ts);
		// Input Type and Image URL three times: plain node, tool before 1.3, tool from 1.3 (see input.ts).
		expect(properties.map((property) => property.name)).toEqual([
			'toolDescription',
			'toolDescription',
			'inputType',
			'inputType',
			'inputType',
			'binaryPropertyName',
			'imageUrl',
			'imageUrl',
			'imageUrl',
			'severalCardsPerPhoto',
			'severalCardsNotice',
			'maskedNotice',
			'options',
		]);
		// Off unless set: saved workflows, which lack the parameter, keep reading one card per photo.
		expect(properties.find((property) => property.name === 'severalCardsPerPhoto')?.default).toBe(false);
		const format = options.find((option) => option.name === 'cardNumberFormat');
		// Both of its entries (one per version range) offer the same values.
		const [before, from13] = options.filter((option) => option.name === 'cardNumberFormat');
		expect(from13.options).toEqual(before.options);
		expect(format?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'asRecognized',
			'digitsOnly',
			'masked',
		]);
	});
});
