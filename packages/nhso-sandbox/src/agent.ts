import { agentServiceRoutes } from './agent-routes.js';
import type { Clock } from './clock.js';
import { SandboxError } from './errors.js';
import { isLoopbackBind } from './http.js';
import { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';
import { startRouteServer } from './server.js';

export { isLoopbackHost } from './http.js';

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

/** `READER_NOT_FOUND`; with the reader backend's error, the message and `details.reason` say why. */
const noReader = (why?: ReaderFailure): SandboxError =>
  new SandboxError(
    'READER_NOT_FOUND',
    why ? `no smart-card reader: ${why.message}` : 'no smart-card reader',
    {
      ...(why
        ? { details: { reason: why.code ?? 'error', ...(why.messageTh ? { reasonTh: why.messageTh } : {}) } }
        : {}),
    },
  );

/** What a reader backend reports when it fails (a `ThaiIdCardError`, e.g. `PCSC_UNAVAILABLE`). */
type ReaderFailure = { code?: string; message: string; messageTh?: string };
const noCard = (): SandboxError => new SandboxError('CARD_NOT_PRESENT', 'no card in the reader');

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
          cause,
          details: { reason: 'read-failed', reasonTh: 'อ่านบัตรไม่สำเร็จ กรุณาเสียบบัตรใหม่' },
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
  /** The backend's errors (a `ReaderManager` has it): `READER_NOT_FOUND` then says why. */
  on?(
    event: 'error',
    listener: (error: { code?: string; message: string; messageTh?: string }) => void,
  ): unknown;
}): AgentCardSource {
  // The backend's last error (e.g. no PC/SC binding): "no reader" then says why.
  let failure: ReaderFailure | undefined;
  manager.on?.('error', (e) => {
    failure = e;
  });
  const src = transportCardSource(() =>
    manager.readers().map((r) => ({
      transport: manager.transport(r.name),
      isPresent: () => manager.readers().find((x) => x.name === r.name)?.cardPresent ?? false,
    })),
  );
  return {
    ...src,
    readers: async () => {
      const list = await src.readers();
      if (list.length === 0 && failure) throw noReader(failure);
      return list;
    },
  };
}

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
  /** `Host` names accepted besides loopback (DNS-rebinding guard); `['*']` accepts any. Default none. */
  allowedHosts?: string[];
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
  if (!isLoopbackBind(host) && !options.allowNonLoopback)
    throw new SandboxError(
      'INVALID_ARGUMENT',
      'the Agent binds loopback only unless allowNonLoopback is set',
    );
  let sandbox: Sandbox | undefined;
  let upstream = options.nhso;
  if (!upstream) {
    sandbox = await startSandbox({
      ...(options.sandbox ?? {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    upstream = { url: sandbox.url, token: sandbox.token };
  }
  try {
    const server = await startRouteServer({
      routes: agentServiceRoutes(options, upstream),
      trust: { hosts: options.allowedHosts ?? [], origins: options.allowedOrigins ?? [] },
      log: options.log ?? (() => {}),
      port: options.port ?? 0,
      host,
    });
    return {
      url: server.url,
      sandbox,
      close: async () => {
        await server.close();
        await sandbox?.close();
      },
    };
  } catch (err) {
    await sandbox?.close();
    throw err;
  }
}
