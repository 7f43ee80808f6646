import { NhsoError } from './errors.js';

/**
 * Supplies the Bearer token of NHSO cloud calls. `invalidate` (optional) is called once after a 401;
 * the client then asks `getToken` again and retries the call once. Implementations must never log
 * the token. thai-idcard's staff log-in can implement this.
 *
 * @example
 * ```ts
 * import type { TokenProvider } from '@authenkit/nhso-client';
 * const provider: TokenProvider = { getToken: async () => process.env.NHSO_TOKEN ?? '' };
 * ```
 */
export interface TokenProvider {
  /** The current token (may refresh). */
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Forget `token` (it was rejected); the next `getToken` must fetch or refresh. */
  invalidate?(token: string): void | Promise<void>;
}

/**
 * A fixed token.
 *
 * @example
 * ```ts
 * import { createNhsoClient, staticToken } from '@authenkit/nhso-client';
 * const nhso = createNhsoClient({ token: staticToken(process.env.NHSO_TOKEN ?? 'test-token'), environment: 'test' });
 * ```
 */
export function staticToken(token: string): TokenProvider {
  if (typeof token !== 'string' || token.trim() === '')
    throw new NhsoError('VALIDATION', 'staticToken: token is empty');
  return { getToken: async () => token };
}

/**
 * Wraps a token source so that at most ONE fetch/refresh is in flight: concurrent `getToken` calls share
 * it, the result is cached until `invalidate` (or `expiresAt`), and a failed refresh is not cached.
 *
 * @example
 * ```ts
 * import { singleFlightToken } from '@authenkit/nhso-client';
 * let n = 0;
 * const p = singleFlightToken(async () => ({ token: `t${++n}` }));
 * const [a, b] = await Promise.all([p.getToken(), p.getToken()]);
 * console.log(a === b, n); // true 1
 * ```
 */
export function singleFlightToken(
  fetchToken: (
    previous: string | undefined,
    signal?: AbortSignal,
  ) => Promise<{ token: string; expiresAt?: number }>,
  options: { now?: () => number } = {},
): TokenProvider & { readonly refreshCount: number } {
  const now = options.now ?? Date.now;
  let current: { token: string; expiresAt?: number | undefined } | undefined;
  let inflight: Promise<string> | undefined;
  let stale: string | undefined;
  let refreshCount = 0;
  return {
    get refreshCount() {
      return refreshCount;
    },
    async getToken(o) {
      if (current && (current.expiresAt === undefined || now() < current.expiresAt)) return current.token;
      if (!inflight) {
        refreshCount++;
        const prev = stale ?? current?.token;
        inflight = fetchToken(prev, o?.signal).then(
          (r) => {
            current = { token: r.token, expiresAt: r.expiresAt };
            stale = undefined;
            inflight = undefined;
            return r.token;
          },
          (e) => {
            inflight = undefined;
            throw e;
          },
        );
      }
      return inflight;
    },
    invalidate(token) {
      if (current?.token === token) {
        stale = token;
        current = undefined;
      }
    },
  };
}
