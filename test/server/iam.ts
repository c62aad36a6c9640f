/**
 * Huawei IAM as the credential uses it: a password token (KeystoneCreateUserTokenByPassword,
 * https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html), the projects a token
 * may use, and the project lookup by region name that AK/SK sign-in makes.
 *   POST /v3/auth/tokens[?nocatalog=true]   201 + X-Subject-Token
 *   GET  /v3/auth/projects                  projects of a token (or an AK/SK signature)
 *   GET  /v3/projects[?name=<region>]       AK/SK-signed project lookup
 */
import { createHash } from 'crypto';

import { signedRequest, verifyAccessKey } from './accessKey';
import { headerValue, huaweiError, send, type Answer, type Ctx } from './exchange';
import type { Project } from './identities';
import { readBody, SMALL_BODY_LIMIT } from './incoming';
import { child, parseJson } from './json';
import type { ServerState } from './state';

const iamUnauthorized = (): Answer => ({
	status: 401,
	body: { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } },
});

function stableId(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** IAM's timestamp style: six fractional digits. */
function iamTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export async function issueToken(ctx: Ctx, state: ServerState): Promise<void> {
	const { identities } = state;
	state.counters.counts.tokenRequests++;
	const body = await readBody(ctx.req, SMALL_BODY_LIMIT);
	if (body === undefined) return;
	const parsed = body === 'too-large' ? { ok: false as const } : parseJson(body.bytes);
	const badRequest: Answer = {
		status: 400,
		body: { error: { code: 400, message: 'The request body is malformed.', title: 'Bad Request' } },
	};
	if (!parsed.ok) return send(ctx, badRequest);
	const auth = child(parsed.value, 'auth');
	const identity = child(auth, 'identity');
	const methods = identity?.methods;
	const user = child(child(identity, 'password'), 'user');
	if (!Array.isArray(methods) || !methods.includes('password') || !user) return send(ctx, badRequest);

	const domain = child(user, 'domain');
	const known = identities.users.find((u) => u.name === user.name && u.domain === domain?.name);
	if (!known || typeof user.password !== 'string' || user.password !== known.password) {
		return send(ctx, {
			status: 401,
			body: { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
		});
	}

	const scope = child(child(auth, 'scope'), 'project');
	let project: Project | undefined;
	if (scope) {
		project = identities.findProject(scope);
		if (!project) {
			const asked = String(scope.id ?? scope.name ?? '');
			return send(ctx, huaweiError(400, 'IAM.0010', `The project ${asked} does not exist or is not accessible.`));
		}
	}

	const issuedAt = identities.now();
	const { token, record } = identities.issue(known, project, issuedAt);
	state.counters.counts.tokensIssued++;

	const domainId = stableId(`domain:${known.domain}`);
	const tokenBody: Record<string, unknown> = {
		expires_at: iamTime(record.expiresAt),
		issued_at: iamTime(issuedAt),
		methods: ['password'],
		user: {
			id: stableId(`user:${known.domain}:${known.name}`),
			name: known.name,
			domain: { id: domainId, name: known.domain },
			password_expires_at: '',
		},
		roles: [{ id: '0', name: 'op_gated_ocr' }],
	};
	if (project) tokenBody.project = { id: project.id, name: project.name, domain: { id: domainId, name: known.domain } };
	else tokenBody.domain = { id: domainId, name: known.domain };
	if (!new URLSearchParams(ctx.query).has('nocatalog')) {
		const endpoints = [{ interface: 'public', region: identities.region, url: state.url }];
		tokenBody.catalog = [
			{ type: 'identity', name: 'iam', endpoints },
			{ type: 'ocr', name: 'ocr', endpoints },
		];
	}
	send(ctx, { status: 201, body: { token: tokenBody }, headers: { 'X-Subject-Token': token } });
}

function projectList(projects: Project[], state: ServerState): Record<string, unknown> {
	const domainId = stableId(`domain:${state.identities.users[0]?.domain ?? ''}`);
	return {
		projects: projects.map((p) => ({
			id: p.id,
			name: p.name,
			domain_id: domainId,
			description: '',
			enabled: true,
			is_domain: false,
			parent_id: domainId,
			links: { self: `${state.url}/v3/projects/${p.id}` },
		})),
		links: { self: `${state.url}/v3/projects`, next: null, previous: null },
	};
}

/**
 * IAM GETs: a valid token, or a valid AK/SK signature. True when authenticated; otherwise
 * the rejection has been sent (or the client went away) and false is returned.
 */
async function iamAuth(ctx: Ctx, state: ServerState): Promise<boolean> {
	const { identities } = state;
	const hash = signedRequest(ctx.req) ? createHash('sha256') : undefined;
	const body = await readBody(ctx.req, SMALL_BODY_LIMIT, hash);
	if (body === undefined) return false;
	if (hash) {
		const auth = verifyAccessKey(ctx.req, hash.digest('hex'), identities);
		if (!auth.ok) send(ctx, auth.answer);
		return auth.ok;
	}
	const token = headerValue(ctx.req.headers['x-auth-token']);
	const record = token ? identities.token(token) : undefined;
	if (!record || identities.isExpired(record)) {
		send(ctx, iamUnauthorized());
		return false;
	}
	return true;
}

export async function authProjects(ctx: Ctx, state: ServerState): Promise<void> {
	state.counters.counts.authProjectRequests++;
	if (!(await iamAuth(ctx, state))) return;
	send(ctx, { status: 200, body: projectList(state.identities.projects, state) });
}

export async function lookupProjects(ctx: Ctx, state: ServerState): Promise<void> {
	state.counters.counts.projectLookups++;
	if (!(await iamAuth(ctx, state))) return;
	const name = new URLSearchParams(ctx.query).get('name');
	const { projects } = state.identities;
	const found = name === null ? projects : projects.filter((p) => p.name === name);
	send(ctx, { status: 200, body: projectList(found, state) });
}
