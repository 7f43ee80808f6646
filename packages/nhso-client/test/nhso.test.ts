import { createNhsoClient, singleFlightToken } from '@authenkit/nhso-client';
import { NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHEN_CODE_REQUEST,
  CLAIM,
  FLAT_STATUS,
  NESTED_STATUS,
  STRING_RESULTS_STATUS,
} from './helpers/fixtures.js';
import { rejection as err, json, PID, reset, startServer, type TestServer } from './helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

const TOKEN = 'd7a9c0f2-0000-4000-8000-000000000001';
const nhso = (extra: Partial<Parameters<typeof createNhsoClient>[0]> = {}) =>
  createNhsoClient({
    token: TOKEN,
    environment: { baseUrl: srv.url },
    hcode: '10699',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });

describe('checkAuthenStatus', () => {
  it('sends the query with the Bearer token on NHSO path', async () => {
    srv.handle((_q, r) => json(r, 200, NESTED_STATUS));
    await nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02', serviceCode: 'PG0060001' });
    const q = srv.seen.at(-1)!;
    expect(q.path).toBe(NHSO_PATHS.checkAuthenStatus);
    expect(q.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(q.query)).toEqual({
      personalId: PID,
      serviceDate: '2025-01-02',
      serviceCode: 'PG0060001',
    });
  });

  it('nested shape → histories, person, rights; filtered by serviceCode', async () => {
    srv.handle((_q, r) => json(r, 200, NESTED_STATUS));
    const all = await nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' });
    expect(all.shape).toBe('nested');
    expect(all.found).toBe(true);
    expect(all.histories).toHaveLength(2);
    expect(all.histories[0]).toEqual({
      claimCode: 'PP1238504971',
      hcode: '10699',
      hname: 'รพ.ตัวอย่าง',
      serviceDateTime: '2025-01-02T23:30:00+07:00',
      serviceCode: 'PG0060001',
      serviceName: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)',
      sourceChannel: 'ENDPOINT',
    });
    expect(all.person).toMatchObject({
      firstName: 'สมชาย',
      mainInscl: { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' },
      birthDate: '2005-03',
    });
    const hd = await nhso().checkAuthenStatus({
      personalId: PID,
      serviceDate: '2025-01-02',
      serviceCode: 'PG0130001',
    });
    expect(hd.histories.map((h) => h.claimCode)).toEqual(['PP1238504972']);
  });

  it('flat shape with statusAuthen "TRUE"', async () => {
    srv.handle((_q, r) => json(r, 200, FLAT_STATUS));
    const s = await nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2023-10-06' });
    expect(s.shape).toBe('flat');
    expect(s.found).toBe(true);
    expect(s.histories[0]).toMatchObject({
      claimCode: 'PP1015363237',
      hcode: '10699',
      serviceDateTime: '2023-10-06T15:16:38+07:00',
    });
    expect(s.person).toMatchObject({
      mainInscl: { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' },
      birthDate: '1992-08-28',
    });
  });

  it('string-results shape', async () => {
    srv.handle((_q, r) => json(r, 200, STRING_RESULTS_STATUS));
    const s = await nhso().checkAuthenStatus({
      personalId: PID,
      serviceDate: new Date('2025-01-01T20:00:00Z'),
    });
    expect(srv.seen.at(-1)?.query.get('serviceDate')).toBe('2025-01-02');
    expect(s).toMatchObject({
      shape: 'string-results',
      found: true,
      histories: [{ claimCode: 'PP1111111111', hcode: '10699' }],
    });
    srv.handle((_q, r) => json(r, 200, { success: true, results: '{broken' }));
    expect((await err(nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }))).code).toBe(
      'BAD_RESPONSE',
    );
  });

  it('found:false (not an error) when NHSO has no record', async () => {
    for (const body of [
      { statusAuthen: false, statusMessage: 'ไม่พบข้อมูล' },
      { ...FLAT_STATUS, serviceHistories: [] },
    ]) {
      srv.handle((_q, r) => json(r, 200, body));
      expect((await nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' })).found).toBe(
        false,
      );
    }
    srv.handle((_q, r) => json(r, 404, { statusAuthen: 'false', statusMessage: 'not found' }));
    expect(await nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' })).toMatchObject({
      found: false,
      histories: [],
    });
  });

  it('400 → VALIDATION with statusMessage; 401 → UNAUTHORIZED; 429 → RATE_LIMITED with Retry-After', async () => {
    srv.handle((_q, r) =>
      json(r, 400, { statusAuthen: 'false', statusMessage: 'Missing required parameter serviceDate' }),
    );
    const v = await err(nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }));
    expect([v.code, v.details?.messages]).toEqual(['VALIDATION', ['Missing required parameter serviceDate']]);
    srv.handle((_q, r) => json(r, 401, {}));
    expect((await err(nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }))).code).toBe(
      'UNAUTHORIZED',
    );
    srv.handle((_q, r) => json(r, 429, {}, { 'retry-after': '120' }));
    const rl = await err(nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }));
    expect([rl.code, rl.retryAfterMs, rl.status]).toEqual(['RATE_LIMITED', 120_000, 429]);
  });

  it('honours a short Retry-After and then succeeds', async () => {
    let n = 0;
    srv.handle((_q, r) =>
      ++n === 1 ? json(r, 429, {}, { 'retry-after': '0' }) : json(r, 200, NESTED_STATUS),
    );
    const retries: number[] = [];
    const s = await nhso({
      hooks: { onEvent: (e) => e.type === 'retry' && retries.push(e.durationMs ?? -1) },
    }).checkAuthenStatus({
      personalId: PID,
      serviceDate: '2025-01-02',
    });
    expect(s.found).toBe(true);
    expect(n).toBe(2);
    expect(retries).toHaveLength(1);
  });

  it('rejects a bad PID or date before sending', async () => {
    const before = srv.seen.length;
    expect((await err(nhso().checkAuthenStatus({ personalId: '123', serviceDate: '2025-01-02' }))).code).toBe(
      'VALIDATION',
    );
    expect((await err(nhso().checkAuthenStatus({ personalId: PID, serviceDate: 'yesterday' }))).code).toBe(
      'VALIDATION',
    );
    expect(srv.seen.length).toBe(before);
  });
});

describe('NHSO Endpoint', () => {
  const claim = CLAIM;

  it('closeClaim → EP code; cached per transactionId', async () => {
    let posts = 0;
    srv.handle((q, r) => {
      if (q.method === 'POST') {
        posts++;
        expect(q.path).toBe(NHSO_PATHS.claimDetail);
        expect(JSON.parse(q.body).transactionId).toBe(claim.transactionId);
        return json(r, 200, { seq: 77, authenCode: 'EP0000000001' });
      }
      json(r, 200, { statusAuthen: false });
    });
    const c = nhso();
    expect(await c.closeClaim(claim)).toEqual({
      authenCode: 'EP0000000001',
      seq: 77,
      reused: false,
      reconciled: false,
    });
    expect(await c.closeClaim(claim)).toMatchObject({ authenCode: 'EP0000000001', reused: true });
    expect(posts).toBe(1);
  });

  it('closeClaim reconciles an ambiguous failure through check-authen-status', async () => {
    let committed = false;
    let posts = 0;
    srv.handle((q, r) => {
      if (q.method === 'POST') {
        posts++;
        committed = true;
        return reset(r);
      }
      json(r, 200, {
        statusAuthen: committed,
        serviceHistories: committed
          ? [
              {
                hospital: { hcode: '10699' },
                serviceDateTime: '2025-01-02T08:00:00',
                claimCode: 'EP0000000002',
                service: { code: 'PG0060001' },
              },
            ]
          : [],
      });
    });
    expect(await nhso().closeClaim({ ...claim, transactionId: '10699T2' })).toMatchObject({
      authenCode: 'EP0000000002',
      reconciled: true,
      reused: false,
    });
    expect(posts).toBe(1);
  });

  it('closeClaim: invalid request and 409 are NOT_ISSUED', async () => {
    expect((await err(nhso().closeClaim({ ...claim, transactionId: '99999X' }))).code).toBe('NOT_ISSUED');
    srv.handle((q, r) => (q.method === 'POST' ? json(r, 403, { dataError: 'forbidden' }) : json(r, 200, {})));
    const e = await err(nhso().closeClaim({ ...claim, transactionId: '10699T3' }));
    expect([e.code, e.details?.reason]).toEqual(['NOT_ISSUED', 'UNAUTHORIZED']);
  });

  it('requestAuthenCode (AuthenCode by PID)', async () => {
    srv.handle((q, r) => json(r, 200, { authenCode: 'EP0000000009', echo: JSON.parse(q.body).pid }));
    const r = await nhso().requestAuthenCode(AUTHEN_CODE_REQUEST);
    expect(r).toEqual({ authenCode: 'EP0000000009' });
    expect(srv.seen.at(-1)?.path).toBe(NHSO_PATHS.authenCode);
  });

  it('realPerson with SOURCE_ID = hcode', async () => {
    srv.handle((_q, r) =>
      json(r, 200, {
        pid: PID,
        firstName: 'สมชาย',
        lastName: 'ใจดี',
        birthDate: '25480320',
        mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
        mainInsclCode: 'UCS',
        mainInsclName: 'สิทธิหลักประกันสุขภาพแห่งชาติ',
        subInsclCode: '89',
        subInsclName: 'ช่วงอายุ 12-59 ปี',
        hospMainNew: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
      }),
    );
    const p = await nhso().realPerson(PID);
    expect(Object.fromEntries(srv.seen.at(-1)!.query)).toEqual({ SOURCE_ID: '10699', PID });
    expect(p).toMatchObject({
      birthDate: '2005-03-20',
      mainInscl: { code: 'UCS' },
      subInscl: { code: '89' },
      hospMain: { hcode: '10699' },
    });
  });

  it('v2 rightSearch with checkDate T00:00:00', async () => {
    srv.handle((_q, r) =>
      json(r, 200, {
        checkDate: '2025-01-02T00:00:00',
        funds: [{ mainInscl: { id: 'OFC', name: 'ข้าราชการ' } }],
      }),
    );
    const r = await nhso().rightSearch({ pid: PID, checkDate: '2025-01-02' });
    expect(srv.seen.at(-1)?.path).toBe(NHSO_PATHS.rightSearchV2);
    expect(srv.seen.at(-1)?.query.get('checkDate')).toBe('2025-01-02T00:00:00');
    expect(r.mainInscl).toEqual({ code: 'OFC', name: 'ข้าราชการ' });
  });
});

describe('SRM', () => {
  it('refreshes once on 401 (one refresh in flight for concurrent calls)', async () => {
    let current = 'jwt-1';
    srv.handle((q, r) => {
      if (q.headers.authorization !== `Bearer ${current}`) return json(r, 401, {});
      json(r, 200, { funds: [{ mainInscl: { id: 'UCS', name: 'x' } }] });
    });
    const provider = singleFlightToken(async (prev) => ({ token: prev ? 'jwt-2' : 'jwt-0' }));
    current = 'jwt-2';
    const c = nhso({ srmToken: provider });
    const rs = await Promise.all([c.srmRightSearch(PID), c.srmRightSearch(PID), c.srmRightSearch(PID)]);
    expect(rs.every((r) => r.mainInscl?.code === 'UCS')).toBe(true);
    expect(provider.refreshCount).toBe(2); // initial fetch + one shared refresh
    expect(srv.seen.at(-1)?.path).toBe(NHSO_PATHS.srmRightSearch);
  });

  it('TOKEN_EXPIRED when the refreshed token is still rejected', async () => {
    srv.handle((_q, r) => json(r, 401, {}));
    let n = 0;
    const provider = { getToken: async () => `t${n}`, invalidate: () => void n++ };
    const e = await err(nhso({ srmToken: provider }).srmRightSearch(PID));
    expect(e.code).toBe('TOKEN_EXPIRED');
    expect(n).toBe(1);
  });
});

describe('resilience', () => {
  it('a reset lookup is retried within the budget', async () => {
    let n = 0;
    srv.handle((_q, r) => (++n === 1 ? reset(r) : json(r, 200, NESTED_STATUS)));
    expect((await nhso().checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' })).found).toBe(true);
  });
});
