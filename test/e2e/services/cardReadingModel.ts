/**
 * The script of the stand-in chat model (chatModel.ts) that plays a careful model for an agent
 * whose tool reads card photos (bank cards or ID cards): it calls the one tool offered with the web address in the user's
 * last message, then answers from what the tool gave back, error or card. The AI Agent suite
 * checks its runs against it; dev mode runs it so that README's AI Agent recipe works without an
 * OpenAI account.
 */
import { messageText, type CompletionRequest, type ModelReply } from './chatModel';

/** What the model says when the user's message holds no address to read. */
const NO_ADDRESS_REPLY =
	'I am the local stand-in model of dev mode: send me a message with the web address of a card photo, such as one of the sample URLs dev mode printed, and I will have Bankcard OCR read it.';

/** The first web address in a text, without the punctuation that ends a sentence after it. */
function addressIn(text: string): string | undefined {
	return /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"']+/i.exec(text)?.[0].replace(/[.,;:!?)]+$/, '');
}

/** The model's answer from the tool's text: the card in a sentence, or the error it was handed. */
function answerFrom(toolText: string): string {
	let results: unknown;
	try {
		results = JSON.parse(toolText);
	} catch {
		return `The tool answered: ${toolText}`;
	}
	const [result] = (Array.isArray(results) ? results : [results]) as Array<Record<string, unknown>>;
	if (typeof result?.error === 'string') return `I could not read the card: ${result.error}`;
	if (typeof result?.number === 'string') return `The ID card is ${String(result.name)}'s, number ${result.number}, valid number: ${String(result.number_valid)}.`;
	return `The card is a ${String(result.card_network)} ${String(result.card_type_normalized)} card from ${String(result.bank_name)}, number ${String(result.card_number)}, valid until ${String(result.expiry_date)}.`;
}

/** With a tool result last, an answer from it; otherwise a call of the one tool offered, every parameter it asks for filled with the address. */
export function cardReadingModel(request: CompletionRequest): ModelReply {
	const last = request.messages[request.messages.length - 1];
	if (last?.role === 'tool') return { text: answerFrom(messageText(last)) };
	const user = [...request.messages].reverse().find((message) => message.role === 'user');
	const address = addressIn(user ? messageText(user) : '');
	const tool = request.tools?.[0];
	if (!address || !tool) return { text: NO_ADDRESS_REPLY };
	const parameters = Object.keys((tool.function.parameters?.properties as Record<string, unknown> | undefined) ?? {});
	return { toolCalls: [{ name: tool.function.name, arguments: Object.fromEntries(parameters.map((name) => [name, address])) }] };
}
