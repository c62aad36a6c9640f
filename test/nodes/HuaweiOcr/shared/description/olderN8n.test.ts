/**
 * n8n releases before the `@tool` display condition (1.85, the oldest README supports) read
 * `@tool` as a parameter nobody set. Each node must still show a plain node exactly one Input
 * Type and Image URL there, or it cannot read its own input ("Could not get parameter").
 */
import type { INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BankcardOcr } from '../../../../../nodes/HuaweiOcr/BankcardOcr/BankcardOcr.node';
import { IdCardOcr } from '../../../../../nodes/HuaweiOcr/IdCardOcr/IdCardOcr.node';

/** The field as an n8n without `@tool` sees it: the condition names a parameter that is not there. */
function withoutToolCondition(property: INodeProperties): INodeProperties {
	const rename = (conditions?: Record<string, unknown>) =>
		conditions && Object.fromEntries(Object.entries(conditions).map(([key, value]) => [key === '@tool' ? 'notAParameter' : key, value]));
	const options = property.displayOptions;
	if (!options) return property;
	return { ...property, displayOptions: { show: rename(options.show), hide: rename(options.hide) } as INodeProperties['displayOptions'] };
}

function shownNames(description: INodeTypeDescription, typeVersion: number, values: Record<string, unknown>): string[] {
	const node = { typeVersion, type: description.name, name: description.defaults.name, parameters: values } as unknown as INode;
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(values as never, withoutToolCondition(property), node, description))
		.map((property) => property.name);
}

describe.each([
	['Bankcard OCR', new BankcardOcr().description],
	['ID Card OCR', new IdCardOcr().description],
])('%s in an n8n without the @tool condition', (_name, description) => {
	const versions = Array.isArray(description.version) ? description.version : [description.version];

	it.each(versions)('version %s shows one Input Type, and one Image URL when reading a link', (version) => {
		const count = (names: string[], name: string) => names.filter((one) => one === name).length;
		expect(count(shownNames(description, version, {}), 'inputType')).toBe(1);
		expect(count(shownNames(description, version, { inputType: 'url' }), 'imageUrl')).toBe(1);
		expect(count(shownNames(description, version, { inputType: 'binaryData' }), 'binaryPropertyName')).toBe(1);
	});
});
