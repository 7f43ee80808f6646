/**
 * `@authenkit/thai-idcard/pcsc`: PC/SC transport and reader backend over the optional peer dependencies
 * `pcsclite` (default; NAN addon) or `smartcard` (N-API: no rebuild when Node/Electron changes, clean
 * shutdown). Bindings are loaded lazily on first use; cards are opened in SHARED mode.
 *
 * @packageDocumentation
 */
import { ThaiIdCardError, throwIfAborted } from './errors.js';
import type { ReaderBackend, ReaderBackendEvent } from './manager.js';
import { createReaderManager, type ReaderManager } from './manager.js';
import {
  acquireReaderLock,
  notConnected,
  raceSignal,
  scardCtlCode,
  type TransmitOptions,
  type Transport,
} from './transport.js';

/**
 * Which native binding to use.
 *
 * @example
 * ```ts
 * import { type PcscBinding } from '@authenkit/thai-idcard/pcsc';
 * const b: PcscBinding = 'smartcard';
 * console.log(b);
 * ```
 */
export type PcscBinding = 'pcsclite' | 'smartcard';

/**
 * Options of the PC/SC backend and transport.
 *
 * @example
 * ```ts
 * import { type PcscOptions } from '@authenkit/thai-idcard/pcsc';
 * const o: PcscOptions = { binding: 'pcsclite', disposition: 'reset' };
 * console.log(o.binding);
 * ```
 */
export interface PcscOptions {
  /** Default `pcsclite`. */
  binding?: PcscBinding;
  /** What to do with the card on disconnect: `leave` (default), `reset`, `unpower`. */
  disposition?: 'leave' | 'reset' | 'unpower';
}

const PCSC_CODES: Record<number, { code: ThaiIdCardError['code']; text: string }> = {
  2148532329: { code: 'CARD_REMOVED', text: 'SCARD_W_REMOVED_CARD' },
  2148532246: { code: 'CARD_REMOVED', text: 'SCARD_E_NOT_TRANSACTED' },
  2148532236: { code: 'CARD_REMOVED', text: 'SCARD_E_NO_SMARTCARD' },
  2148532328: { code: 'CARD_REMOVED', text: 'SCARD_W_RESET_CARD' },
  2148532271: { code: 'CARD_REMOVED', text: 'SCARD_E_COMM_DATA_LOST' },
  2148532326: { code: 'CARD_UNRESPONSIVE', text: 'SCARD_W_UNRESPONSIVE_CARD' },
  2148532327: { code: 'CARD_UNRESPONSIVE', text: 'SCARD_W_UNPOWERED_CARD' },
  2148532325: { code: 'UNSUPPORTED_CARD', text: 'SCARD_W_UNSUPPORTED_CARD' },
  2148532237: { code: 'UNSUPPORTED_CARD', text: 'SCARD_E_UNKNOWN_CARD' },
  2148532253: { code: 'PCSC_UNAVAILABLE', text: 'SCARD_E_NO_SERVICE' },
  2148532254: { code: 'PCSC_UNAVAILABLE', text: 'SCARD_E_SERVICE_STOPPED' },
  2148532227: { code: 'PCSC_UNAVAILABLE', text: 'SCARD_E_INVALID_HANDLE' },
  2148532243: { code: 'PCSC_UNAVAILABLE', text: 'SCARD_F_COMM_ERROR' },
  2148532233: { code: 'READER_NOT_FOUND', text: 'SCARD_E_UNKNOWN_READER' },
  2148532247: { code: 'READER_NOT_FOUND', text: 'SCARD_E_READER_UNAVAILABLE' },
  2148532270: { code: 'READER_NOT_FOUND', text: 'SCARD_E_NO_READERS_AVAILABLE' },
  2148532234: { code: 'TIMEOUT', text: 'SCARD_E_TIMEOUT' },
  2148532226: { code: 'ABORTED', text: 'SCARD_E_CANCELLED' },
  2148532235: { code: 'PCSC_ERROR', text: 'SCARD_E_SHARING_VIOLATION' },
  2148532232: { code: 'PCSC_ERROR', text: 'SCARD_E_INSUFFICIENT_BUFFER' },
};

/**
 * Maps a binding's error (PC/SC code in `code` or in the message as `0x8010xxxx`) to a `ThaiIdCardError`:
 * `0x80100069`, `0x80100016`, `0x8010000C` → `CARD_REMOVED`; `0x8010001D` → `PCSC_UNAVAILABLE`; …
 *
 * @example
 * ```ts
 * import { mapPcscError } from '@authenkit/thai-idcard/pcsc';
 * console.log(mapPcscError(new Error('SCardTransmit error: Card was removed.(0x80100069)')).code); // 'CARD_REMOVED'
 * ```
 */
export function mapPcscError(
  error: unknown,
  context: { reader?: string; what?: string } = {},
): ThaiIdCardError {
  if (error instanceof ThaiIdCardError) return error;
  const message = error instanceof Error ? error.message : String(error);
  let pcscCode: number | undefined;
  const rawCode = (error as { code?: unknown } | null)?.code;
  if (typeof rawCode === 'number' && rawCode !== 0) pcscCode = rawCode >>> 0;
  const m = /0x([0-9a-fA-F]{8})/.exec(message);
  if (pcscCode === undefined && m) pcscCode = Number.parseInt(m[1]!, 16);
  const known = pcscCode === undefined ? undefined : PCSC_CODES[pcscCode];
  const what = context.what ?? 'PC/SC';
  const details = {
    ...(pcscCode === undefined ? {} : { pcscCode }),
    ...(context.reader ? { reader: context.reader } : {}),
  };
  if (known) {
    return new ThaiIdCardError(
      known.code,
      `${what}: ${known.text} (0x${pcscCode!.toString(16).toUpperCase()})`,
      {
        cause: error,
        details,
      },
    );
  }
  // The N-API `smartcard` binding reports some PC/SC errors by message only, without the SCARD code.
  if (/service not running|no service|service (was )?stopped/i.test(message))
    return new ThaiIdCardError('PCSC_UNAVAILABLE', `${what}: PC/SC service not running`, {
      cause: error,
      details,
    });
  if (/not connected/i.test(message))
    return new ThaiIdCardError('TRANSPORT_CLOSED', `${what}: not connected`, { cause: error, details });
  return new ThaiIdCardError('PCSC_ERROR', `${what}: ${message.replace(/\s+/g, ' ').slice(0, 200)}`, {
    cause: error,
    details,
  });
}

/**
 * The platform control code for a PC/SC part 10 function number (`SCARD_CTL_CODE`).
 *
 * @example
 * ```ts
 * import { platformControlCode } from '@authenkit/thai-idcard/pcsc';
 * console.log(platformControlCode(3400, 'linux').toString(16)); // '42000d48'
 * ```
 */
export function platformControlCode(fn: number, platform: string = process.platform): number {
  return scardCtlCode(fn, platform === 'win32' ? 'windows' : 'pcsclite');
}

/**
 * Trims an ATR to its real length (ISO 7816-3 §8.2: TS T0 {TAi TBi TCi TDi} historical bytes [TCK]); some
 * binding/driver combinations hand over the whole 33-byte buffer padded with zeros.
 */
function trimAtr(raw: Uint8Array): Uint8Array {
  if (raw.length < 2) return raw;
  let i = 1;
  let y = raw[1]! >> 4;
  const k = raw[1]! & 0x0f;
  let tck = false;
  for (let guard = 0; guard < 8; guard++) {
    const td = y & 0x8 ? raw[i + (y & 1 ? 1 : 0) + (y & 2 ? 1 : 0) + (y & 4 ? 1 : 0) + 1] : undefined;
    i += (y & 1 ? 1 : 0) + (y & 2 ? 1 : 0) + (y & 4 ? 1 : 0) + (y & 8 ? 1 : 0);
    if (td === undefined) break;
    if ((td & 0x0f) !== 0) tck = true;
    y = td >> 4;
  }
  const len = i + 1 + k + (tck ? 1 : 0);
  return len <= raw.length ? raw.slice(0, len) : raw;
}

/* ---------------------------------------------------------------- binding adapters */

interface CardHandle {
  atr: Uint8Array;
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  control(code: number, data: Uint8Array): Promise<Uint8Array>;
  disconnect(): Promise<void>;
}

interface Adapter {
  watch(listener: (e: ReaderBackendEvent) => void): void;
  open(reader: string): Promise<CardHandle>;
  close(): Promise<void>;
}

/**
 * What to do when no PC/SC binding loads: the one install hint, in English and Thai (also in the error's
 * `details.hint` / `details.hintTh`).
 *
 * @internal
 */
export const PCSC_INSTALL_HINT = {
  en: 'install pcsclite or smartcard; on Linux also pcscd and libpcsclite-dev',
  th: 'ติดตั้ง pcsclite หรือ smartcard; บน Linux ติดตั้ง pcscd และ libpcsclite-dev ด้วย',
} as const;

const bindings = new Map<PcscBinding, Promise<unknown>>();

/**
 * Loads the optional native binding (once per process; a failure is not cached, so installing it later works).
 * Rejects at once with `PCSC_UNAVAILABLE` (install hint in the message and in `details.hint` / `details.hintTh`)
 * when the module is missing or did not build.
 *
 * @internal
 */
export function loadPcscBinding(binding: PcscBinding): Promise<unknown> {
  if (binding !== 'pcsclite' && binding !== 'smartcard') {
    return Promise.reject(
      new ThaiIdCardError('INVALID_ARGUMENT', "binding must be 'pcsclite' or 'smartcard'"),
    );
  }
  let p = bindings.get(binding);
  if (!p) {
    p = importBinding(binding);
    bindings.set(binding, p);
    p.catch(() => bindings.delete(binding));
  }
  return p;
}

async function importBinding(binding: PcscBinding): Promise<unknown> {
  try {
    // A variable specifier: the bindings are optional (their install fails without PC/SC headers), so neither
    // TypeScript nor the bundler may require them to be present at build time.
    const specifier: string = binding === 'smartcard' ? 'smartcard' : 'pcsclite';
    const mod = (await import(specifier)) as { default?: unknown };
    return binding === 'pcsclite' ? (mod.default ?? mod) : mod;
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const missing = /cannot find (package|module)|ERR_MODULE_NOT_FOUND/i.test(raw);
    const reason = missing ? 'not installed' : `did not load (${raw.split('\n')[0]!.slice(0, 160)})`;
    throw new ThaiIdCardError(
      'PCSC_UNAVAILABLE',
      `the optional PC/SC binding '${binding}' is ${reason}: ${PCSC_INSTALL_HINT.en}`,
      {
        cause: e,
        details: {
          binding,
          bindingMissing: missing,
          hint: PCSC_INSTALL_HINT.en,
          hintTh: `ไม่พบไลบรารีเครื่องอ่านบัตร '${binding}': ${PCSC_INSTALL_HINT.th}`,
        },
      },
    );
  }
}

/**
 * What `thai-idcard doctor` reports about a binding: whether it loads (and why not) and its version.
 *
 * @internal
 */
export async function probePcscBinding(
  binding: PcscBinding,
): Promise<{ binding: PcscBinding; version: string | null; loaded: boolean; error?: ThaiIdCardError }> {
  let version: string | null = null;
  try {
    // the packages do not all export ./package.json: find it above the resolved main file
    const { createRequire } = await import('node:module');
    const { dirname, join } = await import('node:path');
    const { existsSync, readFileSync } = await import('node:fs');
    const base = typeof __filename === 'string' ? __filename : import.meta.url;
    let dir = dirname(createRequire(base).resolve(binding));
    for (let i = 0; i < 6 && !version; i++, dir = dirname(dir)) {
      const f = join(dir, 'package.json');
      if (!existsSync(f)) continue;
      const p = JSON.parse(readFileSync(f, 'utf8')) as { name?: string; version?: string };
      if (p.name === binding) version = p.version ?? null;
    }
  } catch {}
  try {
    await loadPcscBinding(binding);
    return { binding, version, loaded: true };
  } catch (e) {
    return { binding, version, loaded: false, error: mapPcscError(e) };
  }
}

const isServiceError = (e: ThaiIdCardError) =>
  e.code === 'PCSC_UNAVAILABLE' ||
  (e.details?.pcscCode !== undefined &&
    [0x8010001d, 0x8010001e, 0x80100003, 0x80100013].includes(e.details.pcscCode));

// biome-ignore lint/suspicious/noExplicitAny: untyped native binding
type Any = any;

function pcscliteAdapter(lib: Any, disposition: PcscOptions['disposition']): Adapter {
  const pcsc = lib();
  const readers = new Map<string, Any>();
  const atrs = new Map<string, Uint8Array>();
  let closed = false;
  let listener: ((e: ReaderBackendEvent) => void) | undefined;
  const pendingEvents: ReaderBackendEvent[] = [];
  const emit = (e: ReaderBackendEvent) => (listener ? listener(e) : pendingEvents.push(e));
  pcsc.on('error', (err: unknown) => {
    if (closed) return;
    const e = mapPcscError(err, { what: 'PC/SC' });
    emit({ type: 'error', error: e, fatal: isServiceError(e) });
  });
  pcsc.on('reader', (reader: Any) => {
    const name = String(reader.name);
    readers.set(name, reader);
    emit({ type: 'reader-attached', reader: name });
    let present = false;
    let lastAtr = '';
    reader.on('error', (err: unknown) => {
      if (closed) return;
      const e = mapPcscError(err, { reader: name });
      emit({ type: 'error', error: e, fatal: isServiceError(e) });
    });
    reader.on('status', (status: { state: number; atr?: Uint8Array }) => {
      if (closed) return;
      const s = status.state & 0xffff; // upper 16 bits are an event counter (G8)
      const nowPresent = (s & reader.SCARD_STATE_PRESENT) !== 0 && (s & reader.SCARD_STATE_EMPTY) === 0;
      const atrHex = status.atr ? Buffer.from(trimAtr(new Uint8Array(status.atr))).toString('hex') : '';
      if (nowPresent && (!present || (atrHex && atrHex !== lastAtr))) {
        if (present) emit({ type: 'card-removed', reader: name });
        if (!atrHex) return; // PRESENT without ATR yet: wait for the next status
        present = true;
        lastAtr = atrHex;
        const atr = trimAtr(new Uint8Array(status.atr!));
        atrs.set(name, atr);
        emit({ type: 'card-inserted', reader: name, atr });
      } else if (!nowPresent && present) {
        present = false;
        lastAtr = '';
        // pcsclite keeps `connected` after a removal: drop the stale handle.
        if (reader.connected) reader.disconnect(reader.SCARD_LEAVE_CARD, () => {});
        emit({ type: 'card-removed', reader: name });
      }
    });
    reader.on('end', () => {
      readers.delete(name);
      if (closed) return;
      if (present) emit({ type: 'card-removed', reader: name });
      emit({ type: 'reader-detached', reader: name });
    });
  });
  const call = <T>(fn: (cb: (err: unknown, v?: T) => void) => void) =>
    new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T))));
  return {
    watch(l) {
      listener = l;
      for (const e of pendingEvents.splice(0)) l(e);
    },
    async open(name) {
      const reader = readers.get(name);
      if (!reader)
        throw new ThaiIdCardError('READER_NOT_FOUND', 'reader not found', { details: { reader: name } });
      if (reader.connected)
        await call<void>((cb) => reader.disconnect(reader.SCARD_LEAVE_CARD, cb)).catch(() => {});
      const protocol = await call<number>((cb) =>
        reader.connect(
          {
            share_mode: reader.SCARD_SHARE_SHARED,
            protocol: reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1,
          },
          cb,
        ),
      ).catch((e) => {
        throw mapPcscError(e, { reader: name, what: 'SCardConnect' });
      });
      const disp =
        disposition === 'reset'
          ? reader.SCARD_RESET_CARD
          : disposition === 'unpower'
            ? reader.SCARD_UNPOWER_CARD
            : reader.SCARD_LEAVE_CARD;
      return {
        atr: atrs.get(name) ?? new Uint8Array(0),
        transmit: (apdu) =>
          call<Uint8Array>((cb) => reader.transmit(Buffer.from(apdu), 258, protocol, cb)).then(
            (r) => new Uint8Array(r),
            (e) => {
              throw mapPcscError(e, { reader: name, what: 'SCardTransmit' });
            },
          ),
        control: (code, data) =>
          call<Uint8Array>((cb) => reader.control(Buffer.from(data), code, 258, cb)).then(
            (r) => new Uint8Array(r),
            (e) => {
              throw mapPcscError(e, { reader: name, what: 'SCardControl' });
            },
          ),
        disconnect: () => call<void>((cb) => reader.disconnect(disp, cb)).catch(() => {}),
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Closing inside a status callback deadlocks pcsclite (G3): defer, close every reader, then the context.
      await new Promise((r) => setImmediate(r));
      for (const r of readers.values()) {
        try {
          r.removeAllListeners('status');
          r.close();
        } catch {}
      }
      readers.clear();
      pcsc.on('error', () => {}); // G6: benign "Command cancelled" on close
      await new Promise<void>((resolve) => {
        let done = false;
        const finish = () => {
          if (!done) {
            done = true;
            resolve();
          }
        };
        pcsc.once('end', finish);
        try {
          pcsc.close();
        } catch {
          finish();
        }
        // Not unref'd: when pcsclite never says 'end', this timer is what keeps `await close()` from ending
        // the process with an unsettled promise (exit code 13 at a top-level await, the README starter).
        setTimeout(finish, 1000);
      });
    },
  };
}

function smartcardAdapter(lib: Any, disposition: PcscOptions['disposition']): Adapter {
  const context = new lib.Context();
  const monitor = new lib.ReaderMonitor();
  let closed = false;
  let listener: ((e: ReaderBackendEvent) => void) | undefined;
  const pendingEvents: ReaderBackendEvent[] = [];
  const emit = (e: ReaderBackendEvent) => (listener ? listener(e) : pendingEvents.push(e));
  const present = new Map<string, string>();
  monitor.start((ev: { type: string; reader: string; state: number; atr: Uint8Array | null }) => {
    if (closed) return;
    switch (ev.type) {
      case 'reader-attached':
        emit({ type: 'reader-attached', reader: ev.reader });
        if (ev.atr && ev.state & lib.SCARD_STATE_PRESENT) {
          const atr = trimAtr(new Uint8Array(ev.atr));
          present.set(ev.reader, Buffer.from(atr).toString('hex'));
          emit({ type: 'card-inserted', reader: ev.reader, atr });
        }
        break;
      case 'reader-detached':
        if (present.delete(ev.reader)) emit({ type: 'card-removed', reader: ev.reader });
        emit({ type: 'reader-detached', reader: ev.reader });
        break;
      case 'card-inserted': {
        if (!ev.atr?.length) break;
        const atr = trimAtr(new Uint8Array(ev.atr));
        if (present.has(ev.reader)) emit({ type: 'card-removed', reader: ev.reader });
        present.set(ev.reader, Buffer.from(atr).toString('hex'));
        emit({ type: 'card-inserted', reader: ev.reader, atr });
        break;
      }
      case 'card-removed':
        if (present.delete(ev.reader)) emit({ type: 'card-removed', reader: ev.reader });
        break;
      case 'error': {
        const e = new ThaiIdCardError('PCSC_UNAVAILABLE', 'PC/SC reader monitor stopped (service lost?)', {
          details: { pcscState: ev.state >>> 0 },
        });
        emit({ type: 'error', error: e, fatal: true });
        break;
      }
    }
  });
  const disp =
    disposition === 'reset'
      ? lib.SCARD_RESET_CARD
      : disposition === 'unpower'
        ? lib.SCARD_UNPOWER_CARD
        : lib.SCARD_LEAVE_CARD;
  // smartcard@3.7.0 deadlocks when two SCardConnect calls run at once on one context: serialize native calls.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  };
  return {
    watch(l) {
      listener = l;
      for (const e of pendingEvents.splice(0)) l(e);
    },
    open: (name) =>
      serial(async () => {
        const reader = (context.listReaders() as Any[]).find((r) => r.name === name);
        if (!reader)
          throw new ThaiIdCardError('READER_NOT_FOUND', 'reader not found', { details: { reader: name } });
        let card: Any;
        try {
          card = await reader.connect(lib.SCARD_SHARE_SHARED, lib.SCARD_PROTOCOL_T0 | lib.SCARD_PROTOCOL_T1);
        } catch (e) {
          throw mapPcscError(e, { reader: name, what: 'SCardConnect' });
        }
        return {
          atr: card.atr ? trimAtr(new Uint8Array(card.atr)) : new Uint8Array(0),
          transmit: (apdu) =>
            serial(async () => {
              try {
                return new Uint8Array(
                  await card.transmit(Buffer.from(apdu), { maxRecvLength: 258, autoGetResponse: false }),
                );
              } catch (e) {
                throw mapPcscError(e, { reader: name, what: 'SCardTransmit' });
              }
            }),
          control: async (code, data) => {
            try {
              return new Uint8Array(await card.control(code, Buffer.from(data)));
            } catch (e) {
              throw mapPcscError(e, { reader: name, what: 'SCardControl' });
            }
          },
          disconnect: () =>
            serial(async () => {
              try {
                card.disconnect(disp);
              } catch {}
            }),
        };
      }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        monitor.stop();
      } catch {}
      try {
        context.close();
      } catch {}
    },
  };
}

/* ---------------------------------------------------------------- transport */

class PcscTransport implements Transport {
  atr: Uint8Array | undefined;
  private handle: CardHandle | undefined;
  constructor(
    private readonly adapter: () => Promise<Adapter>,
    readonly readerName: string,
  ) {}
  get connected() {
    return this.handle !== undefined;
  }
  async connect(options: TransmitOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    if (this.handle) return;
    const a = await raceSignal(this.adapter(), options.signal);
    this.handle = await raceSignal(a.open(this.readerName), options.signal);
    this.atr = this.handle.atr;
  }
  async disconnect(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.disconnect();
  }
  async transmit(apdu: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    throwIfAborted(options.signal);
    const h = this.handle;
    if (!h) throw notConnected(this.readerName);
    try {
      const response = await raceSignal(h.transmit(apdu), options.signal);
      if (response.length < 2) {
        // Seen with a card pulled mid-APDU: SCardTransmit "succeeds" with no bytes; the next call would
        // fail with 0x80100069 / 0x80100016. Report it as the removal it is.
        throw new ThaiIdCardError('CARD_REMOVED', 'the card stopped answering mid-APDU (removed)', {
          details: { reader: this.readerName, emptyResponse: true },
        });
      }
      return response;
    } catch (e) {
      if (e instanceof ThaiIdCardError && e.code === 'CARD_REMOVED') {
        this.handle = undefined;
        await h.disconnect();
      }
      throw e;
    }
  }
  async control(code: number, data: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    const h = this.handle;
    if (!h) throw notConnected(this.readerName);
    return raceSignal(h.control(code, data), options.signal);
  }
  lock(options: TransmitOptions = {}): Promise<() => void> {
    return acquireReaderLock(this.readerName, options);
  }
}

/* ---------------------------------------------------------------- public API */

/**
 * A PC/SC {@link ReaderBackend} for `createReaderManager` (one PC/SC context; the binding loads on start).
 *
 * @example
 * ```ts no-run
 * import { createReaderManager } from '@authenkit/thai-idcard';
 * import { createPcscBackend } from '@authenkit/thai-idcard/pcsc';
 * const manager = createReaderManager({ backend: () => createPcscBackend({ binding: 'pcsclite' }) });
 * const data = await manager.read({ signal: AbortSignal.timeout(30_000) });
 * console.log(data.firstNameTh);
 * await manager.close();
 * ```
 */
export function createPcscBackend(options: PcscOptions = {}): ReaderBackend {
  const binding = options.binding ?? 'pcsclite';
  let adapter: Promise<Adapter> | undefined;
  let closed = false;
  const get = () => {
    adapter ??= loadPcscBinding(binding).then((lib) =>
      binding === 'smartcard'
        ? smartcardAdapter(lib, options.disposition)
        : pcscliteAdapter(lib, options.disposition),
    );
    return adapter;
  };
  return {
    start(listener) {
      get().then(
        (a) => {
          if (closed) return;
          a.watch(listener);
        },
        (e) => listener({ type: 'error', error: mapPcscError(e), fatal: true }),
      );
    },
    transport: (reader) => new PcscTransport(get, reader),
    async close() {
      closed = true;
      if (adapter) await (await adapter.catch(() => undefined))?.close();
    },
  };
}

/**
 * A reader manager over PC/SC (shortcut for `createReaderManager({ backend: () => createPcscBackend(o) })`).
 *
 * @example
 * ```ts
 * import { createPcscReaderManager } from '@authenkit/thai-idcard/pcsc';
 * const manager = createPcscReaderManager({ binding: 'smartcard' });
 * manager.on('card-inserted', ({ reader }) => console.log('card in', reader));
 * await manager.close();
 * ```
 */
export function createPcscReaderManager(options: PcscOptions = {}): ReaderManager {
  return createReaderManager({ backend: () => createPcscBackend(options) });
}

/**
 * A standalone PC/SC {@link Transport} (with `close()` to release the PC/SC context). Picks `reader` or
 * the first reader that has a card (waiting for one until `signal` aborts).
 *
 * @example
 * ```ts no-run
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * import { createPcscTransport } from '@authenkit/thai-idcard/pcsc';
 * const transport = await createPcscTransport({ binding: 'pcsclite', signal: AbortSignal.timeout(10_000) });
 * try {
 *   console.log((await readThaiIdCard(transport)).citizenIdValid);
 * } finally {
 *   await transport.close();
 * }
 * ```
 */
export async function createPcscTransport(
  options: PcscOptions & { reader?: string; signal?: AbortSignal } = {},
): Promise<Transport & { close(): Promise<void> }> {
  // The binding is known to be missing at once: fail now instead of waiting for a reader that cannot come.
  await raceSignal(loadPcscBinding(options.binding ?? 'pcsclite'), options.signal);
  const manager = createPcscReaderManager(options);
  let first: ThaiIdCardError | undefined;
  const off = manager.on('error', (e) => {
    first ??= e;
  });
  try {
    const { reader } = await manager.waitForCard({
      ...(options.reader ? { reader: options.reader } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const t = manager.transport(reader);
    return Object.assign(t, {
      close: async () => {
        off();
        await t.disconnect().catch(() => {});
        await manager.close();
      },
    });
  } catch (e) {
    off();
    await manager.close();
    throw first && e instanceof ThaiIdCardError && (e.code === 'TIMEOUT' || e.code === 'ABORTED') ? first : e;
  }
}
