import type { INodeProperties } from 'n8n-workflow';

import { properties } from '../../../../nodes/HuaweiOcr/BankcardOcr/description';
import { OPTION_DEFAULTS } from '../../../../nodes/HuaweiOcr/BankcardOcr/options';
import { keepInputBinaryByDefault } from '../../../../nodes/HuaweiOcr/BankcardOcr/versions';

describe('node options', () => {
	const collection = properties.find((property) => property.name === 'options');
	const options = (collection?.options ?? []) as INodeProperties[];

	it('offers exactly the stable option names', () => {
		expect(options.map((option) => option.name).sort()).toEqual(
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

	it('shows the same defaults the code applies when an option is not added', () => {
		// Except Keep Input Binary from version 1.1: not added it is off, added it shows on (see options.ts).
		expect(keepInputBinaryByDefault(1)).toBe(true);
		expect(keepInputBinaryByDefault(1.1)).toBe(false);
		expect(keepInputBinaryByDefault(1.2)).toBe(false);
		for (const option of options) {
			expect([option.name, option.default]).toEqual([
				option.name,
				OPTION_DEFAULTS[option.name as keyof typeof OPTION_DEFAULTS],
			]);
		}
	});

	it('keeps the stable parameter names and values', () => {
		const inputType = properties.find((property) => property.name === 'inputType');
		expect(inputType?.options?.map((option) => (option as { value: string }).value)).toEqual(['binaryData', 'allFiles', 'url']);
		expect(properties.find((property) => property.name === 'binaryPropertyName')?.default).toBe('data');
		// The tool's description twice: one field per node version range (see toolDescription.ts).
		expect(properties.map((property) => property.name)).toEqual([
			'toolDescription',
			'toolDescription',
			'inputType',
			'binaryPropertyName',
			'imageUrl',
			'severalCardsPerPhoto',
			'severalCardsNotice',
			'options',
		]);
		// Off unless set: saved workflows, which lack the parameter, keep reading one card per photo.
		expect(properties.find((property) => property.name === 'severalCardsPerPhoto')?.default).toBe(false);
		const format = options.find((option) => option.name === 'cardNumberFormat');
		expect(format?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'asRecognized',
			'digitsOnly',
			'masked',
		]);
	});
});
