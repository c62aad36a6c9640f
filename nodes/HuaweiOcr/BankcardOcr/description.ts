import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../shared/description/commonOptions';
import { inputProperties, severalPerPhotoProperties } from '../shared/description/input';
import { toolProperties } from './toolDescription';
import { TOOL_READS_URL_FROM } from './versions';

/** As an AI Agent's tool from 1.3: Image URL, defined by the model with this description. */
const TOOL_INPUT = { fromVersion: TOOL_READS_URL_FROM, urlForModel: 'The http(s) address of one photo of the front of a bank card' };

const input: INodeProperties[] = [
	...inputProperties({
		binaryFile: 'The card photo is a file on the incoming item, named in "Input Binary Field"',
		everyFile:
			'Look at every file on the incoming item, such as all attachments of an email, and read each card photo or PDF scan among them',
		url: 'The card image is on the web; Huawei downloads it from its address',
		about: 'Where the picture of the bank card comes from',
		fileMayBe: 'a photo (JPEG, PNG, BMP, TIFF) or a PDF scan of the card',
		urlPlaceholder: 'https://example.com/card.jpg',
		urlDescription:
			'A public http(s) address of a JPEG, PNG, BMP or TIFF photo of the front of a bank card. Huawei must be able to download it without signing in.',
	}, TOOL_INPUT),
	...severalPerPhotoProperties(
		'Whether a photo may show more than one card, such as two cards side by side, a card next to an ID card, or a scanned page of cards. On: every bank card in the photo gives its own result, in reading order, with where it lies in the photo; anything else found is listed in skipped_in_photo. Off: one card per photo.',
		'Several cards per photo uses Huawei\'s auto-classification OCR, offered in Beijing4 (cn-north-4) only and enabled in the OCR console apart from bank card OCR. Huawei bills each card it reads, not the photo.',
	),
];

/** Why a full number is worth avoiding, in the editor's words for people who set the node up. */
const WHY_MASKED =
	'n8n saves the data of every execution, the full number included, and everyone with access to this workflow can open it under Executions.';

const CARD_NUMBER_FORMATS: INodeProperties['options'] = [
	{
		name: 'As Recognized',
		value: 'asRecognized',
		description: 'The full number exactly as Huawei read it, spaces included',
	},
	{
		name: 'Digits Only',
		value: 'digitsOnly',
		description: 'The full number without spaces, ready for a database or payment system',
	},
	{
		name: 'Masked',
		value: 'masked',
		description:
			'First 6 and last 4 digits kept, the rest replaced by *, so the full number never reaches later nodes or the execution log',
	},
];

/**
 * Card Number Format, once per node version range: what the field shows once added, and what
 * "not added" means, differ (see masksCardNumberByDefault in versions.ts). `@version` shows each
 * saved node its own, as toolDescription.ts does for the tool's description.
 */
const cardNumberFormatOptions: INodeProperties[] = [
	{
		displayName: 'Card Number Format',
		name: 'cardNumberFormat',
		type: 'options',
		options: CARD_NUMBER_FORMATS,
		default: 'asRecognized',
		description:
			'How card_number is written in the output. Not added: As Recognized, or Masked when the node is a tool of an AI Agent.',
		displayOptions: { show: { '@version': [{ _cnd: { lt: 1.3 } }] } },
	},
	{
		displayName: 'Card Number Format',
		name: 'cardNumberFormat',
		type: 'options',
		options: CARD_NUMBER_FORMATS,
		default: 'masked',
		description: 'How card_number is written in the output. Not added: Masked.',
		hint: `Pick Digits Only or As Recognized only when a later node needs the full number: ${WHY_MASKED}`,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.3 } }] } },
	},
];

/** From version 1.3 the number is masked unless the user picks a format: the editor says how and why. */
const maskedNotice: INodeProperties = {
	displayName: `Card numbers come out masked (first 6 and last 4 digits) unless you choose otherwise: for the full number, click Add Option, choose Card Number Format and pick Digits Only or As Recognized. Masked is the default because ${WHY_MASKED}`,
	name: 'maskedNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.3 } }] } },
};

const options: INodeProperties = optionsCollection(
	[
		{
			displayName: 'Add Card Checks',
			name: 'addCardChecks',
			type: 'boolean',
			default: true,
			description:
				'Whether to add ready-to-use fields: card_number_valid (checksum), card_network (Visa, UnionPay, ...), card_type_normalized (debit, credit, ...), expiry_month, expiry_year, is_expired, missing_fields (what was not found on the card at all, such as the issue date many cards do not print) and low_confidence_fields (what was read but may be misread, worth a look by a person)',
		},
		...cardNumberFormatOptions,
		{
			displayName: 'Confidence Threshold',
			name: 'confidenceThreshold',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0.8,
			description:
				'Fields read with a confidence below this value are listed in low_confidence_fields, so a workflow can send those cards for a human check. A field not found on the card at all is listed in missing_fields instead, whatever this value (in nodes added before version 1.2, in low_confidence_fields too).',
		},
		{
			displayName: 'Raw Output',
			name: 'rawOutput',
			type: 'boolean',
			default: false,
			description:
				'Whether to output Huawei\'s answer as received ({"result": {...}}) instead of the tidied fields and card checks. A result read from a file still says which one beside it (source_binary_field, source_file_name, source_pdf_page, skipped_files). With Card Number Format "Masked" the card number in it is still masked; the other formats leave it as Huawei sent it.',
		},
		{
			displayName: 'Return Text Location',
			name: 'returnTextLocation',
			type: 'boolean',
			default: false,
			description:
				'Whether to also return where each field was found in the image (text_location: the corners of each text area, in pixels). One card per photo only: with "Photo May Hold Several Cards" each card has card_location instead.',
		},
	],
	'Whether to pass on, with each result, the file it was read from (under its own name), so a later node can still attach or store the card image. Not added: off (on for nodes added before version 1.1).',
);

export const properties: INodeProperties[] = [...toolProperties, ...input, maskedNotice, options];
