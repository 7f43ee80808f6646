import { AuthenCodeError, decodeTis620, encodeTis620, tryEncodeTis620 } from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Every Thai character TIS-620 has: U+0E01–U+0E3A and U+0E3F–U+0E5B. */
const THAI = [...Array(0x5b)].map((_, i) => 0x0e01 + i).filter((c) => c <= 0x0e3a || c >= 0x0e3f);
const thaiOrAscii = fc.constantFrom(
  ...THAI.map((c) => String.fromCharCode(c)),
  ...[...Array(0x80)].map((_, i) => String.fromCharCode(i)),
);

describe('TIS-620: the one codec (card text, QR unit names)', () => {
  it('round-trips every Thai letter and every ASCII character, alone and in any text', () => {
    expect(THAI).toHaveLength(87);
    for (const c of [...THAI, ...Array(0x80).keys()]) {
      const ch = String.fromCharCode(c);
      const bytes = encodeTis620(ch);
      expect(bytes).toHaveLength(1);
      expect(decodeTis620(bytes)).toBe(ch);
      expect(decodeTis620(bytes, { strict: true })).toBe(ch);
    }
    fc.assert(
      fc.property(fc.string({ unit: thaiOrAscii, maxLength: 200 }), (text) => {
        const bytes = encodeTis620(text);
        expect(bytes).toHaveLength(text.length);
        expect(tryEncodeTis620(text)).toEqual(bytes);
        expect(decodeTis620(bytes)).toBe(text);
        expect(decodeTis620(bytes, { strict: true })).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('byte ranges: ASCII, Thai 0xA1–0xDA and 0xDF–0xFB, the rest as windows-874 (and refused when strict)', () => {
    const one = (b: number) => decodeTis620(Uint8Array.of(b));
    expect(one(0x41)).toBe('A');
    expect(one(0xa1)).toBe('ก');
    expect(one(0xda)).toBe('\u0e3a');
    expect(one(0xdf)).toBe('฿');
    expect(one(0xfb)).toBe('\u0e5b');
    expect(one(0x80)).toBe('€');
    expect(one(0x85)).toBe('…');
    expect(one(0x91) + one(0x92) + one(0x93) + one(0x94)).toBe('\u2018\u2019\u201c\u201d');
    expect(one(0x95) + one(0x96) + one(0x97)).toBe('\u2022\u2013\u2014');
    expect(one(0x81)).toBe('\u0081');
    expect(one(0x9f)).toBe('\u009f');
    expect(one(0xa0)).toBe('\u00a0');
    expect([0xdb, 0xdc, 0xdd, 0xde, 0xfc, 0xfd, 0xfe, 0xff].map(one).join('')).toBe('\ufffd'.repeat(8));
    for (let b = 0; b < 256; b++) {
      const proper = b < 0x80 || (b >= 0xa1 && b <= 0xda) || (b >= 0xdf && b <= 0xfb);
      const strict = () => decodeTis620(Uint8Array.of(0x41, b), { strict: true });
      if (proper) expect(strict()).toBe(`A${one(b)}`);
      else {
        expect(strict).toThrow(AuthenCodeError);
        try {
          strict();
        } catch (e) {
          expect((e as AuthenCodeError).code).toBe('INVALID_ARGUMENT');
          expect((e as AuthenCodeError).details).toEqual({ offset: 1, byte: b });
        }
      }
    }
  });

  it("decodes every assigned byte as this runtime's TextDecoder('windows-874') (what the card reader used)", () => {
    // The eight unassigned bytes are U+FFFD by the WHATWG Encoding Standard (browsers, Node 24); Node 20's ICU
    // decoder gives them private-use code points instead, so they are compared with the standard above.
    const unassigned = new Set([0xdb, 0xdc, 0xdd, 0xde, 0xfc, 0xfd, 0xfe, 0xff]);
    const assigned = Uint8Array.from(Array.from(Array(256).keys()).filter((b) => !unassigned.has(b)));
    expect(decodeTis620(assigned)).toBe(new TextDecoder('windows-874').decode(assigned));
  });

  it('encodes only TIS-620: other characters are undefined / INVALID_ARGUMENT naming the code point', () => {
    for (const text of ['€', '\u00a0', 'é', '\uf8c1', 'ก😀', '\u0e3b', '\u0e5c']) {
      expect(tryEncodeTis620(text), text).toBeUndefined();
      expect(() => encodeTis620(text)).toThrow(AuthenCodeError);
    }
    expect(() => encodeTis620('ab€')).toThrow('character U+20AC is not in TIS-620');
    expect(() => encodeTis620('ก😀')).toThrow('character U+1F600 is not in TIS-620');
  });
});
