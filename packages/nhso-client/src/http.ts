import { maskCitizenIdsInText } from '@authenkit/authen-code';
import ky, { type Options as KyOptions, TimeoutError } from 'ky';
import { NhsoError, type NhsoErrorCode } from './errors.js';
import { parseRetryAfter, type RetryPolicy, retryDelay } from './retry.js';

/**
 * The `fetch` signature the clients accept (inject one for tests, proxies or Electron).
 *
 * @example
 * ```ts
 * import type { FetchLike } from '@authenkit/nhso-client';
 * const f: FetchLike = (input, init) => fetch(input, init);
 * ```
 */
export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/**
 * What the logging/metrics hooks receive. URLs have PIDs masked unless `logPersonalData` is set; headers
 * and bodies (tokens, names) are never included.
 *
 * @example
 * ```ts
 * import type { HookEvent } from '@authenkit/nhso-client';
 * const log = (e: HookEvent) => console.log(e.type, e.operation, e.status ?? e.errorCode, e.durationMs);
 * ```
 */
export interface HookEvent {
  /** `request` before each attempt, `response` after an HTTP answer, `error` on a failed attempt, `retry` before a retry wait. */
  type: 'request' | 'response' | 'error' | 'retry';
  /** Client operation, e.g. `agent.readCard`. */
  operation: string;
  /** HTTP method. */
  method: string;
  /** URL with PIDs masked (unless opted in). */
  url: string;
  /** 1-based attempt number. */
  attempt: number;
  /** HTTP status, for `response`. */
  status?: number;
  /** Error code, for `error`/`retry`. */
  errorCode?: NhsoErrorCode;
  /** Milliseconds since the attempt started (`response`/`error`) or the wait (`retry`). */
  durationMs?: number;
}

/**
 * Logging/metrics hooks. Exceptions thrown by a hook are swallowed (a logger never breaks a visit).
 *
 * @example
 * ```ts
 * import { createAgentClient } from '@authenkit/nhso-client';
 * const agent = createAgentClient({ hooks: { onEvent: (e) => console.debug(e.operation, e.type, e.url) } });
 * ```
 */
export interface ClientHooks {
  /** Called for every request/response/error/retry event. */
  onEvent?: (event: HookEvent) => void;
}

/** @internal */
export interface TransportConfig {
  fetch: FetchLike | undefined;
  hooks: ClientHooks | undefined;
  logPersonalData: boolean;
  /** Error code for ECONNREFUSED and friends (`AGENT_NOT_RUNNING` for the Agent). */
  refusedCode: NhsoErrorCode;
  random: () => number;
}

/** @internal */
export interface CallSpec {
  operation: string;
  method: 'GET' | 'POST';
  url: string;
  searchParams?: Record<string, string> | undefined;
  json?: unknown;
  body?: string | URLSearchParams | undefined;
  headers?: Record<string, string> | undefined;
  /** Total budget across all attempts, ms. */
  timeoutMs: number;
  /** Cap of one attempt, ms (a timed-out idempotent attempt is retried while budget remains). */
  attemptTimeoutMs?: number | undefined;
  /** Retries allowed only for idempotent calls. */
  idempotent: boolean;
  retry: RetryPolicy;
  /** HTTP statuses worth retrying (idempotent calls only). */
  retryStatuses: readonly number[];
  signal?: AbortSignal | undefined;
}

/** @internal A raw HTTP answer (any status). */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Thrown by {@link readBody} when the attempt's budget ran out while the body was arriving. */
const BODY_TIMEOUT = Symbol('body timeout');

const MAX_TIMER_MS = 2_147_483_647;

/**
 * The one ky instance every call goes through. Fixed options: no ky retries (the loop in {@link send}
 * retries, with our budget, jitter and duplicate-safety rules), no ky timeout (each attempt carries its
 * own AbortSignal, which also covers reading the body), no throwing on HTTP errors (statuses are mapped
 * by the callers), no hooks.
 */
const http = ky.create({
  retry: 0,
  throwHttpErrors: false,
  fetch: (input, init) => globalThis.fetch(input, init),
});

/**
 * Reads the whole body as UTF-8 text (BOM dropped, bad bytes replaced, as `Response.text()`), giving up
 * at `until` (epoch ms): the stream is cancelled, which closes the connection, and BODY_TIMEOUT is
 * thrown. A caller's abort errors the stream (ky linked its signal to the request) and rejects here.
 * Cheaper than `Response.text()` in undici, and it needs no AbortController per attempt.
 */
async function readBody(res: Response, until: number): Promise<string> {
  const body = res.body;
  if (body === null) return '';
  const reader = body.getReader();
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      reader.cancel(BODY_TIMEOUT).catch(() => undefined);
    },
    Math.max(0, until - Date.now()),
  );
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw BODY_TIMEOUT;
  return text + decoder.decode();
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND']);

function errno(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string' && /^E[A-Z]+$|^UND_ERR/.test(c)) return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Thrown transport errors carry whether the request may have reached the server (`maybeSent`), which the
 * Authen Code reconciliation needs. @internal
 */
export function maybeSent(e: unknown): boolean {
  return !(e instanceof NhsoError && e.details?.maybeSent === false);
}

/** @internal Executes one logical call: attempts, retries, budget, abort, hooks. Never throws non-NhsoError. */
export async function send(cfg: TransportConfig, spec: CallSpec): Promise<RawResponse> {
  const started = Date.now();
  const deadline = started + spec.timeoutMs;
  const maxAttempts = spec.idempotent ? 1 + spec.retry.retries : 1;
  // The query string is built here, not by ky (whose searchParams option builds a second Request).
  const url = spec.searchParams
    ? `${spec.url}?${new URLSearchParams(spec.searchParams).toString()}`
    : spec.url;
  const bodyText =
    spec.json !== undefined
      ? JSON.stringify(spec.json)
      : spec.body === undefined
        ? undefined
        : String(spec.body);
  const contentType =
    spec.json !== undefined
      ? 'application/json'
      : spec.body instanceof URLSearchParams
        ? 'application/x-www-form-urlencoded'
        : undefined;
  const headers: Record<string, string> =
    contentType === undefined ? (spec.headers ?? {}) : { 'content-type': contentType, ...spec.headers };
  // Only the per-call parts go to ky; everything fixed lives in the shared instance (`http`). A GET follows
  // redirects (fetch drops the Authorization header on a cross-origin hop); other methods never let fetch
  // follow one (a 307 would re-send the body to wherever it points): see fetchSameOrigin.
  const kyOptions: KyOptions = {
    method: spec.method,
    headers,
    ...(spec.method === 'GET' ? {} : { redirect: 'manual' }),
  };
  if (bodyText !== undefined) kyOptions.body = bodyText;
  if (cfg.fetch) kyOptions.fetch = cfg.fetch;
  if (spec.signal) kyOptions.signal = spec.signal;
  const onEvent = cfg.hooks?.onEvent;
  const shownUrl = !onEvent ? '' : cfg.logPersonalData ? url : maskCitizenIdsInText(url);
  // Events are only built when a hook is installed (no per-call allocations otherwise).
  const emit = (e: HookEvent) => {
    try {
      onEvent?.(e);
    } catch {
      /* hooks never break a call */
    }
  };
  let attempt = 0;
  // The last attempt's failure: when the budget runs out between attempts it is the TIMEOUT's cause.
  let lastFailure: NhsoError | undefined;
  for (;;) {
    attempt++;
    if (spec.signal?.aborted) throw abortedError(spec, spec.signal.reason, false);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timeoutError(spec, attempt > 1, lastFailure);
    // At most 2^31-1 ms (setTimeout's and ky's limit).
    const attemptMs = Math.min(remaining, spec.attemptTimeoutMs ?? remaining, MAX_TIMER_MS);
    const t0 = Date.now();
    if (onEvent)
      emit({ type: 'request', operation: spec.operation, method: spec.method, url: shownUrl, attempt });
    let failure: NhsoError;
    let retryAfterMs: number | undefined;
    try {
      // Until the headers arrive, ky's own timeout aborts its own controller (no AbortController of
      // ours, no AbortSignal.any unless the caller gave a signal); the body is read under the rest of
      // the same attempt budget.
      kyOptions.timeout = attemptMs;
      const res = await fetchSameOrigin(url, kyOptions, spec);
      const text = await readBody(res, t0 + attemptMs);
      if (onEvent)
        emit({
          type: 'response',
          operation: spec.operation,
          method: spec.method,
          url: shownUrl,
          attempt,
          status: res.status,
          durationMs: Date.now() - t0,
        });
      const retryable = spec.idempotent && spec.retryStatuses.includes(res.status) && attempt < maxAttempts;
      if (!retryable) return { status: res.status, headers: res.headers, text };
      retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now());
      failure = new NhsoError(
        res.status === 429 ? 'RATE_LIMITED' : 'BAD_RESPONSE',
        `${spec.operation}: HTTP ${res.status}`,
        {
          status: res.status,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
      );
      // A retryable answer whose Retry-After does not fit the budget ends the call now, with the answer.
      if (retryAfterMs !== undefined && Date.now() + retryAfterMs > deadline)
        return { status: res.status, headers: res.headers, text };
    } catch (e) {
      if (spec.signal?.aborted) throw abortedError(spec, e, true);
      if (e instanceof NhsoError && e.code === 'CROSS_ORIGIN_REDIRECT') throw e;
      if (e === BODY_TIMEOUT || e instanceof TimeoutError)
        failure = timeoutError(
          spec,
          true,
          e === BODY_TIMEOUT ? new Error('the response body did not arrive within the attempt budget') : e,
        );
      else failure = transportError(cfg, spec, e);
      if (onEvent)
        emit({
          type: 'error',
          operation: spec.operation,
          method: spec.method,
          url: shownUrl,
          attempt,
          errorCode: failure.code,
          durationMs: Date.now() - t0,
        });
      // Connection refused: nothing listens (Agent not started); retrying cannot help.
      if (attempt >= maxAttempts || failure.details?.refused === true) throw failure;
      if (failure.code === 'TIMEOUT' && deadline - Date.now() <= 0) throw failure;
    }
    lastFailure = failure;
    const wait = retryDelay(attempt, spec.retry, retryAfterMs, cfg.random);
    if (Date.now() + wait >= deadline) {
      if (failure.code === 'RATE_LIMITED' || failure.status !== undefined) throw failure;
      throw timeoutError(spec, true, failure);
    }
    if (onEvent)
      emit({
        type: 'retry',
        operation: spec.operation,
        method: spec.method,
        url: shownUrl,
        attempt,
        errorCode: failure.code,
        durationMs: wait,
      });
    try {
      await sleep(wait, spec.signal);
    } catch (e) {
      throw abortedError(spec, e, true);
    }
  }
}

const MAX_REDIRECTS = 5;

/**
 * One request. For a non-GET call a redirect is followed only within the same origin (307/308, which keep
 * the method and body); a redirect to another origin, or one whose target the runtime hides (a browser's
 * opaque redirect), is never followed: CROSS_ORIGIN_REDIRECT. The body and the token never leave the origin.
 */
async function fetchSameOrigin(url: string, kyOptions: KyOptions, spec: CallSpec): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await http(current, kyOptions);
    if (spec.method === 'GET') return res;
    const opaque = res.type === 'opaqueredirect';
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!opaque && location === null) return res;
    await res.body?.cancel().catch(() => undefined);
    let target: URL | undefined;
    try {
      target = location === null ? undefined : new URL(location, current);
    } catch {
      target = undefined;
    }
    const sameOrigin = target !== undefined && target.origin === new URL(current).origin;
    if (sameOrigin && (res.status === 307 || res.status === 308) && hop < MAX_REDIRECTS) {
      current = target!.href;
      continue;
    }
    if (sameOrigin) return res; // 301/302/303 (or too many hops) within the origin: mapped by the caller
    throw new NhsoError(
      'CROSS_ORIGIN_REDIRECT',
      `${spec.operation}: the server redirected the ${spec.method} to ${target ? target.origin : 'another origin'}; not followed`,
      {
        ...(opaque ? {} : { status: res.status }),
        details: {
          operation: spec.operation,
          location: target ? target.origin : null,
          // the server answered with a redirect and did not process the request
          maybeSent: false,
        },
      },
    );
  }
}

function timeoutError(spec: CallSpec, sent: boolean, cause?: unknown): NhsoError {
  return new NhsoError('TIMEOUT', `${spec.operation}: no answer within ${spec.timeoutMs} ms`, {
    cause,
    details: { operation: spec.operation, maybeSent: sent },
  });
}

function abortedError(spec: CallSpec, cause: unknown, sent: boolean): NhsoError {
  return new NhsoError('ABORTED', `${spec.operation}: aborted by the caller`, {
    cause,
    details: { operation: spec.operation, maybeSent: sent },
  });
}

function transportError(cfg: TransportConfig, spec: CallSpec, e: unknown): NhsoError {
  const code = errno(e);
  if (code && REFUSED.has(code)) {
    const msg =
      cfg.refusedCode === 'AGENT_NOT_RUNNING'
        ? `${spec.operation}: NHSO Smart Card Agent is not running (${code})`
        : `${spec.operation}: cannot connect (${code})`;
    return new NhsoError(cfg.refusedCode, msg, {
      cause: e,
      details: { operation: spec.operation, maybeSent: false, refused: true, errno: code },
    });
  }
  return new NhsoError('NETWORK', `${spec.operation}: network failure${code ? ` (${code})` : ''}`, {
    cause: e,
    details: { operation: spec.operation, maybeSent: true, ...(code ? { errno: code } : {}) },
  });
}
