import { parseRetryAfter, retryDelay } from '@authenkit/nhso-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOW = Date.UTC(2026, 11, 6, 3, 0, 0);

describe('parseRetryAfter (the one Retry-After parser)', () => {
  it('reads delay-seconds, also fractional, as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
  });

  it('is undefined for a missing, empty or unreadable header', () => {
    for (const v of [undefined, null, '', '   ', 'soon', 'NaN'])
      expect(parseRetryAfter(v, NOW)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('honours Retry-After with at most 10 % jitter on top', () => {
    expect(retryDelay(1, policy, 2_000, () => 0)).toBe(2_000);
    expect(retryDelay(1, policy, 2_000, () => 0.999)).toBe(2_200);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(retryDelay(1, policy, undefined, () => 0.999)).toBe(100);
    expect(retryDelay(3, policy, undefined, () => 0.999)).toBe(400);
    expect(retryDelay(10, policy, undefined, () => 0.999)).toBe(999);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (a, r) => {
          const d = retryDelay(a, policy, undefined, () => r);
          return d >= 0 && d <= policy.maxDelayMs;
        },
      ),
    );
  });
});
