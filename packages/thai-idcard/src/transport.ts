/**
 * The transport seam: everything that can move an APDU to a card (PC/SC, the in-process virtual card,
 * a replay script) implements {@link Transport}. Protocol code depends only on this interface.
 */
import { abortError, ThaiIdCardError, throwIfAborted } from './errors.js';

/**
 * Per-call options of {@link Transport.transmit}.
 *
 * @example
 * ```ts
 * import { type TransmitOptions } from '@authenkit/thai-idcard';
 * const o: TransmitOptions = { signal: AbortSignal.timeout(5000) };
 * console.log(o.signal?.aborted); // false
 * ```
 */
export interface TransmitOptions {
  /** Abort the wait (the APDU already on the wire cannot be recalled; the result is dropped). */
  signal?: AbortSignal;
}

/**
 * A connection to one card in one reader.
 *
 * Contract:
 * - `transmit` sends one raw command APDU and resolves with the raw response (data + SW1 SW2).
 *   It does NOT handle `61xx`/`6Cxx` (that is the APDU layer's job: `exchange`), so every APDU is visible
 *   to the caller. Receive buffer ≥ {@link RECEIVE_BUFFER_SIZE}.
 * - Errors are `ThaiIdCardError`s: `CARD_REMOVED`, `CARD_UNRESPONSIVE`, `CARD_NOT_PRESENT`, `PCSC_ERROR`, …
 * - `connect()` powers/attaches the card (shared mode); after every connect the caller must SELECT again.
 * - `lock()` gives exclusive use of the reader to one logical operation; `readThaiIdCard` takes it so two
 *   reads on the same reader never interleave. Locks are per reader NAME (shared across transports).
 *
 * @example
 * ```ts
 * import { type Transport } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const t: Transport = createVirtualCard({ image: sampleCardImage() }).transport();
 * await t.connect();
 * const release = await t.lock();
 * try { console.log(t.readerName, t.atr?.length); } finally { release(); }
 * await t.disconnect();
 * ```
 */
export interface Transport {
  /** Reader name as reported by PC/SC (or a virtual name). */
  readonly readerName: string;
  /** ATR of the connected card, `undefined` before `connect()`. */
  readonly atr: Uint8Array | undefined;
  /** True between a successful `connect()` and `disconnect()`. */
  readonly connected: boolean;
  /** Connects to the card in the reader (shared mode). Idempotent. */
  connect(options?: TransmitOptions): Promise<void>;
  /** Releases the card. Idempotent; never throws for an already-removed card. */
  disconnect(): Promise<void>;
  /** Sends one raw APDU; resolves with the raw response bytes (data + SW). */
  transmit(apdu: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
  /** Waits for exclusive use of this reader; resolves with a release function. */
  lock(options?: TransmitOptions): Promise<() => void>;
  /**
   * SCardControl (PC/SC part 10 features, PIN pad). Optional: virtual and replay transports omit it.
   * `code` is the platform control code (see {@link scardCtlCode}).
   */
  control?(code: number, data: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
}

type Waiter = { resolve: () => void; reject: (e: unknown) => void; signal: AbortSignal | undefined };
const locks = new Map<string, { held: boolean; queue: Waiter[] }>();

/**
 * Acquires the process-wide exclusive lock for a reader name (FIFO). Transports implement `lock()` with it.
 *
 * @example
 * ```ts
 * import { acquireReaderLock } from '@authenkit/thai-idcard';
 * const release = await acquireReaderLock('Virtual PCD 00 00');
 * release();
 * ```
 */
export function acquireReaderLock(readerName: string, options: TransmitOptions = {}): Promise<() => void> {
  throwIfAborted(options.signal);
  let entry = locks.get(readerName);
  if (!entry) {
    entry = { held: false, queue: [] };
    locks.set(readerName, entry);
  }
  const e = entry;
  const makeRelease = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = e.queue.shift();
      if (next) next.resolve();
      else {
        e.held = false;
        locks.delete(readerName);
      }
    };
  };
  if (!e.held) {
    e.held = true;
    return Promise.resolve(makeRelease());
  }
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    const waiter: Waiter = {
      resolve: () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(makeRelease());
      },
      reject,
      signal,
    };
    const onAbort = () => {
      const i = e.queue.indexOf(waiter);
      if (i >= 0) e.queue.splice(i, 1);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    e.queue.push(waiter);
  });
}

/**
 * Runs `fn` while holding the transport's reader lock.
 *
 * @example
 * ```ts
 * import { withLock } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const t = createVirtualCard({ image: sampleCardImage() }).transport();
 * const atr = await withLock(t, async () => { await t.connect(); return t.atr; });
 * console.log(atr?.[0]); // 59
 * ```
 */
export async function withLock<T>(
  transport: Transport,
  fn: () => Promise<T>,
  options: TransmitOptions = {},
): Promise<T> {
  const release = await transport.lock(options);
  try {
    return await fn();
  } finally {
    release();
  }
}

/**
 * A transport that forwards everything to `inner` except what `overrides` replaces; `readerName`, `atr` and
 * `connected` always read through to `inner`. The one way to wrap a transport (recording, counting, tracing,
 * a session that already holds the lock).
 *
 * @example
 * ```ts
 * import { readThaiIdCard, wrapTransport } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const inner = createVirtualCard({ image: sampleCardImage() }).transport();
 * let apdus = 0;
 * const counted = wrapTransport(inner, {
 *   transmit(apdu, o) {
 *     apdus++;
 *     return inner.transmit(apdu, o);
 *   },
 * });
 * await readThaiIdCard(counted);
 * console.log(apdus); // 7
 * ```
 */
export function wrapTransport(
  inner: Transport,
  overrides: Partial<Pick<Transport, 'connect' | 'disconnect' | 'transmit' | 'lock' | 'control'>>,
): Transport {
  const control = inner.control?.bind(inner);
  return {
    get readerName() {
      return inner.readerName;
    },
    get atr() {
      return inner.atr;
    },
    get connected() {
      return inner.connected;
    },
    connect: (o) => inner.connect(o),
    disconnect: () => inner.disconnect(),
    transmit: (apdu, o) => inner.transmit(apdu, o),
    lock: (o) => inner.lock(o),
    ...(control ? { control } : {}),
    ...overrides,
  };
}

/**
 * Races a promise against an `AbortSignal` (rejecting with `ABORTED`/`TIMEOUT`).
 *
 * @example
 * ```ts
 * import { raceSignal } from '@authenkit/thai-idcard';
 * console.log(await raceSignal(Promise.resolve(1), undefined)); // 1
 * ```
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Which PC/SC stack computes the control code: pcsc-lite (Linux, macOS) `0x42000000 + fn`, or
 * WinSCard `CTL_CODE(FILE_DEVICE_SMARTCARD, fn, METHOD_BUFFERED, FILE_ANY_ACCESS)`.
 *
 * @example
 * ```ts
 * import { type PcscPlatform } from '@authenkit/thai-idcard';
 * const p: PcscPlatform = 'pcsclite';
 * console.log(p);
 * ```
 */
export type PcscPlatform = 'pcsclite' | 'windows';

/**
 * `SCARD_CTL_CODE(fn)` for the platform: the one PC/SC control-code helper (`/pcsc`'s `platformControlCode`
 * and the PIN-pad code use it).
 *
 * @example
 * ```ts
 * import { scardCtlCode } from '@authenkit/thai-idcard';
 * console.log(scardCtlCode(3400, 'pcsclite').toString(16)); // '42000d48'
 * console.log(scardCtlCode(3400, 'windows').toString(16)); // '313520'
 * ```
 */
export function scardCtlCode(fn: number, platform: PcscPlatform): number {
  return platform === 'windows' ? ((0x31 << 16) | (fn << 2)) >>> 0 : (0x42000000 + fn) >>> 0;
}

/** @internal */
export function notConnected(readerName: string): ThaiIdCardError {
  return new ThaiIdCardError('TRANSPORT_CLOSED', 'transport is not connected (call connect() first)', {
    details: { reader: readerName },
  });
}
