/**
 * The upload workload of the queue suite and of the benchmark's scale-out section: a workflow a
 * user would build (Webhook receiving an image -> Bankcard OCR -> Respond to Webhook with the
 * result), a set of different card images, each carrying its own card for the Huawei stand-in
 * (test/server/cardImage.ts), and a client posting them at a fixed concurrency.
 */
import { readJson } from '../../scripts/n8nRuntime';
import { makeJpeg } from '../helpers/images';
import { withCard, type CarriedCard } from '../server/cardImage';

export interface LoadCard {
	index: number;
	card: CarriedCard;
	image: Buffer;
}

const BANKS = ['中国工商银行', '中国建设银行', '招商银行', '中国银行', 'Bank of Testing'];

function luhnCheckDigit(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 0) digit *= 2;
		sum += digit > 9 ? digit - 9 : digit;
	}
	return (10 - (sum % 10)) % 10;
}

/** `count` JPEGs, each carrying a card of its own (a distinct, Luhn-valid number). */
export function loadCards(count: number, series = 1): LoadCard[] {
	return Array.from({ length: count }, (_, index) => {
		const body = `6222${String(series % 100).padStart(2, '0')}${String(index).padStart(9, '0')}`;
		const number = `${body}${luhnCheckDigit(body)}`;
		const card: CarriedCard = {
			bank_name: BANKS[index % BANKS.length],
			card_number: number.replace(/(\d{4})(?=\d)/g, '$1 '),
			issue_date: '',
			expiry_date: `${String((index % 12) + 1).padStart(2, '0')}/${30 + (index % 5)}`,
			type: index % 3 === 0 ? '信用卡' : '借记卡',
		};
		return { index, card, image: withCard(makeJpeg(856 + (index % 9), 540), card) };
	});
}

/** The package's node type, from package.json's n8n section (the file paths move, the name does not). */
function bankcardNodeType(): string {
	const pkg = readJson<{ name: string }>(`${__dirname}/../../package.json`);
	return `${pkg.name}.bankcardOcr`;
}

/**
 * Webhook (POST, the image as the raw body: n8n stores it as binary `data`) -> Bankcard OCR ->
 * Respond to Webhook with `{ execution, card }`, so the client learns which execution answered.
 * Without a credential, the same workflow without the OCR node: what n8n itself costs per upload.
 */
export function cardWebhookWorkflow(name: string, path: string, credential?: { id: string; name: string }): Record<string, unknown> {
	const webhook = {
		id: `${path}-webhook`,
		name: 'Card upload',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		webhookId: `${path}-webhook-id`,
		parameters: { httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
	};
	const ocr = credential && {
		id: `${path}-ocr`,
		name: 'Bankcard OCR',
		type: bankcardNodeType(),
		typeVersion: 1,
		parameters: { inputType: 'binaryData', binaryPropertyName: 'data' },
		credentials: { huaweiOcrApi: credential },
	};
	const respond = {
		id: `${path}-respond`,
		name: 'Respond with card',
		type: 'n8n-nodes-base.respondToWebhook',
		typeVersion: 1.5,
		parameters: { respondWith: 'json', responseBody: '={{ { execution: $execution.id, card: $json } }}', options: {} },
	};
	const chain: Array<Record<string, unknown> & { name: string }> = ocr ? [webhook, ocr, respond] : [webhook, respond];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		name,
		nodes: chain.map((node, index) => ({ position: [index * 240, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

export interface Answer {
	index: number;
	/** HTTP status, when an answer came. */
	status?: number;
	/** The parsed JSON answer (or the text when it is not JSON). */
	body?: unknown;
	/** Why no answer came: 'timeout' or the network error. */
	error?: string;
	startedAt: number;
	ms: number;
}

export interface LoadOptions {
	concurrency: number;
	/** Per request; a request still unanswered then counts as hanging. */
	timeoutMs: number;
	/** Called as each answer arrives, with the number settled so far (not awaited: the load goes on). */
	onAnswer?: (answer: Answer, settled: number) => void;
}

/** Posts every card's image to `url`, at most `concurrency` at once; one Answer per card, in order. */
export async function postCards(url: string, cards: LoadCard[], options: LoadOptions): Promise<Answer[]> {
	const answers: Answer[] = new Array(cards.length);
	let next = 0;
	let settled = 0;
	const post = async (card: LoadCard): Promise<Answer> => {
		const startedAt = Date.now();
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'image/jpeg' },
				body: card.image,
				signal: AbortSignal.timeout(options.timeoutMs),
			});
			const text = await response.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// not JSON: kept as text
			}
			return { index: card.index, status: response.status, body, startedAt, ms: Date.now() - startedAt };
		} catch (error) {
			const name = error instanceof Error ? error.name : '';
			const reason = name === 'TimeoutError' ? 'timeout' : error instanceof Error ? error.message : String(error);
			return { index: card.index, error: reason, startedAt, ms: Date.now() - startedAt };
		}
	};
	const lane = async () => {
		while (next < cards.length) {
			const position = next++;
			const answer = await post(cards[position]);
			answers[position] = answer;
			settled++;
			options.onAnswer?.(answer, settled);
		}
	};
	await Promise.all(Array.from({ length: Math.min(options.concurrency, cards.length) }, lane));
	return answers;
}
