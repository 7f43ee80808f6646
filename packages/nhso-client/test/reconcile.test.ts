import {
  decideIssue,
  type IssueAction,
  type IssueEvent,
  type IssuePolicy,
  initialIssueState,
  runIssueFlow,
} from '@authenkit/nhso-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const P: IssuePolicy = { precheck: true, maxSends: 2, maxQueries: 3 };

function drive(events: IssueEvent[], policy = P): IssueAction[] {
  let s = initialIssueState();
  const out: IssueAction[] = [];
  for (const e of events) {
    const [n, a] = decideIssue(s, e, policy);
    s = n;
    out.push(a);
  }
  return out;
}

describe('decideIssue (pure)', () => {
  it('pre-check hit → reused, nothing sent', () => {
    expect(drive([{ type: 'start' }, { type: 'queried', phase: 'precheck', found: 'PP1' }]).at(-1)).toEqual({
      type: 'done',
      code: 'PP1',
      reused: true,
      reconciled: false,
    });
  });

  it('pre-check miss → send → ok', () => {
    const a = drive([
      { type: 'start' },
      { type: 'queried', phase: 'precheck', found: null },
      { type: 'sent', outcome: 'ok', code: 'PP2' },
    ]);
    expect(a.map((x) => x.type)).toEqual(['query', 'send', 'done']);
  });

  it('ambiguous → reconcile before any resend; found → reconciled', () => {
    const a = drive(
      [
        { type: 'start' },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'TIMEOUT' },
        { type: 'queried', phase: 'reconcile', found: 'PP3' },
      ],
      { ...P, precheck: false },
    );
    expect(a).toEqual([
      { type: 'send' },
      { type: 'query', phase: 'reconcile' },
      { type: 'done', code: 'PP3', reused: false, reconciled: true },
    ]);
  });

  it('ambiguous → reconcile miss → resend; limit → NOT_ISSUED', () => {
    const a = drive(
      [
        { type: 'start' },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'NETWORK' },
        { type: 'queried', phase: 'reconcile', found: null },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'NETWORK' },
        { type: 'queried', phase: 'reconcile', found: null },
      ],
      { ...P, precheck: false },
    );
    expect(a.map((x) => x.type)).toEqual(['send', 'query', 'send', 'query', 'fail']);
    expect(a.at(-1)).toEqual({ type: 'fail', errorCode: 'NOT_ISSUED', reason: 'NETWORK' });
  });

  it('reconcile queries failing → OUTCOME_UNKNOWN, never a resend', () => {
    const a = drive(
      [
        { type: 'start' },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'TIMEOUT' },
        { type: 'queryFailed', phase: 'reconcile', errorCode: 'NETWORK' },
        { type: 'queryFailed', phase: 'reconcile', errorCode: 'NETWORK' },
        { type: 'queryFailed', phase: 'reconcile', errorCode: 'TIMEOUT' },
      ],
      { ...P, precheck: false },
    );
    expect(a.filter((x) => x.type === 'send')).toHaveLength(1);
    expect(a.at(-1)).toEqual({ type: 'fail', errorCode: 'OUTCOME_UNKNOWN', reason: 'TIMEOUT' });
  });

  it('late-commit window: after the last unanswered send, misses are re-checked with backoff, then NOT_ISSUED', () => {
    const p = { ...P, precheck: false, maxSends: 1, settleMs: 50, lateCommitMs: 1_000 };
    const miss: IssueEvent = { type: 'queried', phase: 'reconcile', found: null };
    const a = drive(
      [
        { type: 'start' },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'TIMEOUT' },
        ...Array(8).fill(miss),
      ],
      p,
    );
    const waits = a.flatMap((x) => (x.type === 'query' && x.afterMs ? [x.afterMs] : []));
    expect(waits).toEqual([50, 100, 100, 200, 400, 200]); // settle, then backoff within 1 000 ms
    expect(a.filter((x) => x.type === 'send')).toHaveLength(1);
    expect(a.find((x) => x.type === 'fail')).toEqual({
      type: 'fail',
      errorCode: 'NOT_ISSUED',
      reason: 'TIMEOUT',
    });
    // a late hit inside the window is the committed code
    const hit = drive(
      [
        { type: 'start' },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'TIMEOUT' },
        miss,
        miss,
        miss,
        { type: 'queried', phase: 'reconcile', found: 'PP9' },
      ],
      p,
    );
    expect(hit.at(-1)).toEqual({ type: 'done', code: 'PP9', reused: false, reconciled: true });
    // an answered failure (5xx) gets no window: the server finished with that request
    const answered = drive(
      [{ type: 'start' }, { type: 'sent', outcome: 'ambiguous', errorCode: 'BAD_RESPONSE' }, miss, miss],
      p,
    );
    expect(answered.at(-1)).toEqual({ type: 'fail', errorCode: 'NOT_ISSUED', reason: 'BAD_RESPONSE' });
  });

  it('a duplicate answer to a resend after an unanswered send points at our own code (reused: false)', () => {
    const p = { ...P, precheck: false, lateCommitMs: 500 };
    const a = drive(
      [
        { type: 'start' },
        { type: 'sent', outcome: 'ambiguous', errorCode: 'NETWORK' },
        { type: 'queried', phase: 'reconcile', found: null },
        { type: 'sent', outcome: 'duplicate', errorCode: 'DUPLICATE_AUTHEN_CODE' },
        { type: 'queried', phase: 'reconcile', found: null },
        { type: 'queried', phase: 'reconcile', found: 'PP7' },
      ],
      p,
    );
    expect(a.map((x) => x.type)).toEqual(['send', 'query', 'send', 'query', 'query', 'done']);
    expect(a.at(-1)).toEqual({ type: 'done', code: 'PP7', reused: false, reconciled: true });
  });

  it('duplicate → reconcile: found → reused; none → NOT_ISSUED(DUPLICATE_AUTHEN_CODE)', () => {
    const base: IssueEvent[] = [
      { type: 'start' },
      { type: 'sent', outcome: 'duplicate', errorCode: 'DUPLICATE_AUTHEN_CODE' },
    ];
    const p = { ...P, precheck: false };
    expect(drive([...base, { type: 'queried', phase: 'reconcile', found: 'PP4' }], p).at(-1)).toMatchObject({
      reused: true,
    });
    expect(drive([...base, { type: 'queried', phase: 'reconcile', found: null }], p).at(-1)).toEqual({
      type: 'fail',
      errorCode: 'NOT_ISSUED',
      reason: 'DUPLICATE_AUTHEN_CODE',
    });
  });

  it('property: a send is never issued right after an ambiguous send without a reconcile miss in between', () => {
    const ev = fc.oneof(
      fc.record({
        type: fc.constant('queried' as const),
        phase: fc.constantFrom('precheck' as const, 'reconcile' as const),
        found: fc.option(fc.constant('PPX'), { nil: null }),
      }),
      fc.record({
        type: fc.constant('queryFailed' as const),
        phase: fc.constantFrom('precheck' as const, 'reconcile' as const),
        errorCode: fc.constantFrom('NETWORK' as const, 'TIMEOUT' as const),
      }),
      fc.record({
        type: fc.constant('sent' as const),
        outcome: fc.constant('ambiguous' as const),
        errorCode: fc.constant('TIMEOUT' as const),
      }),
      fc.record({
        type: fc.constant('sent' as const),
        outcome: fc.constant('ok' as const),
        code: fc.constant('PPY'),
      }),
      fc.record({
        type: fc.constant('sent' as const),
        outcome: fc.constantFrom('rejected' as const, 'duplicate' as const),
        errorCode: fc.constant('VALIDATION' as const),
      }),
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(ev, { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (precheck, events, maxSends) => {
          const policy = { precheck, maxSends, maxQueries: 3 };
          let s = initialIssueState();
          let [st, action] = decideIssue(s, { type: 'start' }, policy);
          s = st;
          let sends = action.type === 'send' ? 1 : 0;
          let unresolvedAmbiguous = false;
          for (const e of events) {
            if (action.type === 'done' || action.type === 'fail') break;
            // Feed only events that answer the current action.
            if (action.type === 'send' && e.type !== 'sent') continue;
            if (action.type === 'query' && (e.type === 'sent' || e.phase !== action.phase)) continue;
            if (e.type === 'sent' && e.outcome === 'ambiguous') unresolvedAmbiguous = true;
            if (e.type === 'queried' && e.phase === 'reconcile' && e.found === null)
              unresolvedAmbiguous = false;
            [st, action] = decideIssue(s, e as IssueEvent, policy);
            s = st;
            if (action.type === 'send') {
              expect(unresolvedAmbiguous).toBe(false);
              sends++;
            }
          }
          expect(sends).toBeLessThanOrEqual(maxSends);
        },
      ),
    );
  });
});

describe('runIssueFlow', () => {
  it('drives the machine with I/O functions', async () => {
    let sends = 0;
    const r = await runIssueFlow(
      { precheck: false, maxSends: 2, maxQueries: 2 },
      {
        query: async () => (sends > 0 ? 'PP9' : null),
        send: async () => {
          sends++;
          return { outcome: 'ambiguous', errorCode: 'TIMEOUT' };
        },
      },
    );
    expect(r).toMatchObject({ type: 'done', code: 'PP9', reconciled: true });
    expect(sends).toBe(1);
  });
});
