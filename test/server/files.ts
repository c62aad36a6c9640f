/**
 * Files the stand-in serves over plain HTTP at `/files/<name>` (the dev samples, for instance),
 * so that *Image URL* mode can be tried without a public web server. Huawei downloads an image
 * URL itself; for the URL of one of these files the stand-in reads it in-process instead, and the
 * card the file carries decides the answer, as for the same file sent as `image`.
 */
import type { IncomingMessage, ServerResponse } from 'http';

export const FILES_PATH = '/files/';

const TYPES: Array<[RegExp, string]> = [
	[/\.png$/i, 'image/png'],
	[/\.jpe?g$/i, 'image/jpeg'],
	[/\.bmp$/i, 'image/bmp'],
	[/\.tiff?$/i, 'image/tiff'],
];

export class FileShelf {
	private readonly files: ReadonlyMap<string, Buffer>;

	constructor(files: ReadonlyMap<string, Buffer> | Record<string, Buffer> = new Map()) {
		this.files = files instanceof Map ? files : new Map(Object.entries(files));
	}

	/** The file a URL points at, when it is one of ours: same host and port, path /files/<name>. */
	fileAt(url: string, ownUrl: string): Buffer | undefined {
		let target: URL;
		let own: URL;
		try {
			target = new URL(url);
			own = new URL(ownUrl);
		} catch {
			return undefined;
		}
		const loopback = (host: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(host);
		const sameHost = target.hostname === own.hostname || (loopback(target.hostname) && loopback(own.hostname));
		if (!sameHost || target.port !== own.port || !target.pathname.startsWith(FILES_PATH)) return undefined;
		return this.get(target.pathname.slice(FILES_PATH.length));
	}

	get(name: string): Buffer | undefined {
		let decoded: string;
		try {
			decoded = decodeURIComponent(name);
		} catch {
			return undefined;
		}
		return this.files.get(decoded);
	}

	names(): string[] {
		return [...this.files.keys()];
	}

	/** Answers GET or HEAD /files/<name> (and /files/ with the list of names, as JSON). */
	serve(req: IncomingMessage, res: ServerResponse, path: string): void {
		const send = (status: number, type: string, body: Buffer) => {
			res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
			res.end(req.method === 'HEAD' ? undefined : body);
		};
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			send(405, 'text/plain;charset=UTF-8', Buffer.from('Only GET and HEAD.\n'));
			return;
		}
		const name = path.slice(FILES_PATH.length);
		if (name === '') {
			send(200, 'application/json;charset=UTF-8', Buffer.from(JSON.stringify({ files: this.names() })));
			return;
		}
		const file = this.get(name);
		if (!file) {
			send(404, 'text/plain;charset=UTF-8', Buffer.from(`No file "${name}" here. Files: ${this.names().join(', ') || 'none'}.\n`));
			return;
		}
		const type = TYPES.find(([pattern]) => pattern.test(name))?.[1] ?? 'application/octet-stream';
		send(200, type, file);
	}
}
