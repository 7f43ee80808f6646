import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNhsoError, type NhsoError } from '@authenkit/nhso-client';

/** A request as the test server saw it. */
export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: Seen, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  url: string;
  seen: Seen[];
  /** Replace the handler. */
  handle(h: Handler): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, ephemeral port. */
export async function startServer(handler: Handler = (_q, r) => json(r, 404, {})): Promise<TestServer> {
  let h = handler;
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const s: Seen = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      Promise.resolve(h(s, res)).catch((e) => {
        if (!res.headersSent) json(res, 599, { error: String(e) });
      });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    handle(nh) {
      h = nh;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function text(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/xml; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/** Drop the connection without an answer (a reset). */
export function reset(res: ServerResponse): void {
  res.socket?.destroy();
}

/** A port with nothing listening (connection refused). */
export async function refusedUrl(): Promise<string> {
  const s = await startServer();
  const url = s.url;
  await s.close();
  return url;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Valid citizen IDs for tests (checksum-correct). */
export const PID = '1101700203450';

/** The NhsoError a promise rejects with (fails the test when it resolves or rejects with something else). */
export async function rejection(p: Promise<unknown>): Promise<NhsoError> {
  try {
    await p;
  } catch (e) {
    if (isNhsoError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
