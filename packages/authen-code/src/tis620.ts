/**
 * The one TIS-620 codec of AuthenKit (Thai ID card text, the unit name of a service QR). Browser-safe, table
 * based (no `TextDecoder` label support needed, same result on every platform).
 *
 * TIS-620 proper: bytes 0x00–0x7F are ASCII, 0xA1–0xDA are U+0E01–U+0E3A and 0xDF–0xFB are U+0E3F–U+0E5B.
 * The other bytes are decoded as the WHATWG Encoding Standard's windows-874 decodes them (browsers, and
 * Node's `TextDecoder('windows-874')`, which the card reader used): 0x80 `€`, 0x85 `…`, 0x91–0x97 quotes and
 * dashes, 0xA0 no-break space, the other 0x81–0x9F as the C1 control of the same number, and the eight
 * unassigned 0xDB–0xDE, 0xFC–0xFF as U+FFFD. (Node 20's ICU decoder gave those eight the private-use
 * U+F8C1–U+F8C8 instead; Node 24 follows the standard. This table gives the same result everywhere.)
 *
 * @module
 */
import { AuthenCodeError } from './errors.js';

/** windows-874 extras over TIS-620 (byte → code point); other 0x80–0x9F bytes map to U+0080–U+009F. */
const EXTRA: Readonly<Record<number, number>> = {
  128: 0x20ac,
  133: 0x2026,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
};

/** True for a byte of TIS-620 proper (ASCII or a Thai character). */
const isTis620Byte = (b: number): boolean => b < 0x80 || (b >= 0xa1 && b <= 0xda) || (b >= 0xdf && b <= 0xfb);

function codePointOf(b: number): number {
  if (b < 0x80) return b;
  if (isTis620Byte(b)) return b - 0xa0 + 0x0e00;
  if (b <= 0xa0) return EXTRA[b] ?? b;
  return 0xfffd; // 0xDB–0xDE, 0xFC–0xFF: unassigned in windows-874
}

/**
 * Options of {@link decodeTis620}.
 *
 * @example
 * ```ts
 * import type { DecodeTis620Options } from '@authenkit/authen-code';
 * const o: DecodeTis620Options = { strict: true };
 * ```
 */
export interface DecodeTis620Options {
  /**
   * Accept only TIS-620 proper (ASCII and Thai); any other byte throws `INVALID_ARGUMENT` (default `false`:
   * decode every byte as windows-874, see the module notes).
   */
  strict?: boolean | undefined;
}

/**
 * Decodes TIS-620 bytes to a string (no trimming). By default every byte decodes (windows-874, as the card
 * reader always did); with `strict: true` a byte outside TIS-620 proper throws.
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` in strict mode (`details.offset`, `details.byte`).
 * @example
 * ```ts
 * import { decodeTis620 } from '@authenkit/authen-code';
 * console.log(decodeTis620(Uint8Array.of(0xb9, 0xd2, 0xc2))); // 'นาย'
 * ```
 */
export function decodeTis620(bytes: Uint8Array, options?: DecodeTis620Options): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (options?.strict && !isTis620Byte(b))
      throw new AuthenCodeError('INVALID_ARGUMENT', `byte 0x${b.toString(16)} is not a TIS-620 character`, {
        details: { offset: i, byte: b },
      });
    s += String.fromCharCode(codePointOf(b));
  }
  return s;
}

/**
 * Encodes text as TIS-620 (ASCII + Thai U+0E01–U+0E3A, U+0E3F–U+0E5B → 0xA1–0xFB), or `undefined` when a
 * character has no TIS-620 byte.
 *
 * @example
 * ```ts
 * import { tryEncodeTis620 } from '@authenkit/authen-code';
 * console.log(tryEncodeTis620('นาย'), tryEncodeTis620('😀')); // Uint8Array(3) [ 185, 210, 194 ] undefined
 * ```
 */
export function tryEncodeTis620(text: string): Uint8Array<ArrayBuffer> | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if ((c >= 0x0e01 && c <= 0x0e3a) || (c >= 0x0e3f && c <= 0x0e5b)) out[i] = c - 0x0e00 + 0xa0;
    else return undefined;
  }
  return out;
}

/**
 * Encodes text as TIS-620 (see {@link tryEncodeTis620}).
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for a character outside TIS-620 (named by its code point).
 * @example
 * ```ts
 * import { encodeTis620 } from '@authenkit/authen-code';
 * console.log(encodeTis620('นาย')); // Uint8Array(3) [ 185, 210, 194 ]
 * ```
 */
export function encodeTis620(text: string): Uint8Array<ArrayBuffer> {
  const out = tryEncodeTis620(text);
  if (out) return out;
  const bad = [...text].find((ch) => tryEncodeTis620(ch) === undefined)!;
  throw new AuthenCodeError(
    'INVALID_ARGUMENT',
    `character U+${bad.codePointAt(0)!.toString(16).toUpperCase()} is not in TIS-620`,
  );
}
