import type { ServerResponse } from 'node:http';
import { createAgentClient, createNhsoClient, isNhsoError } from '@authenkit/nhso-client';
import { AGENT_PATHS, NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bangkokWall as wall } from './helpers/fake-agent.js';
import { CLAIM } from './helpers/fixtures.js';
import { json, PID, reset, type Seen, startServer, type TestServer } from './helpers/server.js';

// Issue 12, "duplicate safety, the last gaps": each scenario runs against a loopback server that models
// what NHSO / the Agent do (idempotent by transactionId / correlationId, late commits, dropped answers).

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

interface Code {
  code: string;
  key: string;
  claimType: string;
  at: number;
  /** Queries see the code from this instant (a status view that lags behind the commit). */
  visibleAt: number;
}

/** NHSO claim-detail + check-authen-status (nested shape) over one code list. */
function fakeNhso(opts: {
  claim: (q: Seen, res: ServerResponse, commit: () => Code) => void | Promise<void>;
  serviceTime: number;
}) {
  const codes: Code[] = [];
  let n = 0;
  let posts = 0;
  const handler = async (q: Seen, res: ServerResponse) => {
    if (q.method === 'POST' && q.path === NHSO_PATHS.claimDetail) {
      posts++;
      const b = JSON.parse(q.body) as { transactionId: string; claimServiceCode: string };
      const commit = () => {
        const c: Code = {
          code: `EP${String(++n).padStart(10, '0')}`,
          key: b.transactionId,
          claimType: b.claimServiceCode,
          at: opts.serviceTime,
          visibleAt: Date.now(),
        };
        codes.push(c);
        return c;
      };
      return opts.claim(q, res, commit);
    }
    if (q.method === 'GET' && q.path === NHSO_PATHS.checkAuthenStatus) {
      const seen = codes.filter((c) => c.visibleAt <= Date.now());
      return json(res, 200, {
        statusAuthen: seen.length > 0,
        serviceHistories: seen.map((c) => ({
          hospital: { hcode: '10699' },
          serviceDateTime: wall(c.at),
          claimCode: c.code,
          service: { code: c.claimType },
        })),
      });
    }
    json(res, 404, {});
  };
  return {
    handler,
    codes,
    get posts() {
      return posts;
    },
  };
}

const SERVICE_TIME = Date.UTC(2025, 0, 2, 1, 0, 7);
const claim = (transactionId: string) => ({
  ...CLAIM,
  serviceDateTime: SERVICE_TIME,
  invoiceDateTime: SERVICE_TIME + 60_000,
  transactionId,
});
const nhso = () =>
  createNhsoClient({
    token: 't',
    environment: { baseUrl: srv.url },
    hcode: '10699',
    retry: { retries: 0 },
    timeouts: { issue: 100 },
  });

describe('closeClaim reconciles by transaction', () => {
  it("a restarted HIS re-running a transaction NHSO already closed gets that transaction's EP code while claim-detail fails", async () => {
    const fake = fakeNhso({
      serviceTime: SERVICE_TIME,
      claim: (_q, r) => json(r, 503, { dataError: 'down' }),
    });
    srv.handle(fake.handler);
    // Closed before the restart: another code of the day (another transaction) and this one's.
    fake.codes.push(
      {
        code: 'EP0000000777',
        key: '10699OTHER',
        claimType: 'PG0060001',
        at: SERVICE_TIME - 3_600_000,
        visibleAt: 0,
      },
      { code: 'EP0000000778', key: '10699T-A', claimType: 'PG0060001', at: SERVICE_TIME, visibleAt: 0 },
    );
    const r = await nhso().closeClaim(claim('10699T-A'), { settleMs: 5, lateCommitMs: 50 });
    expect(r).toMatchObject({ authenCode: 'EP0000000778', reused: true });
    expect(fake.posts).toBe(0);
  });

  it('a code of another transaction the same day is never taken for this one', async () => {
    const fake = fakeNhso({ serviceTime: SERVICE_TIME - 3_600_000, claim: (_q, r) => json(r, 503, {}) });
    srv.handle(fake.handler);
    fake.codes.push({
      code: 'EP0000000777',
      key: '10699OTHER',
      claimType: 'PG0060001',
      at: SERVICE_TIME - 3_600_000,
      visibleAt: 0,
    });
    const e = await nhso()
      .closeClaim(claim('10699T-B'), { settleMs: 5, lateCommitMs: 50 })
      .catch((x: unknown) => x);
    expect(isNhsoError(e, 'NOT_ISSUED')).toBe(true);
  });
});

describe('late commits come back as the committed code, never NOT_ISSUED', () => {
  it('closeClaim: NHSO commits, the answer is dropped, the status view shows it late, the resend is a duplicate', async () => {
    const fake = fakeNhso({
      serviceTime: SERVICE_TIME,
      claim: (q, r, commit) => {
        const id = (JSON.parse(q.body) as { transactionId: string }).transactionId;
        if (fake.codes.some((c) => c.key === id)) return json(r, 409, { dataError: 'transactionId ซ้ำ' });
        commit().visibleAt = Date.now() + 600;
        reset(r);
      },
    });
    srv.handle(fake.handler);
    const r = await nhso().closeClaim(claim('10699T-C'), { settleMs: 20 });
    expect(r).toEqual({ authenCode: fake.codes[0]?.code, seq: null, reused: false, reconciled: true });
    expect(fake.codes).toHaveLength(1);
  });

  it('requestVisitAuthen: every send times out at the client and the Agent commits it later', async () => {
    const agentCodes: Array<{ claimCode: string; claimType: string; claimDateTime: string; hcode: string }> =
      [];
    let confirms = 0;
    const pending = new Map<string, Promise<void>>();
    srv.handle(async (q, r) => {
      if (q.method === 'POST' && q.path === AGENT_PATHS.confirmSave) {
        confirms++;
        const b = JSON.parse(q.body) as { correlationId: string; claimType: string };
        // idempotent by correlationId: a resend joins the pending commit; the answer never comes in time
        if (!pending.has(b.correlationId))
          pending.set(
            b.correlationId,
            new Promise<void>((ok) =>
              setTimeout(() => {
                agentCodes.push({
                  claimCode: 'PP0000000042',
                  claimType: b.claimType,
                  claimDateTime: wall(Date.now()),
                  hcode: '10699',
                });
                ok();
              }, 600),
            ),
          );
        await pending.get(b.correlationId);
        return reset(r);
      }
      if (q.path.startsWith(AGENT_PATHS.latestAuthenCodes.replace('{pid}', '')))
        return json(r, 200, agentCodes.length === 1 ? agentCodes[0] : agentCodes);
      if (q.path.startsWith(AGENT_PATHS.latestAuthenCode.replace('{pid}', '')))
        return json(r, 200, agentCodes[0] ?? { checkDate: wall(Date.now()) });
      json(r, 404, {});
    });
    const agent = createAgentClient({ baseUrl: srv.url, timeouts: { issue: 100 } });
    const r = await agent.requestVisitAuthen({
      pid: PID,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: 'late-1',
      hcode: '10699',
      settleMs: 20,
    });
    expect(r).toEqual({ claimCode: 'PP0000000042', reused: false, reconciled: true });
    expect(confirms).toBe(2);
    expect(agentCodes).toHaveLength(1);
  });
});

describe('concurrent requestVisitAuthen for one visit', () => {
  it('exactly one caller sees the code as new (an Agent that answers a repeated correlationId with the same code)', async () => {
    const byCorrelation = new Map<string, string>();
    let confirms = 0;
    srv.handle(async (q, r) => {
      if (q.method === 'POST' && q.path === AGENT_PATHS.confirmSave) {
        confirms++;
        const b = JSON.parse(q.body) as { correlationId: string; claimType: string };
        await new Promise((ok) => setTimeout(ok, 30));
        const code = byCorrelation.get(b.correlationId) ?? `PP${String(1e9 + byCorrelation.size)}`;
        byCorrelation.set(b.correlationId, code);
        return json(r, 200, {
          pid: PID,
          claimType: b.claimType,
          claimCode: code,
          createdDate: wall(Date.now()),
        });
      }
      // nothing yet when both pre-check
      return json(r, 200, { checkDate: wall(Date.now()) });
    });
    const req = {
      pid: PID,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: 'same-visit',
      hcode: '10699',
    };
    // two clients of one HIS (two windows), same Agent
    const [a, b] = await Promise.all([
      createAgentClient({ baseUrl: srv.url }).requestVisitAuthen(req),
      createAgentClient({ baseUrl: srv.url }).requestVisitAuthen(req),
    ]);
    expect(a.claimCode).toBe(b.claimCode);
    expect([a.reused, b.reused].sort()).toEqual([false, true]);
    expect(confirms).toBe(1);
  });
});
