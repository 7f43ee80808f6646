/**
 * Token single-flight: one fetch or refresh in flight for every concurrent caller (pure; no I/O of its own).
 *
 * @module
 */

/**
 * What the wrapped source returns: the token and, optionally, when it expires (epoch ms).
 *
 * @example
 * ```ts
 * import type { FetchedToken } from '@authenkit/authen-code';
 * const t: FetchedToken = { token: 'abc', expiresAt: Date.UTC(2026, 0, 1) };
 * console.log(t.token); // 'abc'
 * ```
 */
export interface FetchedToken {
  /** The token (never logged). */
  token: string;
  /** Epoch ms after which the cached token is not used (fetched again). */
  expiresAt?: number | undefined;
}

/**
 * A cached token source with at most one fetch in flight (see {@link singleFlightToken}).
 *
 * @example
 * ```ts
 * import { singleFlightToken, type SingleFlightToken } from '@authenkit/authen-code';
 * const p: SingleFlightToken = singleFlightToken(async () => ({ token: 't' }));
 * console.log(p.refreshCount); // 0
 * ```
 */
export interface SingleFlightToken {
  /** The cached token, or the result of the one fetch in flight (started if none is). */
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * Forget `token` (it was rejected): the next `getToken` fetches again, passing it as `previous`. A token
   * that is not the cached one is ignored (a newer one is cached already). Without `token`: forget whatever
   * is cached, and do not cache the result of a fetch already in flight (e.g. the user logged out).
   */
  invalidate(token?: string): void;
  /** How many fetches were started. */
  readonly refreshCount: number;
}

/**
 * Wraps a token source so that at most ONE fetch/refresh is in flight: concurrent `getToken` calls share it,
 * the result is cached until `invalidate(token)` (or its `expiresAt`), and a failed fetch is not cached (the
 * next call tries again). `fetchToken` gets the token being replaced (after `invalidate` or expiry), so it can
 * refresh rather than log in again.
 *
 * @param fetchToken - fetches or refreshes the token; `signal` is the first caller's
 * @param options - `now`: clock for `expiresAt` (default `Date.now`); `refreshSkewMs`: refresh this long
 *   before `expiresAt` (default 0)
 * @example
 * ```ts
 * import { singleFlightToken } from '@authenkit/authen-code';
 * let n = 0;
 * const p = singleFlightToken(async () => ({ token: `t${++n}` }));
 * const [a, b] = await Promise.all([p.getToken(), p.getToken()]);
 * console.log(a, b, p.refreshCount); // 't1' 't1' 1
 * p.invalidate(a);
 * console.log(await p.getToken()); // 't2'
 * ```
 */
export function singleFlightToken(
  fetchToken: (previous: string | undefined, signal?: AbortSignal) => Promise<FetchedToken>,
  options: { now?: () => number; refreshSkewMs?: number } = {},
): SingleFlightToken {
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 0;
  let current: FetchedToken | undefined;
  let inflight: Promise<string> | undefined;
  let stale: string | undefined;
  let refreshCount = 0;
  let generation = 0;
  return {
    get refreshCount() {
      return refreshCount;
    },
    getToken(o) {
      if (current && (current.expiresAt === undefined || now() < current.expiresAt - skew))
        return Promise.resolve(current.token);
      if (!inflight) {
        refreshCount++;
        const previous = stale ?? current?.token;
        const gen = generation;
        inflight = fetchToken(previous, o?.signal).then(
          (r) => {
            if (gen === generation) {
              current = { token: r.token, expiresAt: r.expiresAt };
              stale = undefined;
            }
            inflight = undefined;
            return r.token;
          },
          (e: unknown) => {
            inflight = undefined;
            throw e;
          },
        );
      }
      return inflight;
    },
    invalidate(token) {
      if (token === undefined) {
        generation++;
        if (current) stale = current.token;
        current = undefined;
      } else if (current?.token === token) {
        stale = token;
        current = undefined;
      }
    },
  };
}
