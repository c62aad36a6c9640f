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
const newest = new Map<string, CachedToken>();

/** Refresh a little before IAM's stated expiry, so no request leaves with a dying token. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

function usable(cached: CachedToken | undefined, now: number): cached is CachedToken {
	return !!cached && (cached.expiresAt === undefined || cached.expiresAt - EXPIRY_MARGIN_MS > now);
}

/**
 * Returns a token for `key`: a newer one than `heldToken` if another request already obtained it,
 * the result of a request already under way, or the result of `fetch()`. `heldToken` is the
 * token the caller found missing or rejected ('' for none).
 */
export async function sharedToken<T extends CachedToken>(
	key: string,
	heldToken: string,
	fetch: () => Promise<T>,
	now: number = Date.now(),
): Promise<T> {
	const known = newest.get(key) as T | undefined;
	if (usable(known, now) && known.token !== heldToken) return known;

	const pending = inflight.get(key) as Promise<T> | undefined;
	if (pending) return await pending;

	const request = fetch().then((issued) => {
		newest.set(key, issued);
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
}
