/**
 * `@authenkit/thai-idcard/replay`: record and replay APDU exchanges as `=> command` / `<= response` hex
 * scripts, to test exact APDU sequences without a card. Browser-safe.
 *
 * @packageDocumentation
 */
import { fromHex, toHex } from './apdu.js';
import { ThaiIdCardError } from './errors.js';

export {
  type AnonymizeOptions,
  type AnonymizeReport,
  anonymizeApduTrace,
  describeReadStructure,
} from './anonymize.js';
export { wrapTransport } from './transport.js';

import {
  acquireReaderLock,
  notConnected,
  type TransmitOptions,
  type Transport,
  wrapTransport,
} from './transport.js';

/**
 * One exchange of a script.
 *
 * @example
 * ```ts
 * import { type ApduExchange } from '@authenkit/thai-idcard/replay';
 * const x: ApduExchange = { command: Uint8Array.of(0, 0xa4), response: Uint8Array.of(0x90, 0), line: 1 };
 * console.log(x.line);
 * ```
 */
export interface ApduExchange {
  command: Uint8Array;
  response: Uint8Array;
  /** 1-based line of the `=>` in the script (0 when built in code). */
  line: number;
}

/**
 * A parsed trace: the exchanges and, when the script names it (`atr <hex>` line), the card's ATR.
 *
 * @example
 * ```ts
 * import { parseApduTrace } from '@authenkit/thai-idcard/replay';
 * const t = parseApduTrace('atr 3b67 0000\n=> 00a4040008a000000054480001\n<= 9000');
 * console.log(t.atr?.length, t.exchanges.length); // 4 1
 * ```
 */
export interface ApduTrace {
  atr: Uint8Array | undefined;
  exchanges: ApduExchange[];
}

/**
 * Parses a trace: `=> <hex>` (command) followed by `<= <hex>` (response); `#` starts a comment; an optional
 * `atr <hex>` line (before the first command) gives the card's ATR, which picks the card profile on replay.
 *
 * @example
 * ```ts
 * import { parseApduTrace } from '@authenkit/thai-idcard/replay';
 * console.log(parseApduTrace('=> 00a4040008a000000054480001\n<= 610a').atr); // undefined
 * ```
 */
export function parseApduTrace(script: string): ApduTrace {
  if (typeof script !== 'string') throw new ThaiIdCardError('INVALID_ARGUMENT', 'APDU script must be text');
  const out: ApduExchange[] = [];
  let atr: Uint8Array | undefined;
  let pending: { command: Uint8Array; line: number } | undefined;
  const bad = (n: number, what: string) =>
    new ThaiIdCardError('INVALID_ARGUMENT', `APDU script line ${n}: ${what}`);
  script.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const a = /^atr\s+([0-9a-fA-F\s]+)$/i.exec(line);
    if (a) {
      if (atr || out.length || pending) throw bad(i + 1, 'one "atr" line, before the first command');
      atr = fromHex(a[1]!);
      return;
    }
    const m = /^(=>|<=)\s*([0-9a-fA-F\s]*)$/.exec(line);
    if (!m) throw bad(i + 1, 'expected "=> hex", "<= hex" or "atr hex"');
    let bytes: Uint8Array;
    try {
      bytes = fromHex(m[2]!);
    } catch (e) {
      throw new ThaiIdCardError('INVALID_ARGUMENT', `APDU script line ${i + 1}: bad hex`, { cause: e });
    }
    if (m[1] === '=>') {
      if (pending) throw bad(i + 1, 'two commands in a row');
      pending = { command: bytes, line: i + 1 };
    } else {
      if (!pending) throw bad(i + 1, 'response without command');
      out.push({ ...pending, response: bytes });
      pending = undefined;
    }
  });
  if (pending) throw bad(pending.line, 'command without response');
  return { atr, exchanges: out };
}

/**
 * Parses a script: `=> <hex>` (command) followed by `<= <hex>` (response); `#` starts a comment (an
 * `atr <hex>` line is accepted; {@link parseApduTrace} returns it).
 *
 * @example
 * ```ts
 * import { parseApduScript } from '@authenkit/thai-idcard/replay';
 * console.log(parseApduScript('=> 00a4040008a000000054480001\n<= 610a').length); // 1
 * ```
 */
export function parseApduScript(script: string): ApduExchange[] {
  return parseApduTrace(script).exchanges;
}

/**
 * Formats exchanges as a script (inverse of {@link parseApduTrace}); `atr` adds the `atr` line, `comments`
 * lines starting with `# ` at the top.
 *
 * @example
 * ```ts
 * import { formatApduScript } from '@authenkit/thai-idcard/replay';
 * console.log(formatApduScript([{ command: Uint8Array.of(0x00, 0xc0, 0, 0, 2), response: Uint8Array.of(1, 2, 0x90, 0) }]));
 * ```
 */
export function formatApduScript(
  exchanges: readonly Pick<ApduExchange, 'command' | 'response'>[],
  options: { atr?: Uint8Array; comments?: readonly string[] } = {},
): string {
  const head = (options.comments ?? []).map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}\n`).join('');
  const atr = options.atr ? `atr ${toHex(options.atr)}\n` : '';
  return head + atr + exchanges.map((x) => `=> ${toHex(x.command)}\n<= ${toHex(x.response)}\n`).join('');
}

/**
 * A transport that replays a script and fails on any difference.
 *
 * @example
 * ```ts
 * import { createReplayTransport } from '@authenkit/thai-idcard/replay';
 * const t = createReplayTransport('=> 0001\n<= 9000');
 * console.log(t.remaining); // 1
 * ```
 */
export interface ReplayTransport extends Transport {
  /** Exchanges not consumed yet. */
  readonly remaining: number;
  /** Throws `REPLAY_MISMATCH` if exchanges remain. */
  assertDone(): void;
}

/**
 * Creates a {@link ReplayTransport}: each `transmit` must equal the next `=>` line (else `REPLAY_MISMATCH`
 * naming the line, expected and actual), and answers with its `<=` line. The ATR is `options.atr`, else the
 * script's `atr` line, else a current card's (`3B 79 96 00 00 "TH NID 18"`).
 *
 * @example
 * ```ts
 * import { createReplayTransport } from '@authenkit/thai-idcard/replay';
 * const t = createReplayTransport('=> 00a4040008a000000054480001\n<= 9000');
 * await t.connect();
 * console.log(await t.transmit(Uint8Array.of(0, 0xa4, 4, 0, 8, 0xa0, 0, 0, 0, 0x54, 0x48, 0, 1))); // Uint8Array(2) [ 144, 0 ]
 * t.assertDone();
 * ```
 */
export function createReplayTransport(
  script: string | readonly ApduExchange[],
  options: { readerName?: string; atr?: Uint8Array } = {},
): ReplayTransport {
  const trace = typeof script === 'string' ? parseApduTrace(script) : undefined;
  const queue = trace ? trace.exchanges : [...(script as readonly ApduExchange[])];
  const readerName = options.readerName ?? 'AuthenKit Replay Reader';
  let connected = false;
  return {
    readerName,
    atr: options.atr ?? trace?.atr ?? fromHex('3b79960000544820' + '4e4944203138'),
    get connected() {
      return connected;
    },
    get remaining() {
      return queue.length;
    },
    async connect() {
      connected = true;
    },
    async disconnect() {
      connected = false;
    },
    async transmit(apdu: Uint8Array) {
      if (!connected) throw notConnected(readerName);
      const next = queue[0];
      if (!next) {
        throw new ThaiIdCardError(
          'REPLAY_MISMATCH',
          `unexpected APDU ${toHex(apdu)}: the script is finished`,
        );
      }
      if (toHex(next.command) !== toHex(apdu)) {
        throw new ThaiIdCardError(
          'REPLAY_MISMATCH',
          `APDU mismatch at script line ${next.line}: expected ${toHex(next.command)}, got ${toHex(apdu)}`,
          { details: { line: next.line, expected: toHex(next.command), actual: toHex(apdu) } },
        );
      }
      queue.shift();
      return next.response.slice();
    },
    lock(o: TransmitOptions = {}) {
      return acquireReaderLock(readerName, o);
    },
    assertDone() {
      if (queue.length) {
        throw new ThaiIdCardError(
          'REPLAY_MISMATCH',
          `${queue.length} scripted APDU(s) were not sent (next at line ${queue[0]!.line})`,
          {
            details: { remaining: queue.length },
          },
        );
      }
    },
  };
}

/**
 * A transport wrapper that records every exchange.
 *
 * @example
 * ```ts
 * import { createRecordingTransport } from '@authenkit/thai-idcard/replay';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const rec = createRecordingTransport(createVirtualCard({ image: sampleCardImage() }).transport());
 * console.log(rec.script()); // ''
 * ```
 */
export interface RecordingTransport extends Transport {
  /** Exchanges recorded so far. */
  readonly exchanges: readonly ApduExchange[];
  /** The recording as a script. */
  script(): string;
}

/**
 * Wraps a transport and records its exchanges (record once against a card, then commit a synthetic or
 * redacted script; real card data is personal data).
 *
 * @example
 * ```ts
 * import { createRecordingTransport } from '@authenkit/thai-idcard/replay';
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const rec = createRecordingTransport(createVirtualCard({ image: sampleCardImage() }).transport());
 * await readThaiIdCard(rec);
 * console.log(rec.exchanges.length); // 7
 * ```
 */
export function createRecordingTransport(inner: Transport): RecordingTransport {
  const exchanges: ApduExchange[] = [];
  const transport = wrapTransport(inner, {
    async transmit(apdu, o) {
      const response = await inner.transmit(apdu, o);
      exchanges.push({ command: apdu.slice(), response: response.slice(), line: 0 });
      return response;
    },
  });
  // Object.assign keeps the forwarding getters (a spread would freeze readerName / atr / connected)
  return Object.assign(transport, { exchanges, script: () => formatApduScript(exchanges) });
}
