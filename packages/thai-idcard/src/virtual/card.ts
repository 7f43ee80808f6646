import { type CommandApdu, parseCommand } from '../apdu.js';
import { ThaiIdCardError } from '../errors.js';
import {
  acquireReaderLock,
  notConnected,
  raceSignal,
  type TransmitOptions,
  type Transport,
} from '../transport.js';

/**
 * What an applet answers: response data (may be empty) and a status word.
 *
 * @example
 * ```ts
 * import { type VirtualResponse } from '@authenkit/thai-idcard/virtual';
 * const ok: VirtualResponse = { data: Uint8Array.of(1, 2), sw: 0x9000 };
 * console.log(ok.sw);
 * ```
 */
export interface VirtualResponse {
  data?: Uint8Array;
  sw: number;
}

/**
 * Card-wide context passed to {@link VirtualApplet.process}.
 *
 * @example
 * ```ts
 * import { type VirtualCardContext } from '@authenkit/thai-idcard/virtual';
 * const f = (ctx: VirtualCardContext) => ctx.protocol;
 * console.log(typeof f);
 * ```
 */
export interface VirtualCardContext {
  /** `T0` (data announced with `61xx`, fetched by GET RESPONSE) or `T1` (data returned directly). */
  readonly protocol: 'T0' | 'T1';
  /** Index of this APDU since the card was created (0-based, counts every transmitted APDU). */
  readonly apduIndex: number;
}

/**
 * One applet of the virtual card, selected by AID (`00 A4 04 00 Lc AID`). The card routes every command
 * other than SELECT and GET RESPONSE to the selected applet and applies T=0 rules (`61xx`, `6Cxx`) to the
 * answer, so applets only return data + status word. Extra applets (e.g. a PKI applet) are passed to
 * `createVirtualCard({ applets })`; an applet whose AID equals a built-in one replaces it.
 *
 * @example
 * ```ts
 * import { createVirtualCard, sampleCardImage, type VirtualApplet } from '@authenkit/thai-idcard/virtual';
 * import { exchange, selectCommand, fromHex } from '@authenkit/thai-idcard';
 * const echo: VirtualApplet = {
 *   aid: fromHex('F000000001'),
 *   name: 'echo',
 *   select: () => ({ sw: 0x9000 }),
 *   process: (cmd) => ({ data: cmd.data, sw: 0x9000 }),
 *   reset: () => {},
 * };
 * const t = createVirtualCard({ image: sampleCardImage(), applets: [echo] }).transport();
 * await t.connect();
 * console.log((await exchange(t, selectCommand(echo.aid))).sw.toString(16)); // '9000'
 * ```
 */
export interface VirtualApplet {
  /** AID; an empty AID makes this the default applet (selected at power-up and by an empty SELECT). */
  readonly aid: Uint8Array;
  /** Name for traces. */
  readonly name: string;
  /** Called on SELECT; return FCI data (optional) and a status word (`90 00` to accept). */
  select(): VirtualResponse;
  /** Handles one command while selected. */
  process(command: CommandApdu, context: VirtualCardContext): VirtualResponse;
  /** Power-on / reset: drop any session state (PIN verified, challenge, …). */
  reset(): void;
}

/**
 * What the card does with an APDU, decided by {@link VirtualCardOptions.onApdu}: `'remove'` simulates the
 * card being pulled before it answers; `'mute'` makes it never answer.
 *
 * @example
 * ```ts
 * import { type VirtualFault } from '@authenkit/thai-idcard/virtual';
 * const f: VirtualFault = 'remove';
 * console.log(f);
 * ```
 */
export type VirtualFault = 'remove' | 'mute' | undefined;

/**
 * Options of {@link VirtualCard}.
 *
 * @example
 * ```ts
 * import { type VirtualCardOptions } from '@authenkit/thai-idcard/virtual';
 * const o: Partial<VirtualCardOptions> = { protocol: 'T0', byteDelayMicros: 1040 };
 * console.log(o.byteDelayMicros);
 * ```
 */
export interface VirtualCardOptions {
  atr: Uint8Array;
  applets: VirtualApplet[];
  protocol?: 'T0' | 'T1';
  /** P2 this card expects in GET RESPONSE (other values get `6B 00`). Default 0. */
  getResponseP2?: number;
  /** Simulated wire time per byte (command + response), in microseconds. 1040 ≈ 9600 bit/s. */
  byteDelayMicros?: number;
  /** Fault injection hook, called before each APDU is processed. */
  onApdu?: (index: number, command: Uint8Array) => VirtualFault;
}

/**
 * Counters of a virtual card.
 *
 * @example
 * ```ts
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * console.log(createVirtualCard({ image: sampleCardImage() }).stats.apdus); // 0
 * ```
 */
export interface VirtualCardStats {
  apdus: number;
  commandBytes: number;
  responseBytes: number;
}

const sleepUntil = async (deadline: number): Promise<void> => {
  // Timers for the bulk, then spin for sub-millisecond accuracy (benchmarks model wire speed with this).
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    if (left > 2) await new Promise((r) => setTimeout(r, left - 1.5));
    else await new Promise((r) => setImmediate(r));
  }
};

const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A virtual smart card: a set of applets behind ISO 7816 SELECT / GET RESPONSE handling. Use it in
 * process ({@link VirtualCard.transport}) or behind the real pcscd (`serveVirtualCardToVpcd`).
 *
 * @example
 * ```ts
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * const card = createVirtualCard({ image: sampleCardImage() });
 * const data = await readThaiIdCard(card.transport());
 * console.log(data.citizenIdValid, card.stats.apdus); // true 7
 * ```
 */
export class VirtualCard {
  readonly atr: Uint8Array;
  readonly protocol: 'T0' | 'T1';
  readonly stats: VirtualCardStats = { apdus: 0, commandBytes: 0, responseBytes: 0 };
  /** Inserted in its (virtual) reader. `remove()` / `insert()` toggle it. */
  present = true;
  byteDelayMicros: number;
  onApdu: ((index: number, command: Uint8Array) => VirtualFault) | undefined;
  private readonly applets: VirtualApplet[];
  private readonly getResponseP2: number;
  private selected: VirtualApplet | undefined;
  private pending: Uint8Array | undefined;
  private readonly listeners = new Set<(present: boolean) => void>();

  constructor(options: VirtualCardOptions) {
    this.atr = options.atr;
    this.protocol = options.protocol ?? 'T0';
    this.applets = options.applets;
    this.getResponseP2 = options.getResponseP2 ?? 0;
    this.byteDelayMicros = options.byteDelayMicros ?? 0;
    this.onApdu = options.onApdu;
    this.reset();
  }

  /** Power-on / warm reset: every applet resets, the default applet (empty AID) is selected. */
  reset(): void {
    for (const a of this.applets) a.reset();
    this.selected = this.applets.find((a) => a.aid.length === 0);
    this.pending = undefined;
  }

  /** Simulates pulling the card out of its reader. */
  remove(): void {
    if (!this.present) return;
    this.present = false;
    for (const l of this.listeners) l(false);
  }

  /** Simulates inserting the card (again); the card is reset. */
  insert(): void {
    if (this.present) return;
    this.present = true;
    this.reset();
    for (const l of this.listeners) l(true);
  }

  /** Subscribes to insert/remove; returns an unsubscribe function. */
  onPresenceChange(listener: (present: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The fault decided by `onApdu` for the next APDU (also counts it). @internal */
  nextFault(command: Uint8Array): { index: number; fault: VirtualFault } {
    const index = this.stats.apdus++;
    return { index, fault: this.onApdu?.(index, command) };
  }

  /** Synchronous card logic: one command APDU in, one response APDU out. No delay, no fault hook. */
  process(command: Uint8Array, apduIndex = this.stats.apdus): Uint8Array {
    const response = this.processInner(command, apduIndex);
    this.stats.commandBytes += command.length;
    this.stats.responseBytes += response.length;
    return response;
  }

  /** Wire time the configured byte delay gives an exchange, in ms. */
  wireMillis(commandLength: number, responseLength: number): number {
    return ((commandLength + responseLength) * this.byteDelayMicros) / 1000;
  }

  /** Process with the byte delay applied (used by transports). @internal */
  async processTimed(command: Uint8Array, index: number): Promise<Uint8Array> {
    const start = performance.now();
    const response = this.process(command, index);
    if (this.byteDelayMicros > 0) await sleepUntil(start + this.wireMillis(command.length, response.length));
    return response;
  }

  private processInner(bytes: Uint8Array, apduIndex: number): Uint8Array {
    let cmd: CommandApdu;
    try {
      cmd = parseCommand(bytes);
    } catch {
      this.pending = undefined;
      return sw(0x6700);
    }
    // GET RESPONSE
    if (cmd.cla === 0x00 && cmd.ins === 0xc0) {
      const pending = this.pending;
      if (!pending) return sw(0x6985);
      if (cmd.p1 !== 0 || cmd.p2 !== this.getResponseP2) return sw(0x6b00);
      const le = cmd.le === undefined || cmd.le === 0 ? 256 : cmd.le;
      if (le > pending.length) return sw(0x6c00 | (pending.length & 0xff));
      if (le < pending.length) {
        this.pending = pending.subarray(le);
        return concat(pending.subarray(0, le), 0x6100 | (Math.min(this.pending.length, 256) & 0xff));
      }
      this.pending = undefined;
      return concat(pending, 0x9000);
    }
    this.pending = undefined;
    // SELECT by DF name
    if (cmd.cla === 0x00 && cmd.ins === 0xa4 && cmd.p1 === 0x04) {
      const applet = this.applets.find((a) => eq(a.aid, cmd.data));
      if (!applet) return sw(0x6a82);
      const r = applet.select();
      if (r.sw !== 0x9000) return sw(r.sw);
      this.selected = applet;
      return this.answer(cmd, r);
    }
    if (!this.selected) return sw(0x6986);
    return this.answer(cmd, this.selected.process(cmd, { protocol: this.protocol, apduIndex }));
  }

  private answer(cmd: CommandApdu, r: VirtualResponse): Uint8Array {
    const data = r.data ?? new Uint8Array(0);
    if (data.length === 0 || (r.sw !== 0x9000 && (r.sw & 0xff00) !== 0x6200)) return sw(r.sw);
    if (this.protocol === 'T1') return concat(data, r.sw);
    // T=0: case 2 (Le given): exact Le → data; wrong Le → 6Cxx. Case 3/4 (no Le): 61xx + GET RESPONSE.
    if (cmd.le !== undefined && cmd.data.length === 0) {
      if ((cmd.le || 256) === data.length) return concat(data, r.sw);
      return sw(0x6c00 | (data.length & 0xff));
    }
    this.pending = data;
    return sw(0x6100 | (Math.min(data.length, 256) & 0xff));
  }

  /**
   * An in-process {@link Transport} for this card (no PC/SC). Each call returns a new connection object;
   * the reader lock is shared by reader name.
   */
  transport(options: { readerName?: string } = {}): Transport {
    return new VirtualTransport(this, options.readerName ?? 'AuthenKit Virtual Reader 0');
  }
}

function sw(value: number): Uint8Array {
  return Uint8Array.of(value >> 8, value & 0xff);
}

function concat(data: Uint8Array, status: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = status >> 8;
  out[data.length + 1] = status & 0xff;
  return out;
}

class VirtualTransport implements Transport {
  atr: Uint8Array | undefined;
  connected = false;
  constructor(
    private readonly card: VirtualCard,
    readonly readerName: string,
  ) {}

  async connect(): Promise<void> {
    if (!this.card.present) {
      throw new ThaiIdCardError('CARD_NOT_PRESENT', 'no card in the reader', {
        details: { reader: this.readerName },
      });
    }
    if (this.connected) return;
    this.card.reset(); // like pcscd powering an idle card off between connections: SELECT again after connect
    this.atr = this.card.atr;
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
  }

  async transmit(apdu: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    if (!this.connected) throw notConnected(this.readerName);
    if (!this.card.present) throw removed(this.readerName);
    const { index, fault } = this.card.nextFault(apdu);
    if (fault === 'remove') {
      this.card.remove();
      throw removed(this.readerName, index);
    }
    if (fault === 'mute') {
      return raceSignal(new Promise<Uint8Array>(() => {}), options.signal);
    }
    return raceSignal(this.card.processTimed(apdu, index), options.signal);
  }

  lock(options: TransmitOptions = {}): Promise<() => void> {
    return acquireReaderLock(this.readerName, options);
  }
}

function removed(reader: string, apduIndex?: number): ThaiIdCardError {
  return new ThaiIdCardError('CARD_REMOVED', 'the card was removed', {
    details: { reader, ...(apduIndex === undefined ? {} : { apduIndex }) },
  });
}
