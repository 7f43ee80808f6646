import {
  ageInYears,
  createManualClock,
  REPORT_MAX_SPAN_DAYS,
  type Sandbox,
  startSandbox,
  validateReportWindow,
} from '@authenkit/nhso-sandbox';
import { encodeServiceQr } from '@authenkit/qr-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const clock = createManualClock('2026-01-10T09:00:00+07:00');
let sb: Sandbox;
let auth: Record<string, string>;

beforeAll(async () => {
  sb = await startSandbox({ seed: 9, people: 600, clock });
  auth = { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' };
});
afterAll(async () => sb.close());

const j = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
  const r = await fetch(sb.url + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, body: await r.json() };
};

describe('Authen Code summary report', () => {
  it('filters by unit, date ranges, channel, status, certifier, method, recorder and claim type, with paging', async () => {
    const people = sb.population.people.filter((p) => !p.deathDate);
    const staff = sb.population.staff[0]!;
    // 3 days × 10 people at 10699, mixed channels; 5 at another unit
    const issued: string[] = [];
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 10; i++) {
        const p = people[i]!;
        const { code } = sb.issueCode({
          kind: 'PP',
          pid: p.pid,
          hcode: '10699',
          claimType: i % 2 ? 'PG0060001' : 'PG0130001',
          channel: i % 3 === 0 ? 'LINE' : 'AGENT',
          certifier: i % 4 === 0 ? 'PARENT' : 'PATIENT',
          method: i % 3 === 0 ? 'QR_LINE' : 'SMART_CARD',
          recorderPid: i % 5 === 0 ? staff.pid : null,
          serviceTime: clock.now() + day * 86_400_000,
        });
        issued.push(code.claimCode);
      }
    }
    for (let i = 10; i < 15; i++)
      sb.issueCode({
        kind: 'PP',
        pid: people[i]!.pid,
        hcode: '10887',
        claimType: 'PG0060001',
        serviceTime: clock.now(),
      });
    const base =
      '/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-10&claimDateTo=2026-01-12';
    const all = await j('GET', `${base}&size=100`);
    expect(all.status).toBe(200);
    expect(all.body.totalElements).toBe(30);
    expect(all.body.content.every((c: { hmain: string }) => c.hmain === '10699')).toBe(true);
    // transId desc by default
    const ids = all.body.content.map((c: { transId: number }) => c.transId);
    expect([...ids].sort((a: number, b: number) => b - a)).toEqual(ids);
    const oneDay = await j(
      'GET',
      '/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-11&claimDateTo=2026-01-11&size=100',
    );
    expect(oneDay.body.totalElements).toBe(10);
    const line = await j('GET', `${base}&sourceChannel=LINE&size=100`);
    expect(line.body.totalElements).toBe(12); // i = 0,3,6,9 × 3 days
    expect(
      line.body.content.every(
        (c: { sourceChannel: string; authenMethod: string }) =>
          c.sourceChannel === 'LINE' && c.authenMethod === 'QR_LINE',
      ),
    ).toBe(true);
    expect((await j('GET', `${base}&certifier=PARENT`)).body.totalElements).toBe(9); // i = 0,4,8
    expect((await j('GET', `${base}&recorderPid=${staff.pid}`)).body.totalElements).toBe(6); // i = 0,5
    expect((await j('GET', `${base}&claimType=PG0130001`)).body.totalElements).toBe(15);
    expect((await j('GET', `${base}&authenMethod=SMART_CARD`)).body.totalElements).toBe(18);
    expect((await j('GET', `${base}&pid=${people[1]!.pid}`)).body.totalElements).toBe(3);
    expect((await j('GET', `${base}&claimCode=${issued[4]}`)).body.content[0].claimCode).toBe(issued[4]);
    expect((await j('GET', `${base}&provinceCode=1200`)).body.totalElements).toBe(30);
    expect((await j('GET', `${base}&zoneCode=9`)).body.totalElements).toBe(0);
    const today = new Date(clock.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(
      (
        await j(
          'GET',
          `/authencode/api/authencode-report?hcode=10699&createDateFrom=${today}&createDateTo=${today}`,
        )
      ).body.totalElements,
    ).toBe(30);
    // paging
    const p0 = await j('GET', `${base}&page=0&size=7&sort=claimDate,asc`);
    const p4 = await j('GET', `${base}&page=4&size=7&sort=claimDate,asc`);
    expect(p0.body).toMatchObject({
      totalPages: 5,
      number: 0,
      first: true,
      last: false,
      numberOfElements: 7,
    });
    expect(p4.body).toMatchObject({ number: 4, last: true, numberOfElements: 2 });
    expect(p0.body.content[0].claimDate <= p4.body.content[1].claimDate).toBe(true);
    // status: used / cancelled with reason and editor
    const staffTokens = sb.loginStaff(staff.pid);
    const sh = { authorization: `Bearer ${staffTokens.token}`, 'content-type': 'application/json' };
    const target =
      all.body.content.find((c: { hmain: string }) => c.hmain === staffTokens.hcode)?.claimCode ?? issued[0];
    const noReason = await j(
      'POST',
      `/authencode/api/authencode/${target}/status`,
      { status: 'cancelled' },
      sh,
    );
    expect(noReason.status).toBe(400);
    const cancelled = await j(
      'POST',
      `/authencode/api/authencode/${target}/status`,
      { status: 'cancelled', reason: 'ผู้ป่วยไม่มารับบริการ' },
      sh,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      claimStatus: 'cancelled',
      cancelReason: 'ผู้ป่วยไม่มารับบริการ',
      editBy: staff.pid,
    });
    expect(
      (await j('POST', `/authencode/api/authencode/${target}/status`, { status: 'used' }, sh)).status,
    ).toBe(409);
    expect((await j('GET', `${base}&claimStatus=cancelled`)).body.totalElements).toBe(1);
    // a cancelled code frees the day: the same person/service can get a new code
    const c = sb.store.getCode(target)!;
    const again = sb.issueCode({
      kind: 'PP',
      pid: c.pid,
      hcode: c.hcode,
      claimType: c.claimType,
      serviceTime: Date.parse(`${c.serviceDateTime}+07:00`),
    });
    expect(again.code.claimCode).not.toBe(target);
    // lifecycle from @authenkit/authen-code: a used code cannot be cancelled
    const used = issued.find((c) => c !== target)!;
    expect(
      (await j('POST', `/authencode/api/authencode/${used}/status`, { status: 'used' }, sh)).body.claimStatus,
    ).toBe('used');
    expect(
      (await j('POST', `/authencode/api/authencode/${used}/status`, { status: 'cancelled', reason: 'x' }, sh))
        .status,
    ).toBe(409);
    // filters are validated by authen-code's report model
    const badFilter = await j('GET', `${base}&claimType=NOPE`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.details.issues[0].field).toBe('claimType');
    const opd = (await j('GET', `${base}&serviceType=OPD&size=100`)).body.content as { claimType: string }[];
    expect(opd.length).toBeGreaterThan(0);
    expect(opd.every((c) => c.claimType === 'PG0060001')).toBe(true);
    // staff of another unit cannot report on this unit
    const foreign = sb.population.staff.find((s) => s.staff!.hcode !== '10699')!;
    const ft = sb.loginStaff(foreign.pid);
    expect((await j('GET', base, undefined, { authorization: `Bearer ${ft.token}` })).status).toBe(403);
  });

  it('exports the filtered report as CSV with the NHSO report headers (authen-code toCsv)', async () => {
    const r = await fetch(
      `${sb.url}/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-10&claimDateTo=2026-01-12&sourceChannel=LINE&format=csv`,
      {
        headers: auth,
      },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    const text = (await r.text()).replace(/^\uFEFF/, '');
    const rows = text.trim().split('\r\n');
    expect(rows[0]).toContain('รหัสการเข้ารับการรักษา (Authen Code)');
    expect(rows.length - 1).toBe(12); // the LINE rows of the first test, all of them (no paging)
    const en = await (
      await fetch(
        `${sb.url}/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-10&claimDateTo=2026-01-12&format=csv&language=en`,
        { headers: auth },
      )
    ).text();
    expect(en).toContain('Authen Code');
    expect(
      (
        await fetch(
          `${sb.url}/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-10&claimDateTo=2026-01-12&format=xml`,
          { headers: auth },
        )
      ).status,
    ).toBe(400);
  });

  it('enforces the 14-day window and requires a date range', async () => {
    expect(REPORT_MAX_SPAN_DAYS).toBe(14);
    expect(
      (
        await j(
          'GET',
          '/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-01&claimDateTo=2026-01-15',
        )
      ).status,
    ).toBe(200);
    const tooLong = await j(
      'GET',
      '/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-01&claimDateTo=2026-01-16',
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('REPORT_WINDOW_TOO_LONG');
    expect(tooLong.body.error.messageTh).toMatch(/14 วัน/);
    expect((await j('GET', '/authencode/api/authencode-report?hcode=10699')).status).toBe(400);
    expect(
      (
        await j(
          'GET',
          '/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-05&claimDateTo=2026-01-01',
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await j(
          'GET',
          '/authencode/api/authencode-report?hcode=10699&createDateFrom=2026-01-01&createDateTo=2026-02-01',
        )
      ).status,
    ).toBe(400);
    expect(() => validateReportWindow({ claimDateFrom: '2026-02-30', claimDateTo: '2026-03-01' })).toThrow(
      /YYYY-MM-DD/,
    );
    expect(() =>
      validateReportWindow({ claimDateFrom: '2025-12-25', claimDateTo: '2026-01-08' }),
    ).not.toThrow();
  });
});

describe('LINE citizen flow', () => {
  const living = () => sb.population.people.filter((p) => !p.deathDate && !p.staff);
  const qr = (hcode = '10998', serviceCode = 'PG0090001') => encodeServiceQr({ hcode, serviceCode });

  it('consent → register → scan a clinic QR → PP code for that unit and service', async () => {
    const p = living().find(
      (x) => x.right?.mainInscl === 'UCS' && ageInYears(x.birthDate, clock.now()) >= 15,
    )!;
    expect((await j('POST', '/line/api/consent', { lineUserId: 'U1', accept: true })).status).toBe(200);
    expect(
      (await j('POST', '/line/api/register', { lineUserId: 'U1', pid: p.pid, phone: '0812345678' })).status,
    ).toBe(200);
    const r = await j('POST', '/line/api/authen-code', { lineUserId: 'U1', qr: qr(), requestId: 'r1' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hcode: '10998', claimType: 'PG0090001', replayed: false });
    expect(r.body.claimCode).toMatch(/^PP\d{10}$/);
    expect(sb.store.getCode(r.body.claimCode)).toMatchObject({
      channel: 'LINE',
      method: 'QR_LINE',
      certifier: 'PATIENT',
      mobile: '0812345678',
    });
    // the same request id replays; a new scan the same day is a duplicate
    expect(
      (await j('POST', '/line/api/authen-code', { lineUserId: 'U1', qr: qr(), requestId: 'r1' })).body
        .claimCode,
    ).toBe(r.body.claimCode);
    const dup = await j('POST', '/line/api/authen-code', { lineUserId: 'U1', qr: qr(), requestId: 'r2' });
    expect(dup.status).toBe(409);
    // OPD QR maps to PG0060001
    const opd = await j('POST', '/line/api/authen-code', { lineUserId: 'U1', qr: qr('10998', 'OPD') });
    expect(opd.body.claimType).toBe('PG0060001');
  });

  it('registration is for oneself only: one PID per LINE account, one account per PID', async () => {
    const adults = living().filter(
      (x) => x.right?.mainInscl === 'UCS' && ageInYears(x.birthDate, clock.now()) >= 15,
    );
    const [me, relative] = [adults[10]!, adults[11]!];
    await j('POST', '/line/api/consent', { lineUserId: 'U7', accept: true });
    expect(
      (await j('POST', '/line/api/register', { lineUserId: 'U7', pid: me.pid, phone: '0811111111' })).status,
    ).toBe(200);
    expect(
      (await j('POST', '/line/api/register', { lineUserId: 'U7', pid: me.pid, phone: '0822222222' })).status,
    ).toBe(200); // new phone
    const forRelative = await j('POST', '/line/api/register', {
      lineUserId: 'U7',
      pid: relative.pid,
      phone: '0811111111',
    });
    expect(forRelative.status).toBe(409);
    expect(forRelative.body.error.code).toBe('ALREADY_REGISTERED');
    await j('POST', '/line/api/consent', { lineUserId: 'U8', accept: true });
    expect(
      (await j('POST', '/line/api/register', { lineUserId: 'U8', pid: me.pid, phone: '0833333333' })).status,
    ).toBe(409);
  });

  it('declined consent blocks registration and scanning', async () => {
    const p = living().find(
      (x) => x.right?.mainInscl === 'UCS' && ageInYears(x.birthDate, clock.now()) >= 15,
    )!;
    await j('POST', '/line/api/consent', { lineUserId: 'U2', accept: false });
    const r = await j('POST', '/line/api/register', { lineUserId: 'U2', pid: p.pid, phone: '0812345678' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('CONSENT_REQUIRED');
    expect((await j('POST', '/line/api/authen-code', { lineUserId: 'U2', qr: qr() })).body.error.code).toBe(
      'CONSENT_REQUIRED',
    );
    expect((await j('POST', '/line/api/authen-code', { lineUserId: 'nobody', qr: qr() })).status).toBe(403);
  });

  it('requires age 15+ (full years) and UC or empty rights', async () => {
    await j('POST', '/line/api/consent', { lineUserId: 'U3', accept: true });
    const child = living().find(
      (x) => ageInYears(x.birthDate, clock.now()) < 15 && (x.right === null || x.right.mainInscl === 'UCS'),
    )!;
    const c = await j('POST', '/line/api/register', {
      lineUserId: 'U3',
      pid: child.pid,
      phone: '0812345678',
    });
    expect(c.status).toBe(403);
    expect(c.body.error.code).toBe('CITIZEN_UNDER_15');
    expect(c.body.error.messageTh).toMatch(/15 ปี/);
    const ofc = living().find(
      (x) => x.right?.mainInscl === 'OFC' && ageInYears(x.birthDate, clock.now()) >= 15,
    )!;
    const o = await j('POST', '/line/api/register', { lineUserId: 'U3', pid: ofc.pid, phone: '0812345678' });
    expect(o.body.error.code).toBe('CITIZEN_RIGHT_NOT_UC');
    const empty = living().find((x) => x.right === null && ageInYears(x.birthDate, clock.now()) >= 15)!;
    expect(
      (await j('POST', '/line/api/register', { lineUserId: 'U3', pid: empty.pid, phone: '0812345678' }))
        .status,
    ).toBe(200);
    expect(
      (await j('POST', '/line/api/register', { lineUserId: 'U3', pid: empty.pid, phone: '12345' })).status,
    ).toBe(400);
  });

  it('rejects a malformed or expired QR', async () => {
    const p = living().filter(
      (x) => x.right?.mainInscl === 'UCS' && ageInYears(x.birthDate, clock.now()) >= 15,
    )[3]!;
    await j('POST', '/line/api/consent', { lineUserId: 'U4', accept: true });
    await j('POST', '/line/api/register', { lineUserId: 'U4', pid: p.pid, phone: '0898765432' });
    const bad = await j('POST', '/line/api/authen-code', { lineUserId: 'U4', qr: 'HELLO' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_QR');
    const expired = encodeServiceQr({
      hcode: '10998',
      serviceCode: 'PG0090001',
      validUntil: new Date('2025-12-31T00:00:00Z'),
    });
    expect(
      (await j('POST', '/line/api/authen-code', { lineUserId: 'U4', qr: expired })).body.error.code,
    ).toBe('INVALID_QR');
  });
});
