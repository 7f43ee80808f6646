/**
 * Tiny node:http helpers shared by the example servers: JSON in/out, static files, server-sent events.
 * Plain Node on purpose: nothing here is specific to a framework, so the same handlers port to Hono,
 * Express or Fastify in a few lines.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** Security headers for every response: the page loads only its own scripts and images. */
const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'",
  'cache-control': 'no-store',
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly body: { th: string; en: string },
  ) {
    super(body.en);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** HTTP status for an SDK error code: the browser is not the one who is unauthorised when NHSO says 401. */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION: 400,
  INVALID_ARGUMENT: 400,
  INVALID_REQUEST: 400,
  DUPLICATE_AUTHEN_CODE: 409,
  CARD_NOT_PRESENT: 409,
  CARD_REMOVED: 409,
  TIMEOUT: 504,
};

export function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) {
    sendJson(res, err.status, { error: { code: err.code, message: err.body } });
    return;
  }
  const e = err as { code?: unknown; message?: unknown; messageTh?: unknown };
  // SDK errors carry a stable string code and a message without personal data, so they are safe to show.
  const code = typeof e?.code === 'string' ? e.code : 'UNKNOWN';
  const en = typeof e?.message === 'string' && code !== 'UNKNOWN' ? e.message : 'Internal error';
  const th = typeof e?.messageTh === 'string' ? e.messageTh : en;
  sendJson(res, STATUS_BY_CODE[code] ?? (code === 'UNKNOWN' ? 500 : 502), {
    error: { code, message: { th, en } },
  });
}

export async function readJson(req: IncomingMessage, limit = 16 * 1024): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new HttpError(413, 'INVALID_REQUEST', { th: 'ข้อมูลใหญ่เกินไป', en: 'Request body too large' });
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {}
  throw new HttpError(400, 'INVALID_REQUEST', { th: 'รูปแบบข้อมูลไม่ถูกต้อง', en: 'Body must be a JSON object' });
}

/**
 * The shared static files (`base.css`: palette, top bar, buttons) that a page links before its own
 * `style.css`. Found through the package, so it works from `src/` (tsx, vitest) and from a bundled `dist/`.
 */
export const SHARED_PUBLIC_DIR =
  join(dirname(createRequire(import.meta.url).resolve('@authenkit-examples/shared/package.json')), 'public') +
  sep;

/**
 * Serves a file from the first of `roots` that has it (no directory traversal); returns false when none
 * has such a file.
 */
export async function serveStatic(
  res: ServerResponse,
  roots: string | readonly string[],
  urlPath: string,
): Promise<boolean> {
  const rel = normalize(decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const type = TYPES[extname(rel)];
  if (!type) return false;
  for (const root of typeof roots === 'string' ? [roots] : roots) {
    const file = join(root, rel);
    if (!file.startsWith(root)) return false;
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...BASE_HEADERS, 'content-type': type });
      res.end(body);
      return true;
    } catch {}
  }
  return false;
}

export function sendBytes(res: ServerResponse, type: string, body: Uint8Array): void {
  res.writeHead(200, { ...BASE_HEADERS, 'content-type': type, 'content-length': body.byteLength });
  res.end(body);
}

/** A set of open server-sent-event streams; `broadcast` writes one event to all of them. */
export function createEventHub() {
  const clients = new Set<ServerResponse>();
  return {
    open(req: IncomingMessage, res: ServerResponse, first?: { event: string; data: unknown }) {
      res.writeHead(200, {
        ...BASE_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        connection: 'keep-alive',
      });
      res.write('retry: 1000\n\n');
      if (first) res.write(`event: ${first.event}\ndata: ${JSON.stringify(first.data)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
    },
    broadcast(event: string, data: unknown) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    closeAll() {
      for (const res of clients) res.end();
      clients.clear();
    },
    get size() {
      return clients.size;
    },
  };
}

/** Listens on host:port (0 = ephemeral) and resolves with the base URL. */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${p}/`);
    });
  });
}

/** Closes the server, ending keep-alive sockets so `close()` never hangs. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
