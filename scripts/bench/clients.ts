/**
 * The two ways to call the local server without the node, for comparison:
 * - the limit: Node's own `fetch` posting the same requests, with a token obtained once;
 * - the hand-built way an n8n user would otherwise take (HTTP Request nodes): a token request
 *   per execution, then one OCR call after another.
 * Both build each body from the image bytes (base64 + JSON), the least any client must do.
 */
import { REGION, IAM_USER } from '../../test/helpers/fixtures';

export interface Token {
	token: string;
	projectId: string;
}

export async function requestToken(serverUrl: string): Promise<Token> {
	const response = await fetch(`${serverUrl}/v3/auth/tokens?nocatalog=true`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			auth: {
				identity: {
					methods: ['password'],
					password: {
						user: { name: IAM_USER.name, password: IAM_USER.password, domain: { name: IAM_USER.domain } },
					},
				},
				scope: { project: { name: REGION } },
			},
		}),
	});
	const body = (await response.json()) as { token?: { project?: { id?: string } } };
	const token = response.headers.get('x-subject-token');
	if (response.status !== 201 || !token || !body.token?.project?.id) {
		throw new Error(`token request failed: HTTP ${response.status}`);
	}
	return { token, projectId: body.token.project.id };
}

async function recognize(serverUrl: string, token: Token, image: Buffer): Promise<void> {
	const response = await fetch(`${serverUrl}/v2/${token.projectId}/ocr/bankcard`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token.token },
		body: JSON.stringify({ image: image.toString('base64') }),
	});
	const body = (await response.json()) as { result?: { card_number?: string } };
	if (!response.ok || typeof body.result?.card_number !== 'string') {
		throw new Error(`OCR call failed: HTTP ${response.status}`);
	}
}

/** `count` calls, at most `concurrency` at once, with one token obtained beforehand. */
export async function bareFetch(serverUrl: string, token: Token, image: Buffer, count: number, concurrency: number): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) {
			next++;
			await recognize(serverUrl, token, image);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** One execution of the hand-built workflow: sign in, then the items one after another. */
export async function handBuilt(serverUrl: string, image: Buffer, count: number): Promise<void> {
	const token = await requestToken(serverUrl);
	for (let i = 0; i < count; i++) await recognize(serverUrl, token, image);
}
