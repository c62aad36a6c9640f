/**
 * Driving the stand-in from another process (the e2e suites, the benchmark): the same controls
 * a HuaweiServer object offers, over HTTP. Not counted among the requests in the stats.
 *   GET  /__admin/stats  POST /__admin/reset-stats  POST /__admin/expire-tokens
 *   POST /__admin/faults (declarative plan, or null)  POST /__admin/latency {ms}
 *   GET  /__admin/tokens (every token issued, for leak checks)
 */
import { send, type Ctx } from './exchange';
import type { FaultPlan } from './faults';
import { readBody, SMALL_BODY_LIMIT } from './incoming';
import { isObject, parseJson } from './json';
import type { HuaweiServer } from './serverApi';

export const ADMIN_PATH = '/__admin/';

export async function admin(ctx: Ctx, server: HuaweiServer): Promise<void> {
	const { req } = ctx;
	const body = await readBody(req, SMALL_BODY_LIMIT);
	if (body === undefined) return;
	const parsed = body === 'too-large' || body.bytes.length === 0 ? undefined : parseJson(body.bytes);
	if (parsed && !parsed.ok) return send(ctx, { status: 400, body: { error: 'The body is not JSON.' } });
	const value = parsed?.ok ? parsed.value : undefined;
	const route = `${req.method} ${ctx.path}`;
	try {
		switch (route) {
			case 'GET /__admin/stats':
				return send(ctx, { status: 200, body: server.stats });
			case 'POST /__admin/reset-stats':
				server.resetStats();
				return send(ctx, { status: 200, body: { ok: true } });
			case 'POST /__admin/expire-tokens':
				return send(ctx, { status: 200, body: { expired: server.expireTokens() } });
			case 'GET /__admin/tokens':
				return send(ctx, { status: 200, body: { tokens: server.issuedTokens() } });
			case 'POST /__admin/faults':
				// A function cannot travel over HTTP: declarative plans only; null/{} clears.
				server.setFaults(isObject(value) && Object.keys(value).length > 0 ? (value as unknown as FaultPlan) : null);
				return send(ctx, { status: 200, body: { ok: true } });
			case 'POST /__admin/latency': {
				const ms = isObject(value) ? Number(value.ms) : NaN;
				server.setLatency(ms);
				return send(ctx, { status: 200, body: { ok: true, ms } });
			}
			default:
				return send(ctx, { status: 404, body: { error: `No admin endpoint ${route}` } });
		}
	} catch (error) {
		return send(ctx, { status: 400, body: { error: error instanceof Error ? error.message : String(error) } });
	}
}
