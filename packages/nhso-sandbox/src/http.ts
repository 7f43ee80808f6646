import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { maskCitizenIdsInText } from '@authenkit/authen-code';
import * as v from 'valibot';
import { isSandboxError, SandboxError, type SandboxErrorCode, thaiText } from './errors.js';

/**
 * A parsed request handed to a route handler.
 *
 * @example
 * ```ts
 * import type { RouteRequest } from '@authenkit/nhso-sandbox';
 * const pid = (req: RouteRequest) => req.query.get('pid');
 * console.log(typeof pid);
 * ```
 */
export interface RouteRequest {
  /** HTTP method, upper case. */
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters. */
  query: URLSearchParams;
  /** Path parameters from `{name}` segments. */
  params: Record<string, string>;
  /** Lower-cased headers. */
  headers: IncomingMessage['headers'];
  /** Raw body text (UTF-8). */
  text: string;
  /** Route id (for fault injection). */
  routeId: string;
}

/**
 * What a handler returns.
 *
 * @example
 * ```ts
 * import type { RouteResponse } from '@authenkit/nhso-sandbox';
 * const ok: RouteResponse = { status: 200, json: { ok: true } };
 * console.log(ok.status);
 * ```
 */
export interface RouteResponse {
  /** HTTP status. */
  status: number;
  /** JSON body (serialised with UTF-8). */
  json?: unknown;
  /** Raw body instead of JSON. */
  body?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** True when the handler committed a state change (fault `reset` only applies after commits). */
  committed?: boolean;
}

/** @internal */
export type Handler = (req: RouteRequest) => RouteResponse | Promise<RouteResponse>;

/**
 * How a route family answers errors, as the NHSO service it simulates does: the Agent's Spring Boot body,
 * the Endpoint's `{dataError, error, message, statusCode}`, check-authen-status' `{statusAuthen, statusMessage}`,
 * or the sandbox's own `{error: SandboxErrorJSON}`. Every form also carries `code` and `message` at the top.
 * @internal
 */
export type ErrorStyle = 'agent' | 'endpoint' | 'status' | 'sandbox';

/** @internal */
export interface Route {
  id: string;
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
  style: ErrorStyle;
}

/** @internal */
export function route(
  id: string,
  method: string,
  template: string,
  handler: Handler,
  style: ErrorStyle = 'agent',
): Route {
  const keys: string[] = [];
  const pattern = new RegExp(
    `^${template
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string, b: string) => {
        keys.push(a ?? b);
        return '([^/]+)';
      })}$`,
  );
  return { id, method, pattern, keys, handler, style };
}

/**
 * @internal Find the route of `method path`. A path parameter that is not valid percent-encoding is a 400
 * (`INVALID_REQUEST`), never a crash.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method' | undefined {
  let methodMismatch = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    if (r.method !== method && !(r.method === 'GET' && method === 'HEAD')) {
      methodMismatch = true;
      continue;
    }
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => {
      try {
        params[k] = decodeURIComponent(m[i + 1] ?? '');
      } catch {
        throw new SandboxError('INVALID_REQUEST', `path parameter {${k}} is not valid percent-encoding`, {
          details: { field: k },
        });
      }
    });
    return { route: r, params };
  }
  return methodMismatch ? 'method' : undefined;
}

/** @internal */
export const MAX_BODY = 1_000_000;
/** Bytes of an oversized body read and thrown away after the 413, so the client sees the answer, not a reset. */
const MAX_DRAIN = 16 * MAX_BODY;

/**
 * @internal Read the body (UTF-8). Over {@link MAX_BODY} it rejects with `PAYLOAD_TOO_LARGE` and keeps
 * reading (discarding, up to 16 MB) so the 413 answer reaches the client before the connection closes.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) {
        if (size > MAX_DRAIN) req.destroy();
        return;
      }
      if (size > MAX_BODY) {
        over = true;
        chunks.length = 0;
        reject(
          new SandboxError('PAYLOAD_TOO_LARGE', 'request body is over 1 MB', {
            details: { limit: MAX_BODY },
          }),
        );
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** @internal */
export function send(res: ServerResponse, r: RouteResponse, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...(r.headers ?? {}) };
  let body = '';
  if (r.body !== undefined) body = r.body;
  else if (r.json !== undefined) {
    body = JSON.stringify(r.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(r.status, headers);
  res.end(body);
}

/** @internal Parse a JSON body, throwing a 400 SandboxError when it is not JSON. */
export function jsonBody(req: RouteRequest): unknown {
  if (req.text.trim() === '') throw new SandboxError('INVALID_REQUEST', 'request body is empty');
  try {
    return JSON.parse(req.text);
  } catch {
    throw new SandboxError('INVALID_REQUEST', 'request body is not valid JSON', {
      details: { reasonTh: 'ข้อมูลที่ส่งมาไม่ใช่ JSON' },
    });
  }
}

/** @internal A JSON body that must be an object (`null`, arrays and scalars are a 400). */
export function jsonObject(req: RouteRequest): Record<string, unknown> {
  const b = jsonBody(req);
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new SandboxError('INVALID_REQUEST', 'request body must be a JSON object', {
      details: { reasonTh: 'ข้อมูลที่ส่งมาต้องเป็นออบเจกต์ JSON' },
    });
  return b as Record<string, unknown>;
}

/** @internal Validate `value` with a valibot schema; the first issue becomes a 400 `INVALID_REQUEST`. */
export function parseWith<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, value);
  if (!r.success) {
    const issue = r.issues[0];
    const path = issue?.path?.map((x) => String((x as { key?: unknown }).key)).join('.') ?? '';
    throw new SandboxError(
      'INVALID_REQUEST',
      `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid request'}`,
      {
        details: { field: path },
      },
    );
  }
  return r.output;
}

/** @internal A query parameter (`undefined` when absent). */
export const q = (req: RouteRequest, name: string): string | undefined => req.query.get(name) ?? undefined;

/** @internal A JSON answer. */
export const ok = (json: unknown, committed = false, status = 200): RouteResponse => ({
  status,
  json,
  committed,
});

/** @internal Mask citizen IDs in a path so it can be logged or echoed. */
export const maskPath = (path: string): string => maskCitizenIdsInText(path);

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  418: "I'm a teapot",
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** @internal Spring Boot style error body, as NHSO's Java services answer, plus the stable `code`. */
export function springError(
  status: number,
  message: string,
  path: string,
  field?: string,
  code: SandboxErrorCode = 'INVALID_REQUEST',
): RouteResponse {
  return {
    status,
    json: {
      timestamp: new Date().toISOString(),
      status,
      error: REASONS[status] ?? 'Error',
      code,
      message,
      path: maskPath(path),
      errors: [{ defaultMessage: message, ...(field ? { field } : {}), code: 'Invalid' }],
    },
  };
}

/** Message of a duplicate as the Agent / Endpoint answer it (matches nhso-client's duplicate pattern). */
const DUPLICATE_MESSAGE = 'ไม่สามารถ Authen ซ้ำในวันเดียวกันได้ (duplicate Authen Code for this service today)';

/**
 * @internal Any thrown value as a SandboxError (non-SandboxErrors become `INTERNAL_ERROR`; their message and
 * stack never leave the process).
 */
export const asSandboxError = (err: unknown): SandboxError =>
  isSandboxError(err) ? err : new SandboxError('INTERNAL_ERROR', 'internal sandbox error', { cause: err });

/**
 * @internal The error body of `e` in a route family's style. Every style carries `code` (one of
 * `ERROR_CODES`) and a `message` at the top level; none carries a stack.
 */
export function errorResponse(e: SandboxError, style: ErrorStyle, path: string): RouteResponse {
  const message = e.code === 'DUPLICATE_AUTHEN_CODE' ? DUPLICATE_MESSAGE : `${thaiText(e)} (${e.message})`;
  let res: RouteResponse;
  if (style === 'agent') {
    // The Agent answers 500 for "no card" and 400 for a repeated same-day request.
    const status = e.code === 'DUPLICATE_AUTHEN_CODE' ? 400 : e.status;
    const field = typeof e.details?.field === 'string' ? e.details.field : undefined;
    res = springError(status, message, path, field, e.code);
  } else if (style === 'endpoint') {
    res = {
      status: e.status,
      json: { dataError: message, error: e.code, code: e.code, message, statusCode: e.status },
    };
  } else if (style === 'status') {
    res = {
      status: e.status,
      json: { statusAuthen: 'false', statusMessage: message, code: e.code, message },
    };
  } else {
    res = { status: e.status, json: { code: e.code, message: e.message, error: e.toJSON() } };
  }
  if (e.status === 401) res.headers = { 'www-authenticate': 'Bearer' };
  return res;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * True when a `Host` header names a loopback host (DNS-rebinding guard).
 *
 * @example
 * ```ts
 * import { isLoopbackHost } from '@authenkit/nhso-sandbox';
 * console.log(isLoopbackHost('localhost:8189'), isLoopbackHost('evil.example:8189')); // true false
 * ```
 */
export function isLoopbackHost(host: string | undefined): boolean {
  return hostName(host) !== undefined && LOOPBACK_HOSTS.has(hostName(host) as string);
}

const hostName = (host: string | undefined): string | undefined => {
  if (!host) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.trim().toLowerCase());
  return m?.[1];
};

/** @internal True when `host` is one a server bound there may listen on without an explicit opt-in. */
export const isLoopbackBind = (host: string): boolean => LOOPBACK_HOSTS.has(host);

/**
 * Who may call a local server: `Host` names (always loopback; plus `hosts`, or any with `'*'`) and browser
 * origins (`origins`; requests without `Origin` are not from a browser page and pass).
 * @internal
 */
export interface TrustPolicy {
  hosts: readonly string[];
  origins: readonly string[];
}

/**
 * @internal The DNS-rebinding and CORS guard shared by the sandbox and the Agent: a non-loopback `Host`
 * (unless allowed) is `HOST_NOT_ALLOWED`; an `Origin` not in the list is `ORIGIN_NOT_ALLOWED`. Returns the
 * CORS headers to add for an allowed origin.
 */
export function checkTrust(req: IncomingMessage, policy: TrustPolicy): Record<string, string> {
  const name = hostName(req.headers.host);
  const hostOk =
    isLoopbackHost(req.headers.host) ||
    policy.hosts.includes('*') ||
    (name !== undefined && policy.hosts.some((h) => h.toLowerCase() === name));
  if (!hostOk)
    throw new SandboxError('HOST_NOT_ALLOWED', 'Host not allowed (loopback only unless configured)');
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  if (!policy.origins.includes(origin) && !policy.origins.includes('*'))
    throw new SandboxError('ORIGIN_NOT_ALLOWED', 'Origin not allowed');
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/**
 * @internal Answer HTTP parse errors Node raises before a request exists: headers over the limit get a 431 and
 * anything else a 400, both with a JSON body carrying a stable code, then the socket closes.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const e =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new SandboxError('HEADERS_TOO_LARGE', 'request headers are too large')
        : new SandboxError('INVALID_REQUEST', 'malformed HTTP request', {
            details: { parser: err.code ?? null },
          });
    const body = JSON.stringify({ code: e.code, message: e.message, error: e.toJSON() });
    socket.end(
      `HTTP/1.1 ${e.status} ${REASONS[e.status] ?? 'Error'}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}

/**
 * @internal Answer a body-too-large error and close the connection cleanly: the rest of the body is drained
 * (see {@link readBody}), and the socket closes once the client has sent it.
 */
export function sendAndClose(
  res: ServerResponse,
  r: RouteResponse,
  extra: Record<string, string> = {},
): void {
  res.shouldKeepAlive = false;
  send(res, r, { ...extra, connection: 'close' });
}
