import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxError } from './errors.js';

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

/** @internal */
export interface Route {
  id: string;
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** @internal */
export function route(id: string, method: string, template: string, handler: Handler): Route {
  const keys: string[] = [];
  const pattern = new RegExp(
    `^${template
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string, b: string) => {
        keys.push(a ?? b);
        return '([^/]+)';
      })}$`,
  );
  return { id, method, pattern, keys, handler };
}

/** @internal */
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
      params[k] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route: r, params };
  }
  return methodMismatch ? 'method' : undefined;
}

/** @internal */
export const MAX_BODY = 1_000_000;

/** @internal */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new SandboxError('INVALID_REQUEST', 'request body too large', { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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
  if (req.text.trim() === '')
    throw new SandboxError('INVALID_REQUEST', 'request body is empty', { status: 400 });
  try {
    return JSON.parse(req.text);
  } catch {
    throw new SandboxError('INVALID_REQUEST', 'request body is not valid JSON', {
      status: 400,
      messageTh: 'ข้อมูลที่ส่งมาไม่ใช่ JSON',
    });
  }
}

/** @internal Spring Boot style error body, as NHSO's Java services answer. */
/** @internal Replace 13-digit runs (PIDs) in a path so it can be logged or echoed. */
export const maskPath = (path: string): string =>
  path.replace(/\d{13}/g, (d) => `${d.slice(0, 1)}xxxxxxxx${d.slice(9)}`);

export function springError(status: number, message: string, path: string, field?: string): RouteResponse {
  const reason: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    418: "I'm a teapot",
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return {
    status,
    json: {
      timestamp: new Date().toISOString(),
      status,
      error: reason[status] ?? 'Error',
      message,
      path: maskPath(path),
      errors: [{ defaultMessage: message, ...(field ? { field } : {}), code: 'Invalid' }],
    },
  };
}
