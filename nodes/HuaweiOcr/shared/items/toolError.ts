/** Long enough for what failed and what to do; short enough for a model's context and a chat. */
const MAX_LENGTH = 400;

/**
 * A failure as an AI Agent's model should read it. n8n hands the model of a failing tool only
 * the error's message, as `{"error": message}` (handleNodeExecutionError in n8n's
 * packages/core/src/execution-engine/workflow-execute.ts, then buildSteps in
 * packages/@n8n/nodes-langchain/utils/agent-execution/buildSteps.ts), while this node says what
 * to do in the description. So, as a tool, the message takes the description in, shortened, and
 * drops the "[item 0]" a workflow's user needs but a model does not. The error is otherwise the
 * same, already free of secrets (see huaweiApiError).
 */
export function withAdviceInMessage(error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	const { description } = error as Error & { description?: unknown };
	const message = error.message.replace(/\s*\[item \d+\]$/, '');
	const advice = typeof description === 'string' && !message.includes(description) ? description : '';
	const text = (advice ? `${message}${/[.!?]$/.test(message) ? '' : '.'} ${advice}` : message).replace(/\s+/g, ' ').trim();
	error.message = text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1).replace(/\s+\S*$/, '')}…` : text;
	return error;
}
