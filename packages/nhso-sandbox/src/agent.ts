import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AGENT_PATHS,
  AgentConfirmSaveRequestSchema,
  type AgentReadCardOnlyResponse,
  type AgentTerminalsResponse,
} from '@authenkit/nhso-client/schemas';
import * as v from 'valibot';
import { type Clock, systemClock } from './clock.js';
import { isSandboxError, SandboxError } from './errors.js';
import { matchRoute, type RouteResponse, readBody, route, send, springError } from './http.js';
import { thaiAgeText } from './population.js';
import { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';

/**
 * What the Agent needs from a card read.
 *
 * @example
 * ```ts
 * import type { AgentCardData } from '@authenkit/nhso-sandbox';
 * const d: AgentCardData = { pid: '8000000000001', titleTh: 'นาย', firstNameTh: 'สมชาย', lastNameTh: 'ใจดี', birthDate: '2530-01-01', sex: 'male' };
 * console.log(d.pid);
 * ```
 */
export interface AgentCardData {
  /** Citizen ID. */
  pid: string;
  /** Thai title text (`นาย`, `น.ส.`, …). */
  titleTh: string;
  /** Thai first name. */
  firstNameTh: string;
  /** Thai last name. */
  lastNameTh: string;
  /** Gregorian `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), or null. */
  birthDate: string | null;
  /** Sex. */
  sex: 'male' | 'female' | 'unknown';
  /** JPEG photo when asked for. */
  photo?: Uint8Array | undefined;
}

/**
 * Where the Agent reads cards from: readers with presence, and a read of one reader. Implementations:
 * {@link virtualCardSource}, {@link transportCardSource} (any `@authenkit/thai-idcard` Transport, e.g. PC/SC).
 *
 * @example
 * ```ts
 * import type { AgentCardSource } from '@authenkit/nhso-sandbox';
 * const none: AgentCardSource = { readers: async () => [], read: async () => { throw new Error('no reader'); } };
 * console.log(typeof none.read);
 * ```
 */
export interface AgentCardSource {
  /** Readers and whether a card is present. */
  readers(): Promise<{ name: string; present: boolean }[]>;
  /** Read the card in `reader`. */
  read(reader: string, options: { photo: boolean }): Promise<AgentCardData>;
}

/**
 * A reader given as a thai-idcard `Transport` and an optional presence probe.
 *
 * @example
 * ```ts
 * import type { TransportReader } from '@authenkit/nhso-sandbox';
 * const f = (r: TransportReader) => r.transport.readerName;
 * console.log(typeof f);
 * ```
 */
export interface TransportReader {
  /** A `Transport` from `@authenkit/thai-idcard` (PC/SC, virtual, replay). */
  transport: import('@authenkit/thai-idcard').Transport;
  /** Presence probe; default: try to connect. */
  isPresent?: () => boolean | Promise<boolean>;
}

const noReader = (): SandboxError =>
  new SandboxError('READER_NOT_FOUND', 'no smart-card reader', {
    status: 418,
    messageTh: 'ไม่พบเครื่องอ่าน Smart card',
  });
const noCard = (): SandboxError =>
  new SandboxError('CARD_NOT_PRESENT', 'no card in the reader', {
    status: 500,
    messageTh: 'กรุณาเสียบบัตรประชาชนของผู้ป่วย',
  });

/**
 * Card source over thai-idcard Transports (reads with `readThaiIdCard`).
 *
 * @example
 * ```ts
 * import { transportCardSource } from '@authenkit/nhso-sandbox';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const card = createVirtualCard({ image: sampleCardImage() });
 * const source = transportCardSource([{ transport: card.transport(), isPresent: () => card.present }]);
 * console.log(await source.readers());
 * ```
 */
export function transportCardSource(
  readers: TransportReader[] | (() => TransportReader[] | Promise<TransportReader[]>),
): AgentCardSource {
  const list = async (): Promise<TransportReader[]> =>
    typeof readers === 'function' ? await readers() : readers;
  const present = async (r: TransportReader): Promise<boolean> => {
    if (r.isPresent) return Boolean(await r.isPresent());
    try {
      await r.transport.connect();
      return true;
    } catch {
      return false;
    }
  };
  return {
    readers: async () =>
      Promise.all(
        (await list()).map(async (r) => ({ name: r.transport.readerName, present: await present(r) })),
      ),
    read: async (name, options) => {
      const r = (await list()).find((x) => x.transport.readerName === name);
      if (!r) throw noReader();
      if (!(await present(r))) throw noCard();
      const { readThaiIdCard } = await import('@authenkit/thai-idcard');
      let d: Awaited<ReturnType<typeof readThaiIdCard>>;
      try {
        d = await readThaiIdCard(r.transport, { photo: options.photo });
      } catch (cause) {
        throw new SandboxError('CARD_NOT_PRESENT', 'the card could not be read', {
          status: 500,
          messageTh: 'อ่านบัตรไม่สำเร็จ กรุณาเสียบบัตรใหม่',
          cause,
        });
      }
      return {
        pid: d.citizenId,
        titleTh: d.titleTh,
        firstNameTh: d.firstNameTh,
        lastNameTh: d.lastNameTh,
        birthDate: d.birthDate,
        sex: d.sex,
        photo: d.photo,
      };
    },
  };
}

/**
 * Card source with one virtual card built from a card image (either thai-idcard form, e.g. from
 * {@link personToCardSpec} or a JSON file). `insert()` / `remove()` simulate the card.
 *
 * @example
 * ```ts
 * import { generatePopulation, personToCardSpec, virtualCardSource } from '@authenkit/nhso-sandbox';
 * const person = generatePopulation({ seed: 1, size: 5 }).people[2]!;
 * const source = await virtualCardSource(personToCardSpec(person));
 * console.log((await source.read(source.readerName, { photo: false })).pid === person.pid); // true
 * ```
 */
export async function virtualCardSource(
  image: unknown,
): Promise<AgentCardSource & { readerName: string; insert(): void; remove(): void }> {
  const { createVirtualCard } = await import('@authenkit/thai-idcard/virtual');
  const card = createVirtualCard({ image: image as Parameters<typeof createVirtualCard>[0]['image'] });
  const transport = card.transport();
  const src = transportCardSource([{ transport, isPresent: () => card.present }]);
  return {
    ...src,
    readerName: transport.readerName,
    insert: () => card.insert(),
    remove: () => card.remove(),
  };
}

/**
 * Card source over a thai-idcard `ReaderManager` (`createPcscReaderManager()` from `@authenkit/thai-idcard/pcsc`
 * for real readers, or `createReaderManager()` with a virtual backend): every attached reader is listed,
 * with live card presence.
 *
 * @example
 * ```ts
 * import { readerManagerCardSource } from '@authenkit/nhso-sandbox';
 * import { createPcscReaderManager } from '@authenkit/thai-idcard/pcsc';
 * const manager = createPcscReaderManager();
 * const source = readerManagerCardSource(manager);
 * console.log(await source.readers());
 * await manager.close();
 * ```
 */
export function readerManagerCardSource(manager: {
  readers(): { name: string; cardPresent: boolean }[];
  transport(reader: string): TransportReader['transport'];
}): AgentCardSource {
  return transportCardSource(() =>
    manager.readers().map((r) => ({
      transport: manager.transport(r.name),
      isPresent: () => manager.readers().find((x) => x.name === r.name)?.cardPresent ?? false,
    })),
  );
}

const TITLE_CODES: Record<string, string> = {
  'ด.ช.': '001',
  'ด.ญ.': '002',
  นาย: '003',
  'น.ส.': '004',
  นาง: '005',
};

/**
 * Options of {@link startAgent}.
 *
 * @example
 * ```ts
 * import type { AgentCardSource, AgentOptions } from '@authenkit/nhso-sandbox';
 * const cards: AgentCardSource = { readers: async () => [], read: async () => { throw new Error('no reader'); } };
 * const o: AgentOptions = { cards, port: 8189, allowedOrigins: ['http://localhost:3000'] };
 * console.log(o.port);
 * ```
 */
export interface AgentOptions {
  /** Card source (required). */
  cards: AgentCardSource;
  /** Port; default 0 (ephemeral). The NHSO Agent uses 8189. */
  port?: number;
  /** Bind address; default `127.0.0.1`. Anything else needs `allowNonLoopback: true`. */
  host?: string;
  /** Allow binding beyond loopback (explicit opt-in). */
  allowNonLoopback?: boolean;
  /** Browser origins allowed to call the Agent (CORS). Requests with any other `Origin` get 403. */
  allowedOrigins?: string[];
  /** Upstream NHSO (default: an in-process sandbox started with `sandbox` options). */
  nhso?: { url: string; token: string };
  /** Options for the in-process sandbox when `nhso` is not given. */
  sandbox?: SandboxOptions;
  /** Channel recorded for codes issued through this Agent: `AGENT` (default) or `KIOSK`. */
  channel?: 'AGENT' | 'KIOSK';
  /** This hospital's hcode (sent with confirm-save when the request names none). */
  hcode?: string;
  /** Clock. */
  clock?: Clock;
  /** Timeout of one card read, ms. Default 30000. */
  readTimeoutMs?: number;
  /** Request log sink (no personal data). */
  log?: (line: string) => void;
}

/**
 * A running Agent-compatible service.
 *
 * @example
 * ```ts no-run
 * import { generatePopulation, personToCardSpec, startAgent, virtualCardSource } from '@authenkit/nhso-sandbox';
 * const person = generatePopulation({ seed: 1, size: 50 }).people.find((p) => p.right && !p.deathDate)!;
 * const agent = await startAgent({ cards: await virtualCardSource(personToCardSpec(person)), sandbox: { seed: 1, people: 50 } });
 * console.log((await fetch(`${agent.url}/api/smartcard/terminals`)).status); // 200
 * await agent.close();
 * ```
 */
export interface Agent {
  /** Origin, e.g. `http://127.0.0.1:8189`. */
  readonly url: string;
  /** The in-process sandbox, when the Agent started one. */
  readonly sandbox: Sandbox | undefined;
  /** Stop the Agent (and its in-process sandbox). */
  close(): Promise<void>;
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
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(host.trim().toLowerCase());
  return Boolean(m && LOOPBACK_HOSTS.has(m[1] as string));
}

/**
 * Start the Agent-API-compatible local service: NHSO Agent paths and shapes, cards read through
 * `@authenkit/thai-idcard`, Authen Code requests forwarded to the configured NHSO (the sandbox by default).
 * Safer than the original: loopback only unless told otherwise, CORS allowlist, non-loopback `Host`
 * refused, one card operation at a time per reader.
 *
 * @example
 * ```ts no-run
 * import { generatePopulation, personToCardSpec, startAgent, virtualCardSource } from '@authenkit/nhso-sandbox';
 * const person = generatePopulation({ seed: 1, size: 50 }).people.find((p) => p.right && !p.deathDate)!;
 * const agent = await startAgent({ cards: await virtualCardSource(personToCardSpec(person)), sandbox: { seed: 1, people: 50 } });
 * const read = await (await fetch(`${agent.url}/api/smartcard/read?readImageFlag=false`)).json();
 * console.log(read.pid === person.pid, read.mainInscl);
 * await agent.close();
 * ```
 */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host) && !options.allowNonLoopback)
    throw new SandboxError(
      'INVALID_ARGUMENT',
      'the Agent binds loopback only unless allowNonLoopback is set',
    );
  const clock = options.clock ?? systemClock;
  const allowed = new Set(options.allowedOrigins ?? []);
  const log = options.log ?? (() => {});
  let sandbox: Sandbox | undefined;
  let upstream = options.nhso;
  if (!upstream) {
    sandbox = await startSandbox({
      ...(options.sandbox ?? {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    upstream = { url: sandbox.url, token: sandbox.token };
  }
  const up = upstream;
  const correlations = new Map<string, { pid: string; at: number }>();
  const queues = new Map<string, Promise<unknown>>();
  const readTimeout = options.readTimeoutMs ?? 30_000;

  /** One card operation at a time per reader: chain on the reader's queue. */
  const withReader = <T>(reader: string, fn: () => Promise<T>): Promise<T> => {
    const prev = queues.get(reader) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => {});
    queues.set(reader, tail);
    tail.then(() => {
      if (queues.get(reader) === tail) queues.delete(reader);
    });
    return run;
  };
  const pickReader = async (): Promise<string> => {
    const rs = await options.cards.readers();
    if (rs.length === 0) throw noReader();
    const r = rs.find((x) => x.present);
    if (!r) throw noCard();
    return r.name;
  };
  const readCard = async (photo: boolean): Promise<AgentCardData> => {
    const reader = await pickReader();
    return withReader(reader, async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          options.cards.read(reader, { photo }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new SandboxError('CARD_NOT_PRESENT', 'card read timed out', { status: 500 })),
              readTimeout,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    });
  };
  const cardFields = (
    d: AgentCardData,
    correlationId: string,
    withPhoto: boolean,
  ): AgentReadCardOnlyResponse => {
    const bd = d.birthDate ? d.birthDate.split('-') : [];
    const be = bd[0]
      ? `${Number(bd[0]) + 543}${(bd[1] ?? '00').padStart(2, '0')}${(bd[2] ?? '00').padStart(2, '0')}`
      : null;
    const age =
      bd.length === 3
        ? thaiAgeText({ year: Number(bd[0]) + 543, month: Number(bd[1]), day: Number(bd[2]) }, clock.now())
        : null;
    return {
      pid: d.pid,
      titleName: TITLE_CODES[d.titleTh] ?? null,
      fname: d.firstNameTh,
      lname: d.lastNameTh,
      nation: '099',
      birthDate: be,
      sex: d.sex === 'male' ? 'ชาย' : d.sex === 'female' ? 'หญิง' : null,
      age,
      ...(withPhoto && d.photo ? { image: Buffer.from(d.photo).toString('base64') } : {}),
      correlationId,
    };
  };
  const forward = async (method: string, path: string, body?: unknown): Promise<RouteResponse> => {
    let res: Response;
    try {
      res = await fetch(up.url + path, {
        method,
        headers: {
          authorization: `Bearer ${up.token}`,
          accept: 'application/json',
          'x-sandbox-channel': options.channel ?? 'AGENT',
          ...(options.hcode ? { 'x-sandbox-hcode': options.hcode } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (cause) {
      throw new SandboxError('UPSTREAM_ERROR', 'NHSO is not reachable', {
        status: 502,
        messageTh: 'ไม่สามารถเชื่อมต่อ สปสช. ได้',
        cause,
      });
    }
    const text = await res.text();
    return {
      status: res.status,
      body: text,
      headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
    };
  };
  const remember = (id: string, pid: string): void => {
    correlations.set(id, { pid, at: clock.now() });
    if (correlations.size > 10_000) correlations.delete(correlations.keys().next().value as string);
  };

  const routes = [
    route('terminals', 'GET', AGENT_PATHS.terminals, async () => {
      const rs = await options.cards.readers();
      const out: AgentTerminalsResponse = rs.map((r) => ({ terminalName: r.name, isPresent: r.present }));
      return { status: 200, json: out };
    }),
    route('read', 'GET', AGENT_PATHS.read, async (req) => {
      const photo = req.query.get('readImageFlag') === 'true';
      const d = await readCard(photo);
      const correlationId = randomUUID();
      const right = await forward('GET', AGENT_PATHS.probe.replace('{pid}', encodeURIComponent(d.pid)));
      if (right.status !== 200) return right;
      const r = JSON.parse(right.body ?? '{}') as Record<string, unknown>;
      const {
        pid: _p,
        titleName: _t,
        fname: _f,
        lname: _l,
        nation: _n,
        birthDate: _b,
        sex: _s,
        age: _a,
        image: _i,
        ...rightOnly
      } = r;
      remember(correlationId, d.pid);
      return { status: 200, json: { ...cardFields(d, correlationId, photo), ...rightOnly, correlationId } };
    }),
    route('read-card-only', 'GET', AGENT_PATHS.readCardOnly, async (req) => {
      const photo = req.query.get('readImageFlag') === 'true';
      const d = await readCard(photo);
      const correlationId = randomUUID();
      remember(correlationId, d.pid);
      return { status: 200, json: cardFields(d, correlationId, photo) };
    }),
    route('probe', 'GET', AGENT_PATHS.probe, (req) =>
      forward('GET', AGENT_PATHS.probe.replace('{pid}', encodeURIComponent(req.params.pid ?? ''))),
    ),
    ...(['saveDraft', 'confirmSave'] as const).map((k) =>
      route(k === 'saveDraft' ? 'save-as-draft' : 'confirm-save', 'POST', AGENT_PATHS[k], async (req) => {
        let raw: unknown;
        try {
          raw = JSON.parse(req.text);
        } catch {
          return springError(400, 'request body is not valid JSON', req.path);
        }
        const parsed = v.safeParse(AgentConfirmSaveRequestSchema, raw);
        if (!parsed.success)
          return springError(400, parsed.issues[0]?.message ?? 'invalid request', req.path);
        const c = correlations.get(parsed.output.correlationId);
        if (!c || c.pid !== parsed.output.pid)
          return springError(
            400,
            'correlationId does not belong to a card read of this pid (read the card again)',
            req.path,
            'correlationId',
          );
        const body = {
          ...parsed.output,
          ...(parsed.output.hcode || !options.hcode ? {} : { hcode: options.hcode }),
        };
        return forward('POST', AGENT_PATHS[k], body);
      }),
    ),
    route('latest-authen-code', 'GET', AGENT_PATHS.latestAuthenCode, (req) =>
      forward('GET', AGENT_PATHS.latestAuthenCode.replace('{pid}', encodeURIComponent(req.params.pid ?? ''))),
    ),
    route('latest-5', 'GET', AGENT_PATHS.latestAuthenCodes, (req) =>
      forward(
        'GET',
        AGENT_PATHS.latestAuthenCodes.replace('{pid}', encodeURIComponent(req.params.pid ?? '')),
      ),
    ),
    route('preference', 'GET', AGENT_PATHS.preference, () => ({
      status: 200,
      json: { hcode: options.hcode ?? null, version: 'authenkit-sandbox-agent' },
    })),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://agent');
    const origin = req.headers.origin;
    // DNS-rebinding guard: only loopback Host names.
    if (!isLoopbackHost(req.headers.host)) {
      log(`refused host`);
      send(res, springError(403, 'Host not allowed', u.pathname));
      return;
    }
    const cors: Record<string, string> = {};
    if (origin !== undefined) {
      if (!allowed.has(origin)) {
        log('refused origin');
        send(res, springError(403, 'Origin not allowed', u.pathname));
        return;
      }
      cors['access-control-allow-origin'] = origin;
      cors.vary = 'Origin';
    }
    if (req.method === 'OPTIONS') {
      send(res, {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        },
      });
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const m = matchRoute(routes, method, u.pathname);
    if (m === undefined || m === 'method') {
      send(
        res,
        springError(
          m === 'method' ? 405 : 404,
          m === 'method' ? 'method not allowed' : 'not found',
          u.pathname,
        ),
        cors,
      );
      return;
    }
    let out: RouteResponse;
    try {
      const text = await readBody(req);
      out = await m.route.handler({
        method,
        path: u.pathname,
        query: u.searchParams,
        params: m.params,
        headers: req.headers,
        text,
        routeId: m.route.id,
      });
    } catch (err) {
      const e = isSandboxError(err)
        ? err
        : new SandboxError('UPSTREAM_ERROR', 'internal agent error', { status: 500 });
      out = springError(e.status, e.messageTh ? `${e.messageTh} (${e.message})` : e.message, u.pathname);
    }
    log(`${method} ${m.route.id} ${out.status}`);
    send(res, out, cors);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, springError(500, 'internal agent error', '/'));
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await sandbox?.close();
    throw err;
  }
  const addr = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
    sandbox,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox?.close();
    },
  };
}
