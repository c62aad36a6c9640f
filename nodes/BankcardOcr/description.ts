import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Binary File',
				value: 'binaryData',
				description: 'The card image is a file on the incoming item, for example an email attachment',
			},
			{
				name: 'Image URL',
				value: 'url',
				description: 'The card image is on the web; Huawei downloads it from its address',
			},
		],
		default: 'binaryData',
		description: 'Where the picture of the bank card comes from',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { inputType: ['binaryData'] } },
		hint: 'The name of the incoming binary field that holds the image',
		description:
			'Files travel between nodes in named binary fields; most nodes that read files name it "data", email nodes "attachment_0"',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/card.jpg',
		displayOptions: { show: { inputType: ['url'] } },
		description:
			'A public http(s) address of a JPEG, PNG, BMP or TIFF photo of the front of a bank card. Huawei must be able to download it without signing in.',
	},
];
