import {
  type FetchedToken,
  type SingleFlightToken,
  singleFlightToken as sharedSingleFlightToken,
} from '@authenkit/authen-code';
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
 * Wraps a token source so that at most ONE fetch/refresh is in flight (the one implementation in
 * `@authenkit/authen-code`, re-exported here); the result is a {@link TokenProvider}.
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
export const singleFlightToken: (
  fetchToken: (previous: string | undefined, signal?: AbortSignal) => Promise<FetchedToken>,
  options?: { now?: () => number },
) => TokenProvider & SingleFlightToken = sharedSingleFlightToken;
