import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLineFixture, UNIT } from './fixture.js';

let fx: Awaited<ReturnType<typeof startLineFixture>>;

/** A browser-like session: keeps the LINE user cookie. */
function session() {
  let cookie = '';
  return async (path: string, body: string | Uint8Array, type = 'application/json') => {
    const res = await fetch(new URL(path, fx.app.url), {
      method: 'POST',
      headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, body: await res.json() };
  };
}

beforeAll(async () => {
  fx = await startLineFixture();
});
afterAll(() => fx?.close());

describe('citizen LINE flow', () => {
  it('consent → citizen ID + phone → scan the poster → Authen Code at that unit', async () => {
    const post = session();
    expect((await post('/api/consent', JSON.stringify({ accept: true }))).status).toBe(200);
    const reg = await post('/api/register', JSON.stringify({ pid: fx.citizen.pid, phone: fx.citizen.phone }));
    expect(reg).toEqual({ status: 200, body: { registered: true } });
    const scan = await post('/api/scan?requestId=r1', fx.poster, 'image/png');
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({
      claimCode: expect.stringMatching(/^PP\d{10}$/),
      hcode: UNIT.hcode,
      claimType: 'PG0010065',
      service: { th: 'คัดกรองโควิดแบบ Antigen' },
      when: { th: expect.stringMatching(/^\d{2} \S+ 25\d\d เวลา \d\d:\d\d น\.$/) },
    });
    // The same request again (a retry) gives the same code, not a second one.
    const retry = await post('/api/scan?requestId=r1', fx.poster, 'image/png');
    expect(retry.body).toMatchObject({ claimCode: scan.body.claimCode, replayed: true });
    // NHSO's side: the code is there, requested via LINE.
    const codes = fx.sandbox.store.listCodes().filter((c) => c.claimCode === scan.body.claimCode);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ pid: fx.citizen.pid, hcode: UNIT.hcode, channel: 'LINE' });
  });

  it('without consent nothing can be registered', async () => {
    const post = session();
    await post('/api/consent', JSON.stringify({ accept: false }));
    const reg = await post('/api/register', JSON.stringify({ pid: fx.citizen.pid, phone: fx.citizen.phone }));
    expect(reg.status).toBe(403);
    expect(reg.body.error.code).toBe('CONSENT_REQUIRED');
    expect(reg.body.error.message.th).toMatch(/ยินยอม/);
  });

  it('checks the citizen ID, the age limit and the photo', async () => {
    const post = session();
    await post('/api/consent', JSON.stringify({ accept: true }));
    const bad = await post('/api/register', JSON.stringify({ pid: '1234567890123', phone: '0812345678' }));
    expect(bad.body.error.code).toBe('INVALID_PID');
    const young = await post('/api/register', JSON.stringify({ pid: fx.child.pid, phone: '0812345678' }));
    expect(young.status).toBe(403);
    expect(young.body.error.code).toBe('CITIZEN_UNDER_15');

    await post('/api/register', JSON.stringify({ pid: fx.citizen.pid, phone: fx.citizen.phone }));
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    const noQr = await post('/api/scan', PNG.sync.write(blank), 'image/png');
    expect(noQr).toMatchObject({ status: 400, body: { error: { code: 'NO_QR_FOUND' } } });
    const notPng = await post('/api/scan', 'hello', 'image/png');
    expect(notPng.status).toBe(400);
  });

  it('serves the Thai page', async () => {
    const html = await (await fetch(fx.app.url)).text();
    expect(html).toContain('ขอรหัสเข้ารับบริการ');
  });
});
