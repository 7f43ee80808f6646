import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentClient, createNhsoClient, createUcwsClient } from '@authenkit/nhso-client';
import { srmTokenFile } from '@authenkit/nhso-client/node';
import { AGENT_PATHS, NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTHEN_CODE_REQUEST } from './helpers/fixtures.js';
import { rejection as err, json, PID, startServer, type TestServer } from './helpers/server.js';

// Issue 12, trust boundaries: a 307 from the service must not re-send a POST body (or the token) to another
// origin. Two loopback servers on different ports are two origins.
let home: TestServer;
let elsewhere: TestServer;
beforeAll(async () => {
  home = await startServer();
  elsewhere = await startServer((_q, r) =>
    json(r, 200, { claimCode: 'PP0000000666', authenCode: 'EP0000000666' }),
  );
});
afterAll(async () => {
  await home.close();
  await elsewhere.close();
});
beforeEach(() => {
  elsewhere.seen.length = 0;
});

const redirectTo = (target: () => string, status = 307) =>
  home.handle((q, r) => {
    if (q.method === 'POST' || q.path.includes('redirect-me')) {
      r.writeHead(status, { location: `${target()}${q.path}` });
      r.end();
      return;
    }
    json(r, 200, { checkDate: '2025-01-02T08:00:00' });
  });

const SAVE = { pid: PID, claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c-r', hcode: '10699' };
const TOKEN = 'secret-token-0000';

describe('cross-origin redirects of non-GET calls are never followed', () => {
  it('Agent confirmSave: a 307 to another origin → CROSS_ORIGIN_REDIRECT; the other origin sees nothing', async () => {
    redirectTo(() => elsewhere.url);
    const e = await err(createAgentClient({ baseUrl: home.url }).confirmSave(SAVE));
    expect(e.code).toBe('CROSS_ORIGIN_REDIRECT');
    expect(e.details?.location).toBe(elsewhere.url);
    expect(e.status).toBe(307);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('requestVisitAuthen ends NOT_ISSUED (the redirecting server did not process it), nothing re-posted', async () => {
    redirectTo(() => elsewhere.url, 308);
    const e = await err(createAgentClient({ baseUrl: home.url }).requestVisitAuthen(SAVE));
    expect([e.code, e.details?.reason]).toEqual(['NOT_ISSUED', 'CROSS_ORIGIN_REDIRECT']);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('NHSO requestAuthenCode and UCWS: the body and the token never reach the other origin', async () => {
    redirectTo(() => elsewhere.url);
    const nhso = createNhsoClient({ token: TOKEN, environment: { baseUrl: home.url } });
    const e = await err(nhso.requestAuthenCode(AUTHEN_CODE_REQUEST));
    expect(e.code).toBe('CROSS_ORIGIN_REDIRECT');
    const u = await err(
      createUcwsClient({ endpoint: `${home.url}/ucws`, retry: { retries: 0 } }).searchCurrentByPid({
        userPersonId: '3100100123451',
        smctoken: 'abcdEFGH12345678',
        personId: PID,
      }),
    );
    expect(u.code).toBe('CROSS_ORIGIN_REDIRECT');
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('a same-origin 307 of a POST is still followed (method and body kept)', async () => {
    home.handle((q, r) => {
      if (q.path === AGENT_PATHS.confirmSave) {
        r.writeHead(307, { location: '/moved/confirm-save' });
        r.end();
        return;
      }
      const b = JSON.parse(q.body) as { pid: string; claimType: string };
      json(r, 200, { pid: b.pid, claimType: b.claimType, claimCode: 'PP0000000001', createdDate: null });
    });
    const r = await createAgentClient({ baseUrl: home.url }).confirmSave(SAVE);
    expect(r.claimCode).toBe('PP0000000001');
    expect(home.seen.at(-1)).toMatchObject({ method: 'POST', path: '/moved/confirm-save' });
  });

  it('a GET may follow a redirect to another origin, but without the token', async () => {
    home.handle((q, r) => {
      r.writeHead(307, { location: `${elsewhere.url}${q.path}?${q.query}` });
      r.end();
    });
    elsewhere.handle((_q, r) => json(r, 401, {}));
    const nhso = createNhsoClient({
      token: TOKEN,
      environment: { baseUrl: home.url },
      retry: { retries: 0 },
    });
    await err(nhso.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }));
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    for (const q of elsewhere.seen) expect(q.headers.authorization).toBeUndefined();
    expect(home.seen.at(-1)?.path).toBe(NHSO_PATHS.checkAuthenStatus);
    elsewhere.handle((_q, r) => json(r, 200, {}));
  });

  it('the SRM token refresh never re-posts the refresh token to another origin', async () => {
    const file = join(tmpdir(), `authenkit-srm-${process.pid}.txt`);
    await writeFile(file, 'refresh-token=r-secret\n');
    redirectTo(() => elsewhere.url);
    const srm = srmTokenFile({ path: file, refreshBaseUrl: home.url });
    const e = await err(srm.getToken());
    expect(e.code).toBe('CROSS_ORIGIN_REDIRECT');
    expect(elsewhere.seen).toHaveLength(0);
  });
});
