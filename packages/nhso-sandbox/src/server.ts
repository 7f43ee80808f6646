import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxError } from './errors.js';
import type { FaultDecision } from './faults.js';
import {
  answerClientErrors,
  asSandboxError,
  checkTrust,
  errorResponse,
  maskPath,
  matchRoute,
  type Route,
  type RouteResponse,
  readBody,
  send,
  sendAndClose,
  type TrustPolicy,
} from './http.js';

/**
 * The HTTP core the sandbox and the Agent share: Host / Origin guard, CORS preflight, routing, body limits,
 * fault injection, error bodies (one form per route family, always with a stable `code`, never a stack).
 * @internal
 */
export interface RouteServerOptions {
  routes: readonly Route[];
  trust: TrustPolicy;
  log: (line: string) => void;
  /** Fault decision of a request (sandbox only; admin and health routes are never asked). */
  decide?: (route: Route) => FaultDecision | undefined;
  /** Port (0 = ephemeral). */
  port: number;
  /** Bind address. */
  host: string;
}

/** @internal */
export interface RouteServer {
  readonly url: string;
  close(): Promise<void>;
}

/** An answer that was committed and then dropped is held this long before the socket is closed. */
const DROP_HOLD_MS = 30_000;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** @internal Start a route server and resolve once it listens. */
export async function startRouteServer(options: RouteServerOptions): Promise<RouteServer> {
  const { routes, trust, log } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    let path = '/';
    let cors: Record<string, string> = {};
    let style: Route['style'] = routes[0]?.style ?? 'agent';
    try {
      const u = new URL(req.url ?? '/', 'http://localhost');
      path = u.pathname;
      cors = checkTrust(req, trust);
      if (method === 'OPTIONS' && req.headers.origin !== undefined) {
        send(res, {
          status: 204,
          headers: {
            ...cors,
            'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
            'access-control-allow-headers': 'content-type, authorization',
            'access-control-max-age': '600',
          },
        });
        return;
      }
      const m = matchRoute(routes, method, path);
      if (m === undefined) throw new SandboxError('NOT_FOUND', 'not found');
      if (m === 'method') throw new SandboxError('METHOD_NOT_ALLOWED', 'method not allowed');
      style = m.route.style;
      const d = options.decide?.(m.route);
      if (d && d.latencyMs > 0) await sleep(d.latencyMs);
      if (d?.before === 'error') throw new SandboxError('UPSTREAM_ERROR', 'injected fault', { status: 500 });
      if (d?.before === 'rate-limit') {
        const rr = errorResponse(
          new SandboxError('RATE_LIMITED', 'too many requests (injected)'),
          style,
          path,
        );
        send(res, rr, { ...cors, 'retry-after': String(d.retryAfterSeconds) });
        return;
      }
      const text = await readBody(req);
      // A late commit: the body is in, the client may give up meanwhile, the change still happens.
      if (d && d.commitDelayMs > 0) await sleep(d.commitDelayMs);
      let out: RouteResponse;
      try {
        out = await m.route.handler({
          method,
          path,
          query: u.searchParams,
          params: m.params,
          headers: req.headers,
          text,
          routeId: m.route.id,
        });
      } catch (err) {
        const e = asSandboxError(err);
        if (e.code === 'INTERNAL_ERROR')
          log(`internal error on ${maskPath(path)}: ${(err as Error)?.name ?? 'Error'}`);
        out = errorResponse(e, style, path);
      }
      log(`${method} ${m.route.id} ${out.status}`);
      if (out.committed && d?.after === 'reset') {
        req.socket.destroy();
        return;
      }
      if (out.committed && d?.after === 'drop') {
        setTimeout(() => req.socket.destroy(), DROP_HOLD_MS).unref();
        return;
      }
      if (d?.after === 'malformed' && out.status < 300 && out.json !== undefined) {
        const full = JSON.stringify(out.json);
        out = {
          status: out.status,
          body: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        };
      }
      if (!res.destroyed) send(res, out, cors);
    } catch (err) {
      const e = asSandboxError(err);
      if (e.code === 'INTERNAL_ERROR')
        log(`internal error on ${maskPath(path)}: ${(err as Error)?.name ?? 'Error'}`);
      else log(`${method} ${e.code} ${e.status}`);
      if (res.destroyed || res.headersSent) return;
      const out = errorResponse(e, style, path);
      if (e.code === 'PAYLOAD_TOO_LARGE') sendAndClose(res, out, cors);
      else send(res, out, cors);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      log('unhandled error');
      if (!res.headersSent) send(res, errorResponse(asSandboxError(undefined), 'sandbox', '/'));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${addr.port}`,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
