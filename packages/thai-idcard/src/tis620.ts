/**
 * TIS-620 text codec: the one implementation lives in `@authenkit/authen-code` (table based, decodes every
 * byte as `TextDecoder('windows-874')` did). This module keeps thai-idcard's exports and its error class.
 */
import { decodeTis620 as decode, encodeTis620 as encode, isAuthenCodeError } from '@authenkit/authen-code';
import { ThaiIdCardError } from './errors.js';

/**
 * Decodes TIS-620 bytes to a string (no trimming).
 *
 * @example
 * ```ts
 * import { decodeTis620 } from '@authenkit/thai-idcard';
 * console.log(decodeTis620(Uint8Array.of(0xb9, 0xd2, 0xc2))); // 'นาย'
 * ```
 */
export function decodeTis620(bytes: Uint8Array): string {
  return decode(bytes);
}

/**
 * Encodes a string as TIS-620 (ASCII + Thai U+0E01–U+0E5B). Throws `INVALID_ARGUMENT` for characters
 * outside TIS-620. Used by the virtual card to build card images.
 *
 * @example
 * ```ts
 * import { encodeTis620 } from '@authenkit/thai-idcard';
 * console.log(encodeTis620('นาย')); // Uint8Array(3) [ 185, 210, 194 ]
 * ```
 */
export function encodeTis620(text: string): Uint8Array<ArrayBuffer> {
  try {
    return encode(text);
  } catch (e) {
    if (isAuthenCodeError(e)) throw new ThaiIdCardError('INVALID_ARGUMENT', e.message, { cause: e });
    throw e;
  }
}
