/**
 * TIS-620 text codec. Decoding uses the platform's `TextDecoder('windows-874')` (a superset of TIS-620,
 * WHATWG Encoding Standard); encoding uses a reverse map built once from that same decoder.
 */
import { ThaiIdCardError } from './errors.js';

let decoder: TextDecoder | undefined;
let encoder: Map<string, number> | undefined;

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
  decoder ??= new TextDecoder('windows-874');
  return decoder.decode(bytes);
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
  if (!encoder) {
    const d = new TextDecoder('windows-874');
    encoder = new Map();
    for (let b = 0xa1; b <= 0xfb; b++) {
      const ch = d.decode(Uint8Array.of(b));
      if (ch !== '\ufffd') encoder.set(ch, b);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = encoder.get(ch);
      if (b === undefined) {
        throw new ThaiIdCardError(
          'INVALID_ARGUMENT',
          `character U+${code.toString(16).toUpperCase()} is not in TIS-620`,
        );
      }
      out.push(b);
    }
  }
  return Uint8Array.from(out);
}
