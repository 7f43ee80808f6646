import { generateCitizenId, seededRandom } from '@authenkit/authen-code';
import { createAgentClient, isNhsoError, type VisitAuthenResult } from '@authenkit/nhso-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultPlan, fakeAgent, NO_FAULTS } from './helpers/fake-agent.js';
import { json, PID, startServer, type TestServer } from './helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

type Decision = ReturnType<FaultPlan['confirm']>;
/** A confirm() that returns `first()` on its first call and `rest` afterwards. */
function makeOnce() {
  let used = false;
  return (first: () => Decision, rest: Decision): Decision => {
    if (used) return rest;
    used = true;
    return first();
  };
}

const REQ = { pid: PID, claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c-1', hcode: '10699' };

describe('requestVisitAuthen', () => {
  it('issues once, then reuses the same-day code (pre-check)', async () => {
    const fake = fakeAgent();
    srv.handle(fake.handler);
    const agent = createAgentClient({ baseUrl: srv.url });
    const a = await agent.requestVisitAuthen(REQ);
    expect(a).toMatchObject({ reused: false, reconciled: false });
    const b = await agent.requestVisitAuthen(REQ);
    expect(b).toEqual({ claimCode: a.claimCode, reused: true, reconciled: false });
    expect(fake.confirmCalls).toBe(1);
  });

  it('without pre-check a duplicate answer is reconciled to the existing code', async () => {
    const fake = fakeAgent();
    srv.handle(fake.handler);
    const agent = createAgentClient({ baseUrl: srv.url });
    const a = await agent.requestVisitAuthen({ ...REQ, pid: '3100100123451' });
    const b = await agent.requestVisitAuthen({ ...REQ, pid: '3100100123451', precheck: false });
    expect(b).toEqual({ claimCode: a.claimCode, reused: true, reconciled: true });
  });

  it('commit-then-timeout is reconciled, not resent', async () => {
    const once = makeOnce();
    const plan: FaultPlan = {
      ...NO_FAULTS,
      hangMs: 300,
      confirm: () => once(() => ({ when: 'after', fault: 'hang' }), { when: 'after', fault: 'none' }),
    };
    const fake = fakeAgent(plan);
    srv.handle(fake.handler);
    const agent = createAgentClient({ baseUrl: srv.url, timeouts: { issue: 60 } });
    const r = await agent.requestVisitAuthen(REQ);
    expect(r.reconciled).toBe(true);
    expect(fake.confirmCalls).toBe(1);
    expect(fake.codes.get(PID)).toHaveLength(1);
  });

  it('fail-before-commit is resent after the reconcile proves nothing was issued', async () => {
    const once = makeOnce();
    const plan: FaultPlan = {
      ...NO_FAULTS,
      confirm: () => once(() => ({ when: 'before', fault: '500' }), { when: 'after', fault: 'none' }),
    };
    const fake = fakeAgent(plan);
    srv.handle(fake.handler);
    const r = await createAgentClient({ baseUrl: srv.url }).requestVisitAuthen({
      ...REQ,
      pid: '1509900231582',
      settleMs: 5,
    });
    expect(r).toMatchObject({ reused: false, reconciled: false });
    expect(fake.confirmCalls).toBe(2);
  });

  it('OUTCOME_UNKNOWN (never NOT_ISSUED, never a resend) when every reconcile query fails after an ambiguous send', async () => {
    let confirms = 0;
    srv.handle((q, r) => {
      if (q.method === 'POST') {
        confirms++;
        return json(r, 502, {});
      }
      json(r, 503, {});
    });
    const agent = createAgentClient({
      baseUrl: srv.url,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    });
    try {
      await agent.requestVisitAuthen({ ...REQ, precheck: false, maxQueries: 3 });
      expect.unreachable();
    } catch (e) {
      expect(isNhsoError(e, 'OUTCOME_UNKNOWN')).toBe(true);
    }
    expect(confirms).toBe(1);
  });

  it('a validation error is NOT_ISSUED with the reason; nothing is sent', async () => {
    const fake = fakeAgent();
    srv.handle(fake.handler);
    try {
      await createAgentClient({ baseUrl: srv.url }).requestVisitAuthen({ ...REQ, mobile: '12' });
      expect.unreachable();
    } catch (e) {
      expect(isNhsoError(e, 'NOT_ISSUED')).toBe(true);
      expect((e as { details: { reason: string } }).details.reason).toBe('VALIDATION');
    }
    expect(fake.confirmCalls).toBe(0);
  });
});

describe('fault injection: 1,000 requestVisitAuthen calls', () => {
  it('zero duplicates, zero lost', async () => {
    const rng = seededRandom(20261125);
    const plan: FaultPlan = {
      hangMs: 300,
      confirm: () => {
        const x = rng();
        const fault = x < 0.1 ? 'reset' : x < 0.2 ? '500' : x < 0.27 ? 'hang' : x < 0.32 ? 'garbage' : 'none';
        return { when: rng() < 0.5 ? 'before' : 'after', fault };
      },
      lookup: () => {
        const x = rng();
        return x < 0.05 ? 'reset' : x < 0.1 ? '500' : x < 0.12 ? 'hang' : 'none';
      },
    };
    const fake = fakeAgent(plan);
    srv.handle(fake.handler);
    const agent = createAgentClient({
      baseUrl: srv.url,
      timeouts: { issue: 150, lookup: 2_000 }, // the settle window below must exceed how late a queued request can commit
      retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 10 },
    });
    const pids = new Set<string>();
    const idRng = seededRandom(7);
    while (pids.size < 1000) pids.add(generateCitizenId(idRng));
    const list = [...pids];
    const outcomes = new Map<string, VisitAuthenResult | { error: string; reason?: string }>();
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const i = next++;
        const pid = list[i]!;
        try {
          outcomes.set(
            pid,
            await agent.requestVisitAuthen({
              ...REQ,
              pid,
              precheck: i % 2 === 0,
              maxSends: 3,
              maxQueries: 6,
              settleMs: 600,
              lateCommitMs: 300,
            }),
          );
        } catch (e) {
          if (!isNhsoError(e)) throw e;
          outcomes.set(pid, { error: e.code, reason: e.details?.reason as string });
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    let issued = 0;
    let notIssued = 0;
    for (const pid of list) {
      const server = fake.codes.get(pid) ?? [];
      expect(server.length).toBeLessThanOrEqual(1); // zero duplicates
      const o = outcomes.get(pid)!;
      if ('claimCode' in o) {
        issued++;
        expect(server[0]?.claimCode).toBe(o.claimCode); // the code the server really holds
      } else {
        notIssued++;
        expect(o.error).toBe('NOT_ISSUED'); // never OUTCOME_UNKNOWN, never a bare TIMEOUT
        expect(server).toHaveLength(0); // and truly not issued: nothing lost
      }
    }
    expect(issued + notIssued).toBe(1000);
    expect(issued).toBeGreaterThan(800);
    expect(fake.confirmCalls).toBeGreaterThan(1000); // faults did force resends
  }, 90_000); // the late-commit window adds time to flows whose last send got no answer
});
