import { randomBytes, randomUUID } from 'node:crypto';
import { nextBangkokMidnight } from '../clock.js';
import { SandboxError } from '../errors.js';
import type { RouteRequest } from '../http.js';
import type { StaffTokens } from '../sandbox.js';
import type { TokenRecord } from '../store.js';
import type { SandboxContext } from './context.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomAlnum = (n: number): string => {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[(b[i] as number) % ALNUM.length];
  return s;
};
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** How long a staff log-in challenge lives. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** At most this many open challenges; the oldest go first (unauthenticated callers cannot grow memory). */
export const MAX_CHALLENGES = 1_000;

/**
 * Token checks and minting of one sandbox: bearer / admin checks, staff log-in tokens, SRM access tokens,
 * and the staff log-in challenges (expiring, bounded).
 * @internal
 */
export interface SandboxAuth {
  /** The token record of the request's bearer token (static tokens act as the development staff). */
  bearer(req: RouteRequest, kinds?: TokenRecord['kind'][]): TokenRecord;
  /** Throws `FORBIDDEN` unless the request carries a static (admin) token. */
  requireAdmin(req: RouteRequest): void;
  /** `UNAUTHORIZED` (unknown or expired). */
  unauthorized(expired: boolean): SandboxError;
  /** Log a staff account in: REST, UC and SRM tokens until the next Bangkok midnight. */
  loginStaff(pid: string): StaffTokens;
  /** Mint an SRM access token (1 h, never past `refreshExpiry`). */
  newAccessToken(pid: string, hcode: string, refreshExpiry: number): string;
  /** Open a log-in challenge for a staff PID. */
  openChallenge(pid: string): { challenge: string; expiresAt: number };
  /** Take (and forget) a challenge: true when it was issued to `pid` and has not expired. */
  takeChallenge(challenge: string, pid: string): boolean;
  /** Number of open challenges (tests). */
  challengeCount(): number;
}

/** @internal */
export function createAuth(ctx: SandboxContext): SandboxAuth {
  const { store, staticTokens, devStaff, defaultHcode } = ctx;
  const challenges = new Map<string, { pid: string; expiresAt: number }>();
  const unauthorized = (expired: boolean): SandboxError =>
    new SandboxError('UNAUTHORIZED', expired ? 'token expired' : 'missing or unknown bearer token', {
      details: expired
        ? { reason: 'expired', reasonTh: 'TOKEN หมดอายุ กรุณาขอ TOKEN ใหม่' }
        : { reason: 'unknown', reasonTh: 'ไม่พบ TOKEN หรือ TOKEN ไม่ถูกต้อง' },
    });
  const tokenOf = (req: RouteRequest): string | undefined =>
    /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const notStaff = () =>
    new SandboxError('FORBIDDEN', 'not a staff account', {
      details: { reason: 'not-staff', reasonTh: 'ไม่ใช่บัญชีเจ้าหน้าที่' },
    });
  const newAccessToken = (pid: string, hcode: string, refreshExpiry: number): string => {
    const exp = Math.min(ctx.nowMs() + 3600_000, refreshExpiry);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = b64url(
      JSON.stringify({ sub: pid, hcode, exp: Math.floor(exp / 1000), iss: 'authenkit-sandbox' }),
    );
    const jwt = `${header}.${claims}.${randomAlnum(43)}`;
    store.putToken({ token: jwt, kind: 'srm-access', pid, hcode, expiresAt: exp });
    return jwt;
  };
  const prune = (): void => {
    const now = ctx.nowMs();
    for (const [k, c] of challenges) if (c.expiresAt <= now) challenges.delete(k);
    while (challenges.size >= MAX_CHALLENGES) challenges.delete(challenges.keys().next().value as string);
  };
  return {
    unauthorized,
    bearer(req, kinds = ['bearer']) {
      const tok = tokenOf(req);
      if (tok === undefined) throw unauthorized(false);
      if (staticTokens.has(tok))
        return { token: tok, kind: 'bearer', pid: devStaff.pid, hcode: defaultHcode, expiresAt: null };
      const rec = store.getToken(tok);
      if (!rec || !kinds.includes(rec.kind)) throw unauthorized(false);
      if (rec.expiresAt !== null && rec.expiresAt <= ctx.nowMs()) throw unauthorized(true);
      return rec;
    },
    requireAdmin(req) {
      const tok = tokenOf(req);
      if (tok === undefined || !staticTokens.has(tok))
        throw new SandboxError('FORBIDDEN', 'admin endpoints need a configured sandbox token', {
          details: { reason: 'not-admin' },
        });
    },
    loginStaff(pid) {
      const p = ctx.person(pid);
      if (!p?.staff) throw notStaff();
      const expiresAt = nextBangkokMidnight(ctx.nowMs());
      const hcode = p.staff.hcode;
      const token = randomUUID();
      const uc = randomAlnum(16);
      const refresh = randomAlnum(32);
      store.putToken({ token, kind: 'bearer', pid, hcode, expiresAt });
      store.putToken({ token: uc, kind: 'uc', pid, hcode, expiresAt });
      store.putToken({ token: refresh, kind: 'srm-refresh', pid, hcode, expiresAt });
      return {
        token,
        ucToken: `${pid}#${uc}`,
        accessToken: newAccessToken(pid, hcode, expiresAt),
        refreshToken: refresh,
        expiresAt: new Date(expiresAt).toISOString(),
        hcode,
      };
    },
    newAccessToken,
    openChallenge(pid) {
      if (!ctx.person(pid)?.staff) throw notStaff();
      prune();
      const challenge = randomBytes(32).toString('base64');
      const expiresAt = ctx.nowMs() + CHALLENGE_TTL_MS;
      challenges.set(challenge, { pid, expiresAt });
      return { challenge, expiresAt };
    },
    takeChallenge(challenge, pid) {
      const ch = challenges.get(challenge);
      challenges.delete(challenge);
      return ch !== undefined && ch.pid === pid && ch.expiresAt > ctx.nowMs();
    },
    challengeCount: () => challenges.size,
  };
}
