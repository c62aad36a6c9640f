export interface CachedToken {
	token: string;
	/** Milliseconds since the epoch; undefined when IAM did not say. */
	expiresAt?: number;
}

// Tokens are shared per login within this n8n process. n8n asks the credential for a new token
// separately for every request that found the old one missing or rejected, so a batch running
// four items at once would otherwise sign in four times at the start, and again four times when
// the token expires mid-batch.
const inflight = new Map<string, Promise<CachedToken>>();
/** When each sign-in in `inflight` started, in milliseconds since the epoch. */
const startedAt = new Map<string, number>();

/**
 * A refresh round: what a rejected token started. In queue mode several n8n processes (workers)
 * share one stored credential, so a request may be rejected with a token another process signed
 * in for, while this process still holds its own, older token, revoked by the same event. Only
 * a token signed in for after the round began is known to be newer than the revocation.
 */
interface Round {
	id: number;
	startedAt: number;
}
const rounds = new Map<string, Round>();
let lastRound = 0;
/**
 * Requests rejected during one round arrive within a request's lifetime; a rejection later than
 * this is taken as a new revocation (IAM tokens live 24 hours).
 */
const ROUND_MS = 2 * 60 * 1000;

/** The newest token per login, and the round it was signed in for (0: none, a first sign-in). */
const newest = new Map<string, { token: CachedToken; round: number }>();

/** Refresh a little before IAM's stated expiry, so no request leaves with a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

function usable(cached: CachedToken | undefined, now: number): cached is CachedToken {
	return !!cached && (cached.expiresAt === undefined || cached.expiresAt - EXPIRY_MARGIN_MS > now);
}

/** Whether `entry` may stand in for `heldToken`, which the caller found missing ('') or rejected. */
function answers(key: string, entry: { token: CachedToken; round: number }, heldToken: string, now: number): boolean {
	if (!usable(entry.token, now)) return false;
	if (heldToken === '') return true;
	if (entry.token.token === heldToken) return false;
	const round = rounds.get(key);
	return !!round && entry.round === round.id && now - round.startedAt < ROUND_MS;
}

/**
 * Returns a token for `key`: one already signed in for after `heldToken` was rejected, the
 * result of a sign-in already under way, or the result of `fetch()`. `heldToken` is the token
 * the caller found missing or rejected ('' for none).
 */
export async function sharedToken<T extends CachedToken>(
	key: string,
	heldToken: string,
	fetch: () => Promise<T>,
	now: number = Date.now(),
): Promise<T> {
	const known = newest.get(key);
	if (known && answers(key, known, heldToken, now)) return known.token as T;

	const pending = inflight.get(key) as Promise<T> | undefined;
	if (pending) return await pending;

	let round = 0;
	if (heldToken !== '') {
		round = ++lastRound;
		rounds.set(key, { id: round, startedAt: now });
	}
	const request = fetch().then((issued) => {
		newest.set(key, { token: issued, round });
		return issued;
	});
	inflight.set(key, request);
	startedAt.set(key, Date.now());
	try {
		return await request;
	} finally {
		inflight.delete(key);
		startedAt.delete(key);
	}
}

/** How long a sign-in for `key` has been waiting for its answer, in ms (0 when none is). */
export function signInWaitingMs(key: string): number {
	const started = startedAt.get(key);
	return started === undefined ? 0 : Date.now() - started;
}

/** Forgets every shared token (tests start from a clean process state with it). */
export function clearSignInCache(): void {
	inflight.clear();
	startedAt.clear();
	newest.clear();
	rounds.clear();
}
