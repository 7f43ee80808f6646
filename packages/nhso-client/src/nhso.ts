import { toBangkok } from '@authenkit/authen-code';
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
import { type CallSpec, type RawResponse, send } from './http.js';
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
   * cached per transaction, and an ambiguous failure is reconciled through `checkAuthenStatus` before
   * any resend (with the same `transactionId`).
   */
  closeClaim(
    request: ClaimDetailRequest,
    options?: CallOptions & { maxSends?: number; settleMs?: number },
  ): Promise<CloseClaimResult>;
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
    const t = toBangkok(d);
    return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
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
  const inflightClose = new Map<string, Promise<CloseClaimResult>>();

  /** One authorised call; on 401 invalidates the token once, gets a new one and retries once. */
  const authed = async (
    provider: TokenProvider,
    spec: Omit<CallSpec, 'headers'>,
    okStatuses: (s: number) => boolean = (s) => s >= 200 && s < 300,
  ): Promise<RawResponse> => {
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
      if (!okStatuses(res.status)) return res;
      return res;
    }
  };

  const lookup = (
    operation: string,
    url: string,
    searchParams: Record<string, string>,
    opts?: CallOptions,
  ) => ({
    operation,
    method: 'GET' as const,
    url,
    searchParams,
    timeoutMs: opts?.timeoutMs ?? timeouts.lookup,
    idempotent: true,
    retry,
    retryStatuses: [408, 429, 500, 502, 503, 504],
    signal: opts?.signal,
  });

  const need2xx = (res: RawResponse, operation: string, issuing = false) => {
    if (res.status < 200 || res.status >= 300) throw statusError(res, { operation, issuing });
  };

  const client: NhsoClient = {
    async checkAuthenStatus(query, opts) {
      const op = 'nhso.checkAuthenStatus';
      const personalId = assertPid(query.personalId, op, 'personalId');
      const serviceDate = bangkokDate(query.serviceDate, op);
      const params: Record<string, string> = { personalId, serviceDate };
      if (query.serviceCode) params.serviceCode = query.serviceCode;
      const res = await authed(
        token,
        lookup(op, joinUrl(origins.authenStatus, NHSO_PATHS.checkAuthenStatus), params, opts),
      );
      const nopts = { ...raw, ...(query.serviceCode ? { serviceCode: query.serviceCode } : {}) };
      if (res.status === 404) return { found: false, histories: [], shape: 'nested' };
      need2xx(res, op);
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
      const running = inflightClose.get(req.transactionId);
      if (running) return running.then((r) => ({ ...r, reused: true }));
      const p = doClose(req, opts).finally(() => inflightClose.delete(req.transactionId));
      inflightClose.set(req.transactionId, p);
      return p;
    },

    async requestAuthenCode(request, opts) {
      const op = 'nhso.requestAuthenCode';
      const req = validateRequest(request, AuthenCodeByPidRequestSchema, op);
      const res = await authed(token, {
        operation: op,
        method: 'POST',
        url: joinUrl(origins.endpoint, NHSO_PATHS.authenCode),
        json: req,
        timeoutMs: opts?.timeoutMs ?? timeouts.issue,
        idempotent: false,
        retry,
        retryStatuses: [],
        signal: opts?.signal,
      });
      need2xx(res, op, true);
      return { authenCode: parseBody(res, AuthenCodeByPidResponseSchema, op).authenCode };
    },

    async realPerson(pid, opts) {
      const op = 'nhso.realPerson';
      assertPid(pid, op);
      const res = await authed(
        token,
        lookup(
          op,
          joinUrl(origins.endpoint, NHSO_PATHS.realPerson),
          { SOURCE_ID: options.hcode ?? '', PID: pid },
          opts,
        ),
      );
      need2xx(res, op);
      return normalizeRealPerson(parseBody(res, RealPersonResponseSchema, op), raw);
    },

    async rightSearch(query, opts) {
      const op = 'nhso.rightSearch';
      assertPid(query.pid, op);
      const checkDate = `${bangkokDate(query.checkDate, op)}T00:00:00`;
      const res = await authed(
        token,
        lookup(op, joinUrl(origins.endpoint, NHSO_PATHS.rightSearchV2), { pid: query.pid, checkDate }, opts),
      );
      need2xx(res, op);
      return normalizeRightSearch(parseBody(res, RightSearchResponseSchema, op), raw);
    },

    async srmRightSearch(pid, opts) {
      const op = 'nhso.srmRightSearch';
      assertPid(pid, op);
      const res = await authed(
        srmToken,
        lookup(op, joinUrl(origins.srm, NHSO_PATHS.srmRightSearch), { pid }, opts),
      );
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

  async function doClose(
    req: ClaimDetailRequest,
    opts?: CallOptions & { maxSends?: number; settleMs?: number },
  ): Promise<CloseClaimResult> {
    const op = 'nhso.closeClaim';
    const serviceDate = bangkokDate(new Date(req.serviceDateTime), op);
    const known = new Set<string>();
    let seq: string | number | null = null;
    const candidates = async (): Promise<string[]> => {
      const st = await client.checkAuthenStatus(
        { personalId: req.pid, serviceDate, serviceCode: req.claimServiceCode },
        { ...(opts?.signal ? { signal: opts.signal } : {}) },
      );
      return st.histories
        .filter((h) => (h.hcode === null || h.hcode === req.hcode) && /^EP/i.test(h.claimCode))
        .map((h) => h.claimCode);
    };
    const result = await runIssueFlow(
      { precheck: true, maxSends: opts?.maxSends ?? 2, maxQueries: 4, settleMs: opts?.settleMs ?? 1_000 },
      {
        query: async (phase) => {
          const list = await candidates();
          if (phase === 'precheck') {
            // Snapshot only: existing EP codes of the day belong to other transactions.
            for (const c of list) known.add(c);
            return null;
          }
          return list.find((c) => !known.has(c)) ?? null;
        },
        send: async (): Promise<SendOutcome> => {
          try {
            const res = await authed(token, {
              operation: op,
              method: 'POST',
              url: joinUrl(origins.endpoint, NHSO_PATHS.claimDetail),
              json: req,
              timeoutMs: opts?.timeoutMs ?? timeouts.issue,
              idempotent: false,
              retry,
              retryStatuses: [],
              signal: opts?.signal,
            });
            need2xx(res, op, true);
            const b = parseBody(res, ClaimDetailResponseSchema, op);
            seq = b.seq ?? null;
            return { outcome: 'ok', code: b.authenCode };
          } catch (e) {
            return classifySend(e);
          }
        },
        codeOf: (e) => (isNhsoError(e) ? e.code : ('NETWORK' as NhsoErrorCode)),
      },
    );
    if (result.type === 'done') {
      const out: CloseClaimResult = {
        authenCode: result.code,
        seq,
        reused: result.reused,
        reconciled: result.reconciled,
      };
      closed.set(req.transactionId, out);
      return out;
    }
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

  return client;
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
