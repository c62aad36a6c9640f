import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import { detectKind, JPEG, PNG } from '../shared/input/imageFormat';

/**
 * The pictures Huawei cut out (the portrait, the straightened card) as n8n files, never as base64
 * text in the json: a file can be attached or stored by the next node, and the execution log stays
 * readable. Huawei sends them as base64 (portrait_image, adjusted_image in
 * huaweicloud-sdk-python-v3 .../v1/model/idcard_front_result.py) without naming the format, so it is
 * read from the bytes.
 */
export async function cardImages(context: IExecuteFunctions, images: Record<string, string>): Promise<IBinaryKeyData | undefined> {
	const names = Object.keys(images);
	if (!names.length) return undefined;
	const binary: IBinaryKeyData = {};
	for (const name of names) {
		const bytes = Buffer.from(images[name].replace(/^data:[^,]*,/, ''), 'base64');
		const kind = detectKind(bytes);
		const [extension, mimeType] = kind === PNG ? ['png', 'image/png'] : kind === JPEG ? ['jpg', 'image/jpeg'] : ['bin', 'application/octet-stream'];
		binary[name] = await context.helpers.prepareBinaryData(bytes, `${name}.${extension}`, mimeType);
	}
	return binary;
}
