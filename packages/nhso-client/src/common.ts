import { isValidCitizenId } from '@authenkit/authen-code';
import { NhsoError, type NhsoErrorCode } from './errors.js';
import type { ClientHooks, FetchLike, TransportConfig } from './http.js';
import type { RetryPolicy } from './retry.js';

/**
 * Options every client accepts.
 *
 * @example
 * ```ts
 * import { createAgentClient, type ClientOptions } from '@authenkit/nhso-client';
 * const common: ClientOptions = { raw: true, hooks: { onEvent: (e) => console.debug(e.type, e.url) } };
 * const agent = createAgentClient({ ...common });
 * ```
 */
export interface ClientOptions {
  /** `fetch` implementation (default: global `fetch`). */
  fetch?: FetchLike;
  /** Logging/metrics hooks (PIDs masked unless {@link ClientOptions.logPersonalData}). */
  hooks?: ClientHooks;
  /** Opt in to unmasked PIDs in hook URLs. Default `false`. */
  logPersonalData?: boolean;
  /** Keep the validated raw body under `raw` on results. Default `false`. */
  raw?: boolean;
  /** Retry policy of idempotent calls (defaults: 2 retries, 200 ms base, 2 s cap, full jitter). */
  retry?: Partial<RetryPolicy>;
  /**
   * Clock for calendar decisions: the Bangkok day a visit belongs to (`createAgentClient`) and token expiry
   * (`srmTokenFile`). The cloud and UCWS clients make none, so they do not read it. Time budgets, timeouts
   * and retry waits always use the real clock. Default `Date.now`.
   */
  now?: () => number;
  /** Random source for jitter (tests). Default `Math.random`. */
  random?: () => number;
}

/**
 * Per-call options.
 *
 * @example
 * ```ts no-run
 * import { createAgentClient, type CallOptions } from '@authenkit/nhso-client';
 * const opts: CallOptions = { signal: AbortSignal.timeout(10_000), timeoutMs: 8_000 };
 * await createAgentClient().terminals(opts);
 * ```
 */
export interface CallOptions {
  /** Cancels the call (and its retries). */
  signal?: AbortSignal;
  /** Total budget for this call across retries, ms (overrides the client's per-call-type default). */
  timeoutMs?: number;
}

/** @internal */
export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 2_000 };

/** @internal */
export function transportConfig(o: ClientOptions, refusedCode: NhsoErrorCode): TransportConfig {
  return {
    fetch: o.fetch,
    hooks: o.hooks,
    logPersonalData: o.logPersonalData ?? false,
    refusedCode,
    random: o.random ?? Math.random,
  };
}

/** @internal Rejects a malformed PID before anything is sent. */
export function assertPid(pid: unknown, operation: string, field = 'pid'): string {
  if (typeof pid !== 'string' || !isValidCitizenId(pid))
    throw new NhsoError('VALIDATION', `${operation}: ${field} is not a valid 13-digit citizen ID`, {
      details: { operation, messages: [`${field} is not a valid citizen ID`] },
    });
  return pid;
}

/** @internal */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
