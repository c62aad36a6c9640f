/**
 * Acting out a fault a plan (faults.ts) chose for an OCR call: an error answer, a reset or hanging
 * connection, a proxy's HTML page, or a 200 whose JSON is cut off or stalls half-way.
 */
import { JSON_TYPE, send, type Ctx } from './exchange';
import { errorBody, faultKind, HTML_502, type Fault } from './faults';
import { drain } from './incoming';

/** `card` is the result a cut-off or stalled answer starts to give. */
export async function injectFault(ctx: Ctx, fault: Fault, card: Record<string, unknown>): Promise<void> {
	ctx.counters.faultInjected(ctx.record, faultKind(fault));
	// The whole request arrives first, as it would at a gateway, but is not kept.
	if (!(await drain(ctx.req))) return;
	const { res } = ctx;
	if (fault === 'hang') return;
	if (fault === 'reset') {
		ctx.req.socket.resetAndDestroy();
		return;
	}
	if (fault === 'html') {
		ctx.counters.answered(ctx.record, 502);
		res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(HTML_502) });
		res.end(HTML_502);
		return;
	}
	if (fault === 'truncated') {
		const text = JSON.stringify({ result: card });
		ctx.counters.answered(ctx.record, 200);
		// No Content-Length: the body ends where the connection does, in the middle of the JSON.
		res.writeHead(200, { 'Content-Type': JSON_TYPE, Connection: 'close' });
		res.end(text.slice(0, Math.floor(text.length / 2)));
		return;
	}
	if (fault === 'stall') {
		const text = JSON.stringify({ result: card });
		ctx.counters.answered(ctx.record, 200);
		// Headers and a declared length promise the whole answer; half of it comes, then nothing.
		res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
		res.write(text.slice(0, Math.floor(text.length / 2)));
		return;
	}
	send(ctx, { status: fault.status, body: fault.body ?? errorBody(fault.status), headers: fault.headers });
}
