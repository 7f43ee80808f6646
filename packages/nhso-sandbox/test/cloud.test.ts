import { citizenIdCheckDigit } from '@authenkit/authen-code';
import {
  CheckAuthenStatusFlatSchema,
  CheckAuthenStatusNestedSchema,
  CheckAuthenStatusStringResultsSchema,
  ClaimDetailResponseSchema,
  EndpointErrorBodySchema,
  NHSO_DATASET_C1_FIELDS,
  RealPersonResponseSchema,
  RightSearchResponseSchema,
  SpringErrorBodySchema,
  SrmAccessTokenResponseSchema,
  StringResultsPayloadSchema,
} from '@authenkit/nhso-client/schemas';
import { createManualClock, type Sandbox, type SandboxPerson, startSandbox } from '@authenkit/nhso-sandbox';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const clock = createManualClock('2026-01-15T09:00:00+07:00');
let sb: Sandbox;
let auth: Record<string, string>;
let uc: SandboxPerson;
let other: SandboxPerson;
let dead: SandboxPerson;

beforeAll(async () => {
  sb = await startSandbox({ seed: 5, people: 400, clock });
  auth = { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' };
  const living = sb.population.people.filter((p) => !p.deathDate && !p.staff);
  uc = living.find((p) => p.right?.mainInscl === 'UCS')!;
  other = living.filter((p) => p.right?.mainInscl === 'UCS')[1]!;
  dead = sb.population.people.find((p) => p.deathDate)!;
});
afterAll(async () => sb.close());

const get = async (path: string, headers = auth) => {
  const r = await fetch(sb.url + path, { headers });
  return { status: r.status, body: await r.json() };
};
const post = async (path: string, body: unknown, headers = auth) => {
  const r = await fetch(sb.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};
const claimBody = (pid: string, over: Record<string, unknown> = {}) => ({
  hcode: '10699',
  mainInsclCode: 'UCS',
  serviceDateTime: clock.now(),
  invoiceDateTime: clock.now(),
  transactionId: `1069920260115090000${Math.random().toString(16).slice(2, 8)}`,
  totalAmount: 500,
  paidAmount: 0,
  privilegeAmount: 500,
  claimServiceCode: 'PG0060001',
  pid,
  sourceId: 'HIS',
  visitNumber: 'VN1',
  recorderPid: sb.population.staff[0]!.pid,
  ...over,
});

describe('right lookups', () => {
  it('RealPerson answers the schema shape', async () => {
    const r = await get(`/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${uc.pid}`);
    expect(r.status).toBe(200);
    const b = v.parse(RealPersonResponseSchema, r.body);
    expect(b.mainInsclCode).toBe('UCS');
    expect(b.firstName).toBe(uc.firstNameTh);
  });
  it('v2 and SRM right-search answer funds; the deceased have a death date', async () => {
    const r = await get(`/nhsoendpoint/api/v2/right-search?pid=${uc.pid}&checkDate=2026-01-15T00:00:00`);
    const b = v.parse(RightSearchResponseSchema, r.body);
    expect(b.funds?.[0]?.mainInscl.id).toBe('UCS');
    const d = v.parse(
      RightSearchResponseSchema,
      (await get(`/nhsoendpoint/api/v2/right-search?pid=${dead.pid}&checkDate=2026-01-15T00:00:00`)).body,
    );
    expect(d.deathDate).toBe(dead.deathDate);
  });
  it('404s an unknown person and 400s an invalid PID', async () => {
    const unknown = `110170020345${citizenIdCheckDigit('110170020345')}`;
    expect(sb.population.get(unknown)).toBeUndefined();
    const r = await get(`/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${unknown}`);
    expect(r.status).toBe(404);
    v.parse(EndpointErrorBodySchema, r.body);
    expect(JSON.stringify(r.body)).not.toContain(unknown);
    expect((await get('/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=1234567890123')).status).toBe(400);
  });
});

describe('tokens', () => {
  it('401s without or with an unknown bearer token', async () => {
    expect((await get(`/nhsoendpoint/api/v2/right-search?pid=${uc.pid}`, {})).status).toBe(401);
    const r = await get(`/nhsoendpoint/api/v2/right-search?pid=${uc.pid}`, { authorization: 'Bearer nope' });
    expect(r.status).toBe(401);
  });

  it('staff tokens expire at midnight Bangkok; SRM refresh; UC token → NHSO-00003 after expiry', async () => {
    const local = createManualClock('2026-01-15T23:30:00+07:00');
    const s = await startSandbox({ seed: 5, people: 50, clock: local });
    try {
      const staff = s.population.staff[0]!;
      const ch = await (
        await fetch(`${s.url}/sandbox/staff/challenge`, {
          method: 'POST',
          body: JSON.stringify({ pid: staff.pid }),
        })
      ).json();
      const login = await (
        await fetch(`${s.url}/sandbox/staff/login`, {
          method: 'POST',
          body: JSON.stringify({ pid: staff.pid, challenge: ch.challenge }),
        })
      ).json();
      expect(login.expiresAt).toBe('2026-01-15T17:00:00.000Z');
      expect(login.ucToken).toMatch(new RegExp(`^${staff.pid}#[A-Za-z0-9]{16}$`));
      const pid = s.population.people.find((p) => p.right && !p.deathDate)!.pid;
      const h = { authorization: `Bearer ${login.token}` };
      expect(
        (await fetch(`${s.url}/nhsoendpoint/api/v2/right-search?pid=${pid}`, { headers: h })).status,
      ).toBe(200);
      const srm = { authorization: `Bearer ${login.accessToken}` };
      expect((await fetch(`${s.url}/api/ucws/v1/right-search?pid=${pid}`, { headers: srm })).status).toBe(
        200,
      );
      const soap = (token: string) =>
        fetch(`${s.url}/ucwstokenp1/UCWSTokenP1`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
          body: `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tok="http://tokenws.ucws.nhso.go.th/"><soapenv:Body><tok:searchCurrentByPID><user_person_id>${staff.pid}</user_person_id><smctoken>${token}</smctoken><person_id>${pid}</person_id></tok:searchCurrentByPID></soapenv:Body></soapenv:Envelope>`,
        }).then((r) => r.text());
      const ok = await soap(login.ucToken.split('#')[1]);
      expect(ok).toContain('<ws_status>NHSO-000001</ws_status>');
      expect(ok).toContain(`<person_id>${pid}</person_id>`);
      // after midnight Bangkok everything expires
      local.set('2026-01-16T00:00:01+07:00');
      const expired = await fetch(`${s.url}/nhsoendpoint/api/v2/right-search?pid=${pid}`, { headers: h });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe('Bearer');
      expect((await fetch(`${s.url}/api/ucws/v1/right-search?pid=${pid}`, { headers: srm })).status).toBe(
        401,
      );
      expect(await soap(login.ucToken.split('#')[1])).toContain('<ws_status>NHSO-00003</ws_status>');
      const refresh = await fetch(`${s.url}/api/scard/access-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `refresh-token=${login.refreshToken}`,
      });
      expect(refresh.status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('SRM access tokens expire hourly and refresh with either key spelling', async () => {
    const local = createManualClock('2026-01-15T08:00:00+07:00');
    const s = await startSandbox({ seed: 5, people: 50, clock: local });
    try {
      const t = s.loginStaff(s.population.staff[0]!.pid);
      const pid = s.population.people.find((p) => p.right && !p.deathDate)!.pid;
      local.advance(61 * 60_000);
      expect(
        (
          await fetch(`${s.url}/api/ucws/v1/right-search?pid=${pid}`, {
            headers: { authorization: `Bearer ${t.accessToken}` },
          })
        ).status,
      ).toBe(401);
      const r = await fetch(`${s.url}/api/scard/access-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `refresh_token=${t.refreshToken}`,
      });
      const body = v.parse(SrmAccessTokenResponseSchema, await r.json());
      expect(body['access-token']).toBe(body.access_token);
      expect(
        (
          await fetch(`${s.url}/api/ucws/v1/right-search?pid=${pid}`, {
            headers: { authorization: `Bearer ${body.access_token}` },
          })
        ).status,
      ).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('uses the verifyStaffAssertion hook when given', async () => {
    const s = await startSandbox({
      people: 30,
      verifyStaffAssertion: (a) => a.signature === Buffer.from(a.challenge).toString('base64'),
    });
    try {
      const staff = s.population.staff[0]!;
      const login = async (sign: boolean) => {
        const ch = await (
          await fetch(`${s.url}/sandbox/staff/challenge`, {
            method: 'POST',
            body: JSON.stringify({ pid: staff.pid }),
          })
        ).json();
        return fetch(`${s.url}/sandbox/staff/login`, {
          method: 'POST',
          body: JSON.stringify({
            pid: staff.pid,
            challenge: ch.challenge,
            signature: sign ? Buffer.from(ch.challenge).toString('base64') : 'bad',
          }),
        });
      };
      expect((await login(false)).status).toBe(401);
      expect((await login(true)).status).toBe(200);
      const nonStaff = s.population.people.find((p) => !p.staff)!;
      expect(
        (
          await fetch(`${s.url}/sandbox/staff/challenge`, {
            method: 'POST',
            body: JSON.stringify({ pid: nonStaff.pid }),
          })
        ).status,
      ).toBe(403);
    } finally {
      await s.close();
    }
  });
});

describe('Authen Code issuance', () => {
  it('close claim issues an EP code; the same transactionId replays; same day same service is a duplicate (409)', async () => {
    const body = claimBody(uc.pid);
    const a = await post('/nhsoendpoint/api/nhso-claim-detail', body);
    expect(a.status).toBe(200);
    const code = v.parse(ClaimDetailResponseSchema, a.body).authenCode;
    expect(code).toMatch(/^EP\d{10}$/);
    const again = await post('/nhsoendpoint/api/nhso-claim-detail', body);
    expect(again.body.authenCode).toBe(code);
    const dup = await post('/nhsoendpoint/api/nhso-claim-detail', {
      ...body,
      transactionId: `${body.transactionId}x`,
    });
    expect(dup.status).toBe(409);
    v.parse(EndpointErrorBodySchema, dup.body);
    expect(String(dup.body.dataError)).toMatch(/ซ้ำ/);
    const mismatch = await post('/nhsoendpoint/api/nhso-claim-detail', {
      ...body,
      claimServiceCode: 'PG0130001',
    });
    expect(mismatch.status).toBe(422);
    // a different service the same day is fine, and the next day too
    expect(
      (
        await post(
          '/nhsoendpoint/api/nhso-claim-detail',
          claimBody(uc.pid, { claimServiceCode: 'PG0130001' }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          '/nhsoendpoint/api/nhso-claim-detail',
          claimBody(uc.pid, { serviceDateTime: clock.now() + 86_400_000 }),
        )
      ).status,
    ).toBe(200);
    const stored = sb.store.getCode(code)!;
    expect(stored).toMatchObject({
      kind: 'EP',
      channel: 'ENDPOINT',
      certifier: 'STAFF',
      recorderPid: sb.population.staff[0]!.pid,
      status: 'issued',
    });
  });

  it('validates the close-claim body with the shared schema', async () => {
    const r = await post(
      '/nhsoendpoint/api/nhso-claim-detail',
      claimBody(uc.pid, { transactionId: '99999x' }),
    );
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/transactionId/);
  });

  it('does not issue for the deceased', async () => {
    expect((await post('/nhsoendpoint/api/nhso-claim-detail', claimBody(dead.pid))).status).toBe(400);
  });

  it('AuthenCode by PID issues a PP code (channel ENDPOINT, method PID)', async () => {
    const r = await post('/nhsoendpoint/api/AuthenCode', {
      sourceId: 'HIS',
      transId: 'T-1',
      pid: other.pid,
      hcode: '10887',
      serviceCode: 'PG0060001',
      recorderPid: sb.population.staff[0]!.pid,
      hn: 'HN1',
    });
    expect(r.status).toBe(200);
    expect(r.body.authenCode).toMatch(/^PP\d{10}$/);
    expect(sb.store.getCode(r.body.authenCode)).toMatchObject({
      channel: 'ENDPOINT',
      method: 'PID_ENTRY',
      hn: 'HN1',
    });
  });

  it('Agent paths: confirm-save duplicate is a 400 Spring body matching the client pattern', async () => {
    const p = sb.population.people.filter((x) => x.right && !x.deathDate && !x.staff)[5]!;
    sb.insertCard(p.pid);
    const read = await get('/api/smartcard/read?readImageFlag=false', {});
    expect(read.body.pid).toBe(p.pid);
    const body = {
      pid: p.pid,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: read.body.correlationId,
    };
    const a = await post('/api/nhso-service/confirm-save', body, { 'content-type': 'application/json' });
    expect(a.status).toBe(200);
    const b = await post(
      '/api/nhso-service/confirm-save',
      { ...body, correlationId: 'another-read' },
      { 'content-type': 'application/json' },
    );
    expect(b.status).toBe(400);
    expect(v.parse(SpringErrorBodySchema, b.body).message).toMatch(/ซ้ำ/);
    const bad = await post(
      '/api/nhso-service/confirm-save',
      { ...body, mobile: '12' },
      { 'content-type': 'application/json' },
    );
    expect(bad.status).toBe(400);
    expect(v.parse(SpringErrorBodySchema, bad.body).errors?.[0]?.defaultMessage).toMatch(/mobile/);
    // kiosk channel and a parent certifying, as headers from a kiosk front end
    const kid = sb.population.people.filter((x) => x.right && !x.deathDate && !x.staff)[6]!;
    const k = await post(
      '/api/nhso-service/confirm-save',
      { pid: kid.pid, claimType: 'PG0060001', mobile: '0812345678', correlationId: 'kiosk-1' },
      { 'content-type': 'application/json', 'x-sandbox-channel': 'KIOSK', 'x-sandbox-certifier': 'PARENT' },
    );
    expect(sb.store.getCode(k.body.claimCode)).toMatchObject({
      channel: 'KIOSK',
      certifier: 'PARENT',
      method: 'SMART_CARD',
    });
    sb.insertCard(undefined);
    expect((await get('/api/smartcard/read', {})).status).toBe(500);
  });

  it('codes are unique and well-formed across many issuances', () => {
    const seen = new Set<string>();
    const people = sb.population.people.filter((p) => !p.deathDate).slice(0, 200);
    for (const p of people) {
      const { code } = sb.issueCode({
        kind: 'PP',
        pid: p.pid,
        hcode: '11003',
        claimType: 'PG0110001',
        channel: 'KIOSK',
      });
      expect(code.claimCode).toMatch(/^PP\d{10}$/);
      seen.add(code.claimCode);
    }
    expect(seen.size).toBe(people.length);
  });
});

describe('check-authen-status', () => {
  it('answers nested by default, flat and string-results on request; all parse with the client schemas', async () => {
    const date = '2026-01-15';
    const nested = await get(
      `/authencodestatus/api/check-authen-status?personalId=${uc.pid}&serviceDate=${date}`,
    );
    const n = v.parse(CheckAuthenStatusNestedSchema, nested.body);
    expect(n.statusAuthen).toBe(true);
    expect(n.serviceHistories?.some((h) => h.claimCode.startsWith('EP'))).toBe(true);
    const flat = await get(
      `/authencodestatus/api/check-authen-status?personalId=${uc.pid}&serviceDate=${date}`,
      { ...auth, 'x-sandbox-shape': 'flat' },
    );
    const f = v.parse(CheckAuthenStatusFlatSchema, flat.body);
    expect(f.mainInscl).toBe('UCS');
    expect(f.serviceHistories?.length).toBe(n.serviceHistories?.length);
    const legacy = await get(`/authencodeapi/CheckAuthenStatus?personalId=${uc.pid}&serviceDate=${date}`);
    expect(typeof legacy.body.mainInscl).toBe('string');
    const str = await get(
      `/authencodestatus/api/check-authen-status?personalId=${uc.pid}&serviceDate=${date}`,
      { ...auth, 'x-sandbox-shape': 'string-results' },
    );
    const s = v.parse(CheckAuthenStatusStringResultsSchema, str.body);
    const items = v.parse(StringResultsPayloadSchema, JSON.parse(s.results));
    expect(Array.isArray(items) && items.length).toBe(n.serviceHistories?.length);
    // filter by serviceCode
    const only = v.parse(
      CheckAuthenStatusNestedSchema,
      (
        await get(
          `/authencodestatus/api/check-authen-status?personalId=${uc.pid}&serviceDate=${date}&serviceCode=PG0130001`,
        )
      ).body,
    );
    expect(only.serviceHistories?.every((h) => h.service?.code === 'PG0130001')).toBe(true);
    expect(only.serviceHistories?.length).toBe(1);
  });
  it('400s on a missing parameter with statusAuthen "false"', async () => {
    const r = await get(`/authencodestatus/api/check-authen-status?personalId=${uc.pid}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusAuthen: 'false' });
  });
  it('says not found for a person without codes that day', async () => {
    const n = v.parse(
      CheckAuthenStatusNestedSchema,
      (await get(`/authencodestatus/api/check-authen-status?personalId=${uc.pid}&serviceDate=2025-01-01`))
        .body,
    );
    expect(n.statusAuthen).toBe(false);
    expect(n.serviceHistories).toEqual([]);
  });
});

describe('UCWS SOAP', () => {
  it('serves a WSDL listing every nhsoDataSetC1 field in order', async () => {
    const r = await fetch(`${sb.url}/ucwstokenp1/UCWSTokenP1?wsdl`);
    const text = await r.text();
    expect(r.headers.get('content-type')).toMatch(/xml/);
    expect(text).toContain('soapAction=""');
    const dataSet = text.slice(text.indexOf('name="nhsoDataSetC1"'));
    const positions = NHSO_DATASET_C1_FIELDS.map((f) => dataSet.indexOf(`name="${f}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain(`${sb.url}/ucwstokenp1/UCWSTokenP1`);
  });
});

describe('staff log-in signed by a (virtual) Thai ID card', () => {
  it('accepts a thai-idcard staffLogin assertion for the right PID and refuses others', async () => {
    const { staffLogin, verifyStaffAssertion } = await import('@authenkit/thai-idcard/pki');
    const { createVirtualTransport } = await import('@authenkit/thai-idcard/virtual');
    const { personToCardSpec, signedStaffAssertionVerifier } = await import('@authenkit/nhso-sandbox');
    let roots: Uint8Array[] = [];
    const s = await startSandbox({
      seed: 5,
      people: 40,
      verifyStaffAssertion: signedStaffAssertionVerifier((a, o) =>
        verifyStaffAssertion(a, { ...o, trustedRoots: roots }),
      ),
    });
    try {
      const staff = s.population.staff[0]!;
      const { transport, pki } = await createVirtualTransport({
        image: { ...personToCardSpec(staff), pin2: '1234', pki: 'p256' },
      });
      roots = [pki.root.certificate];
      const login = async (pid: string) => {
        const ch = await (
          await fetch(`${s.url}/sandbox/staff/challenge`, { method: 'POST', body: JSON.stringify({ pid }) })
        ).json();
        const { assertion } = await staffLogin(transport, { pin: '1234', challenge: ch.challenge });
        return fetch(`${s.url}/sandbox/staff/login`, {
          method: 'POST',
          body: JSON.stringify({ pid, challenge: ch.challenge, assertion }),
        });
      };
      const ok = await login(staff.pid);
      expect(ok.status).toBe(200);
      const tokens = await ok.json();
      expect(tokens.hcode).toBe(staff.staff!.hcode);
      // the card proves staff[0]'s PID, so it cannot log in as another staff member
      expect((await login(s.population.staff[1]!.pid)).status).toBe(401);
      // no assertion at all
      const ch = await (
        await fetch(`${s.url}/sandbox/staff/challenge`, {
          method: 'POST',
          body: JSON.stringify({ pid: staff.pid }),
        })
      ).json();
      expect(
        (
          await fetch(`${s.url}/sandbox/staff/login`, {
            method: 'POST',
            body: JSON.stringify({ pid: staff.pid, challenge: ch.challenge }),
          })
        ).status,
      ).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe('personal data stays out of logs and error bodies', () => {
  it('logs route ids and statuses only; masks PIDs echoed in error paths', async () => {
    const lines: string[] = [];
    const s = await startSandbox({ seed: 5, people: 50, log: (l) => lines.push(l) });
    try {
      const p = s.population.people.find((x) => x.right && !x.deathDate)!;
      const h = { authorization: `Bearer ${s.token}` };
      await fetch(`${s.url}/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${p.pid}`, { headers: h });
      await fetch(`${s.url}/api/smartcard/probe/${p.pid}`);
      const unknown = `110170020345${citizenIdCheckDigit('110170020345')}`;
      const nf = await fetch(`${s.url}/api/smartcard/probe/${unknown}`);
      expect(nf.status).toBe(404);
      expect(await nf.text()).not.toContain(unknown);
      await fetch(`${s.url}/nhsoendpoint/api/nhso-claim-detail`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ pid: p.pid }),
      });
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const l of lines) expect(l).not.toMatch(/\d{13}/);
      expect(lines.join('\n')).not.toContain(s.token);
    } finally {
      await s.close();
    }
  });
});
