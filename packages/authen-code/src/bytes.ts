/**
 * The one hex codec of AuthenKit (APDUs, keys, fingerprints). Browser-safe.
 *
 * @module
 */
import { AuthenCodeError } from './errors.js';

/**
 * Lower-case hex of bytes.
 *
 * @example
 * ```ts
 * import { toHex } from '@authenkit/authen-code';
 * console.log(toHex(Uint8Array.of(0x90, 0x00, 0xab))); // '9000ab'
 * ```
 */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Parses hex (either case; spaces and colons between digits allowed, e.g. `90 00` or `ab:cd`) into bytes.
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for an odd number of digits or a non-hex character.
 * @example
 * ```ts
 * import { fromHex } from '@authenkit/authen-code';
 * console.log(fromHex('90 00')); // Uint8Array(2) [ 144, 0 ]
 * ```
 */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const clean = String(hex).replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean))
    throw new AuthenCodeError(
      'INVALID_ARGUMENT',
      'invalid hex string: an even number of 0-9 a-f digits expected',
    );
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
