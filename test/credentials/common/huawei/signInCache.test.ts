import { clearSignInCache, sharedToken } from '../../../../credentials/common/huawei/signInCache';
import { hashOf } from '../../../../credentials/common/huawei/signInIdentity';

beforeEach(clearSignInCache);

function counter(prefix: string, expiresAt?: number) {
	let calls = 0;
	const fetch = async () => {
		calls++;
		await new Promise((resolve) => setTimeout(resolve, 5));
		return { token: `${prefix}-${calls}`, expiresAt };
	};
	return { fetch, calls: () => calls };
}

describe('shared tokens', () => {
	it('signs in once for many requests that start without a token at the same moment', async () => {
		const source = counter('t');
		const tokens = await Promise.all(Array.from({ length: 8 }, () => sharedToken('k', '', source.fetch)));
		expect(source.calls()).toBe(1);
		expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['t-1']));
	});

	it('hands a newer token to requests that were rejected with the old one, without signing in again', async () => {
		const source = counter('t');
		await sharedToken('k', '', source.fetch); // t-1
		const refreshed = await sharedToken('k', 't-1', source.fetch); // t-1 rejected -> t-2
		expect(refreshed.token).toBe('t-2');
		const late = await Promise.all([sharedToken('k', 't-1', source.fetch), sharedToken('k', 't-1', source.fetch)]);
		expect(late.map((t) => t.token)).toEqual(['t-2', 't-2']);
		expect(source.calls()).toBe(2);
	});

	it('signs in again, once, when the credential holds a token another n8n process signed in for, instead of handing out its own older one', async () => {
		// Queue mode: worker A signed in (t-1), then worker B (other-1), whose token n8n stored
		// last. Huawei revokes both. A's requests come back rejected holding other-1 or t-1.
		const source = counter('t');
		await sharedToken('k', '', source.fetch); // t-1, this process's own
		const answers = await Promise.all([
			sharedToken('k', 'other-1', source.fetch),
			sharedToken('k', 't-1', source.fetch),
			sharedToken('k', 'other-1', source.fetch),
		]);
		expect(answers.map((t) => t.token)).toEqual(['t-2', 't-2', 't-2']);
		const late = await Promise.all([sharedToken('k', 't-1', source.fetch), sharedToken('k', 'other-1', source.fetch)]);
		expect(late.map((t) => t.token)).toEqual(['t-2', 't-2']);
		expect(source.calls()).toBe(2);
	});

	it('treats a rejection long after the last refresh as a new revocation, and a rejected newest token always', async () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		const source = counter('t');
		await sharedToken('k', '', source.fetch, now); // t-1
		expect((await sharedToken('k', 't-1', source.fetch, now)).token).toBe('t-2');
		expect((await sharedToken('k', 'other-1', source.fetch, now + 60_000)).token).toBe('t-2');
		// Three minutes on, a request holding another process's token is rejected: t-2 may be revoked too.
		expect((await sharedToken('k', 'other-2', source.fetch, now + 180_000)).token).toBe('t-3');
		expect((await sharedToken('k', 't-3', source.fetch, now + 181_000)).token).toBe('t-4');
		expect(source.calls()).toBe(4);
	});

	it('does not hand out a token that is about to expire', async () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		const source = counter('t', now + 60_000);
		await sharedToken('k', '', source.fetch, now);
		await sharedToken('k', '', source.fetch, now);
		expect(source.calls()).toBe(2);
	});

	it('keeps logins apart and lets a failed sign-in be retried', async () => {
		const source = counter('t');
		await sharedToken(hashOf(['a', 'pw1']), '', source.fetch);
		await sharedToken(hashOf(['a', 'pw2']), '', source.fetch);
		expect(source.calls()).toBe(2);
		await expect(sharedToken('bad', '', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
		await expect(sharedToken('bad', '', source.fetch)).resolves.toEqual({ token: 't-3', expiresAt: undefined });
	});

	it('does not keep the secret in the key', () => {
		expect(hashOf(['user', 'hunter2'])).not.toContain('hunter2');
	});
});
