/**
 * The PKI-specific APDUs (ISO 7816-4/-8 secure operations, the Thai ADM PIN applet) and the PKI transport
 * seam. Exchange, command encoding, response parsing, status words and hex come from the core APDU layer
 * (`../apdu.ts`), so PIN 2 and signing honour the card profile (GET RESPONSE P2) like card reading does.
 */
import { type ApduTransport, encodeCommand, toHex } from '../apdu.js';
import { ThaiIdCardError } from '../errors.js';
import type { Transport } from '../transport.js';

/**
 * The smallest transport the PKI layer needs: `transmit` (APDU in, response data + SW out), the card's
 * `atr` (picks the card profile, e.g. GET RESPONSE `00 C0 00 01` for ATR `3B 67`; absent = default profile)
 * and an optional `control` (PC/SC `SCardControl`, used to find and drive PIN-pad readers). Any
 * `@authenkit/thai-idcard` transport fits.
 *
 * @example
 * ```ts
 * import { type PkiTransport } from '@authenkit/thai-idcard/pki';
 * const t: PkiTransport = { transmit: async () => new Uint8Array([0x90, 0x00]) };
 * console.log(typeof t.transmit); // 'function'
 * ```
 */
export type PkiTransport = ApduTransport & Partial<Pick<Transport, 'control'>>;

const command = (cla: number, ins: number, p1: number, p2: number, data?: Uint8Array, le?: number) =>
  encodeCommand({ cla, ins, p1, p2, data: data ?? new Uint8Array(0), le });

// ───────────────────────── ISO 7816-4 / -8 command builders ─────────────────────────

/**
 * SELECT elementary file by identifier under the current DF: `00 A4 02 0C 02 <fid>`.
 * @internal
 */
export function selectEf(fid: number): Uint8Array<ArrayBuffer> {
  return command(0x00, 0xa4, 0x02, 0x0c, Uint8Array.of((fid >> 8) & 0xff, fid & 0xff));
}

/**
 * ISO READ BINARY of the current EF (not the card's proprietary `80 B0`): `00 B0 <offset hi (b8=0)> <offset lo> <Le>` (ISO 7816-4 §11.3.3,
 * offsets up to 32767).
 * @internal
 */
export function isoReadBinary(offset: number, le: number): Uint8Array<ArrayBuffer> {
  if (offset < 0 || offset > 0x7fff) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'READ BINARY offset out of range');
  }
  return command(0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, undefined, le & 0xff);
}

/**
 * VERIFY (ISO 7816-4 §11.5.6): `00 20 00 <ref> Lc <pin block>`; with no data it asks for the
 * verification status (`9000` verified, `63Cx` x tries left, `6983` blocked).
 * @internal
 */
export function verifyApdu(reference: number, pinBlock?: Uint8Array): Uint8Array<ArrayBuffer> {
  return command(0x00, 0x20, 0x00, reference, pinBlock);
}

/**
 * MANAGE SECURITY ENVIRONMENT: SET for digital signature (ISO 7816-4 §11.5.11):
 * `00 22 41 B6 Lc  80 01 <algorithm ref>  84 01 <private key ref>`.
 * @internal
 */
export function mseSetDst(keyReference: number, algorithmReference: number): Uint8Array<ArrayBuffer> {
  return command(
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
  return command(
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
  return command(0x00, 0x2a, 0x9e, 0x9a, input, 0x00);
}

/**
 * INTERNAL AUTHENTICATE (ISO 7816-4 §11.5.2): `00 88 00 00 Lc <challenge> 00`.
 * @internal
 */
export function internalAuthenticateApdu(challenge: Uint8Array): Uint8Array<ArrayBuffer> {
  return command(0x00, 0x88, 0x00, 0x00, challenge, 0x00);
}

// ───────────────────────── Thai ADM applet (community reverse-engineering) ─────────────────────────

/**
 * ADM PIN challenge `80 B4 00 00 20` → 32 random bytes (Advanced-Logic `verifyPinCode`).
 * @internal
 */
export function admChallengeApdu(): Uint8Array<ArrayBuffer> {
  return command(0x80, 0xb4, 0x00, 0x00, undefined, 0x20);
}

/**
 * ADM VERIFY `80 20 <pinId> 00 20 <32-byte 3DES answer>`.
 * @internal
 */
export function admVerifyApdu(pinId: number, answer: Uint8Array): Uint8Array<ArrayBuffer> {
  if (answer.length !== 32) throw new ThaiIdCardError('INVALID_ARGUMENT', 'ADM answer must be 32 bytes');
  return command(0x80, 0x20, pinId, 0x00, answer);
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
  const wrapped: PkiTransport = {
    get atr() {
      return transport.atr;
    },
    async transmit(apdu, options) {
      const head = toHex(apdu.subarray(0, 4)).replace(/(..)(?!$)/g, '$1 ');
      const lc = apdu.length > 5 ? apdu[4]! : 0;
      logger(`→ ${head}${lc ? ` (${lc} data bytes${apdu[1] === 0x20 ? ', PIN block redacted' : ''})` : ''}`);
      const res = await transport.transmit(apdu, options);
      const swText = res.length >= 2 ? toHex(res.subarray(res.length - 2)) : '----';
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
