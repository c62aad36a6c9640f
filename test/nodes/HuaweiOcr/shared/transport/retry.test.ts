import { backoff, isRetryable, parseRetryAfter, retryDelayMs } from '../../../../../nodes/HuaweiOcr/shared/transport/retry';

describe('which failures are retried', () => {
	it.each([
		[{ httpCode: 429, errorCode: 'APIG.0308' }, true],
		[{ httpCode: 429 }, true],
		[{ errorCode: 'APIGW.0308' }, true],
		[{ errorCode: 'ModelArts.4401' }, true],
		[{ errorCode: 'ModelArts.4402' }, true],
		[{ errorCode: 'ModelArts.4301' }, true],
		[{ errorCode: 'ModelArts.4503' }, true],
		[{ httpCode: 504, errorCode: 'APIG.0201' }, true],
		[{ httpCode: 503, errorCode: 'APIG.0613' }, true],
		[{ httpCode: 500 }, true],
		[{ httpCode: 502 }, true],
		[{ errorCode: 'ECONNRESET' }, true],
		[{ errorCode: 'ETIMEDOUT' }, true],
		[{ errorCode: 'ECONNABORTED' }, true],
		[{ httpCode: 400, errorCode: 'AIS.0104' }, false],
		[{ httpCode: 500, errorCode: 'AIS.0105' }, false],
		[{ httpCode: 401, errorCode: 'APIG.0301' }, false],
		[{ httpCode: 403, errorCode: 'ModelArts.4203' }, false],
		[{ httpCode: 404, errorCode: 'APIG.0101' }, false],
		[{ errorCode: 'ECONNREFUSED' }, false],
		[{ detail: 'Huawei Cloud did not accept the sign-in' }, false],
	])('%o -> %p', (failure, expected) => {
		expect(isRetryable(failure)).toBe(expected);
	});
});

describe('Retry-After', () => {
	const now = new Date('2026-11-29T12:00:00Z');
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Sun, 29 Nov 2026 11:00:00 GMT', now)).toBe(0);
	});
	it('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('', now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('backoff delays', () => {
	const saved = { ...backoff };
	afterEach(() => Object.assign(backoff, saved));

	it('grow exponentially with half of each wait random, up to the cap', () => {
		backoff.random = () => 0;
		expect([0, 1, 2, 3].map((attempt) => retryDelayMs(attempt))).toEqual([500, 1000, 2000, 4000]);
		backoff.random = () => 0.999999;
		expect(retryDelayMs(0)).toBe(1000);
		expect(retryDelayMs(20)).toBe(30_000);
	});

	it('wait at least what Retry-After asks, within a bound', () => {
		backoff.random = () => 0;
		expect(retryDelayMs(0, 4000)).toBe(4000);
		expect(retryDelayMs(0, 10 * 60_000)).toBe(60_000);
		expect(retryDelayMs(3, 100)).toBe(4000);
	});

	it('spread a batch throttled at the same moment', () => {
		const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(1)));
		expect(delays.size).toBeGreaterThan(10);
	});

	it('are shortened by scale, the setting tests use', () => {
		backoff.random = () => 0;
		backoff.scale = 0.01;
		expect(retryDelayMs(2)).toBe(20);
	});
});
