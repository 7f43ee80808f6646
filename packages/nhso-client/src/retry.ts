/**
 * Pure retry timing: Retry-After parsing and jittered exponential backoff.
 * @module
 */

/**
 * Parses an HTTP `Retry-After` value (delta-seconds or an HTTP date) into milliseconds from `nowMs`.
 * Returns `undefined` when absent or unparsable; never negative.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from '@authenkit/nhso-client';
 * parseRetryAfter('2', Date.now()); // 2000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const t = value.trim();
  if (t === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const at = Date.parse(t);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Retry policy of one call type.
 *
 * @example
 * ```ts
 * import type { RetryPolicy } from '@authenkit/nhso-client';
 * const policy: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 2000 };
 * ```
 */
export interface RetryPolicy {
  /** Extra attempts after the first (idempotent calls only). */
  retries: number;
  /** First backoff step in ms (doubles per attempt). */
  baseDelayMs: number;
  /** Cap of one backoff step in ms. */
  maxDelayMs: number;
}

/**
 * Full-jitter exponential backoff: a random delay in `[0, min(max, base·2^(attempt-1))]`, or the
 * server's Retry-After (plus up to 10 % jitter) when it gave one.
 *
 * @param attempt - 1 for the first retry
 * @example
 * ```ts
 * import { retryDelay } from '@authenkit/nhso-client';
 * retryDelay(1, { retries: 2, baseDelayMs: 100, maxDelayMs: 1000 }, undefined, () => 0.5); // 50
 * ```
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.round(retryAfterMs * (1 + 0.1 * random()));
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap * random());
}
