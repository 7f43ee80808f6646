import { createAgentClient, type HookEvent } from '@authenkit/nhso-client';
import { AGENT_PATHS, fillPath } from '@authenkit/nhso-client/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO, PHOTO_B64, READ_BODY } from './helpers/fixtures.js';
import {
  rejection as codeOf,
  json,
  PID,
  refusedUrl,
  reset,
  sleep,
  startServer,
  type TestServer,
} from './helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

const agent = (extra: Parameters<typeof createAgentClient>[0] = {}) =>
  createAgentClient({ baseUrl: srv.url, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...extra });

const SAVE = {
  pid: PID,
  claimType: 'PG0060001',
  mobile: '0812345678',
  correlationId: READ_BODY.correlationId,
};

describe('agent endpoints', () => {
  it('terminals: booleans, including the string form', async () => {
    srv.handle((_q, r) =>
      json(r, 200, [
        { terminalName: 'ACS ACR39U 0', isPresent: true },
        { terminalName: 'Other', isPresent: 'false' },
      ]),
    );
    expect(await agent().terminals()).toEqual([
      { terminalName: 'ACS ACR39U 0', isPresent: true },
      { terminalName: 'Other', isPresent: false },
    ]);
    expect(srv.seen.at(-1)?.path).toBe(AGENT_PATHS.terminals);
  });

  it('readCard: normalised card, rights, claim types, BE birth date, photo bytes', async () => {
    srv.handle((q, r) =>
      json(r, 200, {
        ...READ_BODY,
        ...(q.query.get('readImageFlag') === 'true' ? { image: PHOTO_B64 } : {}),
      }),
    );
    const card = await agent().readCard({ withPhoto: true });
    expect(srv.seen.at(-1)?.query.get('readImageFlag')).toBe('true');
    expect(card).toMatchObject({
      pid: PID,
      titleCode: '001',
      firstName: 'สมชาย',
      birthDate: '2005-03-20',
      mainInscl: { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' },
      subInscl: { code: '89', name: 'ช่วงอายุ 12-59 ปี' },
      hospMain: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
      hospSub: { hcode: '77702', hname: 'รพ.สต.ตัวอย่าง' },
      claimTypes: [
        { code: 'PG0060001', name: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' },
        { code: 'PG0130001', name: 'บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)' },
      ],
      correlationId: READ_BODY.correlationId,
      checkDate: '2025-11-07T17:26:31+07:00',
    });
    expect(card.photo).toEqual(PHOTO);
    expect(card.raw).toBeUndefined();
    const noPhoto = await agent().readCard();
    expect(srv.seen.at(-1)?.query.get('readImageFlag')).toBe('false');
    expect(noPhoto.photo).toBeUndefined();
  });

  it('keeps unknown fields under raw only when asked', async () => {
    srv.handle((_q, r) => json(r, 200, READ_BODY));
    const card = await agent({ raw: true }).readCard();
    expect((card.raw as Record<string, unknown>).vendorExtra).toEqual({ anything: true });
  });

  it('readCardOnly and probe', async () => {
    srv.handle((q, r) => {
      if (q.path === AGENT_PATHS.readCardOnly)
        return json(r, 200, { pid: PID, fname: 'ก', lname: 'ข', birthDate: '25300000' });
      if (q.path === fillPath(AGENT_PATHS.probe, { pid: PID }))
        return json(r, 200, { pid: PID, mainInscl: '(SSS) สิทธิประกันสังคม' });
      json(r, 404, {});
    });
    const only = await agent().readCardOnly();
    expect(only).toMatchObject({ pid: PID, birthDate: '1987', correlationId: null, claimTypes: [] });
    const probe = await agent().probe(PID);
    expect(probe.mainInscl).toEqual({ code: 'SSS', name: 'สิทธิประกันสังคม' });
    expect((await codeOf(agent().probe('1234567890123'))).code).toBe('VALIDATION');
  });

  it('saveDraft and confirmSave send the body and accept any 2xx', async () => {
    srv.handle((q, r) => {
      const b = JSON.parse(q.body);
      if (q.path === AGENT_PATHS.saveDraft)
        return json(r, 200, { pid: b.pid, claimType: b.claimType, createdDate: '2025-01-02T08:00:00' });
      json(r, 201, { ...b, createdDate: '2023-08-04T15:32:17', claimCode: 'PP1238504971' });
    });
    expect(await agent().saveDraft(SAVE)).toEqual({
      claimType: 'PG0060001',
      createdDate: '2025-01-02T08:00:00+07:00',
    });
    const r = await agent().confirmSave({ ...SAVE, hn: 'HN1', hcode: '10699' });
    expect(r).toEqual({
      claimCode: 'PP1238504971',
      claimType: 'PG0060001',
      createdDate: '2023-08-04T15:32:17+07:00',
    });
    expect(JSON.parse(srv.seen.at(-1)!.body)).toEqual({ ...SAVE, hn: 'HN1', hcode: '10699' });
  });

  it('latestAuthenCode: item, or null when the body lacks claimCode', async () => {
    let body: unknown = {
      claimType: 'PG0060001',
      claimCode: 'PP1',
      claimDateTime: '2025-01-02T08:00:00',
      hcode: '10699',
      checkDate: 'x',
    };
    srv.handle((_q, r) => json(r, 200, body));
    expect(await agent().latestAuthenCode(PID)).toEqual({
      claimCode: 'PP1',
      claimType: 'PG0060001',
      claimDateTime: '2025-01-02T08:00:00+07:00',
      hcode: '10699',
    });
    body = { checkDate: '2025-01-02T08:00:00' };
    expect(await agent().latestAuthenCode(PID)).toBeNull();
  });

  it('latestAuthenCodes: always an array (array, single object, null, empty)', async () => {
    const item = {
      claimType: 'PG0060001',
      claimCode: 'PP1',
      claimDateTime: '2025-01-02T08:00:00',
      hcode: '10699',
    };
    for (const [body, n] of [
      [[item, { ...item, claimCode: 'PP2' }], 2],
      [item, 1],
      [null, 0],
      [[], 0],
    ] as const) {
      srv.handle((_q, r) => json(r, 200, body));
      const list = await agent().latestAuthenCodes(PID);
      expect(Array.isArray(list)).toBe(true);
      expect(list).toHaveLength(n);
    }
    expect(srv.seen.at(-1)?.path).toBe(fillPath(AGENT_PATHS.latestAuthenCodes, { pid: PID }));
  });

  it('preference', async () => {
    srv.handle((_q, r) => json(r, 200, { hcode: '10699', mode: 'kiosk' }));
    expect(await agent().preference()).toEqual({ hcode: '10699', mode: 'kiosk' });
    expect(srv.seen.at(-1)?.path).toBe('/api/api/preference');
  });
});

describe('agent errors', () => {
  it('AGENT_NOT_RUNNING on connection refused', async () => {
    const e = await codeOf(createAgentClient({ baseUrl: await refusedUrl() }).terminals());
    expect(e.code).toBe('AGENT_NOT_RUNNING');
    expect(e.cause).toBeDefined();
  });

  it('READER_NOT_FOUND on 418, CARD_NOT_PRESENT on 500 read', async () => {
    srv.handle((_q, r) => json(r, 418, { status: 418, error: "I'm a teapot" }));
    const a = await codeOf(agent().readCard());
    expect([a.code, a.status]).toEqual(['READER_NOT_FOUND', 418]);
    srv.handle((_q, r) =>
      json(r, 500, { status: 500, error: 'Internal Server Error', message: `no card ${PID}` }),
    );
    const b = await codeOf(agent().readCard());
    expect([b.code, b.status]).toEqual(['CARD_NOT_PRESENT', 500]);
    expect(b.message).not.toContain(PID);
    expect(b.messageTh).toContain('บัตร');
  });

  it('VALIDATION on 400 surfaces Spring errors[] defaultMessage', async () => {
    srv.handle((_q, r) =>
      json(r, 400, {
        timestamp: '2025-01-02T08:00:00.000+0000',
        status: 400,
        error: 'Bad Request',
        errors: [
          {
            codes: ['Size.mobile'],
            defaultMessage: 'mobile must be 10 digits',
            objectName: 'req',
            code: 'Size',
          },
        ],
      }),
    );
    const e = await codeOf(agent().confirmSave(SAVE));
    expect(e.code).toBe('VALIDATION');
    expect(e.details?.messages).toContain('mobile must be 10 digits');
    expect(e.toJSON()).toMatchObject({ name: 'NhsoError', code: 'VALIDATION', status: 400 });
  });

  it('invalid request bodies are rejected before sending', async () => {
    const before = srv.seen.length;
    const e = await codeOf(agent().confirmSave({ ...SAVE, mobile: '081' }));
    expect(e.code).toBe('VALIDATION');
    expect(srv.seen.length).toBe(before);
  });

  it('DUPLICATE_AUTHEN_CODE on a same-day rejection and on 409', async () => {
    srv.handle((_q, r) => json(r, 400, { error: 'ไม่สามารถ Authen ซ้ำในวันเดียวกันมากกว่า 2 ครั้ง' }));
    expect((await codeOf(agent().confirmSave(SAVE))).code).toBe('DUPLICATE_AUTHEN_CODE');
    srv.handle((_q, r) => json(r, 409, {}));
    expect((await codeOf(agent().confirmSave(SAVE))).code).toBe('DUPLICATE_AUTHEN_CODE');
  });

  it('BAD_RESPONSE on non-JSON and on schema mismatch', async () => {
    srv.handle((_q, r) => json(r, 200, '<html>'));
    expect((await codeOf(agent().terminals())).code).toBe('BAD_RESPONSE');
    srv.handle((_q, r) => json(r, 200, { terminals: 'nope' }));
    expect((await codeOf(agent().terminals())).code).toBe('BAD_RESPONSE');
  });

  it('TIMEOUT within the call budget; ABORTED by the caller', async () => {
    srv.handle(async (_q, r) => {
      await sleep(400);
      json(r, 200, []);
    });
    const t = await codeOf(agent({ retry: { retries: 0 } }).terminals({ timeoutMs: 50 }));
    expect(t.code).toBe('TIMEOUT');
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 30);
    const a = await codeOf(agent().terminals({ signal: ctrl.signal }));
    expect(a.code).toBe('ABORTED');
    const pre = await codeOf(agent().terminals({ signal: AbortSignal.abort() }));
    expect(pre.code).toBe('ABORTED');
  });

  it('a body that stops half-way: TIMEOUT within the budget, connection closed; ABORTED mid-body', async () => {
    let closed = 0;
    srv.handle((_q, r) => {
      r.on('close', () => closed++);
      r.writeHead(200, { 'content-type': 'application/json' });
      r.write('[{"terminalName":"ACS'); // headers and part of the body, then nothing
    });
    const started = Date.now();
    const t = await codeOf(agent({ retry: { retries: 0 } }).terminals({ timeoutMs: 150 }));
    expect(t.code).toBe('TIMEOUT');
    expect(t.details?.maybeSent).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000); // not the server's (endless) pace
    await sleep(50);
    expect(closed).toBe(1); // the stalled response was cancelled, not left open
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 50);
    const a = await codeOf(agent().terminals({ signal: ctrl.signal, timeoutMs: 5_000 }));
    expect(a.code).toBe('ABORTED');
    await sleep(50);
    expect(closed).toBe(2);
  });

  it('retries idempotent GETs on 503 and resets; never retries confirm-save', async () => {
    let n = 0;
    srv.handle((_q, r) => (++n < 3 ? (n === 1 ? json(r, 503, {}) : reset(r)) : json(r, 200, [])));
    expect(await agent().terminals()).toEqual([]);
    expect(n).toBe(3);
    n = 0;
    srv.handle((_q, r) => {
      n++;
      json(r, 503, {});
    });
    const e = await codeOf(agent().confirmSave(SAVE));
    expect([e.code, e.status, n]).toEqual(['BAD_RESPONSE', 503, 1]);
    n = 0;
    srv.handle((_q, r) => {
      n++;
      reset(r);
    });
    expect((await codeOf(agent().confirmSave(SAVE))).code).toBe('NETWORK');
    expect(n).toBe(1);
  });

  it('one time budget across all retries of an idempotent call', async () => {
    let n = 0;
    srv.handle((_q, r) => {
      n++;
      reset(r);
    });
    const e = await codeOf(
      agent({ retry: { retries: 1_000, baseDelayMs: 20, maxDelayMs: 20 } }).terminals({ timeoutMs: 150 }),
    );
    expect(e.code).toBe('TIMEOUT'); // the budget ran out long before 1,000 retries
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(1_000);
    expect(e.cause).toBeDefined();
  });

  it('hooks see masked PIDs and never the body; a throwing hook breaks nothing', async () => {
    const events: HookEvent[] = [];
    srv.handle((_q, r) => json(r, 200, { claimCode: 'PP1' }));
    await agent({
      hooks: {
        onEvent: (e) => {
          events.push(e);
          throw new Error('logger down');
        },
      },
    }).latestAuthenCode(PID);
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
    expect(JSON.stringify(events)).not.toContain(PID);
    expect(events[0]?.url).toContain('1-1017-xxxxx-xx-0');
    const open: HookEvent[] = [];
    await agent({ logPersonalData: true, hooks: { onEvent: (e) => open.push(e) } }).latestAuthenCode(PID);
    expect(open[0]?.url).toContain(PID);
  });
});
