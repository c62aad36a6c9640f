import type { IDataObject } from 'n8n-workflow';

import { inReadingOrder } from './readingOrder';

/**
 * A RecognizeAutoClassification answer sorted into the documents of one type to output and what
 * else Huawei found. Shapes from the official SDKs (huaweicloud-sdk-python-v3
 * auto_classification_result.py and auto_classification_result_status.py, huaweicloud-sdk-go-v3
 * model_auto_classification_result.go): `result` is a list; each entry has `type`, `content` (the
 * document's fields, those of the document's own API, such as RecognizeBankcard's), `location`
 * (four [x, y] corners, origin at the top left) and `status` ({error_code, error_msg}).
 *
 * Not confirmed by a published example, so read tolerantly: what `status` holds when a document
 * was read (an empty object, a code ending in .0000, or nothing is taken as success; older SDK
 * models type it as a bare object, so a string is accepted too), whether `content` could come as
 * JSON text, and the corner layout of `location` (see readingOrder.ts). A document counts as read
 * only when its content holds what every output item is about (a bank card's number).
 */

/** The document type a node asks for, and how its answers and failures name it. */
export interface DocumentType {
	/** The `type_list` entry, and the `type` of a result: `bankcard`, `id_card`. */
	type: string;
	/** "bank card" */
	name: string;
	/** "a bank card" */
	withArticle: string;
	/** "bank cards" */
	plural: string;
	/** Whether a content holds what every output item is about. */
	isRead: (content: IDataObject) => boolean;
	/** What a content without it lacks: "card number". */
	essential: string;
}

/** A document Huawei read: its fields as the document's own API gives them, and where it lies. */
export interface CardInPhoto {
	content: IDataObject;
	/** Huawei's location, as given. */
	location: unknown;
	/**
	 * A confidence Huawei gives the document beside its content (some SDK versions' models have
	 * one per result entry), as given; undefined when the answer has none.
	 */
	confidence?: unknown;
}

/** One entry of `skipped_in_photo`: something in the photo that gives no output item. */
export interface SkippedInPhoto extends IDataObject {
	/** Huawei's type name, e.g. `bankcard`, `id_card`. */
	type: string;
	reason: string;
	location: IDataObject[string];
	error_code?: string;
}

export interface CardsInPhoto {
	/** In reading order: top to bottom, then left to right within a row. */
	cards: CardInPhoto[];
	/** Also in reading order. */
	skipped: SkippedInPhoto[];
}

/** Whether the answer is shaped as documented (a `result` list); otherwise the caller reports it. */
export function isAutoClassificationAnswer(body: unknown): boolean {
	return Array.isArray((body as IDataObject | undefined)?.result);
}

const loose = (type: string): string => type.toLowerCase().replace(/[_\s-]/g, '');

/** The type as documented; `bank_card`, `idcard` and other casings are taken too, in case of a variant. */
export function isOfType(type: string, document: Pick<DocumentType, 'type'>): boolean {
	return loose(type) === loose(document.type);
}

export function documentsInPhoto(body: unknown, document: DocumentType): CardsInPhoto {
	const entries = ((body as IDataObject).result as unknown[]).filter(
		(entry): entry is IDataObject => !!entry && typeof entry === 'object' && !Array.isArray(entry),
	);
	const cards: CardInPhoto[] = [];
	const skipped: SkippedInPhoto[] = [];
	for (const entry of inReadingOrder(entries)) {
		const type = typeof entry.type === 'string' ? entry.type : '';
		const location = entry.location ?? null;
		if (!isOfType(type, document)) {
			skipped.push({ type, reason: `Not ${document.withArticle} (${type || 'kind not given'}), so not read`, location });
			continue;
		}
		const failure = statusFailure(entry.status);
		const content = contentOf(entry.content);
		if (failure) {
			skipped.push({
				type,
				reason: `Huawei found ${document.withArticle} here but could not read it${failure.message ? `: ${failure.message}` : ''}`,
				location,
				...(failure.code ? { error_code: failure.code } : {}),
			});
		} else if (!content || !document.isRead(content)) {
			skipped.push({ type, reason: `Huawei found ${document.withArticle} here but read no ${document.essential} on it`, location });
		} else {
			cards.push(entry.confidence === undefined ? { content, location } : { content, location, confidence: entry.confidence });
		}
	}
	return { cards, skipped };
}

const SUCCESS_WORDS = new Set(['', '0', 'ok', 'success', 'succeeded', 'successful']);

function statusFailure(status: unknown): { code?: string; message?: string } | undefined {
	if (status === undefined || status === null) return undefined;
	if (typeof status === 'string') return SUCCESS_WORDS.has(status.trim().toLowerCase()) ? undefined : { message: status };
	if (typeof status !== 'object') return undefined;
	const { error_code: code, error_msg: message } = status as IDataObject;
	const codeText = typeof code === 'string' || typeof code === 'number' ? String(code).trim() : '';
	if (SUCCESS_WORDS.has(codeText.toLowerCase()) || /\.0+$/.test(codeText)) return undefined;
	return { code: codeText, message: typeof message === 'string' ? message : undefined };
}

function contentOf(content: unknown): IDataObject | undefined {
	let value = content;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}
