/**
 * APDU layer (ISO/IEC 7816-4): command builders, response parsing, status words, and the T=0 helpers
 * (`61xx` → GET RESPONSE, `6Cxx` → resend with the announced Le). Pure: no I/O except through the
 * {@link Transport} passed to {@link exchange}.
 */
import { fromHex as bytesOfHex, toHex as hexOf } from '@authenkit/authen-code';
import { profileForAtr } from './card.js';
import { ThaiIdCardError } from './errors.js';
import type { TransmitOptions, Transport } from './transport.js';

/**
 * Receive buffer size every transport must offer: 256 data bytes + SW1 SW2 (+1 spare). A 256-byte buffer
 * makes 255-byte photo chunks fail with `SCARD_E_INSUFFICIENT_BUFFER (0x80100008)`.
 *
 * @example
 * ```ts
 * import { RECEIVE_BUFFER_SIZE } from '@authenkit/thai-idcard';
 * console.log(RECEIVE_BUFFER_SIZE); // 258
 * ```
 */
export const RECEIVE_BUFFER_SIZE = 258;

/**
 * A parsed command APDU.
 *
 * @example
 * ```ts
 * import { parseCommand } from '@authenkit/thai-idcard';
 * const c = parseCommand(Uint8Array.of(0x80, 0xb0, 0x00, 0x04, 0x02, 0x00, 0x0d));
 * console.log(c.ins, c.data.length, c.le); // 176 2 undefined
 * ```
 */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Lc = its length); empty for case 1/2. */
  data: Uint8Array;
  /** Expected response length (Le) when present; 0 means 256 in short form. */
  le: number | undefined;
}

function assertByte(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', `${name} must be a byte (0..255), got ${v}`);
  }
}

/**
 * Encodes a short-form command APDU.
 *
 * ```
 * case 1: CLA INS P1 P2
 * case 2: CLA INS P1 P2 Le
 * case 3: CLA INS P1 P2 Lc Data(Lc)
 * case 4: CLA INS P1 P2 Lc Data(Lc) Le
 * ```
 *
 * @example
 * ```ts
 * import { encodeCommand } from '@authenkit/thai-idcard';
 * const bytes = encodeCommand({ cla: 0x00, ins: 0xc0, p1: 0, p2: 0, data: new Uint8Array(0), le: 0x0a });
 * console.log(bytes.length); // 5
 * ```
 */
export function encodeCommand(c: CommandApdu): Uint8Array<ArrayBuffer> {
  assertByte('CLA', c.cla);
  assertByte('INS', c.ins);
  assertByte('P1', c.p1);
  assertByte('P2', c.p2);
  if (!(c.data instanceof Uint8Array))
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'data must be a Uint8Array');
  if (c.data.length > 255)
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'short APDU data is at most 255 bytes');
  if (c.le !== undefined) assertByte('Le', c.le);
  const out = new Uint8Array(4 + (c.data.length ? 1 + c.data.length : 0) + (c.le !== undefined ? 1 : 0));
  out.set([c.cla, c.ins, c.p1, c.p2]);
  let i = 4;
  if (c.data.length) {
    out[i++] = c.data.length;
    out.set(c.data, i);
    i += c.data.length;
  }
  if (c.le !== undefined) out[i] = c.le;
  return out;
}

/**
 * Parses a short-form command APDU (inverse of {@link encodeCommand}).
 *
 * @example
 * ```ts
 * import { parseCommand } from '@authenkit/thai-idcard';
 * console.log(parseCommand(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0xff)).le); // 255
 * ```
 */
export function parseCommand(bytes: Uint8Array): CommandApdu {
  if (!(bytes instanceof Uint8Array) || bytes.length < 4) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'a command APDU has at least 4 bytes');
  }
  const [cla, ins, p1, p2] = bytes as unknown as [number, number, number, number];
  if (bytes.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0), le: undefined };
  if (bytes.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), le: bytes[4] };
  const lc = bytes[4]!;
  if (lc === 0 || bytes.length < 5 + lc || bytes.length > 6 + lc) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'malformed command APDU (Lc does not match length)');
  }
  return {
    cla,
    ins,
    p1,
    p2,
    data: bytes.slice(5, 5 + lc),
    le: bytes.length === 6 + lc ? bytes[5 + lc] : undefined,
  };
}

/**
 * SELECT by DF name (AID).
 *
 * ```
 * 00 A4 04 00 Lc AID      ISO 7816-4 §11.1.1: CLA=00, INS=A4 SELECT, P1=04 select by DF name,
 *                         P2=00 first/only occurrence, return FCI (optional), no Le (T=0 case 3)
 * 00 A4 04 00             with an empty AID: select the card's default applet (card manager)
 * ```
 *
 * @example
 * ```ts
 * import { selectCommand, MOI_AID, toHex } from '@authenkit/thai-idcard';
 * console.log(toHex(selectCommand(MOI_AID))); // '00a4040008a000000054480001'
 * ```
 */
export function selectCommand(aid: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeCommand({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: aid, le: undefined });
}

/**
 * The Thai ID card's proprietary READ BINARY.
 *
 * ```
 * 80 B0 P1 P2 02 00 LL    CLA=80 proprietary, INS=B0, P1P2 = 15-bit offset (big-endian),
 *                         Lc=02, data = block id (00) + length wanted (01..FF); no Le (T=0 case 3:
 *                         the card answers 61 LL, fetch with GET RESPONSE)
 * ```
 *
 * @example
 * ```ts
 * import { readBinaryCommand, toHex } from '@authenkit/thai-idcard';
 * console.log(toHex(readBinaryCommand(0x0004, 13))); // '80b0000402000d'
 * ```
 */
export function readBinaryCommand(offset: number, length: number, block = 0): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', `offset must be 0..32767, got ${offset}`);
  }
  if (!Number.isInteger(length) || length < 1 || length > 255) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', `length must be 1..255, got ${length}`);
  }
  return encodeCommand({
    cla: 0x80,
    ins: 0xb0,
    p1: offset >> 8,
    p2: offset & 0xff,
    data: Uint8Array.of(block, length),
    le: undefined,
  });
}

/**
 * GET RESPONSE (T=0 only).
 *
 * ```
 * 00 C0 00 P2 Le          ISO 7816-4 §11.5.8 (case 2): Le = SW2 of the 61xx that announced the data.
 *                         P2 = 00 normally, 01 for the "3B 67" card generation (see `CardProfile`, `profileForAtr`).
 * ```
 *
 * @example
 * ```ts
 * import { getResponseCommand, toHex } from '@authenkit/thai-idcard';
 * console.log(toHex(getResponseCommand(0x0d))); // '00c000000d'
 * ```
 */
export function getResponseCommand(le: number, p2 = 0x00): Uint8Array<ArrayBuffer> {
  return encodeCommand({ cla: 0x00, ins: 0xc0, p1: 0x00, p2, data: new Uint8Array(0), le });
}

/**
 * Re-encodes a command with a different Le (for the `6Cxx` "wrong length, use xx" answer).
 *
 * ```
 * CLA INS P1 P2 [Lc Data] Le'   ISO 7816-3 §10.3.3: on 6C xx resend the same header with P3/Le = xx
 * ```
 *
 * @example
 * ```ts
 * import { withLe, toHex } from '@authenkit/thai-idcard';
 * console.log(toHex(withLe(Uint8Array.of(0x80, 0x00, 0x00, 0x00, 0x07), 0x17))); // '8000000017'
 * ```
 */
export function withLe(command: Uint8Array, le: number): Uint8Array<ArrayBuffer> {
  const c = parseCommand(command);
  return encodeCommand({ ...c, le });
}

/**
 * A response APDU: data + status word.
 *
 * @example
 * ```ts
 * import { parseResponse } from '@authenkit/thai-idcard';
 * const r = parseResponse(Uint8Array.of(0x31, 0x90, 0x00));
 * console.log(r.data.length, r.sw.toString(16), r.ok); // 1 '9000' true
 * ```
 */
export interface ResponseApdu {
  data: Uint8Array<ArrayBuffer>;
  /** SW1 << 8 | SW2. */
  sw: number;
  sw1: number;
  sw2: number;
  /** True for `90 00`. */
  ok: boolean;
}

/**
 * Splits response bytes into data and status word.
 *
 * @example
 * ```ts
 * import { parseResponse } from '@authenkit/thai-idcard';
 * console.log(parseResponse(Uint8Array.of(0x61, 0x0a)).sw1); // 97
 * ```
 */
export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (!(bytes instanceof Uint8Array) || bytes.length < 2) {
    throw new ThaiIdCardError('CARD_UNRESPONSIVE', 'response APDU shorter than a status word');
  }
  const sw1 = bytes[bytes.length - 2]!;
  const sw2 = bytes[bytes.length - 1]!;
  const sw = (sw1 << 8) | sw2;
  return { data: bytes.slice(0, -2), sw, sw1, sw2, ok: sw === 0x9000 };
}

/**
 * The one status-word table (ISO 7816-4 §5.1.3, ISO 7816-8/-9 for the security ones), keyed by the status word
 * as 4 upper-case hex digits (the form {@link formatSw} prints). Families are named by {@link statusText}:
 * `61xx` bytes available, `6Cxx` wrong Le, `63Cx` PIN tries left. {@link statusError} turns a status word into
 * the typed error (PIN and security status words get their own codes).
 *
 * @example
 * ```ts
 * import { STATUS_WORDS } from '@authenkit/thai-idcard';
 * console.log(STATUS_WORDS['6A82'], STATUS_WORDS['6983']); // 'FILE_NOT_FOUND' 'AUTHENTICATION_METHOD_BLOCKED'
 * ```
 */
export const STATUS_WORDS: Readonly<Record<string, string>> = Object.freeze({
  '9000': 'OK',
  '6281': 'DATA_CORRUPTED',
  '6282': 'END_OF_FILE',
  '6700': 'WRONG_LENGTH',
  '6881': 'LOGICAL_CHANNEL_NOT_SUPPORTED',
  '6882': 'SECURE_MESSAGING_NOT_SUPPORTED',
  '6982': 'SECURITY_STATUS_NOT_SATISFIED',
  '6983': 'AUTHENTICATION_METHOD_BLOCKED',
  '6984': 'REFERENCE_DATA_NOT_USABLE',
  '6985': 'CONDITIONS_OF_USE_NOT_SATISFIED',
  '6986': 'COMMAND_NOT_ALLOWED',
  '6999': 'APPLET_SELECT_FAILED',
  '6A80': 'INCORRECT_DATA',
  '6A81': 'FUNCTION_NOT_SUPPORTED',
  '6A82': 'FILE_NOT_FOUND',
  '6A86': 'INCORRECT_P1_P2',
  '6A88': 'REFERENCED_DATA_NOT_FOUND',
  '6B00': 'WRONG_P1_P2',
  '6D00': 'INS_NOT_SUPPORTED',
  '6E00': 'CLA_NOT_SUPPORTED',
  '6F00': 'UNKNOWN_ERROR',
});

/**
 * Symbolic name of a status word (`63Cx` → `PIN_REMAINING_ATTEMPTS_x`, `61xx`, `6Cxx` families handled).
 *
 * @example
 * ```ts
 * import { statusText } from '@authenkit/thai-idcard';
 * console.log(statusText(0x63c2), statusText(0x6d00)); // 'PIN_REMAINING_ATTEMPTS_2' 'INS_NOT_SUPPORTED'
 * ```
 */
export function statusText(sw: number): string {
  const known = STATUS_WORDS[formatSw(sw)];
  if (known) return known;
  const sw1 = sw >> 8;
  if (sw1 === 0x61) return 'BYTES_AVAILABLE';
  if (sw1 === 0x6c) return 'WRONG_LE';
  if ((sw & 0xfff0) === 0x63c0) return `PIN_REMAINING_ATTEMPTS_${sw & 0x0f}`;
  if (sw1 === 0x63) return 'WARNING_NVM_CHANGED';
  if (sw1 === 0x64 || sw1 === 0x65) return 'EXECUTION_ERROR';
  return 'UNKNOWN_STATUS';
}

/**
 * Formats a status word as 4 hex digits.
 *
 * @example
 * ```ts
 * import { formatSw } from '@authenkit/thai-idcard';
 * console.log(formatSw(0x6a82)); // '6A82'
 * ```
 */
export function formatSw(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * The typed error for a failing status word of `what` (the command's name). `details` carry `sw`,
 * `statusText` and `operation`:
 *
 * | status word | code |
 * |---|---|
 * | `63Cx` (x > 0) | `PIN_INCORRECT`, `details.triesLeft` = x |
 * | `63C0`, `6983`, `6984` | `PIN_BLOCKED`, `details.triesLeft` = 0 |
 * | `6982` | `SECURITY_STATUS` (verify the PIN first) |
 * | any other | `APDU_FAILED` |
 *
 * @example
 * ```ts
 * import { statusError } from '@authenkit/thai-idcard';
 * console.log(statusError(0x6a82, 'SELECT').message); // 'SELECT failed: 6A82 FILE_NOT_FOUND'
 * console.log(statusError(0x63c2, 'VERIFY').code); // 'PIN_INCORRECT'
 * ```
 */
export function statusError(sw: number, what: string): ThaiIdCardError {
  const text = statusText(sw);
  const details = { sw, statusText: text, operation: what };
  const message = `${what} failed: ${formatSw(sw)} ${text}`;
  const triesLeft = (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : sw === 0x6983 || sw === 0x6984 ? 0 : undefined;
  if (triesLeft === 0)
    return new ThaiIdCardError('PIN_BLOCKED', message, { details: { ...details, triesLeft } });
  if (triesLeft !== undefined) {
    return new ThaiIdCardError('PIN_INCORRECT', message, { details: { ...details, triesLeft } });
  }
  if (sw === 0x6982) return new ThaiIdCardError('SECURITY_STATUS', message, { details });
  return new ThaiIdCardError('APDU_FAILED', message, { details });
}

/**
 * What {@link exchange} needs from a transport: `transmit`, and the card's ATR to pick its card profile
 * (GET RESPONSE P2). Every {@link Transport} fits; a transport without an ATR gets the default profile.
 *
 * @example
 * ```ts
 * import { type ApduTransport } from '@authenkit/thai-idcard';
 * const t: ApduTransport = { atr: undefined, transmit: async () => Uint8Array.of(0x90, 0x00) };
 * console.log(typeof t.transmit); // 'function'
 * ```
 */
export type ApduTransport = Pick<Transport, 'transmit'> & { readonly atr?: Uint8Array | undefined };

/**
 * Options of {@link exchange}.
 *
 * @example
 * ```ts
 * import { type ExchangeOptions } from '@authenkit/thai-idcard';
 * const o: ExchangeOptions = { getResponseP2: 0x01 };
 * console.log(o.getResponseP2);
 * ```
 */
export interface ExchangeOptions extends TransmitOptions {
  /** P2 of GET RESPONSE (default: from the card profile of `transport.atr`, see `profileForAtr`). */
  getResponseP2?: number;
}

/**
 * The one APDU exchange of the package (card reading and PKI alike): sends one logical command and returns
 * the complete response, handling T=0 status words: `61xx` → GET RESPONSE with Le = xx and the card
 * profile's P2 (repeated while more is announced), `6Cxx` → resend with Le = xx. Does not throw on error
 * status words (the caller decides, usually with {@link statusError}); see {@link exchangeOk}.
 *
 * @example
 * ```ts
 * import { exchange, readBinaryCommand } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const card = createVirtualCard({ image: sampleCardImage() });
 * const t = card.transport();
 * await t.connect();
 * await exchange(t, Uint8Array.from([0x00, 0xa4, 0x04, 0x00, 0x08, 0xa0, 0, 0, 0, 0x54, 0x48, 0, 1]));
 * const r = await exchange(t, readBinaryCommand(4, 13));
 * console.log(r.data.length); // 13
 * ```
 */
export async function exchange(
  transport: ApduTransport,
  command: Uint8Array,
  options: ExchangeOptions = {},
): Promise<ResponseApdu> {
  const p2 = options.getResponseP2 ?? profileForAtr(transport.atr).getResponseP2;
  const send = async (apdu: Uint8Array) => {
    const raw = await transport.transmit(apdu, options.signal ? { signal: options.signal } : {});
    return parseResponse(raw);
  };
  let res = await send(command);
  if (res.sw1 === 0x6c) {
    res = await send(withLe(command, res.sw2));
  }
  if (res.sw1 !== 0x61) return res;
  const chunks: Uint8Array[] = res.data.length ? [res.data] : [];
  let guard = 0;
  while (res.sw1 === 0x61) {
    if (++guard > 64) throw new ThaiIdCardError('CARD_UNRESPONSIVE', 'card keeps announcing more data');
    const le = res.sw2;
    res = await send(getResponseCommand(le, p2));
    if (res.sw1 === 0x6c) res = await send(getResponseCommand(res.sw2, p2));
    if (res.data.length) chunks.push(res.data);
  }
  if (chunks.length === 1) return { ...res, data: chunks[0] as Uint8Array<ArrayBuffer> };
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const data = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    data.set(c, o);
    o += c.length;
  }
  return { ...res, data };
}

/**
 * Like {@link exchange} but throws `APDU_FAILED` unless the final status word is `90 00`.
 *
 * @example
 * ```ts
 * import { exchangeOk, readBinaryCommand, selectCommand, MOI_AID } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const t = createVirtualCard({ image: sampleCardImage() }).transport();
 * await t.connect();
 * await exchangeOk(t, selectCommand(MOI_AID), 'SELECT MOI');
 * console.log((await exchangeOk(t, readBinaryCommand(0, 4), 'READ')).length); // 4
 * ```
 */
export async function exchangeOk(
  transport: ApduTransport,
  command: Uint8Array,
  what: string,
  options: ExchangeOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const res = await exchange(transport, command, options);
  if (!res.ok) throw statusError(res.sw, what);
  return res.data;
}

/**
 * Lower-case hex of bytes (authen-code's one hex codec, re-exported).
 *
 * @example
 * ```ts
 * import { toHex } from '@authenkit/thai-idcard';
 * console.log(toHex(Uint8Array.of(0x90, 0x00))); // '9000'
 * ```
 */
export const toHex: (bytes: Uint8Array) => string = hexOf;

/**
 * Parses hex (spaces and colons allowed) into bytes with authen-code's one hex codec; throws this package's
 * `INVALID_ARGUMENT` on bad input.
 *
 * @example
 * ```ts
 * import { fromHex } from '@authenkit/thai-idcard';
 * console.log(fromHex('90 00')); // Uint8Array(2) [ 144, 0 ]
 * ```
 */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  try {
    return bytesOfHex(hex);
  } catch (e) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'invalid hex string', { cause: e });
  }
}
