/**
 * A logger that records lines instead of printing them.
 *
 * n8n-core logs through two doors: `Container.get(Logger)` (node `this.logger`, ErrorReporter,
 * OutboundHttp...) and the static `LoggerProxy` (WorkflowExecute). The harness installs this one
 * behind both, so a test sees every line n8n would have written and can assert that no secret
 * leaks into logs. All levels are kept (debug too): a secret printed at debug level is still a
 * leak once someone runs n8n with N8N_LOG_LEVEL=debug.
 */
import type { LogMetadata, Logger as WorkflowLogger } from 'n8n-workflow';

type Level = keyof WorkflowLogger;

export class CapturingLogger implements WorkflowLogger {
	/** Shared by scoped children, like the real Logger's winston instance. */
	constructor(private readonly sink: { lines: string[] } = { lines: [] }) {}

	get lines(): string[] {
		return this.sink.lines;
	}

	/** Starts a new capture window and returns the array that will receive its lines. */
	reset(): string[] {
		this.sink.lines = [];
		return this.sink.lines;
	}

	error(message: string, metadata?: LogMetadata): void {
		this.log('error', message, metadata);
	}
	warn(message: string, metadata?: LogMetadata): void {
		this.log('warn', message, metadata);
	}
	info(message: string, metadata?: LogMetadata): void {
		this.log('info', message, metadata);
	}
	debug(message: string, metadata?: LogMetadata): void {
		this.log('debug', message, metadata);
	}

	/** backend-common's Logger API; scopes only filter output there, so they are ignored here. */
	scoped(): CapturingLogger {
		return new CapturingLogger(this.sink);
	}

	private log(level: Level, message: string, metadata?: LogMetadata): void {
		const meta = metadata && Object.keys(metadata).length > 0 ? ` ${stringify(metadata)}` : '';
		this.sink.lines.push(`${level}: ${message}${meta}`);
	}
}

/**
 * Errors are written with message, stack and cause like the real Logger does, plus their own
 * enumerable fields (an axios error's `config.headers`...), which n8n's JSON log format would
 * print for nested errors: better to over-report than to hide a leaked token.
 */
function stringify(metadata: LogMetadata): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(metadata, (_key, value: unknown) => {
		if (typeof value === 'object' && value !== null) {
			if (seen.has(value)) return '[Circular]';
			seen.add(value);
		}
		if (value instanceof Error) {
			return { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause };
		}
		return typeof value === 'bigint' ? value.toString() : value;
	});
}
