import { bangkokDateKey, toEpochMs } from '@authenkit/authen-code';
import * as v from 'valibot';
import { classifySend, notIssued } from './agent.js';
import {
  assertPid,
  type CallOptions,
  type ClientOptions,
  DEFAULT_RETRY,
  joinUrl,
  transportConfig,
} from './common.js';
import { isNhsoError, NhsoError, type NhsoErrorCode } from './errors.js';
import { type CallSpec, type RawResponse, send, type TransportConfig } from './http.js';
import {
  type AuthenStatus,
  bangkokDateOf,
  normalizeAuthenStatusFlat,
  normalizeAuthenStatusNested,
  normalizeAuthenStatusStringResults,
  normalizeRealPerson,
  normalizeRightSearch,
  type RealPerson,
  type RightSearchResult,
} from './normalize.js';
import { runIssueFlow, type SendOutcome } from './reconcile.js';
import { parseBody, parseJson, statusError, validate, validateRequest } from './response.js';
import {
  type AuthenCodeByPidRequest,
  AuthenCodeByPidRequestSchema,
  AuthenCodeByPidResponseSchema,
  CheckAuthenStatusFlatSchema,
  CheckAuthenStatusNestedSchema,
  CheckAuthenStatusStringResultsSchema,
  type ClaimDetailRequest,
  ClaimDetailRequestSchema,
  ClaimDetailResponseSchema,
  NHSO_BASE_URLS,
  NHSO_PATHS,
  RealPersonResponseSchema,
  RightSearchResponseSchema,
  StringResultsPayloadSchema,
} from './schemas.js';
import { staticToken, type TokenProvider } from './tokens.js';

/**
 * Default time budgets of NHSO cloud calls, ms.
 *
 * @example
 * ```ts
 * import { NHSO_TIMEOUTS } from '@authenkit/nhso-client';
 * console.log(NHSO_TIMEOUTS.lookup); // 10000
 * ```
 */
export const NHSO_TIMEOUTS = {
  /** Status / right lookups (retried while the budget lasts). */
  lookup: 10_000,
  /** Close claim / AuthenCode (one attempt per send). */
  issue: 20_000,
};

/**
 * Which NHSO to talk to: `'production'`, `'test'`, or `{ baseUrl }` — one origin serving every NHSO
 * path (the sandbox, a proxy).
 *
 * @example
 * ```ts
 * import type { NhsoEnvironment } from '@authenkit/nhso-client';
 * const env: NhsoEnvironment = { baseUrl: process.env.NHSO_BASE_URL ?? 'http://127.0.0.1:8080' };
 * ```
 */
export type NhsoEnvironment = 'production' | 'test' | { baseUrl: string };

/**
 * Options of {@link createNhsoClient}.
 *
 * @example
 * ```ts
 * import { createNhsoClient, type NhsoClientOptions } from '@authenkit/nhso-client';
 * const o: NhsoClientOptions = { token: 'uuid-token', environment: 'test', hcode: '10699' };
 * createNhsoClient(o);
 * ```
 */
export interface NhsoClientOptions extends ClientOptions {
  /** Bearer token (string) or provider for authen-status / NHSO Endpoint calls. */
  token: string | TokenProvider;
  /** SRM JWT provider (e.g. `srmTokenFile` from `@authenkit/nhso-client/node`); defaults to `token`. */
  srmToken?: string | TokenProvider;
  /** Target. Default `'production'`. */
  environment?: NhsoEnvironment;
  /** Own hospital code (RealPerson `SOURCE_ID`; reconcile filter). */
  hcode?: string;
  /** Per-call-type budgets (ms), see {@link NHSO_TIMEOUTS}. */
  timeouts?: Partial<typeof NHSO_TIMEOUTS>;
}

/**
 * Query of `checkAuthenStatus`.
 *
 * @example
 * ```ts
 * import type { AuthenStatusQuery } from '@authenkit/nhso-client';
 * const q: AuthenStatusQuery = { personalId: '1101700203450', serviceDate: '2025-01-02', serviceCode: 'PG0060001' };
 * ```
 */
export interface AuthenStatusQuery {
  /** Citizen ID. */
  personalId: string;
  /** `YYYY-MM-DD` (Bangkok date) or a `Date` (its Bangkok calendar date). */
  serviceDate: string | Date;
  /** Claim type filter, e.g. `PG0060001`. */
  serviceCode?: string;
}

/**
 * Result of `closeClaim`.
 *
 * @example
 * ```ts
 * import type { CloseClaimResult } from '@authenkit/nhso-client';
 * const r: CloseClaimResult = { authenCode: 'EP1234567890', seq: null, reused: false, reconciled: false };
 * ```
 */
export interface CloseClaimResult {
  /** The EP Authen Code. */
  authenCode: string;
  /** NHSO's `seq`, when the answer carried one. */
  seq: string | number | null;
  /** Returned from this client's cache or a duplicate answer: nothing new was issued. */
  reused: boolean;
  /** Recovered by querying after an ambiguous failure. */
  reconciled: boolean;
}

/**
 * Options of `closeClaim`.
 *
 * @example
 * ```ts
 * import type { CloseClaimOptions } from '@authenkit/nhso-client';
 * const o: CloseClaimOptions = { maxSends: 2, settleMs: 1_000, lateCommitMs: 10_000 };
 * ```
 */
export interface CloseClaimOptions extends CallOptions {
  /** Maximum sends (a resend happens only after a reconcile proved nothing was committed). Default 2. */
  maxSends?: number;
  /** Confirm a reconcile miss with one more query this many ms later. Default 1 000. */
  settleMs?: number;
  /** After a send got no answer and no resend is left, keep looking for a late commit this long. Default 10 000. */
  lateCommitMs?: number;
}

/**
 * One item of {@link NhsoClient.checkAuthenStatusMany}'s output.
 *
 * @example
 * ```ts
 * import type { BatchResult } from '@authenkit/nhso-client';
 * const r: BatchResult<{ personalId: string }> = { index: 0, item: { personalId: '1101700203450' }, ok: true, value: { found: false, histories: [], shape: 'nested' } };
 * ```
 */
export type BatchResult<TItem> =
  | { index: number; item: TItem; ok: true; value: AuthenStatus }
  | { index: number; item: TItem; ok: false; error: NhsoError };

/**
 * Client of the NHSO cloud services.
 *
 * @example
 * ```ts
 * import { createNhsoClient, type NhsoClient } from '@authenkit/nhso-client';
 * const nhso: NhsoClient = createNhsoClient({ token: 'uuid-token', environment: 'test' });
 * ```
 */
export interface NhsoClient {
  /** Authen Codes of a person on a date; tolerant of all three response shapes. */
  checkAuthenStatus(query: AuthenStatusQuery, options?: CallOptions): Promise<AuthenStatus>;
  /**
   * Closes a visit (`nhso-claim-detail`) and returns its EP code, never twice for one `transactionId`:
   * cached per transaction, concurrent calls share one flow, a code NHSO already holds for this
   * transaction (same unit, service and service time, e.g. closed before the HIS restarted) is returned
   * as `reused`, and an ambiguous failure is reconciled through `checkAuthenStatus` before any resend (with
   * the same `transactionId`), looking for a late commit for `lateCommitMs` (default 10 000) after the last.
   */
  closeClaim(request: ClaimDetailRequest, options?: CloseClaimOptions): Promise<CloseClaimResult>;
  /** Authen Code by PID without a card (`nhsoendpoint/api/AuthenCode`). One attempt. */
  requestAuthenCode(request: AuthenCodeByPidRequest, options?: CallOptions): Promise<{ authenCode: string }>;
  /** `RealPerson` lookup (`SOURCE_ID` = `hcode` option). */
  realPerson(pid: string, options?: CallOptions): Promise<RealPerson>;
  /** NHSO Endpoint v2 right search. */
  rightSearch(
    query: { pid: string; checkDate: string | Date },
    options?: CallOptions,
  ): Promise<RightSearchResult>;
  /** SRM right search (JWT; refreshed once on 401). */
  srmRightSearch(pid: string, options?: CallOptions): Promise<RightSearchResult>;
  /**
   * Status of many visits with bounded concurrency and rate; yields in completion order with the input
   * index; a failure is yielded for its item, never thrown for the batch.
   */
  checkAuthenStatusMany<TItem extends AuthenStatusQuery>(
    items: Iterable<TItem> | AsyncIterable<TItem>,
    options?: { concurrency?: number; ratePerSecond?: number; signal?: AbortSignal; timeoutMs?: number },
  ): AsyncIterable<BatchResult<TItem>>;
}

function toProvider(t: string | TokenProvider): TokenProvider {
  return typeof t === 'string' ? staticToken(t) : t;
}

function bangkokDate(d: string | Date, operation: string): string {
  if (typeof d === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
    const x = bangkokDateOf(d);
    if (x) return x;
  } else if (d instanceof Date && !Number.isNaN(d.getTime())) {
    return bangkokDateKey(d);
  }
  throw new NhsoError('VALIDATION', `${operation}: date must be YYYY-MM-DD or a valid Date`, {
    details: { operation, messages: ['invalid date'] },
  });
}

/**
 * Creates a client of the NHSO cloud services. With `environment: { baseUrl }`, every service keeps
 * NHSO's own paths (`/authencodestatus/api/check-authen-status`, `/nhsoendpoint/api/…`,
 * `/api/ucws/v1/right-search`, `/api/scard/access-token`) under that one origin.
 *
 * @example
 * ```ts no-run
 * import { createNhsoClient } from '@authenkit/nhso-client';
 * const nhso = createNhsoClient({
 *   token: process.env.NHSO_TOKEN ?? 'sandbox-token',
 *   environment: { baseUrl: process.env.NHSO_BASE_URL ?? 'http://127.0.0.1:8080' },
 * });
 * const status = await nhso.checkAuthenStatus({ personalId: '1101700203450', serviceDate: '2025-01-02' });
 * console.log(status.found, status.histories.map((h) => h.claimCode));
 * ```
 */
export function createNhsoClient(options: NhsoClientOptions): NhsoClient {
  const env = options.environment ?? 'production';
  const origins =
    typeof env === 'object'
      ? { authenStatus: env.baseUrl, endpoint: env.baseUrl, srm: env.baseUrl }
      : NHSO_BASE_URLS[env];
  const cfg = transportConfig(options, 'NETWORK');
  const timeouts = { ...NHSO_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const raw = { raw: options.raw ?? false };
  const token = toProvider(options.token);
  const srmToken = options.srmToken ? toProvider(options.srmToken) : token;
  const closed = new Map<string, CloseClaimResult>();

  const lookup = (
    provider: TokenProvider,
    operation: string,
    url: string,
    searchParams: Record<string, string>,
    opts?: CallOptions,
  ) =>
    authorisedSend(cfg, provider, {
      operation,
      method: 'GET',
      url,
      searchParams,
      timeoutMs: opts?.timeoutMs ?? timeouts.lookup,
      idempotent: true,
      retry,
      retryStatuses: [408, 429, 500, 502, 503, 504],
      signal: opts?.signal,
    });

  /** One attempt of a call that issues a code (never retried here; the issuing flow decides). */
  const issue = (operation: string, path: string, json: unknown, opts?: CallOptions) =>
    authorisedSend(cfg, token, {
      operation,
      method: 'POST',
      url: joinUrl(origins.endpoint, path),
      json,
      timeoutMs: opts?.timeoutMs ?? timeouts.issue,
      idempotent: false,
      retry,
      retryStatuses: [],
      signal: opts?.signal,
    });

  const client: NhsoClient = {
    async checkAuthenStatus(query, opts) {
      const op = 'nhso.checkAuthenStatus';
      const personalId = assertPid(query.personalId, op, 'personalId');
      const serviceDate = bangkokDate(query.serviceDate, op);
      const params: Record<string, string> = { personalId, serviceDate };
      if (query.serviceCode) params.serviceCode = query.serviceCode;
      const url = joinUrl(origins.authenStatus, NHSO_PATHS.checkAuthenStatus);
      const res = await lookup(token, op, url, params, opts);
      if (res.status === 404) return { found: false, histories: [], shape: 'nested' };
      need2xx(res, op);
      return parseAuthenStatus(res, op, {
        ...raw,
        ...(query.serviceCode ? { serviceCode: query.serviceCode } : {}),
      });
    },

    closeClaim(request, opts) {
      const op = 'nhso.closeClaim';
      let req: ClaimDetailRequest;
      try {
        req = validateRequest(request, ClaimDetailRequestSchema, op);
      } catch (e) {
        return Promise.reject(notIssued(op, 'VALIDATION', e));
      }
      const cached = closed.get(req.transactionId);
      if (cached) return Promise.resolve({ ...cached, reused: true });
      // One flow per transaction and NHSO origin in this process (two clients of one HIS included).
      const key = JSON.stringify([origins.endpoint, req.transactionId]);
      const running = CLOSES_IN_FLIGHT.get(key);
      if (running) return running.then((r) => ({ ...r, reused: true }));
      const p = closeClaimFlow(
        {
          status: (q) => client.checkAuthenStatus(q, opts?.signal ? { signal: opts.signal } : {}),
          post: () => issue(op, NHSO_PATHS.claimDetail, req, opts),
        },
        req,
        opts,
      )
        .then((r) => {
          closed.set(req.transactionId, r);
          return r;
        })
        .finally(() => CLOSES_IN_FLIGHT.delete(key));
      CLOSES_IN_FLIGHT.set(key, p);
      return p;
    },

    async requestAuthenCode(request, opts) {
      const op = 'nhso.requestAuthenCode';
      const req = validateRequest(request, AuthenCodeByPidRequestSchema, op);
      const res = await issue(op, NHSO_PATHS.authenCode, req, opts);
      need2xx(res, op, true);
      return { authenCode: parseBody(res, AuthenCodeByPidResponseSchema, op).authenCode };
    },

    async realPerson(pid, opts) {
      const op = 'nhso.realPerson';
      assertPid(pid, op);
      const url = joinUrl(origins.endpoint, NHSO_PATHS.realPerson);
      const res = await lookup(token, op, url, { SOURCE_ID: options.hcode ?? '', PID: pid }, opts);
      need2xx(res, op);
      return normalizeRealPerson(parseBody(res, RealPersonResponseSchema, op), raw);
    },

    async rightSearch(query, opts) {
      const op = 'nhso.rightSearch';
      assertPid(query.pid, op);
      const checkDate = `${bangkokDate(query.checkDate, op)}T00:00:00`;
      const url = joinUrl(origins.endpoint, NHSO_PATHS.rightSearchV2);
      const res = await lookup(token, op, url, { pid: query.pid, checkDate }, opts);
      need2xx(res, op);
      return normalizeRightSearch(parseBody(res, RightSearchResponseSchema, op), raw);
    },

    async srmRightSearch(pid, opts) {
      const op = 'nhso.srmRightSearch';
      assertPid(pid, op);
      const res = await lookup(srmToken, op, joinUrl(origins.srm, NHSO_PATHS.srmRightSearch), { pid }, opts);
      if (res.status === 401) throw statusError(res, { operation: op, unauthorizedCode: 'TOKEN_EXPIRED' });
      need2xx(res, op);
      return normalizeRightSearch(parseBody(res, RightSearchResponseSchema, op), raw);
    },

    checkAuthenStatusMany(items, o = {}) {
      return runBatch(items, o, (item, signal) =>
        client.checkAuthenStatus(item, {
          ...(signal ? { signal } : {}),
          ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
        }),
      );
    },
  };
  return client;
}

/** One authorised call; on 401 invalidates the token once, gets a new one and retries once. */
async function authorisedSend(
  cfg: TransportConfig,
  provider: TokenProvider,
  spec: Omit<CallSpec, 'headers'>,
): Promise<RawResponse> {
  for (let round = 0; ; round++) {
    let tok: string;
    try {
      tok = await provider.getToken({ ...(spec.signal ? { signal: spec.signal } : {}) });
    } catch (e) {
      if (isNhsoError(e)) throw e;
      throw new NhsoError('UNAUTHORIZED', `${spec.operation}: the token provider failed`, {
        cause: e,
        details: { operation: spec.operation, maybeSent: false },
      });
    }
    const res = await send(cfg, {
      ...spec,
      headers: { authorization: `Bearer ${tok}`, accept: 'application/json' },
    });
    if (res.status === 401 && round === 0 && provider.invalidate) {
      await provider.invalidate(tok);
      continue;
    }
    return res;
  }
}

function need2xx(res: RawResponse, operation: string, issuing = false): void {
  if (res.status < 200 || res.status >= 300) throw statusError(res, { operation, issuing });
}

/** A 2xx `check-authen-status` answer in any of its three shapes, normalised. */
function parseAuthenStatus(
  res: RawResponse,
  op: string,
  nopts: { raw: boolean; serviceCode?: string },
): AuthenStatus {
  const body = parseJson(res, op);
  if (body && typeof body === 'object' && typeof (body as { results?: unknown }).results === 'string') {
    const b = validate(body, CheckAuthenStatusStringResultsSchema, op, res.status);
    let parsed: unknown;
    try {
      parsed = b.results.trim() === '' ? [] : JSON.parse(b.results);
    } catch (e) {
      throw new NhsoError('BAD_RESPONSE', `${op}: "results" is not a JSON string`, {
        cause: e,
        status: res.status,
        details: { operation: op },
      });
    }
    const items = validate(parsed, StringResultsPayloadSchema, op, res.status);
    const list = items == null ? [] : Array.isArray(items) ? items : [items];
    return normalizeAuthenStatusStringResults(list, b.message, b, nopts);
  }
  const nested = v.safeParse(CheckAuthenStatusNestedSchema, body);
  if (nested.success) return normalizeAuthenStatusNested(nested.output, nopts);
  const flat = validate(body, CheckAuthenStatusFlatSchema, op, res.status);
  return normalizeAuthenStatusFlat(flat, nopts);
}

/**
 * The closeClaim issuing flow: pre-check (this transaction's code → reused; others snapshot as not ours),
 * claim-detail, reconcile through check-authen-status.
 */
async function closeClaimFlow(
  io: { status: (q: AuthenStatusQuery) => Promise<AuthenStatus>; post: () => Promise<RawResponse> },
  req: ClaimDetailRequest,
  opts: CloseClaimOptions | undefined,
): Promise<CloseClaimResult> {
  const op = 'nhso.closeClaim';
  const serviceDate = bangkokDate(new Date(req.serviceDateTime), op);
  const serviceSecond = Math.floor(req.serviceDateTime / 1000);
  const known = new Set<string>();
  let seq: string | number | null = null;
  /** EP codes of this unit and service that day; `mine`: same service time to the second as this transaction. */
  const candidates = async (): Promise<Array<{ code: string; mine: boolean }>> => {
    const st = await io.status({ personalId: req.pid, serviceDate, serviceCode: req.claimServiceCode });
    return st.histories
      .filter((h) => (h.hcode === null || h.hcode === req.hcode) && /^EP/i.test(h.claimCode))
      .map((h) => ({ code: h.claimCode, mine: sameSecond(h.serviceDateTime, serviceSecond) }));
  };
  const policy = {
    precheck: true,
    maxSends: opts?.maxSends ?? 2,
    maxQueries: 4,
    settleMs: opts?.settleMs ?? 1_000,
    lateCommitMs: opts?.lateCommitMs ?? 10_000,
  };
  const result = await runIssueFlow(policy, {
    query: async (phase) => {
      const list = await candidates();
      // This transaction's code (closed before, e.g. by this HIS before a restart): reuse it.
      const mine = list.find((c) => c.mine);
      if (mine) return mine.code;
      if (phase === 'precheck') {
        // Snapshot: the other EP codes of the day belong to other transactions.
        for (const c of list) known.add(c.code);
        return null;
      }
      return list.find((c) => !known.has(c.code))?.code ?? null;
    },
    send: async (): Promise<SendOutcome> => {
      try {
        const res = await io.post();
        need2xx(res, op, true);
        const b = parseBody(res, ClaimDetailResponseSchema, op);
        seq = b.seq ?? null;
        return { outcome: 'ok', code: b.authenCode };
      } catch (e) {
        return classifySend(e);
      }
    },
    codeOf: (e) => (isNhsoError(e) ? e.code : ('NETWORK' as NhsoErrorCode)),
  });
  if (result.type === 'done')
    return { authenCode: result.code, seq, reused: result.reused, reconciled: result.reconciled };
  if (result.errorCode === 'OUTCOME_UNKNOWN')
    throw new NhsoError(
      'OUTCOME_UNKNOWN',
      `${op}: the claim may have been closed; query checkAuthenStatus first`,
      {
        cause: result.lastError,
        details: { operation: op, reason: result.reason, lastErrorCode: result.reason },
      },
    );
  throw notIssued(op, result.reason, result.lastError);
}

/** closeClaim flows running in this process, by NHSO origin + transactionId. */
const CLOSES_IN_FLIGHT = new Map<string, Promise<CloseClaimResult>>();

/** True when an NHSO date-time (with a time of day) falls in the same second as `second` (epoch s). */
function sameSecond(dateTime: string, second: number): boolean {
  if (dateTime.length <= 10) return false; // a bare date says nothing about the transaction
  try {
    return Math.floor(toEpochMs(dateTime) / 1000) === second;
  } catch {
    return false;
  }
}

/** @internal Bounded-concurrency, rate-limited batch; completion order; per-item errors. */
export async function* runBatch<TItem, TValue>(
  items: Iterable<TItem> | AsyncIterable<TItem>,
  o: { concurrency?: number; ratePerSecond?: number; signal?: AbortSignal },
  fn: (item: TItem, signal: AbortSignal | undefined) => Promise<TValue>,
): AsyncGenerator<
  | { index: number; item: TItem; ok: true; value: TValue }
  | { index: number; item: TItem; ok: false; error: NhsoError }
> {
  const concurrency = Math.max(1, Math.floor(o.concurrency ?? 4));
  const interval = o.ratePerSecond && o.ratePerSecond > 0 ? 1000 / o.ratePerSecond : 0;
  const it =
    Symbol.asyncIterator in (items as object)
      ? (items as AsyncIterable<TItem>)[Symbol.asyncIterator]()
      : (items as Iterable<TItem>)[Symbol.iterator]();
  type Out =
    | { index: number; item: TItem; ok: true; value: TValue }
    | { index: number; item: TItem; ok: false; error: NhsoError };
  const running = new Map<number, Promise<{ id: number; out: Out }>>();
  let index = 0;
  let nextSlot = 0;
  let done = false;
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const start = async () => {
    const n = await it.next();
    if (n.done) {
      done = true;
      return;
    }
    const i = index++;
    const item = n.value;
    if (interval) {
      const nowMs = Date.now();
      const at = Math.max(nowMs, nextSlot);
      nextSlot = at + interval;
      if (at > nowMs) await wait(at - nowMs);
    }
    const p = fn(item, o.signal).then(
      (value): { id: number; out: Out } => ({ id: i, out: { index: i, item, ok: true, value } }),
      (e): { id: number; out: Out } => ({
        id: i,
        out: {
          index: i,
          item,
          ok: false,
          error: isNhsoError(e)
            ? e
            : new NhsoError('BAD_RESPONSE', 'batch item failed', {
                cause: e,
                details: { operation: 'batch' },
              }),
        },
      }),
    );
    running.set(i, p);
  };
  while (!done && running.size < concurrency) await start();
  while (running.size > 0) {
    const { id, out } = await Promise.race(running.values());
    running.delete(id);
    yield out;
    if (!done) await start();
  }
}
