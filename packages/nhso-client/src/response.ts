import * as v from 'valibot';
import { NhsoError, type NhsoErrorCode } from './errors.js';
import type { RawResponse } from './http.js';
import { parseRetryAfter } from './retry.js';
import { DUPLICATE_AUTHEN_MESSAGE_PATTERN } from './schemas.js';

/** @internal Parses a JSON body (empty body: `null`); BAD_RESPONSE when it is not JSON. */
export function parseJson(raw: RawResponse, operation: string): unknown {
  if (raw.text === '') return null;
  try {
    return JSON.parse(raw.text);
  } catch (e) {
    throw new NhsoError('BAD_RESPONSE', `${operation}: response is not JSON (HTTP ${raw.status})`, {
      cause: e,
      status: raw.status,
      details: { operation },
    });
  }
}

/** @internal Parses a JSON body and validates it; BAD_RESPONSE on any mismatch. */
export function parseBody<TSchema extends v.GenericSchema>(
  raw: RawResponse,
  schema: TSchema,
  operation: string,
): v.InferOutput<TSchema> {
  return validate(parseJson(raw, operation), schema, operation, raw.status);
}

/** @internal */
export function validate<TSchema extends v.GenericSchema>(
  value: unknown,
  schema: TSchema,
  operation: string,
  status?: number,
): v.InferOutput<TSchema> {
  const r = v.safeParse(schema, value);
  if (r.success) return r.output;
  const issues = r.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
  throw new NhsoError('BAD_RESPONSE', `${operation}: response does not match the expected shape`, {
    ...(status === undefined ? {} : { status }),
    details: { operation, issues },
  });
}

/** @internal Validates caller input; VALIDATION (nothing is sent) on mismatch. */
export function validateRequest<TSchema extends v.GenericSchema>(
  value: unknown,
  schema: TSchema,
  operation: string,
): v.InferOutput<TSchema> {
  const r = v.safeParse(schema, value);
  if (r.success) return r.output;
  const messages = r.issues.slice(0, 5).map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
  throw new NhsoError('VALIDATION', `${operation}: invalid request (${messages[0] ?? 'schema mismatch'})`, {
    details: { operation, messages, maybeSent: false },
  });
}

/** @internal Messages a server put in an error body (Spring `errors[]`, `message`, `statusMessage`, `dataError`). */
export function errorMessages(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? [body] : [];
  const b = body as Record<string, unknown>;
  const out: string[] = [];
  if (Array.isArray(b.errors)) {
    for (const e of b.errors) {
      if (e && typeof e === 'object') {
        const m = (e as Record<string, unknown>).defaultMessage ?? (e as Record<string, unknown>).message;
        if (typeof m === 'string') out.push(m);
      } else if (typeof e === 'string') out.push(e);
    }
  }
  for (const k of ['dataError', 'statusMessage', 'message', 'error']) {
    const m = b[k];
    if (typeof m === 'string' && m !== '') out.push(m);
    else if (m && typeof m === 'object') {
      const mm = (m as Record<string, unknown>).message ?? (m as Record<string, unknown>).defaultMessage;
      if (typeof mm === 'string') out.push(mm);
    }
  }
  return [...new Set(out)].slice(0, 10);
}

/** @internal What a non-2xx status means for one kind of call. */
export interface StatusContext {
  operation: string;
  /** Agent card read: 500 means no card. */
  cardRead?: boolean;
  /** A call that issues a code: 409 and duplicate messages mean DUPLICATE_AUTHEN_CODE. */
  issuing?: boolean;
  /** 401 means the token expired (providers that can tell). */
  unauthorizedCode?: NhsoErrorCode;
}

/** @internal Maps a non-2xx answer to an NhsoError. */
export function statusError(raw: RawResponse, ctx: StatusContext): NhsoError {
  const { status } = raw;
  const messages = errorMessages(raw.text);
  const details = { operation: ctx.operation, ...(messages.length ? { messages } : {}) };
  const first = messages[0] ? `: ${messages[0]}` : '';
  const mk = (code: NhsoErrorCode, what: string, extra?: { retryAfterMs?: number }) =>
    new NhsoError(code, `${ctx.operation}: ${what} (HTTP ${status})${first}`, { status, details, ...extra });
  const dupMessage = messages.some((m) => DUPLICATE_AUTHEN_MESSAGE_PATTERN.test(m));
  if (ctx.issuing && (status === 409 || (status >= 400 && status < 500 && dupMessage)))
    return mk('DUPLICATE_AUTHEN_CODE', 'an Authen Code already exists');
  if (status === 418) return mk('READER_NOT_FOUND', 'no smart-card reader');
  if (ctx.cardRead && status === 500) return mk('CARD_NOT_PRESENT', 'no card in the reader');
  if (status === 401) return mk(ctx.unauthorizedCode ?? 'UNAUTHORIZED', 'token rejected');
  if (status === 403) return mk('UNAUTHORIZED', 'forbidden');
  if (status === 429) {
    const ra = raw.headers.get('retry-after');
    const ms = parseRetryAfter(ra, Date.now());
    return mk('RATE_LIMITED', 'rate limited', ms === undefined ? undefined : { retryAfterMs: ms });
  }
  if (status === 400 || status === 422) return mk('VALIDATION', 'request rejected');
  return mk('BAD_RESPONSE', 'unexpected status');
}
