import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../shared/description/commonOptions';
import { inputProperties, severalPerPhotoProperties } from '../shared/description/input';
import { toolProperties } from './toolDescription';

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
	}),
	...severalPerPhotoProperties(
		'Whether a photo may show more than one card, such as two cards side by side, a card next to an ID card, or a scanned page of cards. On: every bank card in the photo gives its own result, in reading order, with where it lies in the photo; anything else found is listed in skipped_in_photo. Off: one card per photo.',
		'Several cards per photo uses Huawei\'s auto-classification OCR, offered in Beijing4 (cn-north-4) only and enabled in the OCR console apart from bank card OCR. Huawei bills each card it reads, not the photo.',
	),
];

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
		{
			displayName: 'Card Number Format',
			name: 'cardNumberFormat',
			type: 'options',
			options: [
				{
					name: 'As Recognized',
					value: 'asRecognized',
					description: 'Exactly as Huawei read it, spaces included',
				},
				{
					name: 'Digits Only',
					value: 'digitsOnly',
					description: 'Without spaces, ready for a database or payment system',
				},
				{
					name: 'Masked',
					value: 'masked',
					description:
						'First 6 and last 4 digits kept, the rest replaced by *, so the full number never reaches later nodes or the execution log',
				},
			],
			default: 'asRecognized',
			description:
				'How card_number is written in the output. Not added: As Recognized, or Masked when the node is a tool of an AI Agent.',
		},
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

export const properties: INodeProperties[] = [...toolProperties, ...input, options];
