import { QrServiceError } from './errors.js';

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over the bytes of `data`
 * (a string is read as Latin-1/ASCII code units, as in EMVCo and Thai PromptPay QR payloads).
 * The check value of `"123456789"` is `0x29B1`.
 *
 * @example
 * ```ts
 * import { crc16CcittFalse } from '@authenkit/qr-service';
 * console.log(crc16CcittFalse('123456789').toString(16)); // '29b1'
 * ```
 */
export function crc16CcittFalse(data: string | Uint8Array): number {
  let crc = 0xffff;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const byte = typeof data === 'string' ? data.charCodeAt(i) & 0xff : data[i]!;
    crc ^= byte << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/**
 * The 45 characters of QR Code alphanumeric mode, in their QR (and RFC 9285 Base45) order.
 *
 * @example
 * ```ts
 * import { QR_ALPHANUMERIC_CHARSET } from '@authenkit/qr-service';
 * console.log(QR_ALPHANUMERIC_CHARSET.length); // 45
 * ```
 */
export const QR_ALPHANUMERIC_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const B45_INDEX: Record<string, number> = {};
for (let i = 0; i < QR_ALPHANUMERIC_CHARSET.length; i++) B45_INDEX[QR_ALPHANUMERIC_CHARSET[i]!] = i;

/**
 * True when every character of `text` is in QR alphanumeric mode (see {@link QR_ALPHANUMERIC_CHARSET}).
 *
 * @example
 * ```ts
 * import { isQrAlphanumeric } from '@authenkit/qr-service';
 * console.log(isQrAlphanumeric('PG0090001'), isQrAlphanumeric('pg')); // true false
 * ```
 */
export function isQrAlphanumeric(text: string): boolean {
  for (const ch of text) if (B45_INDEX[ch] === undefined) return false;
  return true;
}

/**
 * Base45 (RFC 9285) encoding: 2 bytes → 3 characters of the QR alphanumeric set, so binary data
 * (signatures, Thai names) stays in the compact alphanumeric mode.
 *
 * @example
 * ```ts
 * import { base45Encode } from '@authenkit/qr-service';
 * console.log(base45Encode(new TextEncoder().encode('AB'))); // 'BB8'
 * ```
 */
export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += QR_ALPHANUMERIC_CHARSET[c]! + QR_ALPHANUMERIC_CHARSET[d]! + QR_ALPHANUMERIC_CHARSET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += QR_ALPHANUMERIC_CHARSET[n % 45]! + QR_ALPHANUMERIC_CHARSET[Math.floor(n / 45)]!;
  }
  return out;
}

/**
 * Strict Base45 (RFC 9285) decoding. Throws `QrServiceError('MALFORMED_PAYLOAD')` on characters outside
 * the alphabet, a dangling single character, or a group that overflows (so every byte string has exactly
 * one encoding).
 *
 * @example
 * ```ts
 * import { base45Decode } from '@authenkit/qr-service';
 * console.log(new TextDecoder().decode(base45Decode('%69 VD92EX0'))); // 'Hello!!'
 * ```
 */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1)
    throw new QrServiceError('MALFORMED_PAYLOAD', 'Base45 text has a dangling character');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  const val = (i: number): number => {
    const v = B45_INDEX[text[i]!];
    if (v === undefined)
      throw new QrServiceError('MALFORMED_PAYLOAD', 'character outside the Base45 alphabet');
    return v;
  };
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = val(i) + val(i + 1) * 45 + val(i + 2) * 2025;
      if (n > 0xffff) throw new QrServiceError('MALFORMED_PAYLOAD', 'Base45 group out of range');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = val(i) + val(i + 1) * 45;
      if (n > 0xff) throw new QrServiceError('MALFORMED_PAYLOAD', 'Base45 group out of range');
      out[o++] = n;
    }
  }
  return out;
}
