/**
 * The photo of an OCR request, as Huawei's OCR APIs take it: exactly one of `image` (base64 of a
 * JPEG, PNG, BMP or TIFF within the API's limits) and `url` (http or https). Shared by every OCR
 * API of the stand-in (bankcard.ts, ...); what else a body may hold is the API's own business.
 *
 * Stand-in conventions: a URL containing `unreachable` cannot be downloaded (ModelArts.4603), and
 * the URL of a file this server serves (files.ts) is read in-process instead of downloaded.
 */
import { readImageInfo, type ImageLimits } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { decodeBase64Range, decodeBase64String, memberValue, scanObject, type Member } from './body';
import { huaweiError, type Answer } from './exchange';
import type { ServerState } from './state';

/** A value, or the answer that refuses the request. */
export type Checked<T> = { ok: true; value: T } | { ok: false; answer: Answer };

/** A body's top-level members, with exactly one of `image` and `url` given. */
export interface OcrRequest {
	body: Buffer;
	members: Map<string, Member>;
	/** The one given. */
	source: 'image' | 'url';
}

export interface Photo {
	/** The image bytes: sent as `image`, or a file this server serves named by `url`. */
	image?: Buffer;
	/** As sent (url calls). */
	url?: string;
}

export const imageTooLarge = (): Answer => huaweiError(400, 'AIS.0103', 'The image size exceeds the limit (10 MB of base64).');

/** Parsed once, and the image left in the body's bytes for readPhoto (see body.ts). */
export function readOcrRequest(body: Buffer): Checked<OcrRequest> {
	const scanned = scanObject(body);
	if (!scanned.ok) return refused(400, 'AIS.0101', 'The request body is not a JSON object.');
	const imageMember = scanned.members.get('image');
	const url = memberValue(body, scanned.members.get('url'));
	// Absent, null and "" all count as not given; the image text itself stays in the body.
	const hasImage =
		imageMember !== undefined &&
		(imageMember.kind === 'string' ? imageMember.end > imageMember.start : imageMember.value !== null);
	const hasUrl = url !== undefined && url !== null && url !== '';
	if (hasImage && hasUrl) return refused(400, 'AIS.0101', 'The parameter is invalid: give either image or url, not both.');
	if (!hasImage && !hasUrl) return refused(400, 'AIS.0101', 'The parameter is invalid: image and url are both empty.');
	return { ok: true, value: { body, members: scanned.members, source: hasImage ? 'image' : 'url' } };
}

/** A member's value as JSON.parse gives it (undefined when absent). */
export function param(request: OcrRequest, name: string): unknown {
	return memberValue(request.body, request.members.get(name));
}

/**
 * The image decoded and checked against `limits`, or the URL checked. `transient`: nobody looks
 * at the bytes after this call, so they may be decoded into a buffer reused by the next one.
 */
export function readPhoto(request: OcrRequest, state: ServerState, limits: ImageLimits, transient: boolean): Checked<Photo> {
	const { body } = request;
	if (request.source === 'image') {
		const image = request.members.get('image');
		if (image?.kind !== 'string') return refused(400, 'AIS.0101', 'The parameter is invalid: image must be a string.');
		if (image.end - image.start > limits.maxBase64Length) return { ok: false, answer: imageTooLarge() };
		const bytes =
			image.text !== undefined
				? decodeBase64String(image.text)
				: decodeBase64Range(body, image.start, image.end, transient ? state.scratch(Math.ceil((limits.maxBase64Length * 3) / 4)) : undefined);
		if (!bytes) return refused(400, 'AIS.0102', 'The image is not valid base64.');
		const info = readImageInfo(bytes, limits);
		if ('problem' in info) return refused(400, 'AIS.0102', 'The image format is not supported.');
		const fits = (side: number) => side >= limits.minSide && side <= limits.maxSide;
		if (!fits(info.width) || !fits(info.height)) {
			return refused(
				400,
				'AIS.0103',
				`The image size ${info.width}x${info.height} is out of limits (${limits.minSide} to ${limits.maxSide} pixels per side).`,
			);
		}
		return { ok: true, value: { image: bytes } };
	}
	const url = param(request, 'url');
	if (typeof url !== 'string') return refused(400, 'AIS.0101', 'The parameter is invalid: url must be a string.');
	if (!/^https?:\/\/[^\s/]+/i.test(url)) return refused(400, 'ModelArts.4601', 'The URL is not allowed.');
	if (url.includes('unreachable')) return refused(400, 'ModelArts.4603', 'Failed to download the image from the URL.');
	const served = state.files.fileAt(url, state.url);
	return { ok: true, value: served ? { url, image: served } : { url } };
}

function refused(status: number, code: string, message: string): { ok: false; answer: Answer } {
	return { ok: false, answer: huaweiError(status, code, message) };
}
