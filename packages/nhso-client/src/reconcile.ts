/**
 * Pure decision logic ("never a duplicate Authen Code") for calls that issue a code: the Agent's
 * `confirm-save` and NHSO Endpoint's close-claim. The I/O shell feeds events in and performs the
 * returned action; this module never does I/O, so every path is unit-tested in isolation.
 *
 *  start ──precheck?──► QUERY(precheck) ──found──► DONE(reused)
 *    │                        │none / (error → FAIL NOT_ISSUED)
 *    └───────────────────────►SEND ──ok──► DONE
 *                              │ definite rejection (4xx, refused, aborted before send) ──► FAIL NOT_ISSUED
 *                              │ duplicate ──► QUERY(reconcile) ──found──► DONE(reused) / none ──► FAIL NOT_ISSUED
 *                              │ ambiguous (timeout, reset, 5xx after send) ──► QUERY(reconcile)
 *                                     found ──► DONE(reconciled) │ none ──► (after settleMs, once more) SEND again (≤ maxSends)
 *                                     │ no send left: QUERY again with backoff for lateCommitMs (a late commit) ──► FAIL NOT_ISSUED
 *                                     query error ──► QUERY again (≤ maxQueries) or FAIL OUTCOME_UNKNOWN
 * @module
 */
import { NhsoError, type NhsoErrorCode } from './errors.js';

/**
 * Limits of one issuing flow.
 *
 * @example
 * ```ts
 * import type { IssuePolicy } from '@authenkit/nhso-client';
 * const p: IssuePolicy = { precheck: true, maxSends: 2, maxQueries: 4 };
 * ```
 */
export interface IssuePolicy {
  /** Query existing codes before the first send. */
  precheck: boolean;
  /** Maximum sends (only resent after a reconcile proved the previous one did not commit). */
  maxSends: number;
  /** Maximum reconcile queries in a row before giving up as OUTCOME_UNKNOWN. */
  maxQueries: number;
  /**
   * After an ambiguous send, a reconcile miss is confirmed by one more query this many ms later before
   * the send is considered not committed (a request still queued at the server may commit late).
   * Default 0 (no confirmation query).
   */
  settleMs?: number;
  /**
   * When no send is left (or a resend was answered "duplicate") after a send that got no answer (timeout,
   * connection lost), reconcile misses keep being re-checked with backoff for this many ms before the flow concludes: a
   * request that timed out at the client may still commit at the server, or the query service may show
   * the commit late. Default 0 (no late-commit window).
   */
  lateCommitMs?: number;
}

/**
 * State of an issuing flow.
 *
 * @example
 * ```ts
 * import { initialIssueState } from '@authenkit/nhso-client';
 * console.log(initialIssueState().sends); // 0
 * ```
 */
export interface IssueState {
  /** Sends performed. */
  sends: number;
  /** Queries in a row since the last send. */
  queries: number;
  /** A send of this flow ended ambiguously: it may have committed (a reconcile hit is then ours). */
  maybeCommitted: boolean;
  /** A send of this flow got no answer (`TIMEOUT`, `NETWORK`): the server may still commit it late. */
  unanswered: boolean;
  /** The last send was answered "duplicate" (a reconcile hit is then pre-existing). */
  duplicate: boolean;
  /** A reconcile miss awaits confirmation after the settle delay. */
  missPending: boolean;
  /** Milliseconds already spent re-checking for a late commit (see {@link IssuePolicy.lateCommitMs}). */
  lateWaitedMs: number;
  /** Code of the last failure, for the final error. */
  lastErrorCode: NhsoErrorCode | undefined;
}

/**
 * An input to {@link decideIssue}.
 *
 * @example
 * ```ts
 * import type { IssueEvent } from '@authenkit/nhso-client';
 * const e: IssueEvent = { type: 'sent', outcome: 'ambiguous', errorCode: 'TIMEOUT' };
 * ```
 */
export type IssueEvent =
  | { type: 'start' }
  | { type: 'queried'; phase: 'precheck' | 'reconcile'; found: string | null }
  | { type: 'queryFailed'; phase: 'precheck' | 'reconcile'; errorCode: NhsoErrorCode }
  | { type: 'sent'; outcome: 'ok'; code: string }
  | { type: 'sent'; outcome: 'rejected' | 'duplicate' | 'ambiguous'; errorCode: NhsoErrorCode };

/**
 * What the I/O shell must do next.
 *
 * @example
 * ```ts
 * import type { IssueAction } from '@authenkit/nhso-client';
 * const a: IssueAction = { type: 'query', phase: 'precheck' };
 * ```
 */
export type IssueAction =
  | { type: 'query'; phase: 'precheck' | 'reconcile'; afterMs?: number }
  | { type: 'send' }
  | { type: 'done'; code: string; reused: boolean; reconciled: boolean }
  | { type: 'fail'; errorCode: 'NOT_ISSUED' | 'OUTCOME_UNKNOWN'; reason: NhsoErrorCode };

/**
 * The state before anything was sent.
 *
 * @example
 * ```ts
 * import { decideIssue, initialIssueState } from '@authenkit/nhso-client';
 * const [, action] = decideIssue(initialIssueState(), { type: 'start' }, { precheck: true, maxSends: 2, maxQueries: 3 });
 * console.log(action); // { type: 'query', phase: 'precheck' }
 * ```
 */
export function initialIssueState(): IssueState {
  return {
    sends: 0,
    queries: 0,
    maybeCommitted: false,
    unanswered: false,
    duplicate: false,
    missPending: false,
    lateWaitedMs: 0,
    lastErrorCode: undefined,
  };
}

/**
 * The transition function: `(state, event) → [state, action]`. Invariant: it only returns `send` when
 * no send happened yet or the last reconcile query proved that nothing was committed.
 *
 * @example
 * ```ts
 * import { decideIssue, initialIssueState } from '@authenkit/nhso-client';
 * const policy = { precheck: false, maxSends: 2, maxQueries: 3 };
 * let [s, a] = decideIssue(initialIssueState(), { type: 'start' }, policy); // send
 * [s, a] = decideIssue(s, { type: 'sent', outcome: 'ambiguous', errorCode: 'TIMEOUT' }, policy);
 * console.log(a); // { type: 'query', phase: 'reconcile' }
 * ```
 */
export function decideIssue(
  state: IssueState,
  event: IssueEvent,
  policy: IssuePolicy,
): [IssueState, IssueAction] {
  switch (event.type) {
    case 'start':
      return policy.precheck ? [state, { type: 'query', phase: 'precheck' }] : send(state);
    case 'queried':
      if (event.phase === 'precheck') {
        if (event.found) return [state, { type: 'done', code: event.found, reused: true, reconciled: false }];
        return send(state);
      }
      if (event.found)
        return [
          { ...state, queries: 0 },
          {
            type: 'done',
            code: event.found,
            // after a send of ours that may have committed, a "duplicate" answer points at our own code
            reused: state.duplicate && !state.maybeCommitted,
            reconciled: true,
          },
        ];
      return reconcileMiss(state, policy);
    case 'queryFailed': {
      const s = { ...state, queries: state.queries + 1, lastErrorCode: event.errorCode };
      if (event.phase === 'precheck')
        return [s, { type: 'fail', errorCode: 'NOT_ISSUED', reason: event.errorCode }];
      if (s.queries < policy.maxQueries) return [s, { type: 'query', phase: 'reconcile' }];
      return [
        s,
        state.duplicate && !state.maybeCommitted
          ? { type: 'fail', errorCode: 'NOT_ISSUED', reason: 'DUPLICATE_AUTHEN_CODE' }
          : { type: 'fail', errorCode: 'OUTCOME_UNKNOWN', reason: event.errorCode },
      ];
    }
    case 'sent': {
      if (event.outcome === 'ok')
        return [state, { type: 'done', code: event.code, reused: false, reconciled: false }];
      const s = { ...state, lastErrorCode: event.errorCode, queries: 0 };
      if (event.outcome === 'rejected') {
        // A rejection after an earlier ambiguous send is still "not issued": the reconcile before this
        // send proved the earlier one did not commit.
        return [s, { type: 'fail', errorCode: 'NOT_ISSUED', reason: event.errorCode }];
      }
      if (event.outcome === 'duplicate')
        return [
          { ...s, duplicate: true },
          { type: 'query', phase: 'reconcile' },
        ];
      const unanswered = state.unanswered || event.errorCode === 'TIMEOUT' || event.errorCode === 'NETWORK';
      return [
        { ...s, maybeCommitted: true, unanswered },
        { type: 'query', phase: 'reconcile' },
      ];
    }
  }
}

/** A reconcile query found nothing: confirm after the settle delay, resend, wait for a late commit, or fail. */
function reconcileMiss(state: IssueState, policy: IssuePolicy): [IssueState, IssueAction] {
  // A "duplicate" answer to a send that cannot be ours: the code belongs to someone else.
  if (state.duplicate && !state.maybeCommitted)
    return [state, { type: 'fail', errorCode: 'NOT_ISSUED', reason: 'DUPLICATE_AUTHEN_CODE' }];
  const settle = policy.settleMs ?? 0;
  if (settle > 0 && !state.missPending)
    return [
      { ...state, missPending: true },
      { type: 'query', phase: 'reconcile', afterMs: settle },
    ];
  // Proven (as far as the settle delay can): the ambiguous send did not commit. Resend if allowed.
  if (!state.duplicate && state.sends < policy.maxSends) return send({ ...state, queries: 0 });
  // No send left, and one of ours got no answer, so it may still commit late (or show late): re-check
  // with backoff within the window.
  const left = (policy.lateCommitMs ?? 0) - state.lateWaitedMs;
  if (state.unanswered && left > 0) {
    const wait = Math.min(left, Math.max(settle, 100, state.lateWaitedMs));
    return [
      { ...state, lateWaitedMs: state.lateWaitedMs + wait },
      { type: 'query', phase: 'reconcile', afterMs: wait },
    ];
  }
  // "Duplicate" after a send of ours that may have committed, and the code never showed: likely ours.
  if (state.duplicate)
    return [state, { type: 'fail', errorCode: 'OUTCOME_UNKNOWN', reason: 'DUPLICATE_AUTHEN_CODE' }];
  return [state, { type: 'fail', errorCode: 'NOT_ISSUED', reason: state.lastErrorCode ?? 'NETWORK' }];
}

function send(state: IssueState): [IssueState, IssueAction] {
  return [
    { ...state, sends: state.sends + 1, queries: 0, duplicate: false, missPending: false },
    { type: 'send' },
  ];
}

/**
 * Result of one send, classified by the I/O shell: `rejected` = certainly not committed (4xx, connection
 * refused, aborted before sending); `ambiguous` = may have committed (timeout, reset, 5xx after send).
 *
 * @example
 * ```ts
 * import type { SendOutcome } from '@authenkit/nhso-client';
 * const o: SendOutcome = { outcome: 'ambiguous', errorCode: 'NETWORK' };
 * ```
 */
export type SendOutcome =
  | { outcome: 'ok'; code: string }
  | { outcome: 'rejected' | 'duplicate' | 'ambiguous'; errorCode: NhsoErrorCode; error?: unknown };

/**
 * Runs the {@link decideIssue} machine with the given I/O functions. Used by
 * `agent.requestVisitAuthen` and `nhso.closeClaim`; exported so HIS vendors can drive their own issuing
 * calls with the same guarantees.
 *
 * @example
 * ```ts
 * import { runIssueFlow } from '@authenkit/nhso-client';
 * const r = await runIssueFlow(
 *   { precheck: true, maxSends: 2, maxQueries: 3 },
 *   {
 *     query: async () => null,
 *     send: async () => ({ outcome: 'ok', code: 'PP1238504971' }),
 *   },
 * );
 * console.log(r); // { type: 'done', code: 'PP1238504971', reused: false, reconciled: false }
 * ```
 */
export async function runIssueFlow(
  policy: IssuePolicy,
  io: {
    /** Finds a matching existing code (`null` if none); throws `NhsoError` on failure. */
    query: (phase: 'precheck' | 'reconcile') => Promise<string | null>;
    /** One send; must classify its own failures. */
    send: () => Promise<SendOutcome>;
    /** Maps a thrown query error to its code. */
    codeOf?: (error: unknown) => NhsoErrorCode;
    /** Observes transitions (tests, metrics). */
    onTransition?: (event: IssueEvent, action: IssueAction) => void;
  },
): Promise<Extract<IssueAction, { type: 'done' } | { type: 'fail' }> & { lastError?: unknown }> {
  let state = initialIssueState();
  let event: IssueEvent = { type: 'start' };
  let lastError: unknown;
  for (let guard = 0; guard < 1000; guard++) {
    const [next, action] = decideIssue(state, event, policy);
    io.onTransition?.(event, action);
    state = next;
    if (action.type === 'done' || action.type === 'fail')
      return lastError === undefined ? action : { ...action, lastError };
    if (action.type === 'query') {
      if (action.afterMs) await new Promise((r) => setTimeout(r, action.afterMs));
      try {
        event = { type: 'queried', phase: action.phase, found: await io.query(action.phase) };
      } catch (e) {
        lastError = e;
        event = { type: 'queryFailed', phase: action.phase, errorCode: io.codeOf?.(e) ?? 'NETWORK' };
      }
    } else {
      const r = await io.send();
      if (r.outcome === 'ok') event = { type: 'sent', outcome: 'ok', code: r.code };
      else {
        lastError = r.error;
        event = { type: 'sent', outcome: r.outcome, errorCode: r.errorCode };
      }
    }
  }
  throw new NhsoError('OUTCOME_UNKNOWN', 'runIssueFlow: the issuing state machine did not terminate');
}
