import { createFaultInjector, parseFaultSpec, type Sandbox, startSandbox } from '@authenkit/nhso-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('fault injector', () => {
  it('is deterministic by seed and off by default', () => {
    const seq = (seed: number) => {
      const f = createFaultInjector({
        seed,
        rules: [{ route: '*', errorRate: 0.3, rateLimitRate: 0.3, malformedJsonRate: 0.3 }],
      });
      return Array.from({ length: 50 }, () => JSON.stringify(f.decide('realperson')));
    };
    expect(seq(1)).toEqual(seq(1));
    expect(seq(1)).not.toEqual(seq(2));
    const off = createFaultInjector();
    expect(
      Array.from({ length: 20 }, () => off.decide('x')).every(
        (d) => !d.before && !d.after && d.latencyMs === 0,
      ),
    ).toBe(true);
  });
  it('applies rates roughly as configured, exact route before *', () => {
    const f = createFaultInjector({
      seed: 3,
      rules: [
        { route: '*', errorRate: 0.5 },
        { route: 'claim-detail', latencyMs: [10, 20] },
      ],
    });
    const ds = Array.from({ length: 1000 }, () => f.decide('realperson'));
    const errors = ds.filter((d) => d.before === 'error').length;
    expect(errors).toBeGreaterThan(400);
    expect(errors).toBeLessThan(600);
    const c = f.decide('claim-detail');
    expect(c.before).toBeUndefined();
    expect(c.latencyMs).toBeGreaterThanOrEqual(10);
    expect(c.latencyMs).toBeLessThanOrEqual(20);
  });
  it('parses the CLI spec and rejects bad input', () => {
    const cfg = parseFaultSpec(
      'route=claim-detail,latency=50-200,error=0.1,429=0.05,retry-after=2,reset=0.1,malformed=0.05;route=*,latency=20',
      9,
    );
    expect(cfg).toEqual({
      seed: 9,
      rules: [
        {
          route: 'claim-detail',
          latencyMs: [50, 200],
          errorRate: 0.1,
          rateLimitRate: 0.05,
          retryAfterSeconds: 2,
          resetAfterCommitRate: 0.1,
          malformedJsonRate: 0.05,
        },
        { route: '*', latencyMs: 20 },
      ],
    });
    expect(() => parseFaultSpec('route=*,error=2')).toThrow(/errorRate/);
    expect(() => parseFaultSpec('route=*,bogus=1')).toThrow(/unknown fault field/);
    expect(() => parseFaultSpec('route=*,latency=20-10')).toThrow(/latency/);
  });
});

describe('faults over HTTP', () => {
  let sb: Sandbox;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 2, people: 100 });
    auth = { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' };
  });
  afterAll(async () => sb.close());
  const person = () => sb.population.people.find((p) => p.right && !p.deathDate && !p.staff)!;

  it('admin endpoint sets and clears faults; needs the admin token', async () => {
    const put = (body: unknown, h = auth) =>
      fetch(`${sb.url}/sandbox/admin/faults`, { method: 'PUT', headers: h, body: JSON.stringify(body) });
    expect((await put({ rules: [] }, { 'content-type': 'application/json' })).status).toBe(403);
    expect((await put({ rules: [{ route: '*', errorRate: 7 }] })).status).toBe(400);
    expect(
      (await put({ seed: 4, rules: [{ route: 'realperson', rateLimitRate: 1, retryAfterSeconds: 3 }] }))
        .status,
    ).toBe(200);
    const r = await fetch(`${sb.url}/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${person().pid}`, {
      headers: auth,
    });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    await put({ rules: [{ route: 'realperson', errorRate: 1 }] });
    expect(
      (
        await fetch(`${sb.url}/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${person().pid}`, {
          headers: auth,
        })
      ).status,
    ).toBe(500);
    await put({ rules: [{ route: 'realperson', malformedJsonRate: 1 }] });
    const m = await fetch(`${sb.url}/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${person().pid}`, {
      headers: auth,
    });
    expect(m.status).toBe(200);
    await expect(m.clone().json()).rejects.toThrow();
    expect((await m.text()).length).toBeGreaterThan(0);
    await put({ rules: [{ route: '*', errorRate: 1 }] });
    // admin routes are never faulted, so faults can always be cleared
    expect((await fetch(`${sb.url}/sandbox/admin/faults`, { method: 'DELETE', headers: auth })).status).toBe(
      200,
    );
    expect(
      (
        await fetch(`${sb.url}/nhsoendpoint/api/RealPerson?SOURCE_ID=10699&PID=${person().pid}`, {
          headers: auth,
        })
      ).status,
    ).toBe(200);
  });

  it('admin card endpoint inserts and removes the simulated reader card', async () => {
    const terminals = async () => (await fetch(`${sb.url}/api/smartcard/terminals`)).json();
    const card = (method: string, body?: unknown, h = auth) =>
      fetch(`${sb.url}/sandbox/admin/card`, {
        method,
        headers: h,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await card('PUT', { pid: person().pid }, { 'content-type': 'application/json' })).status).toBe(
      403,
    );
    expect((await card('PUT', { pid: person().pid })).status).toBe(200);
    expect((await terminals())[0].isPresent).toBe(true);
    expect((await (await fetch(`${sb.url}/api/smartcard/read-card-only`)).json()).pid).toBe(person().pid);
    expect((await card('DELETE')).status).toBe(200);
    expect((await terminals())[0].isPresent).toBe(false);
    expect((await card('PUT', { pid: '1234567890123' })).status).toBe(400);
  });

  it('connection reset after commit: the code exists, and a retry with the same key returns it', async () => {
    sb.faults.configure({ seed: 1, rules: [{ route: 'claim-detail', resetAfterCommitRate: 1 }] });
    const body = {
      hcode: '10699',
      mainInsclCode: 'UCS',
      serviceDateTime: Date.now(),
      invoiceDateTime: Date.now(),
      transactionId: '10699RESET000001',
      totalAmount: 1,
      paidAmount: 0,
      privilegeAmount: 1,
      claimServiceCode: 'PG0060001',
      pid: person().pid,
      sourceId: 'T',
      visitNumber: 'V',
      recorderPid: sb.population.staff[0]!.pid,
    };
    const call = () =>
      fetch(`${sb.url}/nhsoendpoint/api/nhso-claim-detail`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
    await expect(call()).rejects.toThrow();
    const committed = sb.store.listCodes().filter((c) => c.transactionId === body.transactionId);
    expect(committed).toHaveLength(1);
    sb.faults.configure({ rules: [] });
    const retry = await (await call()).json();
    expect(retry.authenCode).toBe(committed[0]!.claimCode);
    // failures before the handler never commit
    sb.faults.configure({ rules: [{ route: 'claim-detail', errorRate: 1 }] });
    const before = sb.store.listCodes().length;
    expect(
      (
        await fetch(`${sb.url}/nhsoendpoint/api/nhso-claim-detail`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ ...body, transactionId: '10699OTHER' }),
        })
      ).status,
    ).toBe(500);
    expect(sb.store.listCodes().length).toBe(before);
    sb.faults.configure({ rules: [] });
  });
});
