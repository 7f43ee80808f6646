import { type Sandbox, startSandbox } from '@authenkit/nhso-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('load (loopback, bounded)', () => {
  let sb: Sandbox;
  let auth: Record<string, string>;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 8, people: 400 });
    auth = { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' };
  });
  afterAll(async () => sb.close());
  const visit = (pid: string, tx: string) => ({
    hcode: '10699',
    mainInsclCode: 'UCS',
    serviceDateTime: Date.now(),
    invoiceDateTime: Date.now(),
    transactionId: tx,
    totalAmount: 1,
    paidAmount: 0,
    privilegeAmount: 1,
    claimServiceCode: 'PG0060001',
    pid,
    sourceId: 'LOAD',
    visitNumber: tx.slice(-10),
    recorderPid: sb.population.staff[0]!.pid,
  });
  const send = (body: unknown) =>
    fetch(`${sb.url}/nhsoendpoint/api/nhso-claim-detail`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { authenCode?: string },
    }));

  it('200 concurrent requests on distinct visits → 200 unique codes', async () => {
    const people = sb.population.people.filter((p) => !p.deathDate).slice(0, 200);
    expect(people).toHaveLength(200);
    const res = await Promise.all(
      people.map((p, i) => send(visit(p.pid, `10699LOAD${String(i).padStart(6, '0')}`))),
    );
    expect(res.filter((r) => r.status === 200)).toHaveLength(200);
    expect(new Set(res.map((r) => r.body.authenCode)).size).toBe(200);
  });

  it('the same visit 50 times concurrently → one code', async () => {
    const p = sb.population.people.filter((x) => !x.deathDate)[250]!;
    const body = visit(p.pid, '10699SAMEVISIT0001');
    const res = await Promise.all(Array.from({ length: 50 }, () => send(body)));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(new Set(res.map((r) => r.body.authenCode)).size).toBe(1);
    expect(sb.store.codesOfPid(p.pid)).toHaveLength(1);
    // without an idempotency key match (new transactionIds), the duplicate rule still allows only one
    const res2 = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(visit(p.pid, `10699SAMEVISIT1${String(i).padStart(3, '0')}`)),
      ),
    );
    expect(res2.filter((r) => r.status === 200)).toHaveLength(0);
    expect(res2.every((r) => r.status === 409)).toBe(true);
    expect(sb.store.codesOfPid(p.pid)).toHaveLength(1);
  });
});
