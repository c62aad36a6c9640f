import type { INodeProperties } from 'n8n-workflow';

/** How a node's editor names the document and its picture, for the input fields all nodes share. */
export interface InputWording {
	/** "The card photo is a file on the incoming item, ..." */
	binaryFile: string;
	/** "... and read each card photo or PDF scan among them" */
	everyFile: string;
	/** "The card image is on the web; ..." */
	url: string;
	/** "Where the picture of the bank card comes from" */
	about: string;
	/** What a file may be: "a photo (JPEG, PNG, BMP, TIFF) or a PDF scan of the card" */
	fileMayBe: string;
	/** "https://example.com/card.jpg" */
	urlPlaceholder: string;
	/** "A public http(s) address of a JPEG, PNG, BMP or TIFF photo of ..." */
	urlDescription: string;
}

/**
 * Input Type, Input Binary Field and Image URL, the way to the picture every node offers (the
 * reading itself is in ../recognize/planItem.ts).
 */
export function inputProperties(wording: InputWording): INodeProperties[] {
	return [
		{
			displayName: 'Input Type',
			name: 'inputType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Binary File', value: 'binaryData', description: wording.binaryFile },
				{ name: 'Every File of the Item', value: 'allFiles', description: wording.everyFile },
				{ name: 'Image URL', value: 'url', description: wording.url },
			],
			default: 'binaryData',
			description: wording.about,
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			placeholder: 'e.g. data, or attachment_0, attachment_1',
			displayOptions: { show: { inputType: ['binaryData'] } },
			hint: 'The name of the incoming file. Several names separated by commas read several files; each gives its own result.',
			description: `Files travel between nodes under a name: most nodes that read files call it "data", email triggers "attachment_0", "attachment_1" and so on. The file may be ${wording.fileMayBe}. An expression that gives a file, such as {{ $binary.data }}, works too.`,
		},
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: wording.urlPlaceholder,
			displayOptions: { show: { inputType: ['url'] } },
			description: wording.urlDescription,
		},
	];
}

/**
 * The switch that reads every document of a photo through auto-classification, and the notice
 * shown when it is on (`description`: what it does for this node's documents; `notice`: where
 * Huawei offers it and what applies there).
 */
export function severalPerPhotoProperties(description: string, notice: string): INodeProperties[] {
	return [
		{
			displayName: 'Photo May Hold Several Cards',
			name: 'severalCardsPerPhoto',
			type: 'boolean',
			default: false,
			description,
		},
		{
			displayName: notice,
			name: 'severalCardsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { severalCardsPerPhoto: [true] } },
		},
	];
}
