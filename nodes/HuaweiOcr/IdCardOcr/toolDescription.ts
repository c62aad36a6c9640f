import type { INodeProperties } from 'n8n-workflow';

import { MODEL_FILLS_URL_HELP, toolDescriptionField } from '../shared/description/toolDescription';

/** What the node panel says the node does. */
export const NODE_DESCRIPTION =
	'Read a Chinese resident ID card photo with Huawei Cloud OCR: name, sex, birth date, ethnicity, address, ID number, issuing authority and validity, with number and expiry checks';

/**
 * What an AI Agent's model is told about the node as its tool: what it does, the one thing to
 * give it, what comes back. The model chooses tools by this text alone.
 */
export const TOOL_DESCRIPTION =
	'Reads a Chinese resident ID card (居民身份证) from a photo on the web with Huawei Cloud OCR. Give it the http(s) URL of one photo of the front (portrait side) or the back (national emblem side) of the card (JPEG, PNG, BMP or TIFF). ' +
	'Returns the name, sex, birth date, ethnicity and address from the front, the issuing authority and validity dates from the back, the ID number masked to its last 4 characters unless the workflow says otherwise, ' +
	'whether the number passes its check digit and agrees with the birth date and sex, the age and whether the card has expired. On failure it returns an error saying what to fix.';

/** The tool's default description is written for a model from version 1 on. */
export const toolProperties: INodeProperties[] = [toolDescriptionField(TOOL_DESCRIPTION, MODEL_FILLS_URL_HELP)];
