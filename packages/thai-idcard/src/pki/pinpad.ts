/**
 * PC/SC part 10 (v2.02.09) secure PIN entry: feature discovery with `CM_IOCTL_GET_FEATURE_REQUEST`
 * and `FEATURE_VERIFY_PIN_DIRECT`. Pure builders/parsers + one function that drives
 * `transport.control`.
 */

import { statusError } from '../apdu.js';
import { ThaiIdCardError } from '../errors.js';
import { type PcscPlatform, scardCtlCode } from '../transport.js';
import type { PkiTransport } from './apdu.js';
import { concatBytes } from './bytes.js';

/**
 * PC/SC part 10 feature tags (table 2.6-1).
 *
 * @example
 * ```ts
 * import { PCSC_FEATURE } from '@authenkit/thai-idcard/pki';
 * console.log(PCSC_FEATURE.VERIFY_PIN_DIRECT); // 6
 * ```
 */
export const PCSC_FEATURE = {
  VERIFY_PIN_START: 0x01,
  VERIFY_PIN_FINISH: 0x02,
  MODIFY_PIN_START: 0x03,
  MODIFY_PIN_FINISH: 0x04,
  GET_KEY_PRESSED: 0x05,
  VERIFY_PIN_DIRECT: 0x06,
  MODIFY_PIN_DIRECT: 0x07,
  MCT_READER_DIRECT: 0x08,
  MCT_UNIVERSAL: 0x09,
  IFD_PIN_PROPERTIES: 0x0a,
  ABORT: 0x0b,
  SET_SPE_MESSAGE: 0x0c,
  VERIFY_PIN_DIRECT_APP_ID: 0x0d,
  MODIFY_PIN_DIRECT_APP_ID: 0x0e,
  WRITE_DISPLAY: 0x0f,
  GET_KEY: 0x10,
  IFD_DISPLAY_PROPERTIES: 0x11,
  GET_TLV_PROPERTIES: 0x12,
  CCID_ESC_COMMAND: 0x13,
} as const;

/**
 * `CM_IOCTL_GET_FEATURE_REQUEST` = `SCARD_CTL_CODE(3400)`.
 *
 * @example
 * ```ts
 * import { getFeatureRequestCode } from '@authenkit/thai-idcard/pki';
 * console.log(getFeatureRequestCode('pcsclite') === 0x42000d48); // true
 * ```
 */
export function getFeatureRequestCode(platform: PcscPlatform): number {
  return scardCtlCode(3400, platform);
}

/**
 * Parses the GET_FEATURE_REQUEST answer: a list of `tag(1) len(1)=4 controlCode(4, big-endian)`.
 * Returns tag → control code. Throws `INVALID_DATA` on a malformed list.
 *
 * @example
 * ```ts
 * import { parseFeatureList, PCSC_FEATURE } from '@authenkit/thai-idcard/pki';
 * const f = parseFeatureList(new Uint8Array([0x06, 0x04, 0x42, 0x33, 0x00, 0x06]));
 * console.log(f.get(PCSC_FEATURE.VERIFY_PIN_DIRECT)?.toString(16)); // '42330006'
 * ```
 */
export function parseFeatureList(bytes: Uint8Array): Map<number, number> {
  const out = new Map<number, number>();
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) throw new ThaiIdCardError('INVALID_DATA', 'truncated PC/SC feature TLV');
    const tag = bytes[o]!;
    const len = bytes[o + 1]!;
    if (len !== 4 || o + 2 + len > bytes.length)
      throw new ThaiIdCardError('INVALID_DATA', 'bad PC/SC feature TLV length');
    const v = bytes.subarray(o + 2, o + 6);
    out.set(tag, ((v[0]! << 24) | (v[1]! << 16) | (v[2]! << 8) | v[3]!) >>> 0);
    o += 6;
  }
  return out;
}

/**
 * Parameters of a `PIN_VERIFY_STRUCTURE` (PC/SC part 10 §2.5.2).
 *
 * @example
 * ```ts
 * import { type PinVerifyParams } from '@authenkit/thai-idcard/pki';
 * const p: PinVerifyParams = { minLength: 4, maxLength: 8, pinBlockLength: 8, timeoutSeconds: 30 };
 * console.log(p.pinBlockLength); // 8
 * ```
 */
export interface PinVerifyParams {
  /** Smallest PIN the reader accepts. */
  minLength: number;
  /** Largest PIN the reader accepts. */
  maxLength: number;
  /** Bytes of the PIN block inside the VERIFY APDU (PIN written left-justified, ASCII). */
  pinBlockLength: number;
  /** Seconds the reader waits for entry (0 = reader default). */
  timeoutSeconds?: number;
  /** Language of the reader's prompt (default 0x0409; Thai would be 0x041E). */
  langId?: number;
}

/**
 * Builds the `PIN_VERIFY_STRUCTURE` for `FEATURE_VERIFY_PIN_DIRECT`: the reader writes the ASCII PIN
 * into the template `apdu` (whose PIN block is pre-filled with padding) and sends it to the card.
 *
 * @example
 * ```ts
 * import { buildPinVerifyStructure } from '@authenkit/thai-idcard/pki';
 * const apdu = new Uint8Array([0x00, 0x20, 0x00, 0x02, 0x08, ...new Array(8).fill(0xff)]);
 * const s = buildPinVerifyStructure(apdu, { minLength: 4, maxLength: 8, pinBlockLength: 8 });
 * console.log(s.length); // 32 (19 + 13)
 * ```
 */
export function buildPinVerifyStructure(apdu: Uint8Array, p: PinVerifyParams): Uint8Array {
  const lang = p.langId ?? 0x0409;
  const head = Uint8Array.of(
    p.timeoutSeconds ?? 0, // bTimerOut
    p.timeoutSeconds ?? 0, // bTimerOut2
    0x82, // bmFormatString: units = bytes, PIN at offset 0 of the block, left-justified, ASCII
    p.pinBlockLength & 0x0f, // bmPINBlockString: block size, no length field
    0x00, // bmPINLengthFormat
    p.maxLength & 0xff, // wPINMaxExtraDigit (LE): low byte = max
    p.minLength & 0xff, //                       high byte = min
    0x02, // bEntryValidationCondition: validation key pressed
    0x01, // bNumberMessage
    lang & 0xff,
    lang >> 8, // wLangId (LE)
    0x00, // bMsgIndex
    0x00,
    0x00,
    0x00, // bTeoPrologue
    apdu.length & 0xff,
    (apdu.length >> 8) & 0xff,
    0,
    0, // ulDataLength (LE)
  );
  return concatBytes(head, apdu);
}

/**
 * Asks the reader for its PC/SC part 10 features. Returns an empty map when the transport has no
 * `control` or the reader (e.g. the virtual one) rejects the request — that is "no PIN pad", not an error.
 *
 * @example
 * ```ts
 * import { readReaderFeatures } from '@authenkit/thai-idcard/pki';
 * const f = await readReaderFeatures({ transmit: async () => new Uint8Array([0x90, 0]) });
 * console.log(f.size); // 0
 * ```
 */
export async function readReaderFeatures(
  transport: PkiTransport,
  options: { platform?: PcscPlatform; signal?: AbortSignal } = {},
): Promise<Map<number, number>> {
  if (typeof transport.control !== 'function') return new Map();
  const platform = options.platform ?? defaultPlatform();
  let raw: Uint8Array;
  try {
    raw = await transport.control(getFeatureRequestCode(platform), new Uint8Array(0), {
      signal: options.signal,
    });
  } catch {
    return new Map();
  }
  try {
    return parseFeatureList(raw);
  } catch {
    return new Map();
  }
}

/**
 * The error for the status word a PIN-pad VERIFY ended with: PC/SC part 10 gives `64 00` (entry timed out)
 * and `64 01` (cancelled on the reader) their own meaning here; every card status word goes through the
 * one table ({@link statusError}).
 * @internal
 */
export function pinPadStatusError(sw: number): ThaiIdCardError {
  if (sw === 0x6400)
    return new ThaiIdCardError('PIN_ENTRY_TIMEOUT', 'PIN entry on the reader timed out', { details: { sw } });
  if (sw === 0x6401) {
    return new ThaiIdCardError('PIN_ENTRY_CANCELLED', 'PIN entry was cancelled on the reader', {
      details: { sw },
    });
  }
  return statusError(sw, 'VERIFY (PIN pad)');
}

/** @internal */
export function defaultPlatform(): PcscPlatform {
  const g = globalThis as { process?: { platform?: string } };
  return g.process?.platform === 'win32' ? 'windows' : 'pcsclite';
}
