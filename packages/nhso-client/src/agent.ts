import { bangkokDateKey } from '@authenkit/authen-code';
import type * as v from 'valibot';
import {
  assertPid,
  type CallOptions,
  type ClientOptions,
  DEFAULT_RETRY,
  joinUrl,
  transportConfig,
} from './common.js';
import { isNhsoError, NhsoError, type NhsoErrorCode } from './errors.js';
import { type CallSpec, maybeSent, send } from './http.js';
import {
  type AgentAuthenCode,
  bangkokDateOf,
  type CardRead,
  normalizeAgentAuthenCode,
  normalizeAgentAuthenCodes,
  normalizeCardRead,
  toBangkokIso,
} from './normalize.js';
import { type IssuePolicy, runIssueFlow, type SendOutcome } from './reconcile.js';
import { parseBody, statusError, validateRequest } from './response.js';
import {
  AGENT_DEFAULT_BASE_URL,
  AGENT_PATHS,
  type AgentConfirmSaveRequest,
  AgentConfirmSaveRequestSchema,
  AgentConfirmSaveResponseSchema,
  AgentLatestAuthenCodeResponseSchema,
  AgentLatestAuthenCodesResponseSchema,
  AgentPreferenceResponseSchema,
  AgentProbeResponseSchema,
  AgentReadCardOnlyResponseSchema,
  AgentReadCardResponseSchema,
  AgentSaveDraftResponseSchema,
  AgentTerminalsResponseSchema,
  fillPath,
} from './schemas.js';

/**
 * Default time budgets of Agent calls, ms.
 *
 * @example
 * ```ts
 * import { AGENT_TIMEOUTS } from '@authenkit/nhso-client';
 * console.log(AGENT_TIMEOUTS.cardRead); // 30000
 * ```
 */
export const AGENT_TIMEOUTS = {
  /** `readCard`, `readCardOnly` (the Agent talks to the card and NHSO). */
  cardRead: 30_000,
  /** `terminals`, `latestAuthenCode(s)`, `preference`, `probe`. */
  lookup: 5_000,
  /** `confirmSave`, `saveDraft` (one attempt, never retried blindly). */
  issue: 20_000,
};

/**
 * Options of {@link createAgentClient}.
 *
 * @example
 * ```ts
 * import { createAgentClient, type AgentClientOptions } from '@authenkit/nhso-client';
 * const o: AgentClientOptions = { baseUrl: 'http://127.0.0.1:8189', timeouts: { lookup: 2_000 } };
 * createAgentClient(o);
 * ```
 */
export interface AgentClientOptions extends ClientOptions {
  /** Agent origin. Default `http://localhost:8189`. */
  baseUrl?: string;
  /** Per-call-type budgets (ms), see {@link AGENT_TIMEOUTS}. */
  timeouts?: Partial<typeof AGENT_TIMEOUTS>;
}

/**
 * A reader known to the Agent.
 *
 * @example
 * ```ts
 * import type { Terminal } from '@authenkit/nhso-client';
 * const t: Terminal = { terminalName: 'ACS ACR39U 0', isPresent: true };
 * ```
 */
export interface Terminal {
  /** PC/SC reader name. */
  terminalName: string;
  /** A card is in the reader. */
  isPresent: boolean;
}

/**
 * Result of `confirmSave`.
 *
 * @example
 * ```ts
 * import type { ConfirmSaveResult } from '@authenkit/nhso-client';
 * const r: ConfirmSaveResult = { claimCode: 'PP1238504971', claimType: 'PG0060001', createdDate: '2023-08-04T15:32:17+07:00' };
 * ```
 */
export interface ConfirmSaveResult {
  /** The Authen Code. */
  claimCode: string;
  /** Claim type. */
  claimType: string | null;
  /** When the Agent created it (ISO, +07:00). */
  createdDate: string | null;
  /** The validated raw body (opt-in). */
  raw?: unknown;
}

/**
 * Result of `saveDraft` (no code is issued).
 *
 * @example
 * ```ts
 * import type { SaveDraftResult } from '@authenkit/nhso-client';
 * const r: SaveDraftResult = { claimType: 'PG0060001', createdDate: null };
 * ```
 */
export interface SaveDraftResult {
  /** Claim type. */
  claimType: string | null;
  /** When the draft was created (ISO, +07:00). */
  createdDate: string | null;
  /** The validated raw body (opt-in). */
  raw?: unknown;
}

/**
 * Input of `requestVisitAuthen`: the confirm-save body plus flow options.
 *
 * @example
 * ```ts
 * import type { VisitAuthenRequest } from '@authenkit/nhso-client';
 * const r: VisitAuthenRequest = { pid: '1101700203450', claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c' };
 * ```
 */
export interface VisitAuthenRequest extends AgentConfirmSaveRequest {
  /** Check `latestAuthenCode` for the same day and claim type first (default `true`). */
  precheck?: boolean;
  /** Maximum sends; a resend happens only after a reconcile proved nothing was committed (default 2). */
  maxSends?: number;
  /** Maximum reconcile queries in a row (default 4). */
  maxQueries?: number;
  /**
   * Confirm a reconcile miss with one more query this many ms later before resending or reporting
   * `NOT_ISSUED` (a confirm-save still queued in the Agent may commit late). Default 1 000.
   */
  settleMs?: number;
  /**
   * After a send got no answer (timeout, connection lost) and no resend is left (or a resend was answered
   * "duplicate"), keep looking for a late commit this long (queries with backoff) before concluding.
   * Default 10 000.
   */
  lateCommitMs?: number;
}

/**
 * Result of `requestVisitAuthen`.
 *
 * @example
 * ```ts
 * import type { VisitAuthenResult } from '@authenkit/nhso-client';
 * const r: VisitAuthenResult = { claimCode: 'PP1238504971', reused: false, reconciled: false };
 * ```
 */
export interface VisitAuthenResult {
  /** The Authen Code for this visit. */
  claimCode: string;
  /** The code existed before this call (pre-check or a duplicate answer); nothing new was issued. */
  reused: boolean;
  /** Recovered by querying after an ambiguous failure. */
  reconciled: boolean;
}

/**
 * Client of the local NHSO Smart Card Agent.
 *
 * @example
 * ```ts
 * import { createAgentClient, type AgentClient } from '@authenkit/nhso-client';
 * const agent: AgentClient = createAgentClient();
 * ```
 */
export interface AgentClient {
  /** Readers and card presence (`GET /api/smartcard/terminals`). */
  terminals(options?: CallOptions): Promise<Terminal[]>;
  /** Card + NHSO right + claim types + `correlationId` (`GET /api/smartcard/read`). Up to 30 s. */
  readCard(options?: CallOptions & { withPhoto?: boolean }): Promise<CardRead>;
  /** Card data only (`GET /api/smartcard/read-card-only`). */
  readCardOnly(options?: CallOptions & { withPhoto?: boolean }): Promise<CardRead>;
  /** Right check by PID without a card (`GET /api/smartcard/probe/{pid}`; shape inferred). */
  probe(pid: string, options?: CallOptions): Promise<CardRead>;
  /** Save as draft (no code issued). Not retried. */
  saveDraft(request: AgentConfirmSaveRequest, options?: CallOptions): Promise<SaveDraftResult>;
  /** Issue an Authen Code: ONE attempt, never retried. Prefer {@link AgentClient.requestVisitAuthen}. */
  confirmSave(request: AgentConfirmSaveRequest, options?: CallOptions): Promise<ConfirmSaveResult>;
  /** This hospital's latest code for `pid`, or `null` when there is none. */
  latestAuthenCode(pid: string, options?: CallOptions): Promise<AgentAuthenCode | null>;
  /** Up to 5 recent codes across hospitals; always an array. */
  latestAuthenCodes(pid: string, options?: CallOptions): Promise<AgentAuthenCode[]>;
  /** Agent preferences (shape unknown; returned as validated JSON object). */
  preference(options?: CallOptions): Promise<Record<string, unknown>>;
  /**
   * Issues an Authen Code for a visit without ever producing a duplicate: optional same-day pre-check,
   * one `confirmSave`, and on an ambiguous failure (timeout, reset, 5xx after send) a reconcile query
   * before any resend, and a late-commit window after the last send. Concurrent calls for the same visit
   * (pid, claim type, hcode, Bangkok day) against the same Agent share one flow: exactly one of them gets
   * `reused: false`. Fails only with `NOT_ISSUED` (certainly not issued by this call; `details.reason`)
   * or `OUTCOME_UNKNOWN` (every reconcile query failed, or the code a send may have issued never showed).
   */
  requestVisitAuthen(request: VisitAuthenRequest, options?: CallOptions): Promise<VisitAuthenResult>;
}

/**
 * Creates a client of the NHSO Smart Card Agent (default `http://localhost:8189`). Works in Node and
 * in browsers where the Agent allows CORS.
 *
 * @example
 * ```ts no-run
 * import { createAgentClient, isNhsoError } from '@authenkit/nhso-client';
 * const agent = createAgentClient({ baseUrl: process.env.NHSO_AGENT_URL ?? 'http://localhost:8189' });
 * try {
 *   const card = await agent.readCard();
 *   const { claimCode, reused } = await agent.requestVisitAuthen({
 *     pid: card.pid, claimType: 'PG0060001', mobile: '0812345678', correlationId: card.correlationId ?? '',
 *   });
 *   console.log(claimCode, reused);
 * } catch (e) {
 *   if (isNhsoError(e)) console.error(e.code, e.messageTh);
 * }
 * ```
 */
export function createAgentClient(options: AgentClientOptions = {}): AgentClient {
  const base = options.baseUrl ?? AGENT_DEFAULT_BASE_URL;
  const cfg = transportConfig(options, 'AGENT_NOT_RUNNING');
  const timeouts = { ...AGENT_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const now = options.now ?? Date.now;
  const raw = { raw: options.raw ?? false };

  const get = (
    operation: string,
    path: string,
    kind: 'cardRead' | 'lookup',
    opts: CallOptions | undefined,
    searchParams?: Record<string, string>,
  ) => {
    const spec: CallSpec = {
      operation,
      method: 'GET',
      url: joinUrl(base, path),
      searchParams,
      timeoutMs: opts?.timeoutMs ?? timeouts[kind],
      idempotent: true,
      retry: kind === 'cardRead' ? { ...retry, retries: Math.min(retry.retries, 1) } : retry,
      retryStatuses: [502, 503, 504],
      signal: opts?.signal,
    };
    return send(cfg, spec);
  };

  const ok = <T extends v.GenericSchema>(
    res: Awaited<ReturnType<typeof send>>,
    schema: T,
    operation: string,
    cardRead = false,
  ): v.InferOutput<T> => {
    if (res.status < 200 || res.status >= 300) throw statusError(res, { operation, cardRead });
    return parseBody(res, schema, operation);
  };

  const post = async (operation: string, path: string, body: unknown, opts: CallOptions | undefined) => {
    const req = validateRequest(body, AgentConfirmSaveRequestSchema, operation);
    return send(cfg, {
      operation,
      method: 'POST',
      url: joinUrl(base, path),
      json: req,
      timeoutMs: opts?.timeoutMs ?? timeouts.issue,
      idempotent: false,
      retry,
      retryStatuses: [],
      signal: opts?.signal,
    });
  };

  const client: AgentClient = {
    async terminals(opts) {
      const op = 'agent.terminals';
      const list = ok(await get(op, AGENT_PATHS.terminals, 'lookup', opts), AgentTerminalsResponseSchema, op);
      return list.map((t) => ({
        terminalName: t.terminalName,
        isPresent:
          t.isPresent === true || (typeof t.isPresent === 'string' && t.isPresent.toLowerCase() === 'true'),
      }));
    },
    async readCard(opts) {
      const op = 'agent.readCard';
      const res = await get(op, AGENT_PATHS.read, 'cardRead', opts, {
        readImageFlag: String(!!opts?.withPhoto),
      });
      return normalizeCardRead(ok(res, AgentReadCardResponseSchema, op, true), {
        ...raw,
        withPhoto: !!opts?.withPhoto,
      });
    },
    async readCardOnly(opts) {
      const op = 'agent.readCardOnly';
      const res = await get(op, AGENT_PATHS.readCardOnly, 'cardRead', opts, {
        readImageFlag: String(!!opts?.withPhoto),
      });
      return normalizeCardRead(ok(res, AgentReadCardOnlyResponseSchema, op, true), {
        ...raw,
        withPhoto: !!opts?.withPhoto,
      });
    },
    async probe(pid, opts) {
      const op = 'agent.probe';
      assertPid(pid, op);
      const res = await get(op, fillPath(AGENT_PATHS.probe, { pid }), 'lookup', opts);
      return normalizeCardRead(ok(res, AgentProbeResponseSchema, op), raw);
    },
    async saveDraft(request, opts) {
      const op = 'agent.saveDraft';
      const res = await post(op, AGENT_PATHS.saveDraft, request, opts);
      if (res.status < 200 || res.status >= 300) throw statusError(res, { operation: op, issuing: true });
      const b = parseBody(res, AgentSaveDraftResponseSchema, op);
      const out: SaveDraftResult = {
        claimType: b.claimType ?? null,
        createdDate: toBangkokIso(b.createdDate),
      };
      return options.raw ? { ...out, raw: b } : out;
    },
    async confirmSave(request, opts) {
      const op = 'agent.confirmSave';
      const res = await post(op, AGENT_PATHS.confirmSave, request, opts);
      if (res.status < 200 || res.status >= 300) throw statusError(res, { operation: op, issuing: true });
      const b = parseBody(res, AgentConfirmSaveResponseSchema, op);
      const out: ConfirmSaveResult = {
        claimCode: b.claimCode,
        claimType: b.claimType ?? null,
        createdDate: toBangkokIso(b.createdDate),
      };
      return options.raw ? { ...out, raw: b } : out;
    },
    async latestAuthenCode(pid, opts) {
      const op = 'agent.latestAuthenCode';
      assertPid(pid, op);
      const res = await get(op, fillPath(AGENT_PATHS.latestAuthenCode, { pid }), 'lookup', opts);
      if (res.status === 404) return null;
      return normalizeAgentAuthenCode(ok(res, AgentLatestAuthenCodeResponseSchema, op), raw);
    },
    async latestAuthenCodes(pid, opts) {
      const op = 'agent.latestAuthenCodes';
      assertPid(pid, op);
      const res = await get(op, fillPath(AGENT_PATHS.latestAuthenCodes, { pid }), 'lookup', opts);
      if (res.status === 404) return [];
      return normalizeAgentAuthenCodes(ok(res, AgentLatestAuthenCodesResponseSchema, op), raw);
    },
    async preference(opts) {
      const op = 'agent.preference';
      return ok(await get(op, AGENT_PATHS.preference, 'lookup', opts), AgentPreferenceResponseSchema, op);
    },
    async requestVisitAuthen(request, opts) {
      const op = 'agent.requestVisitAuthen';
      const {
        precheck = true,
        maxSends = 2,
        maxQueries = 4,
        settleMs = 1_000,
        lateCommitMs,
        ...body
      } = request;
      // Validate up front: a malformed request is certainly not issued.
      try {
        validateRequest(body, AgentConfirmSaveRequestSchema, op);
      } catch (e) {
        throw notIssued(op, 'VALIDATION', e);
      }
      const day = bangkokDateKey(now());
      // One flow per visit and Agent in this process: a concurrent caller waits for it and reuses its code.
      const key = JSON.stringify([base, body.pid, body.claimType, body.hcode ?? '', day]);
      for (let running = VISITS_IN_FLIGHT.get(key); running; running = VISITS_IN_FLIGHT.get(key)) {
        const r = await running.catch(() => undefined);
        if (r) return { claimCode: r.claimCode, reused: true, reconciled: r.reconciled };
      }
      const policy: IssuePolicy = {
        precheck,
        maxSends,
        maxQueries,
        settleMs,
        lateCommitMs: lateCommitMs ?? 10_000,
      };
      const flow = issueVisit(op, body, day, policy, opts);
      VISITS_IN_FLIGHT.set(key, flow);
      try {
        return await flow;
      } finally {
        if (VISITS_IN_FLIGHT.get(key) === flow) VISITS_IN_FLIGHT.delete(key);
      }
    },
  };

  async function issueVisit(
    op: string,
    body: AgentConfirmSaveRequest,
    day: string,
    policy: IssuePolicy,
    opts: CallOptions | undefined,
  ): Promise<VisitAuthenResult> {
    const matches = (c: AgentAuthenCode) =>
      c.claimType === body.claimType &&
      bangkokDateOf(c.claimDateTime) === day &&
      (!body.hcode || c.hcode === null || c.hcode === body.hcode);
    const result = await runIssueFlow(policy, {
      query: async (phase) => {
        const qopts = { signal: opts?.signal };
        if (phase === 'precheck') {
          const latest = await client.latestAuthenCode(body.pid, qopts);
          return latest && matches(latest) ? latest.claimCode : null;
        }
        const list = await client.latestAuthenCodes(body.pid, qopts);
        return list.find(matches)?.claimCode ?? null;
      },
      send: async (): Promise<SendOutcome> => {
        try {
          const r = await client.confirmSave(body, opts);
          return { outcome: 'ok', code: r.claimCode };
        } catch (e) {
          return classifySend(e);
        }
      },
      codeOf: (e) => (isNhsoError(e) ? e.code : 'NETWORK'),
    });
    if (result.type === 'done')
      return { claimCode: result.code, reused: result.reused, reconciled: result.reconciled };
    if (result.errorCode === 'OUTCOME_UNKNOWN')
      throw new NhsoError(
        'OUTCOME_UNKNOWN',
        `${op}: the Authen Code request may have been issued; query latestAuthenCode before retrying`,
        {
          cause: result.lastError,
          details: { operation: op, reason: result.reason, lastErrorCode: result.reason },
        },
      );
    throw notIssued(op, result.reason, result.lastError);
  }

  return client;
}

/** Visit flows running in this process, by Agent origin + visit (see `requestVisitAuthen`). */
const VISITS_IN_FLIGHT = new Map<string, Promise<VisitAuthenResult>>();

/** @internal Classifies a failed issuing call for the reconcile machine. */
export function classifySend(e: unknown): SendOutcome {
  if (!isNhsoError(e)) return { outcome: 'ambiguous', errorCode: 'NETWORK', error: e };
  if (e.code === 'DUPLICATE_AUTHEN_CODE') return { outcome: 'duplicate', errorCode: e.code, error: e };
  const definite: NhsoErrorCode[] = [
    'VALIDATION',
    'UNAUTHORIZED',
    'TOKEN_EXPIRED',
    'READER_NOT_FOUND',
    'RATE_LIMITED',
    'CROSS_ORIGIN_REDIRECT',
  ];
  if (definite.includes(e.code)) return { outcome: 'rejected', errorCode: e.code, error: e };
  if (e.status !== undefined && e.status >= 400 && e.status < 500)
    return { outcome: 'rejected', errorCode: e.code, error: e };
  if (!maybeSent(e)) return { outcome: 'rejected', errorCode: e.code, error: e };
  return { outcome: 'ambiguous', errorCode: e.code, error: e };
}

/** @internal */
export function notIssued(operation: string, reason: NhsoErrorCode, cause: unknown): NhsoError {
  const st = isNhsoError(cause) ? cause.status : undefined;
  const messages = isNhsoError(cause) ? cause.details?.messages : undefined;
  return new NhsoError('NOT_ISSUED', `${operation}: no Authen Code was issued (${reason})`, {
    cause,
    ...(st === undefined ? {} : { status: st }),
    details: { operation, reason, lastErrorCode: reason, issued: false, ...(messages ? { messages } : {}) },
  });
}
