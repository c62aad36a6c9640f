import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../shared/description/commonOptions';
import { inputProperties, severalPerPhotoProperties } from '../shared/description/input';
import { toolProperties } from './toolDescription';

const input: INodeProperties[] = [
	...inputProperties({
		binaryFile: 'The ID card photo is a file on the incoming item, named in "Input Binary Field"',
		everyFile:
			'Look at every file on the incoming item, such as all attachments of an email, and read each ID card photo or PDF scan among them; the front and the back give one result',
		url: 'The ID card image is on the web; Huawei downloads it from its address',
		about: 'Where the picture of the ID card comes from',
		fileMayBe: 'a photo (JPEG, PNG, BMP, TIFF) or a PDF scan of the ID card',
		urlPlaceholder: 'https://example.com/id-card-front.jpg',
		urlDescription:
			'A public http(s) address of a JPEG, PNG, BMP or TIFF photo of a Chinese resident ID card. Huawei must be able to download it without signing in.',
	}),
	{
		displayName: 'Side',
		name: 'side',
		type: 'options',
		options: [
			{ name: 'Auto', value: 'auto', description: 'Huawei decides which side the photo shows' },
			{ name: 'Front', value: 'front', description: 'The portrait side: name, sex, birth date, ethnicity, address, number' },
			{ name: 'Back', value: 'back', description: 'The national emblem side: issuing authority and validity' },
			{
				name: 'Both Sides in One Photo',
				value: 'double_side',
				description: 'One photo shows the front and the back side by side; they give one result',
			},
		],
		default: 'auto',
		description: 'Which side of the ID card the photo shows. Naming it makes Huawei\'s reading more accurate.',
	},
	{
		displayName: 'Photo Checks',
		name: 'photoChecks',
		type: 'multiOptions',
		options: [
			{ name: 'Black-and-White Copy', value: 'copy' },
			{ name: 'Card Cut Off', value: 'border_integrity' },
			{ name: 'Edited Image', value: 'tampering' },
			{ name: 'Glare', value: 'glare' },
			{ name: 'Photo of a Screen', value: 'reproduce' },
			{ name: 'Something Covering the Card', value: 'blocking_within_border' },
			{ name: 'Temporary ID Card', value: 'interim' },
			{ name: 'Too Blurry', value: 'blur' },
		],
		default: [],
		description:
			'Huawei\'s checks that the photo is of a genuine card. The ones Huawei flags are listed in warnings, and its score for each check asked for (higher is more likely) in warning_scores. Not available with "Photo May Hold Several Cards".',
	},
	...severalPerPhotoProperties(
		'Whether a photo may show more than one ID card side, such as a scanned page of several cards. On: every ID card in the photo gives its own result, in reading order, with where it lies in the photo; anything else found is listed in skipped_in_photo. Off: one card per photo.',
		'Several cards per photo uses Huawei\'s auto-classification OCR, offered in Beijing4 (cn-north-4) only and enabled in the OCR console apart from ID card OCR. Huawei documents no photo checks, portrait or card image for it, so "Side", "Photo Checks", "Return Portrait" and "Return Card Image" do not apply there.',
	),
];

const options: INodeProperties = optionsCollection(
	[
		{
			displayName: 'ID Number Format',
			name: 'idNumberFormat',
			type: 'options',
			options: [
				{ name: 'As Recognized', value: 'asRecognized', description: 'The full number, exactly as Huawei read it' },
				{
					name: 'Masked',
					value: 'masked',
					description:
						'Only the last 4 characters kept (**************2355), since the first ones are the holder\'s area and birth date; the full number never reaches later nodes or the execution log',
				},
			],
			default: 'masked',
			description: 'How the ID number is written in the output. The checks are always made on the full number.',
		},
		{
			displayName: 'Leave Out Fields',
			name: 'leaveOutFields',
			type: 'multiOptions',
			options: [
				{ name: 'Address', value: 'address' },
				{ name: 'Birth Date', value: 'birth' },
				{ name: 'Ethnicity', value: 'ethnicity' },
				{ name: 'Issuing Authority', value: 'issue' },
				{ name: 'Name', value: 'name' },
				{ name: 'Sex', value: 'sex' },
				{ name: 'Valid From', value: 'valid_from' },
				{ name: 'Valid To', value: 'valid_to' },
			],
			default: [],
			description:
				'Fields the workflow does not need, left out of the result so they never reach later nodes or the execution log. The checks are still made on them.',
		},
		{
			displayName: 'Raw Output',
			name: 'rawOutput',
			type: 'boolean',
			default: false,
			description:
				'Whether to output Huawei\'s answer as received ({"result": {...}}) instead of the tidied fields and checks. The portrait and the card image still come as files, never as text; with ID Number Format "Masked" the number in it is still masked. Front and back files are not joined.',
		},
		{
			displayName: 'Return Card Image',
			name: 'returnCardImage',
			type: 'boolean',
			default: false,
			description:
				'Whether to add Huawei\'s straightened picture of the card as the file card_image (both sides in one photo: card_image_front and card_image_back). It shows the full ID number.',
		},
		{
			displayName: 'Return Portrait',
			name: 'returnPortrait',
			type: 'boolean',
			default: false,
			description: 'Whether to add the holder\'s photo, cut out of the front, as the file portrait',
		},
		{
			displayName: 'Return Text Location',
			name: 'returnTextLocation',
			type: 'boolean',
			default: false,
			description: 'Whether to also return where each field was found in the image (text_location: the corners of each text area, in pixels)',
		},
		{
			displayName: 'Return Verification',
			name: 'returnVerification',
			type: 'boolean',
			default: false,
			description:
				'Whether to add Huawei\'s own checks of the card as verification_result (valid_number, valid_birth, valid_sex, valid_date, valid_validity_period)',
		},
	],
	'Whether to pass on, with each result, the file it was read from (under its own name), so a later node can still attach or store it. Not added: off. The file shows the full ID number.',
);

export const properties: INodeProperties[] = [...toolProperties, ...input, options];
