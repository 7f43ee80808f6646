import { AuthenCodeError, fromHex, toHex } from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('hex: the one codec', () => {
  it('round-trips any bytes, lower-case out, either case in', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const hex = toHex(bytes);
        expect(hex).toMatch(/^(?:[0-9a-f]{2})*$/);
        expect(fromHex(hex)).toEqual(bytes);
        expect(fromHex(hex.toUpperCase())).toEqual(bytes);
      }),
    );
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff');
    expect(fromHex('90 00\nAB:cd')).toEqual(Uint8Array.of(0x90, 0, 0xab, 0xcd));
  });
  it('refuses odd lengths and non-hex characters with INVALID_ARGUMENT', () => {
    for (const bad of ['a', 'zz', '0x00', 'ab-cd', '１２']) {
      expect(() => fromHex(bad), bad).toThrow(AuthenCodeError);
      try {
        fromHex(bad);
      } catch (e) {
        expect((e as AuthenCodeError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});
