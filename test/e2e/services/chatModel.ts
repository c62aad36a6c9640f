/**
 * A local stand-in for an OpenAI-compatible chat model, for the AI Agent suite and dev mode: n8n's
 * OpenAI Chat Model node is pointed at it through its credential's Base URL, so the agent, its tool
 * calling and our node run for real while the "model" is a script (the suite's, or dev mode's
 * cardReadingModel.ts).
 *
 * It speaks the two APIs n8n's OpenAI Chat Model node uses, as OpenAI's API reference documents
 * them (https://platform.openai.com/docs/api-reference):
 *   POST /v1/chat/completions  Chat Completions (the node before version 1.3, or with *Use
 *                              Responses API* off): a `chat.completion` object, or with
 *                              `"stream": true` server-sent `chat.completion.chunk` events ending
 *                              in `data: [DONE]`; an assistant message carries either text or
 *                              `tool_calls` (each with `function.arguments` as a JSON string),
 *                              finish_reason `stop` or `tool_calls`
 *   POST /v1/responses         the Responses API (version 1.3, where *Use Responses API* is on by
 *                              default; n8n 2.41 sends it through LangChain's ChatOpenAI with
 *                              `useResponsesApi`): `input` items (messages, `function_call`,
 *                              `function_call_output`) and `tools` (`{type: 'function', name,
 *                              description, parameters}`), answered with a `response` object whose
 *                              `output` holds a `message` (`output_text`) or `function_call` items,
 *                              or with `"stream": true` the events `response.created`,
 *                              `response.output_item.added` / `.done`, `response.output_text.delta`
 *                              and `response.completed`
 *   GET  /v1/models            `{ object: 'list', data: [{ id, object: 'model', ... }] }`
 * Every request is recorded in one shape, Chat Completions' (a Responses request translated:
 * `instructions` and input messages as messages, a function call as an assistant message with
 * `tool_calls`, its output as a `tool` message), with `api` saying which it came as.
 */
import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

export const STAND_IN_MODEL = 'stand-in-model';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface OfferedTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface CompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
	/** Which API the request came through; Chat Completions unless said. */
	api?: 'chat' | 'responses';
	[key: string]: unknown;
}

/** What the scripted model answers: text, or calls of offered tools (arguments as an object). */
export type ModelReply = { text: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> };

export interface ChatModelServer {
	readonly url: string;
	/** The Base URL a credential gives the OpenAI client (`<url>/v1`). */
	readonly baseUrl: string;
	/** Every completion request, in arrival order. */
	readonly requests: CompletionRequest[];
	close(): Promise<void>;
}

/** The text of a message, whether sent as a string or as content parts. */
export function messageText(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

function toolCallsOf(reply: ModelReply): ToolCall[] | undefined {
	if (!('toolCalls' in reply)) return undefined;
	return reply.toolCalls.map((call) => ({
		id: `call_${randomBytes(8).toString('hex')}`,
		type: 'function' as const,
		function: { name: call.name, arguments: JSON.stringify(call.arguments) },
	}));
}

const USAGE = { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 };

function completion(request: CompletionRequest, reply: ModelReply) {
	const toolCalls = toolCallsOf(reply);
	return {
		id: `chatcmpl-${randomBytes(8).toString('hex')}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [
			{
				index: 0,
				message: toolCalls
					? { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null }
					: { role: 'assistant', content: (reply as { text: string }).text, refusal: null },
				logprobs: null,
				finish_reason: toolCalls ? 'tool_calls' : 'stop',
			},
		],
		usage: USAGE,
	};
}

/** The same answer as server-sent chunks: the role, the content or each tool call, the finish. */
function streamCompletion(res: ServerResponse, request: CompletionRequest, reply: ModelReply): void {
	const id = `chatcmpl-${randomBytes(8).toString('hex')}`;
	const created = Math.floor(Date.now() / 1000);
	const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
		`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
	res.write(chunk({ role: 'assistant', content: '' }, null));
	const toolCalls = toolCallsOf(reply);
	if (toolCalls) {
		toolCalls.forEach((call, index) => res.write(chunk({ tool_calls: [{ index, ...call }] }, null)));
	} else {
		res.write(chunk({ content: (reply as { text: string }).text }, null));
	}
	res.write(chunk({}, toolCalls ? 'tool_calls' : 'stop'));
	const streamOptions = request.stream_options as { include_usage?: boolean } | undefined;
	if (streamOptions?.include_usage) {
		res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage: USAGE })}\n\n`);
	}
	res.end('data: [DONE]\n\n');
}

/** One item of a Responses API `input` (the kinds n8n's agent sends). */
interface InputItem {
	type?: string;
	role?: string;
	content?: string | Array<{ type: string; text?: string }>;
	call_id?: string;
	name?: string;
	arguments?: string;
	output?: string | Array<{ type: string; text?: string }>;
}

interface ResponsesRequest {
	model: string;
	input: string | InputItem[];
	instructions?: string;
	tools?: Array<{ type: string; name?: string; description?: string; parameters?: Record<string, unknown> }>;
	stream?: boolean;
}

/** A Responses API request in Chat Completions' shape, which the scripts and the record use. */
function asChatRequest(request: ResponsesRequest): CompletionRequest {
	const messages: ChatMessage[] = request.instructions ? [{ role: 'system', content: request.instructions }] : [];
	const items = typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : (request.input ?? []);
	for (const item of items) {
		if (item.type === 'function_call') {
			messages.push({ role: 'assistant', content: null, tool_calls: [{ id: item.call_id ?? '', type: 'function', function: { name: item.name ?? '', arguments: item.arguments ?? '{}' } }] });
		} else if (item.type === 'function_call_output') {
			messages.push({ role: 'tool', tool_call_id: item.call_id, content: item.output ?? '' });
		} else if (item.role) {
			messages.push({ role: item.role === 'developer' ? 'system' : item.role, content: item.content ?? '' });
		}
	}
	const tools = (request.tools ?? [])
		.filter((tool) => tool.type === 'function')
		.map((tool): OfferedTool => ({ type: 'function', function: { name: tool.name ?? '', description: tool.description, parameters: tool.parameters } }));
	return { model: request.model, messages, ...(tools.length ? { tools } : {}), stream: request.stream, api: 'responses' };
}

/** The `output` items of a Responses API answer. */
function responseOutput(reply: ModelReply): Array<Record<string, unknown>> {
	const toolCalls = toolCallsOf(reply);
	if (toolCalls) {
		return toolCalls.map((call) => ({
			type: 'function_call',
			id: `fc_${randomBytes(8).toString('hex')}`,
			call_id: call.id,
			name: call.function.name,
			arguments: call.function.arguments,
			status: 'completed',
		}));
	}
	const text = (reply as { text: string }).text;
	return [{ type: 'message', id: `msg_${randomBytes(8).toString('hex')}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] }];
}

function responseObject(model: string, output: Array<Record<string, unknown>>, status: 'in_progress' | 'completed') {
	return {
		id: `resp_${randomBytes(8).toString('hex')}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status,
		model,
		output,
		error: null,
		incomplete_details: null,
		usage: { input_tokens: USAGE.prompt_tokens, output_tokens: USAGE.completion_tokens, total_tokens: USAGE.total_tokens },
	};
}

/** The same answer as Responses API events: created, each output item added (and its text), done, completed. */
function streamResponse(res: ServerResponse, model: string, reply: ModelReply): void {
	const output = responseOutput(reply);
	const done = responseObject(model, output, 'completed');
	let sequence = 0;
	const event = (type: string, body: Record<string, unknown>) =>
		res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...body })}\n\n`);
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
	event('response.created', { response: { ...done, status: 'in_progress', output: [] } });
	output.forEach((item, index) => {
		if (item.type === 'message') {
			const [part] = item.content as Array<{ text: string }>;
			event('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } });
			event('response.output_text.delta', { output_index: index, item_id: item.id, content_index: 0, delta: part.text });
		} else {
			// The whole arguments at once: a client adds the item's arguments and every delta up.
			event('response.output_item.added', { output_index: index, item });
		}
		event('response.output_item.done', { output_index: index, item });
	});
	event('response.completed', { response: done });
	res.end();
}

/** Starts the stand-in on 127.0.0.1 (a free port); `script` decides each answer. */
export async function startChatModel(script: (request: CompletionRequest) => ModelReply): Promise<ChatModelServer> {
	const requests: CompletionRequest[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		void (async () => {
			const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
			const body = await readBody(req);
			if (req.method === 'GET' && path === '/v1/models') {
				return sendJson(res, 200, {
					object: 'list',
					data: [{ id: STAND_IN_MODEL, object: 'model', created: 1_700_000_000, owned_by: 'stand-in' }],
				});
			}
			const api = req.method === 'POST' && path === '/v1/chat/completions' ? 'chat' : req.method === 'POST' && path === '/v1/responses' ? 'responses' : undefined;
			if (!api) {
				return sendJson(res, 404, { error: { message: `Unknown request ${req.method} ${path}`, type: 'invalid_request_error' } });
			}
			let request: CompletionRequest;
			try {
				const parsed = JSON.parse(body) as CompletionRequest & ResponsesRequest;
				request = api === 'responses' ? asChatRequest(parsed) : parsed;
			} catch {
				return sendJson(res, 400, { error: { message: 'The body is not JSON.', type: 'invalid_request_error' } });
			}
			requests.push(request);
			let reply: ModelReply;
			try {
				reply = script(request);
			} catch (error) {
				return sendJson(res, 500, { error: { message: `The stand-in model's script failed: ${(error as Error).message}`, type: 'server_error' } });
			}
			if (api === 'responses') {
				if (request.stream) streamResponse(res, request.model, reply);
				else sendJson(res, 200, responseObject(request.model, responseOutput(reply), 'completed'));
			} else if (request.stream) streamCompletion(res, request, reply);
			else sendJson(res, 200, completion(request, reply));
		})().catch((error: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
			else res.destroy();
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	let closing: Promise<void> | undefined;
	return {
		url,
		baseUrl: `${url}/v1`,
		requests,
		close() {
			closing ??= new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}
