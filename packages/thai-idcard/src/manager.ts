/**
 * Reader manager: typed reader/card events over a swappable {@link ReaderBackend} (PC/SC from
 * `@authenkit/thai-idcard/pcsc`, or the in-process virtual backend from `/virtual`). Recovers from a lost
 * PC/SC service (pcscd restart, Windows SCardSvr stop, reader unplug) by re-creating the backend, without
 * restarting the process.
 */
import { abortError, isThaiIdCardError, ThaiIdCardError, throwIfAborted } from './errors.js';
import { type ReadOptions, readThaiIdCard, type ThaiIdCardData } from './read.js';
import type { TransmitOptions, Transport } from './transport.js';

/**
 * Low-level events a backend reports.
 *
 * @example
 * ```ts
 * import { type ReaderBackendEvent } from '@authenkit/thai-idcard';
 * const e: ReaderBackendEvent = { type: 'reader-attached', reader: 'ACS ACR39U' };
 * console.log(e.type);
 * ```
 */
export type ReaderBackendEvent =
  | { type: 'reader-attached'; reader: string }
  | { type: 'reader-detached'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: Uint8Array }
  | { type: 'card-removed'; reader: string }
  /** `fatal`: the backend is dead (service gone); the manager closes and re-creates it. */
  | { type: 'error'; error: ThaiIdCardError; fatal: boolean };

/**
 * A source of readers and cards (one PC/SC context, or the virtual backend).
 *
 * @example
 * ```ts
 * import { type ReaderBackend } from '@authenkit/thai-idcard';
 * const f = (b: ReaderBackend) => b.start(() => {});
 * console.log(typeof f);
 * ```
 */
export interface ReaderBackend {
  /** Starts watching; reports existing readers/cards as attach/insert events, then changes. */
  start(listener: (event: ReaderBackendEvent) => void): void;
  /** A transport for a reader (not yet connected). */
  transport(reader: string): Transport;
  /** Releases the context/threads. Idempotent. */
  close(): Promise<void>;
}

/**
 * Current state of one reader.
 *
 * @example
 * ```ts
 * import { type ReaderInfo } from '@authenkit/thai-idcard';
 * const r: ReaderInfo = { name: 'Virtual PCD 00 00', cardPresent: false, atr: undefined };
 * console.log(r.cardPresent);
 * ```
 */
export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
  atr: Uint8Array | undefined;
}

/**
 * Events of a {@link ReaderManager}, by name.
 *
 * @example
 * ```ts
 * import { type ReaderManagerEvents } from '@authenkit/thai-idcard';
 * const onInsert: ReaderManagerEvents['card-inserted'] = (e) => console.log(e.reader, e.atr.length, e.transport.readerName);
 * console.log(typeof onInsert);
 * ```
 */
export interface ReaderManagerEvents {
  'reader-attached': (event: { reader: string }) => void;
  'reader-detached': (event: { reader: string }) => void;
  /** `transport` is a ready (not yet connected) transport for that reader: `readThaiIdCard(e.transport)`. */
  'card-inserted': (event: { reader: string; atr: Uint8Array; transport: Transport }) => void;
  'card-removed': (event: { reader: string }) => void;
  error: (error: ThaiIdCardError) => void;
}

/**
 * Options of {@link createReaderManager}.
 *
 * @example
 * ```ts
 * import { type ReaderManagerOptions } from '@authenkit/thai-idcard';
 * const o: Partial<ReaderManagerOptions> = { recovery: { initialDelayMs: 100, maxDelayMs: 2000 } };
 * console.log(o.recovery?.maxDelayMs);
 * ```
 */
export interface ReaderManagerOptions {
  /** Creates a backend (called again after a fatal backend error). */
  backend: () => ReaderBackend;
  /** Back-off for re-creating the backend after the service was lost. */
  recovery?: { initialDelayMs?: number; maxDelayMs?: number };
}

/**
 * Watches readers and cards and hands out transports.
 *
 * @example
 * ```ts
 * import { createReaderManager } from '@authenkit/thai-idcard';
 * import { createVirtualReaderBackend, createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const virtual = createVirtualReaderBackend(['Reader A']);
 * const manager = createReaderManager({ backend: virtual.backend });
 * manager.on('card-inserted', ({ reader }) => console.log('card in', reader));
 * virtual.insert('Reader A', createVirtualCard({ image: sampleCardImage() }));
 * const data = await manager.read({ signal: AbortSignal.timeout(5000) });
 * console.log(data.citizenIdValid); // true
 * await manager.close();
 * ```
 */
export interface ReaderManager {
  /** Subscribes; returns an unsubscribe function. */
  on<K extends keyof ReaderManagerEvents>(event: K, listener: ReaderManagerEvents[K]): () => void;
  /** Readers known now. */
  readers(): ReaderInfo[];
  /** Waits until a reader is attached (optionally a named one). */
  waitForReader(options?: { reader?: string; signal?: AbortSignal }): Promise<string>;
  /** Waits until a card is present (optionally in a named reader); resolves immediately if one is. */
  waitForCard(options?: {
    reader?: string;
    signal?: AbortSignal;
  }): Promise<{ reader: string; atr: Uint8Array }>;
  /** Waits until the reader is empty. */
  waitForRemoval(reader: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** A (not yet connected) transport for a reader. */
  transport(reader: string): Transport;
  /** Waits for a card (in `options.reader` or any reader) and reads it. */
  read(options?: ReadOptions & { reader?: string }): Promise<ThaiIdCardData>;
  /** Stops watching and releases the backend. */
  close(): Promise<void>;
}

type Listeners = { [K in keyof ReaderManagerEvents]: Set<ReaderManagerEvents[K]> };

/**
 * Creates a {@link ReaderManager} over a backend factory.
 *
 * @example
 * ```ts
 * import { createReaderManager } from '@authenkit/thai-idcard';
 * import { createPcscBackend } from '@authenkit/thai-idcard/pcsc';
 * const manager = createReaderManager({ backend: () => createPcscBackend({ binding: 'smartcard' }) });
 * manager.on('reader-attached', ({ reader }) => console.log('reader', reader));
 * await manager.close();
 * ```
 */
export function createReaderManager(options: ReaderManagerOptions): ReaderManager {
  const listeners: Listeners = {
    'reader-attached': new Set(),
    'reader-detached': new Set(),
    'card-inserted': new Set(),
    'card-removed': new Set(),
    error: new Set(),
  };
  const state = new Map<string, ReaderInfo>();
  const changeWaiters = new Set<() => void>();
  let backend: ReaderBackend | undefined;
  let generation = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const initialDelay = options.recovery?.initialDelayMs ?? 200;
  const maxDelay = options.recovery?.maxDelayMs ?? 3000;
  let delay = initialDelay;

  const emit = <K extends keyof ReaderManagerEvents>(
    event: K,
    arg: Parameters<ReaderManagerEvents[K]>[0],
  ) => {
    for (const l of listeners[event]) {
      try {
        (l as (a: typeof arg) => void)(arg);
      } catch {
        // a listener's exception must not break the event loop of the manager
      }
    }
    for (const w of [...changeWaiters]) w();
  };

  const forgetAll = () => {
    for (const [name, info] of state) {
      if (info.cardPresent) emit('card-removed', { reader: name });
      state.delete(name);
      emit('reader-detached', { reader: name });
    }
  };

  const startBackend = () => {
    if (closed) return;
    const gen = ++generation;
    let b: ReaderBackend;
    try {
      b = options.backend();
    } catch (e) {
      const err = isThaiIdCardError(e) ? e : new ThaiIdCardError('PCSC_UNAVAILABLE', String(e), { cause: e });
      emit('error', err);
      scheduleRestart();
      return;
    }
    backend = b;
    b.start((ev) => {
      if (gen !== generation || closed) return;
      switch (ev.type) {
        case 'reader-attached':
          if (!state.has(ev.reader)) {
            state.set(ev.reader, { name: ev.reader, cardPresent: false, atr: undefined });
            emit('reader-attached', { reader: ev.reader });
          }
          delay = initialDelay;
          break;
        case 'reader-detached': {
          const info = state.get(ev.reader);
          if (!info) break;
          if (info.cardPresent) emit('card-removed', { reader: ev.reader });
          state.delete(ev.reader);
          emit('reader-detached', { reader: ev.reader });
          break;
        }
        case 'card-inserted': {
          let info = state.get(ev.reader);
          if (!info) {
            info = { name: ev.reader, cardPresent: false, atr: undefined };
            state.set(ev.reader, info);
            emit('reader-attached', { reader: ev.reader });
          }
          if (info.cardPresent) emit('card-removed', { reader: ev.reader });
          info.cardPresent = true;
          info.atr = ev.atr;
          emit('card-inserted', { reader: ev.reader, atr: ev.atr, transport: b.transport(ev.reader) });
          break;
        }
        case 'card-removed': {
          const info = state.get(ev.reader);
          if (!info?.cardPresent) break;
          info.cardPresent = false;
          info.atr = undefined;
          emit('card-removed', { reader: ev.reader });
          break;
        }
        case 'error':
          emit('error', ev.error);
          if (ev.fatal) {
            generation++;
            backend = undefined;
            b.close().catch(() => {});
            forgetAll();
            scheduleRestart();
          }
          break;
      }
    });
  };

  const scheduleRestart = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      startBackend();
    }, delay);
    retryTimer.unref?.();
    delay = Math.min(maxDelay, delay * 2);
  };

  const waitUntil = <T>(check: () => T | undefined, signal: AbortSignal | undefined): Promise<T> => {
    throwIfAborted(signal);
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    if (closed) return Promise.reject(new ThaiIdCardError('TRANSPORT_CLOSED', 'reader manager is closed'));
    return new Promise<T>((resolve, reject) => {
      // Native PC/SC threads and AbortSignal.timeout() do not hold Node's event loop: while a caller waits
      // (for a reader or a card), keep the process alive, or `await waitForCard()` would end the process silently.
      const keepAlive = setInterval(() => {}, 1 << 30);
      const onAbort = () => {
        clearInterval(keepAlive);
        changeWaiters.delete(w);
        reject(abortError(signal));
      };
      const w = () => {
        if (closed) {
          clearInterval(keepAlive);
          changeWaiters.delete(w);
          signal?.removeEventListener('abort', onAbort);
          reject(new ThaiIdCardError('TRANSPORT_CLOSED', 'reader manager is closed'));
          return;
        }
        const v = check();
        if (v === undefined) return;
        clearInterval(keepAlive);
        changeWaiters.delete(w);
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      };
      changeWaiters.add(w);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  startBackend();

  const manager: ReaderManager = {
    on(event, listener) {
      (listeners[event] as Set<typeof listener>).add(listener);
      return () => {
        (listeners[event] as Set<typeof listener>).delete(listener);
      };
    },
    readers: () => [...state.values()].map((r) => ({ ...r })),
    waitForReader(o = {}) {
      return waitUntil(() => {
        if (o.reader) return state.has(o.reader) ? o.reader : undefined;
        return state.keys().next().value;
      }, o.signal);
    },
    waitForCard(o = {}) {
      return waitUntil(() => {
        for (const r of state.values()) {
          if (r.cardPresent && r.atr && (!o.reader || o.reader === r.name))
            return { reader: r.name, atr: r.atr };
        }
        return undefined;
      }, o.signal);
    },
    waitForRemoval(reader, o: TransmitOptions = {}) {
      return waitUntil(() => (state.get(reader)?.cardPresent ? undefined : true), o.signal).then(() => {});
    },
    transport(reader) {
      if (!backend)
        throw new ThaiIdCardError('PCSC_UNAVAILABLE', 'the smart-card service is not available (recovering)');
      return backend.transport(reader);
    },
    async read(o = {}) {
      const { reader } = await manager.waitForCard({
        ...(o.reader ? { reader: o.reader } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
      return readThaiIdCard(manager.transport(reader), o);
    },
    async close() {
      if (closed) return;
      closed = true;
      generation++;
      if (retryTimer) clearTimeout(retryTimer);
      const b = backend;
      backend = undefined;
      for (const w of [...changeWaiters]) w();
      await b?.close();
    },
  };
  return manager;
}
