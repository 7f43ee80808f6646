/**
 * A small HIS backend API (plain node:http): the counter posts visits, a nightly job checks them with
 * NHSO, the billing screen closes them. JSON in, JSON out; citizen IDs are masked in every answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isValidCitizenId, maskCitizenId } from '@authenkit/authen-code';
import { createNhsoClient, type NhsoClient } from '@authenkit/nhso-client';
import { openVisitStore, type VisitRow, type VisitStore } from './db.js';
import { checkDay, closeVisit } from './jobs.js';

/** Options of {@link startHisBackend}. */
export interface HisBackendOptions {
  /** NHSO base URL (the sandbox's `url` in tests). */
  baseUrl?: string;
  /** NHSO bearer token. */
  token?: string;
  /** A ready client instead of `baseUrl` + `token`. */
  client?: NhsoClient;
  /** This hospital's 5-digit code. */
  hcode: string;
  /** Citizen ID of the staff member the token belongs to (`recorderPid` of close-claim). */
  recorderPid: string;
  /** SQLite file; default in-memory. */
  database?: string;
  port?: number;
  host?: string;
  now?: () => Date;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}$/;

/** A visit as the API shows it: the citizen ID masked. */
function publicVisit(v: VisitRow) {
  const { pid, ...rest } = v;
  return { ...rest, maskedPid: maskCitizenId(pid) };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 64 * 1024) throw new ApiError(413, 'TOO_LARGE', 'body too large');
  }
  try {
    const v = JSON.parse(text || '{}');
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {}
  throw new ApiError(400, 'INVALID_REQUEST', 'body must be a JSON object');
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function str(body: Record<string, unknown>, key: string, re?: RegExp): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '' || (re && !re.test(v)))
    throw new ApiError(400, 'INVALID_REQUEST', `"${key}" is missing or malformed`);
  return v;
}

function amount(body: Record<string, unknown>, key: string): number {
  const v = body[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new ApiError(400, 'INVALID_REQUEST', `"${key}" must be a non-negative number`);
  return v;
}

/**
 * Starts the HIS backend.
 *
 * @example
 * ```ts
 * const his = await startHisBackend({ baseUrl: sandbox.url, token: sandbox.token, hcode: '10699', recorderPid });
 * await fetch(new URL('visits', his.url), { method: 'POST', body: JSON.stringify(visit) });
 * await his.close();
 * ```
 */
export async function startHisBackend(options: HisBackendOptions) {
  const client =
    options.client ??
    (() => {
      if (!options.baseUrl || !options.token)
        throw new TypeError('startHisBackend: pass `client`, or `baseUrl` and `token`');
      return createNhsoClient({ token: options.token, environment: { baseUrl: options.baseUrl } });
    })();
  const store: VisitStore = openVisitStore(options.database);
  const now = options.now ?? (() => new Date());

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://his');
    const parts = url.pathname.split('/').filter(Boolean);

    // POST /visits — the counter records a visit (with the Authen Code it got, if any).
    if (req.method === 'POST' && url.pathname === '/visits') {
      const body = await readJson(req);
      const pid = str(body, 'pid');
      if (!isValidCitizenId(pid)) throw new ApiError(400, 'INVALID_PID', 'pid is not a valid citizen ID');
      const vn = str(body, 'vn');
      if (store.get(vn)) throw new ApiError(409, 'DUPLICATE_VN', `visit ${vn} exists`);
      const row = store.addVisit({
        vn,
        hn: str(body, 'hn'),
        pid,
        serviceDate: str(body, 'serviceDate', DATE_RE),
        serviceTime: str(body, 'serviceTime', TIME_RE),
        claimType: str(body, 'claimType'),
        mainInscl: typeof body.mainInscl === 'string' ? body.mainInscl : null,
        authCode: typeof body.authCode === 'string' && body.authCode ? body.authCode : null,
      });
      return send(res, 201, publicVisit(row));
    }

    // GET /visits?date=YYYY-MM-DD
    if (req.method === 'GET' && url.pathname === '/visits') {
      const date = url.searchParams.get('date') ?? '';
      if (!DATE_RE.test(date)) throw new ApiError(400, 'INVALID_REQUEST', 'date=YYYY-MM-DD is required');
      return send(res, 200, { visits: store.listByDate(date).map(publicVisit) });
    }

    // POST /jobs/end-of-day { date } — check every visit of the day with NHSO.
    if (req.method === 'POST' && url.pathname === '/jobs/end-of-day') {
      const body = await readJson(req);
      const date = str(body, 'date', DATE_RE);
      return send(res, 200, await checkDay(store, client, { date, hcode: options.hcode, now }));
    }

    // POST /visits/:vn/close { totalAmount, paidAmount, privilegeAmount }
    if (req.method === 'POST' && parts.length === 3 && parts[0] === 'visits' && parts[2] === 'close') {
      const body = await readJson(req);
      const result = await closeVisit(store, client, {
        vn: decodeURIComponent(parts[1]!),
        hcode: options.hcode,
        recorderPid: options.recorderPid,
        amounts: {
          totalAmount: amount(body, 'totalAmount'),
          paidAmount: amount(body, 'paidAmount'),
          privilegeAmount: amount(body, 'privilegeAmount'),
        },
        now,
      });
      return send(res, result.alreadyClosed ? 200 : 201, result);
    }
    throw new ApiError(404, 'NOT_FOUND', 'no such route');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const e = err as { status?: number; code?: string; message?: string; messageTh?: string };
      // SDK errors (NhsoError) have a stable code and messages without personal data or tokens.
      const status =
        e.status && e.status >= 400 && e.status < 600 ? e.status : err instanceof ApiError ? 400 : 502;
      send(res, status, {
        error: { code: e.code ?? 'INTERNAL', message: e.message ?? 'error', messageTh: e.messageTh },
      });
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
