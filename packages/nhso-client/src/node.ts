/**
 * Node-only token providers that read the token files written by NHSO's desktop programs.
 * @module
 */
import { type FSWatcher, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fromBangkok, isValidCitizenId, toBangkok } from '@authenkit/authen-code';
import * as v from 'valibot';
import { NhsoError } from './errors.js';
import type { FetchLike } from './http.js';
import { NHSO_BASE_URLS, NHSO_PATHS, SrmAccessTokenResponseSchema } from './schemas.js';
import { singleFlightToken, type TokenProvider } from './tokens.js';

/**
 * Parses UCAuthentication token-file text: `<13-digit CID>#<token>` (other text around it is ignored).
 *
 * @throws `NhsoError` `TOKEN_EXPIRED` when no valid `CID#token` is present (the program clears it daily)
 * @example
 * ```ts
 * import { parseUcTokenFile } from '@authenkit/nhso-client/node';
 * parseUcTokenFile('3100100123451#abcdEFGH12345678').cid; // '3100100123451'
 * ```
 */
export function parseUcTokenFile(text: string): { cid: string; token: string } {
  const m = /(?<!\d)(\d{13})#([A-Za-z0-9]+)/.exec(text);
  if (!m || !isValidCitizenId(m[1]!))
    throw new NhsoError('TOKEN_EXPIRED', 'UCAuthentication token file has no valid "CID#token" line', {
      details: { operation: 'ucTokenFile' },
    });
  return { cid: m[1]!, token: m[2]! };
}

/** Epoch ms of the next 00:00 Asia/Bangkok after `ms`. */
function nextBangkokMidnight(ms: number): number {
  const { year, month, day } = toBangkok(ms);
  return fromBangkok({ year, month, day }).getTime() + 86_400_000; // no DST in Thailand
}

/**
 * A UCAuthentication token provider with the CID too (UCWS needs both).
 *
 * @example
 * ```ts
 * import type { UcTokenProvider } from '@authenkit/nhso-client/node';
 * const use = async (p: UcTokenProvider) => (await p.getCredentials()).cid;
 * ```
 */
export interface UcTokenProvider extends TokenProvider {
  /** `{cid, token}` of the staff member logged in to UCAuthentication. */
  getCredentials(): Promise<{ cid: string; token: string }>;
  /** Stop watching the file. */
  close(): void;
}

/**
 * Reads the UCAuthentication MX token file (`CID#token`), validates it, re-reads it when it changes
 * (watched, and checked by mtime on every call), and treats it as expired at the first 00:00 Bangkok time
 * after it was written (the token is valid for the day). Tokens are never logged.
 *
 * @example
 * ```ts no-run
 * import { ucTokenFile } from '@authenkit/nhso-client/node';
 * const uc = ucTokenFile({ path: process.env.UC_TOKEN_FILE ?? 'D:/UCAuthenticationMX/nhso_token.txt' });
 * try { console.log((await uc.getCredentials()).cid.length); } catch (e) { console.error(e); } finally { uc.close(); }
 * ```
 */
export function ucTokenFile(options: { path: string; now?: () => number; watch?: boolean }): UcTokenProvider {
  const now = options.now ?? Date.now;
  let cache: { mtimeMs: number; cid: string; token: string; expiresAt: number } | undefined;
  let watcher: FSWatcher | undefined;
  if (options.watch !== false) {
    try {
      watcher = watch(options.path, { persistent: false }, () => {
        cache = undefined;
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
      });
    } catch {
      watcher = undefined; // file may not exist yet: the mtime check still works
    }
  }
  const load = async () => {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(options.path);
    } catch (e) {
      throw new NhsoError(
        'TOKEN_EXPIRED',
        'UCAuthentication token file is missing: log in to UCAuthentication',
        {
          cause: e,
          details: { operation: 'ucTokenFile' },
        },
      );
    }
    if (!cache || cache.mtimeMs !== st.mtimeMs) {
      const { cid, token } = parseUcTokenFile(await readFile(options.path, 'utf8'));
      cache = { mtimeMs: st.mtimeMs, cid, token, expiresAt: nextBangkokMidnight(st.mtimeMs) };
    }
    if (now() >= cache.expiresAt)
      throw new NhsoError('TOKEN_EXPIRED', 'UCAuthentication token expired at midnight: log in again', {
        details: { operation: 'ucTokenFile' },
      });
    return cache;
  };
  return {
    async getToken() {
      return (await load()).token;
    },
    async getCredentials() {
      const c = await load();
      return { cid: c.cid, token: c.token };
    },
    invalidate() {
      cache = undefined;
    },
    close() {
      watcher?.close();
      watcher = undefined;
    },
  };
}

/**
 * Parses an SRM token file: `access-token=…` and `refresh-token=…` lines (`access_token=`/`refresh_token=`
 * also accepted).
 *
 * @example
 * ```ts
 * import { parseSrmTokenFile } from '@authenkit/nhso-client/node';
 * parseSrmTokenFile('access-token=a\nrefresh-token=r').refreshToken; // 'r'
 * ```
 */
export function parseSrmTokenFile(text: string): { accessToken: string | null; refreshToken: string | null } {
  const get = (k: string) => {
    const m = new RegExp(`^\\s*${k}[-_]token\\s*=\\s*(\\S+)\\s*$`, 'im').exec(text);
    return m ? m[1]! : null;
  };
  return { accessToken: get('access'), refreshToken: get('refresh') };
}

/**
 * SRM JWT provider: reads `%USERPROFILE%\SRM Smart Card Single Sign-On\token.txt`, and when the access
 * token is rejected (the client calls `invalidate` on 401) refreshes it ONCE via
 * `POST /api/scard/access-token` (form `refresh-token=…`), accepting `access_token`/`access-token`
 * spellings. Concurrent callers share one refresh.
 *
 * @example
 * ```ts
 * import { createNhsoClient } from '@authenkit/nhso-client';
 * import { srmTokenFile } from '@authenkit/nhso-client/node';
 * const srm = srmTokenFile({ path: process.env.SRM_TOKEN_FILE ?? 'token.txt', refreshBaseUrl: process.env.NHSO_BASE_URL });
 * const nhso = createNhsoClient({ token: 'unused', srmToken: srm, environment: { baseUrl: process.env.NHSO_BASE_URL ?? 'http://127.0.0.1:8080' } });
 * ```
 */
export function srmTokenFile(options: {
  path: string;
  /** Origin of the refresh endpoint. Default production SRM. */
  refreshBaseUrl?: string | undefined;
  /** `fetch` for the refresh call. */
  fetch?: FetchLike;
  /** Refresh budget, ms. Default 10 000. */
  timeoutMs?: number;
}): TokenProvider & { readonly refreshCount: number } {
  const f = options.fetch ?? ((i, init) => fetch(i, init));
  let refreshToken: string | null = null;
  let refreshed = 0;
  const inner = singleFlightToken(async (previous, signal) => {
    const file = parseSrmTokenFile(await readFile(options.path, 'utf8').catch(() => ''));
    refreshToken = refreshToken ?? file.refreshToken;
    // First load: use the file's access token unless it is the one just rejected.
    if (file.accessToken && file.accessToken !== previous && refreshed === 0)
      return { token: file.accessToken };
    if (!refreshToken)
      throw new NhsoError('TOKEN_EXPIRED', 'SRM token rejected and no refresh-token available', {
        details: { operation: 'srmTokenFile' },
      });
    refreshed++;
    const url =
      (options.refreshBaseUrl ?? NHSO_BASE_URLS.production.srm).replace(/\/+$/, '') +
      NHSO_PATHS.srmAccessToken;
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    let res: Response;
    try {
      res = await f(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'refresh-token': refreshToken }).toString(),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        // never re-POST the refresh token to wherever a redirect points
        redirect: 'manual',
      });
    } catch (e) {
      throw new NhsoError('NETWORK', 'SRM token refresh failed', {
        cause: e,
        details: { operation: 'srmTokenFile' },
      });
    }
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      const to = res.headers.get('location');
      let origin: string | null = null;
      try {
        origin = to === null ? null : new URL(to, url).origin;
      } catch {
        origin = null;
      }
      await res.body?.cancel().catch(() => undefined);
      const code = origin === new URL(url).origin ? 'BAD_RESPONSE' : 'CROSS_ORIGIN_REDIRECT';
      throw new NhsoError(code, `SRM token refresh was redirected (HTTP ${res.status}); not followed`, {
        ...(res.status === 0 ? {} : { status: res.status }),
        details: { operation: 'srmTokenFile', location: origin },
      });
    }
    if (res.status === 401 || res.status === 403)
      throw new NhsoError(
        'TOKEN_EXPIRED',
        'SRM refresh-token rejected: log in to SRM Smart Card Single Sign-On',
        {
          status: res.status,
          details: { operation: 'srmTokenFile' },
        },
      );
    let body: unknown;
    try {
      body = await res.json();
    } catch (e) {
      throw new NhsoError('BAD_RESPONSE', 'SRM refresh answer is not JSON', {
        cause: e,
        status: res.status,
        details: { operation: 'srmTokenFile' },
      });
    }
    const r = v.safeParse(SrmAccessTokenResponseSchema, body);
    if (!res.ok || !r.success)
      throw new NhsoError('BAD_RESPONSE', `SRM refresh failed (HTTP ${res.status})`, {
        status: res.status,
        details: { operation: 'srmTokenFile' },
      });
    const next = r.output.refresh_token ?? r.output['refresh-token'];
    if (next) refreshToken = next;
    return { token: (r.output.access_token ?? r.output['access-token'])! };
  });
  return {
    get refreshCount() {
      return refreshed;
    },
    getToken: (o) => inner.getToken(o),
    invalidate: (t) => inner.invalidate?.(t),
  };
}
