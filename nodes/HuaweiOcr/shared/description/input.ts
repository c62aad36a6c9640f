import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { definedByModel } from './definedByModel';

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

/** How a node's input behaves as an AI Agent's tool, from one of its versions on. */
export interface ToolInput {
	/** The first node version whose tools default to Image URL; tools saved before keep Binary File. */
	fromVersion: number;
	/** What the model is told the Image URL is: "The http(s) address of one photo of ...". */
	urlForModel: string;
}

/**
 * One field as three, by where it shows: a plain node, a tool saved before `fromVersion`, a tool
 * from `fromVersion` on (n8n's `show` needs every key to match, so "not a tool from that version"
 * takes two entries). The first two keep `field`; the third gets `asTool`. The engine fills in
 * the default of the one entry a node shows, also for a saved node that lacks the parameter.
 *
 * The plain node's entry is "hidden for a tool", not "shown when not a tool": n8n releases before
 * the `@tool` condition (1.85, for one) read `@tool` as a missing parameter, so a `show` on it
 * would hide the field from every node there, and the node could not read its own input.
 */
function byToolVersion(field: INodeProperties, asTool: Partial<INodeProperties>, fromVersion: number): INodeProperties[] {
	const show = field.displayOptions?.show ?? {};
	const shownWhen = (when: NonNullable<IDisplayOptions['show']>): INodeProperties => ({ ...field, displayOptions: { show: { ...show, ...when } } });
	const plain: INodeProperties = {
		...field,
		displayOptions: { ...(Object.keys(show).length ? { show } : {}), hide: { '@tool': [true] } },
	};
	return [
		plain,
		shownWhen({ '@tool': [true], '@version': [{ _cnd: { lt: fromVersion } }] }),
		{ ...shownWhen({ '@tool': [true], '@version': [{ _cnd: { gte: fromVersion } }] }), ...asTool },
	];
}

/**
 * Input Type, Input Binary Field and Image URL, the way to the picture every node offers (the
 * reading itself is in ../recognize/planItem.ts). With `tool`, an AI Agent's tool from that node
 * version starts on Image URL, defined by the model, since a model passes text and never a file
 * (../recognize/planItem.ts refuses files for a tool).
 */
export function inputProperties(wording: InputWording, tool?: ToolInput): INodeProperties[] {
	const inputType: INodeProperties = {
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
	};
	const imageUrl: INodeProperties = {
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: wording.urlPlaceholder,
		displayOptions: { show: { inputType: ['url'] } },
		description: wording.urlDescription,
	};
	const binaryPropertyName: INodeProperties = {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, or attachment_0, attachment_1',
		displayOptions: { show: { inputType: ['binaryData'] } },
		hint: 'The name of the incoming file. Several names separated by commas read several files; each gives its own result.',
		description: `Files travel between nodes under a name: most nodes that read files call it "data", email triggers "attachment_0", "attachment_1" and so on. The file may be ${wording.fileMayBe}. An expression that gives a file, such as {{ $binary.data }}, works too.`,
	};
	if (!tool) return [inputType, binaryPropertyName, imageUrl];
	return [
		...byToolVersion(inputType, { default: 'url' }, tool.fromVersion),
		binaryPropertyName,
		...byToolVersion(imageUrl, { default: definedByModel(imageUrl, tool.urlForModel) }, tool.fromVersion),
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
