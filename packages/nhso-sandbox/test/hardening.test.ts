import { request } from 'node:http';
import { createAgentClient } from '@authenkit/nhso-client';
import {
  createManualClock,
  ERROR_CODES,
  generatePopulation,
  personToCardSpec,
  type Sandbox,
  startAgent,
  startSandbox,
  virtualCardSource,
} from '@authenkit/nhso-sandbox';
import { encodeServiceQr, generateQrSigningKeyPair, toHex } from '@authenkit/qr-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A raw HTTP exchange (node:http lets a test set `Host` and oversized headers, which fetch does not). */
function raw(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  text: string;
  json: () => Record<string, unknown>;
}> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const expectErrorBody = (body: Record<string, unknown>) => {
  expect(ERROR_CODES).toContain(body.code);
  expect(typeof body.message).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
};

describe('bad input answers 4xx, never 500', () => {
  let sb: Sandbox;
  let admin: Record<string, string>;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 5, people: 80 });
    admin = { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' };
  });
  afterAll(async () => sb.close());

  it('a JSON null (and a JSON array or number) body on every POST / PUT route is a 4xx with a code', async () => {
    const writes: [string, string][] = [
      ['POST', '/sandbox/staff/challenge'],
      ['POST', '/sandbox/staff/login'],
      ['POST', '/line/api/consent'],
      ['POST', '/line/api/register'],
      ['POST', '/line/api/authen-code'],
      ['PUT', '/sandbox/admin/card'],
      ['PUT', '/sandbox/admin/authen-status-shape'],
      ['PUT', '/sandbox/admin/faults'],
      ['PUT', '/sandbox/admin/qr-keys'],
      ['POST', '/api/scard/access-token'],
      ['POST', '/authencode/api/authencode/PP0000000001/status'],
      ['POST', '/nhsoendpoint/api/nhso-claim-detail'],
      ['POST', '/nhsoendpoint/api/AuthenCode'],
      ['POST', '/api/nhso-service/confirm-save'],
      ['POST', '/api/nhso-service/save-as-draft'],
    ];
    for (const [method, path] of writes)
      for (const body of ['null', '[]', '7', '"x"']) {
        const r = await fetch(sb.url + path, { method, headers: admin, body });
        expect(r.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${path} ${body}`).toBeLessThan(500);
        expectErrorBody(await r.json());
      }
  });

  it('a malformed %-escape in a path parameter is a 400', async () => {
    for (const path of [
      '/api/smartcard/probe/%E0%A4%A',
      '/api/nhso-service/latest-authen-code/%ZZ',
      '/authencode/api/authencode/%E0%A4/status',
    ]) {
      const r = await fetch(sb.url + path, {
        method: path.endsWith('status') ? 'POST' : 'GET',
        headers: admin,
        body: path.endsWith('status') ? '{}' : undefined,
      });
      expect(r.status, path).toBe(400);
      const b = await r.json();
      expectErrorBody(b);
      expect(b.code).toBe('INVALID_REQUEST');
    }
  });

  it('report sort by a prototype key (__proto__, hasOwnProperty, constructor) is a 400', async () => {
    for (const sort of ['__proto__', 'hasOwnProperty', 'constructor,asc', 'toString']) {
      const r = await fetch(
        `${sb.url}/authencode/api/authencode-report?hcode=10699&claimDateFrom=2026-01-01&claimDateTo=2026-01-05&sort=${sort}`,
        { headers: admin },
      );
      expect(r.status, sort).toBe(400);
      expect((await r.json()).error.code).toBe('INVALID_REQUEST');
    }
  });

  it('a body over 1 MB is a 413 with a JSON body and a clean close (no ECONNRESET)', async () => {
    const big = JSON.stringify({ pid: 'x'.repeat(2_000_000) });
    const viaFetch = await fetch(`${sb.url}/line/api/consent`, { method: 'POST', headers: admin, body: big });
    expect(viaFetch.status).toBe(413);
    expect((await viaFetch.json()).code).toBe('PAYLOAD_TOO_LARGE');
    const viaHttp = await raw(sb.url, '/nhsoendpoint/api/nhso-claim-detail', {
      method: 'POST',
      headers: { ...admin, 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(viaHttp.status).toBe(413);
    expect(viaHttp.headers.connection).toBe('close');
    expectErrorBody(viaHttp.json());
    // the server is still up
    expect((await fetch(`${sb.url}/sandbox/health`)).status).toBe(200);
  });

  it('headers over the limit are a 431 with a JSON body', async () => {
    const r = await raw(sb.url, '/sandbox/health', { headers: { 'x-big': 'a'.repeat(20_000) } });
    expect(r.status).toBe(431);
    expect(r.json().code).toBe('HEADERS_TOO_LARGE');
    expect((await fetch(`${sb.url}/sandbox/health`)).status).toBe(200);
  });

  it('unknown paths and methods answer a JSON body with a code', async () => {
    const nf = await fetch(`${sb.url}/nope`);
    expect(nf.status).toBe(404);
    expect((await nf.json()).code).toBe('NOT_FOUND');
    const na = await fetch(`${sb.url}/sandbox/health`, { method: 'DELETE' });
    expect(na.status).toBe(405);
    expect((await na.json()).code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('staff log-in challenges expire and are bounded', () => {
  it('the oldest open challenge is dropped beyond 1,000; an expired one never logs in', async () => {
    const clock = createManualClock('2026-01-15T10:00:00+07:00');
    const sb = await startSandbox({ seed: 5, people: 80, clock });
    try {
      const staff = sb.population.staff[0]!.pid;
      const open = async () =>
        (
          await (
            await fetch(`${sb.url}/sandbox/staff/challenge`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ pid: staff }),
            })
          ).json()
        ).challenge as string;
      const login = (challenge: string) =>
        fetch(`${sb.url}/sandbox/staff/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ pid: staff, challenge }),
        });
      const first = await open();
      const second = await open();
      for (let i = 0; i < 1_000; i++) await open();
      expect((await login(first)).status).toBe(401);
      const fresh = await open();
      expect((await login(fresh)).status).toBe(200);
      const late = await open();
      clock.advance(5 * 60_000 + 1);
      const r = await login(late);
      expect(r.status).toBe(401);
      expect((await r.json()).error.details.reason).toBe('challenge');
      expect(second).not.toBe(first);
    } finally {
      await sb.close();
    }
  });
});

describe('trust boundaries', () => {
  const pop = generatePopulation({ seed: 6, size: 80 });
  const person = pop.people.find((p) => p.right && !p.deathDate && !p.staff)!;
  const confirm = JSON.stringify({
    pid: person.pid,
    claimType: 'PG0060001',
    mobile: '0812345678',
    correlationId: 'c-1',
  });

  it('serve: a foreign Host or Origin cannot issue a code (text/plain confirm-save) or read the admin API', async () => {
    const sb = await startSandbox({ seed: 6, people: 80 });
    try {
      const port = new URL(sb.url).port;
      const evil = await raw(sb.url, '/api/nhso-service/confirm-save', {
        method: 'POST',
        headers: { host: `evil.example:${port}`, 'content-type': 'text/plain' },
        body: confirm,
      });
      expect(evil.status).toBe(403);
      expect(evil.json().code).toBe('HOST_NOT_ALLOWED');
      const admin = await raw(sb.url, '/sandbox/admin/people', {
        headers: { host: 'evil.example', authorization: `Bearer ${sb.token}` },
      });
      expect(admin.status).toBe(403);
      expect(admin.text).not.toMatch(/\d{13}/);
      const foreign = await raw(sb.url, '/api/nhso-service/confirm-save', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
        body: confirm,
      });
      expect(foreign.status).toBe(403);
      expect(foreign.json().code).toBe('ORIGIN_NOT_ALLOWED');
      expect(sb.store.listCodes()).toHaveLength(0);
      // loopback Host without Origin (a local program) still works
      const ok = await raw(sb.url, '/api/nhso-service/confirm-save', {
        method: 'POST',
        headers: { host: `localhost:${port}`, 'content-type': 'text/plain' },
        body: confirm,
      });
      expect(ok.status).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it('serve: allowedHosts and allowedOrigins open exactly what they name', async () => {
    const sb = await startSandbox({
      seed: 6,
      people: 80,
      allowedHosts: ['sandbox.internal'],
      allowedOrigins: ['http://localhost:3000'],
    });
    try {
      expect(
        (await raw(sb.url, '/sandbox/health', { headers: { host: 'sandbox.internal:8190' } })).status,
      ).toBe(200);
      expect((await raw(sb.url, '/sandbox/health', { headers: { host: 'other.internal' } })).status).toBe(
        403,
      );
      const cors = await raw(sb.url, '/sandbox/health', { headers: { origin: 'http://localhost:3000' } });
      expect(cors.status).toBe(200);
      expect(cors.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    } finally {
      await sb.close();
    }
  });

  it('the NHSO simulator the agent starts for itself has the same guard', async () => {
    const agent = await startAgent({
      cards: await virtualCardSource(personToCardSpec(person)),
      sandbox: { seed: 6, people: 80 },
    });
    try {
      const sbUrl = agent.sandbox!.url;
      const evil = await raw(sbUrl, '/api/nhso-service/confirm-save', {
        method: 'POST',
        headers: { host: 'evil.example', 'content-type': 'text/plain' },
        body: confirm,
      });
      expect(evil.status).toBe(403);
      const foreign = await raw(sbUrl, '/sandbox/admin/people', {
        headers: { origin: 'https://evil.example', authorization: `Bearer ${agent.sandbox!.token}` },
      });
      expect(foreign.status).toBe(403);
      expect(agent.sandbox!.store.listCodes()).toHaveLength(0);
      const agentEvil = await raw(agent.url, '/api/smartcard/terminals', {
        headers: { host: 'evil.example' },
      });
      expect(agentEvil.status).toBe(403);
      expect(agentEvil.json().code).toBe('HOST_NOT_ALLOWED');
    } finally {
      await agent.close();
    }
  });

  it('LINE: a poster of a unit that registered a key must carry a signature that verifies', async () => {
    const clock = createManualClock('2026-01-15T10:00:00+07:00');
    const sb = await startSandbox({ seed: 6, people: 200, clock });
    try {
      const citizen = sb.population.people.find(
        (p) => p.right?.mainInscl === 'UCS' && !p.deathDate && p.birthDate.year < 2540,
      )!;
      const post = (path: string, body: unknown, h: Record<string, string> = {}) =>
        fetch(sb.url + path, {
          method: path.includes('admin') ? 'PUT' : 'POST',
          headers: { 'content-type': 'application/json', ...h },
          body: JSON.stringify(body),
        });
      expect((await post('/line/api/consent', { lineUserId: 'U1', accept: true })).status).toBe(200);
      expect(
        (await post('/line/api/register', { lineUserId: 'U1', pid: citizen.pid, phone: '0812345678' }))
          .status,
      ).toBe(200);
      const unit = generateQrSigningKeyPair();
      const forger = generateQrSigningKeyPair();
      const reg = await post(
        '/sandbox/admin/qr-keys',
        { hcode: '10699', publicKeys: [toHex(unit.publicKey)] },
        { authorization: `Bearer ${sb.token}` },
      );
      expect(reg.status).toBe(200);
      const fields = { hcode: '10699', serviceCode: 'PG0060001' };
      const scan = (qr: string, requestId: string) =>
        post('/line/api/authen-code', { lineUserId: 'U1', qr, requestId });
      const forged = await scan(encodeServiceQr(fields, { signingKey: forger.privateKey }), 'a');
      expect(forged.status).toBe(400);
      expect((await forged.json()).error).toMatchObject({
        code: 'INVALID_QR',
        details: { reason: 'BAD_SIGNATURE' },
      });
      const unsigned = await scan(encodeServiceQr(fields), 'b');
      expect((await unsigned.json()).error.details.reason).toBe('SIGNATURE_REQUIRED');
      expect(sb.store.listCodes()).toHaveLength(0);
      const good = await scan(encodeServiceQr(fields, { signingKey: unit.privateKey }), 'c');
      expect(good.status).toBe(200);
      expect((await good.json()).claimCode).toMatch(/^PP\d{10}$/);
      // a unit without a registered key still takes unsigned posters
      const other = await scan(encodeServiceQr({ hcode: '10887', serviceCode: 'PG0060001' }), 'd');
      expect(other.status).toBe(200);
    } finally {
      await sb.close();
    }
  });
});

describe('late commits: the client comes back with the committed code', () => {
  const clock = createManualClock('2026-01-15T10:00:00+07:00');
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 8, people: 120, clock });
  });
  afterAll(async () => sb.close());
  const patients = () => sb.population.people.filter((p) => p.right && !p.deathDate && !p.staff);

  it('commit-delay: the body is read, the client gives up, the change still commits', async () => {
    const p = patients()[0]!;
    sb.faults.configure({ rules: [{ route: 'confirm-save', commitDelayMs: 300 }] });
    const body = JSON.stringify({
      pid: p.pid,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: 'late-1',
    });
    await expect(
      fetch(`${sb.url}/api/nhso-service/confirm-save`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(80),
      }),
    ).rejects.toThrow();
    expect(sb.store.codesOfPid(p.pid)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(sb.store.codesOfPid(p.pid)).toHaveLength(1);
    sb.faults.configure({ rules: [] });
  });

  for (const [name, rule] of [
    ['commits after a delay (client timed out first)', { route: 'confirm-save', commitDelayMs: 400 }],
    ['commits and then drops the answer', { route: 'confirm-save', dropAfterCommitRate: 1 }],
  ] as const)
    it(`requestVisitAuthen against a fault that ${name}`, async () => {
      const p = patients()[name.startsWith('commits after') ? 1 : 2]!;
      sb.insertCard(p.pid);
      const agent = createAgentClient({
        baseUrl: sb.url,
        retry: { retries: 0 },
        now: () => clock.now(),
        timeouts: { issue: 150, lookup: 2_000 },
      });
      const card = await agent.readCard();
      sb.faults.configure({ rules: [rule] });
      try {
        const visit = await agent.requestVisitAuthen({
          pid: p.pid,
          claimType: 'PG0060001',
          mobile: '0812345678',
          correlationId: card.correlationId!,
          settleMs: 700,
        });
        const committed = sb.store.codesOfPid(p.pid);
        expect(committed).toHaveLength(1);
        expect(visit.claimCode).toBe(committed[0]!.claimCode);
        // the send itself failed (timeout / no answer): the code came from reconciling, not from the answer
        expect(visit.reconciled).toBe(true);
      } finally {
        sb.faults.configure({ rules: [] });
        sb.insertCard(undefined);
      }
    });
});
