/**
 * APDU builders and response handling for the secure-operation profiles. Each builder cites the
 * ISO 7816 layout it follows. Pure: no I/O.
 */
import { concatBytes, toHex } from './bytes.js';
import { pkiError } from './errors.js';

/**
 * The smallest transport the PKI layer needs: `transmit` (APDU in, response data + SW out) and an
 * optional `control` (PC/SC `SCardControl`, used to find and drive PIN-pad readers). Any
 * `@authenkit/thai-idcard` transport fits.
 *
 * @example
 * ```ts
 * import { type PkiTransport } from '@authenkit/thai-idcard/pki';
 * const t: PkiTransport = { transmit: async () => new Uint8Array([0x90, 0x00]) };
 * console.log(typeof t.transmit); // 'function'
 * ```
 */
export interface PkiTransport {
  /** Sends one command APDU; resolves with the response data followed by SW1 SW2. */
  transmit(apdu: Uint8Array, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** PC/SC `SCardControl(code, data)`; absent on virtual and replay transports. */
  control?(code: number, data: Uint8Array, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
}

/**
 * A parsed response APDU.
 *
 * @example
 * ```ts
 * import { parseResponse, type ResponseApdu } from '@authenkit/thai-idcard';
 * const r: ResponseApdu = parseResponse(Uint8Array.of(0x90, 0x00));
 * console.log(r.sw === 0x9000); // true
 * ```
 */
export interface ResponseApdu {
  /** Response data without the status word. */
  data: Uint8Array;
  /** SW1 << 8 | SW2. */
  sw: number;
}

/** @internal */
export function splitResponse(raw: Uint8Array): ResponseApdu {
  if (!(raw instanceof Uint8Array) || raw.length < 2) {
    throw pkiError('INVALID_DATA', 'response APDU shorter than a status word');
  }
  return { data: raw.subarray(0, raw.length - 2), sw: (raw[raw.length - 2]! << 8) | raw[raw.length - 1]! };
}

/**
 * Builds a short command APDU `CLA INS P1 P2 [Lc data] [Le]` (ISO 7816-4 §5.1). `le` 256 is encoded as `00`.
 * @internal
 */
export function commandApdu(
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data?: Uint8Array,
  le?: number,
): Uint8Array<ArrayBuffer> {
  const head = [cla, ins, p1, p2];
  for (const b of head)
    if (!Number.isInteger(b) || b < 0 || b > 255)
      throw pkiError('INVALID_ARGUMENT', 'APDU header byte out of range');
  if (data && data.length > 255)
    throw pkiError('INVALID_ARGUMENT', 'APDU data longer than 255 bytes (no extended length)');
  const parts: Uint8Array[] = [Uint8Array.from(head)];
  if (data && data.length > 0) parts.push(Uint8Array.of(data.length), data);
  if (le !== undefined) parts.push(Uint8Array.of(le === 256 ? 0 : le));
  return concatBytes(...parts);
}

/**
 * Sends an APDU and resolves `61xx` (GET RESPONSE, collecting chained data) and `6Cxx` (resend with
 * the right Le) per ISO 7816-3/-4. Returns the final data and status word.
 * @internal
 */
export async function exchange(
  transport: PkiTransport,
  apdu: Uint8Array,
  signal?: AbortSignal,
): Promise<ResponseApdu> {
  let res = splitResponse(await transport.transmit(apdu, { signal }));
  if (res.sw >> 8 === 0x6c && apdu.length >= 4) {
    const again = Uint8Array.from(apdu);
    // Le is the last byte of a case-2/4 APDU; for a case-1/3 APDU append it.
    const hasLe = apdu.length === 5 || (apdu.length > 5 && apdu.length === 5 + apdu[4]! + 1);
    const fixed = hasLe ? again : concatBytes(again, Uint8Array.of(0));
    fixed[fixed.length - 1] = res.sw & 0xff;
    res = splitResponse(await transport.transmit(fixed, { signal }));
  }
  const chunks: Uint8Array[] = [res.data];
  let guard = 0;
  while (res.sw >> 8 === 0x61) {
    if (++guard > 64) throw pkiError('INVALID_DATA', 'card keeps answering 61xx');
    res = splitResponse(
      await transport.transmit(commandApdu(0x00, 0xc0, 0, 0, undefined, res.sw & 0xff || 256), { signal }),
    );
    chunks.push(res.data);
  }
  return { data: concatBytes(...chunks), sw: res.sw };
}

/** Status words the secure operations interpret. @internal */
export const SW = {
  OK: 0x9000,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTH_METHOD_BLOCKED: 0x6983,
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  REFERENCE_NOT_FOUND: 0x6a88,
  INS_NOT_SUPPORTED: 0x6d00,
  PINPAD_TIMEOUT: 0x6400,
  PINPAD_CANCELLED: 0x6401,
} as const;

/**
 * Maps a non-`9000` status word of a secure operation to a typed error. `63Cx` → `PIN_INCORRECT`
 * (or `PIN_BLOCKED` when x = 0), `6983` → `PIN_BLOCKED`, `6982` → `SECURITY_STATUS`.
 * @internal
 */
export function secureStatusError(sw: number, operation: string) {
  const details = { sw, operation };
  if ((sw & 0xfff0) === 0x63c0) {
    const triesLeft = sw & 0x0f;
    return triesLeft === 0
      ? pkiError('PIN_BLOCKED', 'PIN is blocked', { details: { ...details, triesLeft: 0 } })
      : pkiError('PIN_INCORRECT', `wrong PIN, ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`, {
          details: { ...details, triesLeft },
        });
  }
  switch (sw) {
    case SW.AUTH_METHOD_BLOCKED:
    case SW.REFERENCE_DATA_NOT_USABLE:
      return pkiError('PIN_BLOCKED', 'PIN is blocked', { details: { ...details, triesLeft: 0 } });
    case SW.SECURITY_STATUS_NOT_SATISFIED:
      return pkiError(
        'SECURITY_STATUS',
        `${operation}: security status not satisfied (verify the PIN first)`,
        {
          details,
        },
      );
    case SW.PINPAD_TIMEOUT:
      return pkiError('PIN_ENTRY_TIMEOUT', 'PIN entry on the reader timed out', { details });
    case SW.PINPAD_CANCELLED:
      return pkiError('PIN_ENTRY_CANCELLED', 'PIN entry was cancelled on the reader', { details });
    default:
      return pkiError('APDU_FAILED', `${operation} failed with status ${sw.toString(16).padStart(4, '0')}`, {
        details,
      });
  }
}

// ───────────────────────── ISO 7816-4 / -8 command builders ─────────────────────────

/**
 * SELECT by DF name (AID): `00 A4 04 0C Lc <aid>` (ISO 7816-4 §11.2.2; P2 0C = no FCI wanted,
 * 00 = return FCI).
 * @internal
 */
export function selectAid(aid: Uint8Array, wantFci = false): Uint8Array<ArrayBuffer> {
  return commandApdu(0x00, 0xa4, 0x04, wantFci ? 0x00 : 0x0c, aid, wantFci ? 256 : undefined);
}

/**
 * SELECT elementary file by identifier under the current DF: `00 A4 02 0C 02 <fid>`.
 * @internal
 */
export function selectEf(fid: number): Uint8Array<ArrayBuffer> {
  return commandApdu(0x00, 0xa4, 0x02, 0x0c, Uint8Array.of((fid >> 8) & 0xff, fid & 0xff));
}

/**
 * READ BINARY of the current EF: `00 B0 <offset hi (b8=0)> <offset lo> <Le>` (ISO 7816-4 §11.3.3,
 * offsets up to 32767).
 * @internal
 */
export function readBinary(offset: number, le: number): Uint8Array<ArrayBuffer> {
  if (offset < 0 || offset > 0x7fff) throw pkiError('INVALID_ARGUMENT', 'READ BINARY offset out of range');
  return commandApdu(0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, undefined, le);
}

/**
 * VERIFY (ISO 7816-4 §11.5.6): `00 20 00 <ref> Lc <pin block>`; with no data it asks for the
 * verification status (`9000` verified, `63Cx` x tries left, `6983` blocked).
 * @internal
 */
export function verifyApdu(reference: number, pinBlock?: Uint8Array): Uint8Array<ArrayBuffer> {
  return commandApdu(0x00, 0x20, 0x00, reference, pinBlock);
}

/**
 * MANAGE SECURITY ENVIRONMENT: SET for digital signature (ISO 7816-4 §11.5.11):
 * `00 22 41 B6 Lc  80 01 <algorithm ref>  84 01 <private key ref>`.
 * @internal
 */
export function mseSetDst(keyReference: number, algorithmReference: number): Uint8Array<ArrayBuffer> {
  return commandApdu(
    0x00,
    0x22,
    0x41,
    0xb6,
    Uint8Array.of(0x80, 0x01, algorithmReference, 0x84, 0x01, keyReference),
  );
}

/**
 * MSE:SET for authentication (internal authenticate): `00 22 41 A4 Lc 80 01 <alg> 84 01 <key>`.
 * @internal
 */
export function mseSetAt(keyReference: number, algorithmReference: number): Uint8Array<ArrayBuffer> {
  return commandApdu(
    0x00,
    0x22,
    0x41,
    0xa4,
    Uint8Array.of(0x80, 0x01, algorithmReference, 0x84, 0x01, keyReference),
  );
}

/**
 * PERFORM SECURITY OPERATION: COMPUTE DIGITAL SIGNATURE (ISO 7816-8 §5.4):
 * `00 2A 9E 9A Lc <data to be signed> 00`.
 * @internal
 */
export function psoComputeSignature(input: Uint8Array): Uint8Array<ArrayBuffer> {
  return commandApdu(0x00, 0x2a, 0x9e, 0x9a, input, 256);
}

/**
 * INTERNAL AUTHENTICATE (ISO 7816-4 §11.5.2): `00 88 00 00 Lc <challenge> 00`.
 * @internal
 */
export function internalAuthenticateApdu(challenge: Uint8Array): Uint8Array<ArrayBuffer> {
  return commandApdu(0x00, 0x88, 0x00, 0x00, challenge, 256);
}

// ───────────────────────── Thai ADM applet (community reverse-engineering) ─────────────────────────

/** AID of the ADM ("extension") applet `A0 00 00 00 84 06 00 02`. @internal */
export const ADM_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x02);

/**
 * ADM PIN challenge `80 B4 00 00 20` → 32 random bytes (Advanced-Logic `verifyPinCode`).
 * @internal
 */
export function admChallengeApdu(): Uint8Array<ArrayBuffer> {
  return commandApdu(0x80, 0xb4, 0x00, 0x00, undefined, 0x20);
}

/**
 * ADM VERIFY `80 20 <pinId> 00 20 <32-byte 3DES answer>`.
 * @internal
 */
export function admVerifyApdu(pinId: number, answer: Uint8Array): Uint8Array<ArrayBuffer> {
  if (answer.length !== 32) throw pkiError('INVALID_ARGUMENT', 'ADM answer must be 32 bytes');
  return commandApdu(0x80, 0x20, pinId, 0x00, answer);
}

/** @internal */
export function swHex(sw: number): string {
  return toHex(Uint8Array.of(sw >> 8, sw & 0xff));
}

/**
 * A log sink for APDU traces. Lines carry the command header (CLA INS P1 P2), data lengths and
 * status words only — never command or response data (no PIN block, no certificate contents).
 *
 * @example
 * ```ts
 * import { type PkiLogger } from '@authenkit/thai-idcard/pki';
 * const lines: string[] = [];
 * const logger: PkiLogger = (line) => lines.push(line);
 * logger('example');
 * console.log(lines.length); // 1
 * ```
 */
export type PkiLogger = (line: string) => void;

/** Wraps a transport so every exchange is traced (metadata only). @internal */
export function tracedTransport(transport: PkiTransport, logger: PkiLogger | undefined): PkiTransport {
  if (!logger) return transport;
  const hx = (b: number) => b.toString(16).padStart(2, '0');
  const wrapped: PkiTransport = {
    async transmit(apdu, options) {
      const head = Array.from(apdu.subarray(0, 4), hx).join(' ');
      const lc = apdu.length > 5 ? apdu[4]! : 0;
      logger(`→ ${head}${lc ? ` (${lc} data bytes${apdu[1] === 0x20 ? ', PIN block redacted' : ''})` : ''}`);
      const res = await transport.transmit(apdu, options);
      const swText = res.length >= 2 ? hx(res[res.length - 2]!) + hx(res[res.length - 1]!) : '----';
      logger(`← SW ${swText}, ${Math.max(0, res.length - 2)} data bytes`);
      return res;
    },
  };
  if (transport.control) {
    const control = transport.control.bind(transport);
    wrapped.control = async (code, data, options) => {
      logger(`control 0x${code.toString(16)} (${data.length} bytes)`);
      const res = await control(code, data, options);
      logger(`control → ${res.length} bytes`);
      return res;
    };
  }
  return wrapped;
}
