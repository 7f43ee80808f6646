import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNhsoClient, isNhsoError, singleFlightToken, staticToken } from '@authenkit/nhso-client';
import { parseSrmTokenFile, parseUcTokenFile, srmTokenFile, ucTokenFile } from '@authenkit/nhso-client/node';
import { NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, PID, startServer, type TestServer } from './helpers/server.js';

let dir: string;
let srv: TestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nhso-tokens-'));
  srv = await startServer();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await srv.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isNhsoError(e)) return e.code;
    throw e;
  }
  return 'resolved';
}

describe('static and single-flight providers', () => {
  it('staticToken rejects empty tokens', async () => {
    expect(await staticToken('t').getToken()).toBe('t');
    expect(() => staticToken(' ')).toThrow(/empty/);
  });

  it('singleFlightToken: one refresh in flight, failures not cached', async () => {
    let calls = 0;
    let fail = true;
    const p = singleFlightToken(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      if (fail) throw new Error('down');
      return { token: `t${calls}` };
    });
    const first = await Promise.allSettled([p.getToken(), p.getToken(), p.getToken()]);
    expect(first.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toBe(1);
    fail = false;
    const t = await Promise.all([p.getToken(), p.getToken()]);
    expect(t).toEqual(['t2', 't2']);
    p.invalidate?.('other');
    expect(await p.getToken()).toBe('t2');
    p.invalidate?.('t2');
    expect(await p.getToken()).toBe('t3');
  });
});

describe('UCAuthentication token file', () => {
  it('parses CID#token and validates the CID', () => {
    expect(parseUcTokenFile('junk 3100100123451#abcdEFGH12345678 \r\n')).toEqual({
      cid: '3100100123451',
      token: 'abcdEFGH12345678',
    });
    expect(() => parseUcTokenFile('3100100123452#abc')).toThrow(/CID#token/);
    expect(() => parseUcTokenFile('')).toThrow();
  });

  it('re-reads on change and expires at midnight Bangkok time', async () => {
    const path = join(dir, 'nhso_token.txt');
    await writeFile(path, '3100100123451#tokenA');
    // Written 2025-01-02 10:00 Bangkok (03:00Z) → valid until 2025-01-03 00:00 Bangkok (2025-01-02T17:00Z).
    const written = new Date('2025-01-02T03:00:00Z');
    await utimes(path, written, written);
    let now = Date.parse('2025-01-02T16:59:59Z');
    const uc = ucTokenFile({ path, now: () => now });
    try {
      expect(await uc.getCredentials()).toEqual({ cid: '3100100123451', token: 'tokenA' });
      now = Date.parse('2025-01-02T17:00:00Z');
      expect(await code(uc.getToken())).toBe('TOKEN_EXPIRED');
      await writeFile(path, '3100100123451#tokenB');
      const later = new Date('2025-01-02T17:30:00Z');
      await utimes(path, later, later);
      expect(await uc.getToken()).toBe('tokenB');
      await rm(path);
      uc.invalidate?.('tokenB');
      expect(await code(uc.getToken())).toBe('TOKEN_EXPIRED');
    } finally {
      uc.close();
    }
  });
});

describe('SRM token file', () => {
  it('parses both key spellings', () => {
    expect(parseSrmTokenFile('access-token=a1\nrefresh-token=r1\n')).toEqual({
      accessToken: 'a1',
      refreshToken: 'r1',
    });
    expect(parseSrmTokenFile('access_token=a2\r\nrefresh_token=r2')).toEqual({
      accessToken: 'a2',
      refreshToken: 'r2',
    });
  });

  for (const spelling of ['access_token', 'access-token'] as const) {
    it(`refreshes once on 401 via /api/scard/access-token (${spelling})`, async () => {
      const path = join(dir, `srm-${spelling}.txt`);
      await writeFile(path, 'access-token=old-jwt\nrefresh-token=r-1\n');
      let refreshes = 0;
      srv.handle((q, r) => {
        if (q.path === NHSO_PATHS.srmAccessToken) {
          refreshes++;
          expect(new URLSearchParams(q.body).get('refresh-token')).toBe('r-1');
          return json(r, 200, { [spelling]: 'new-jwt', [spelling.replace('access', 'refresh')]: 'r-2' });
        }
        if (q.headers.authorization !== 'Bearer new-jwt') return json(r, 401, {});
        json(r, 200, { funds: [{ mainInscl: { id: 'UCS', name: 'x' } }] });
      });
      const provider = srmTokenFile({ path, refreshBaseUrl: srv.url });
      const nhso = createNhsoClient({
        token: 'unused',
        srmToken: provider,
        environment: { baseUrl: srv.url },
      });
      const rs = await Promise.all([nhso.srmRightSearch(PID), nhso.srmRightSearch(PID)]);
      expect(rs.map((r) => r.mainInscl?.code)).toEqual(['UCS', 'UCS']);
      expect(refreshes).toBe(1);
      expect(provider.refreshCount).toBe(1);
    });
  }

  it('a rejected refresh-token → TOKEN_EXPIRED', async () => {
    const path = join(dir, 'srm-bad.txt');
    await writeFile(path, 'access-token=old\nrefresh-token=r-x\n');
    srv.handle((_q, r) => json(r, 401, {}));
    const nhso = createNhsoClient({
      token: 'unused',
      srmToken: srmTokenFile({ path, refreshBaseUrl: srv.url }),
      environment: { baseUrl: srv.url },
    });
    expect(await code(nhso.srmRightSearch(PID))).toBe('TOKEN_EXPIRED');
  });
});
