import { createHash } from 'node:crypto';
import {
  base45Decode,
  base45Encode,
  crc16CcittFalse,
  isQrAlphanumeric,
  isQrServiceError,
  QR_ALPHANUMERIC_CHARSET,
} from '@authenkit/qr-service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha512 } from '../src/sha512.js';

describe('CRC-16/CCITT-FALSE', () => {
  it('has the catalogue check value 0x29B1 for "123456789"', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });
  it('matches the well-known value for "A" (0xB915)', () => {
    expect(crc16CcittFalse('A')).toBe(0xb915);
  });
  it('is 0xFFFF for empty input (init value, no final XOR)', () => {
    expect(crc16CcittFalse('')).toBe(0xffff);
  });
});

describe('Base45 (RFC 9285)', () => {
  const enc = (s: string) => base45Encode(new TextEncoder().encode(s));
  it('matches the RFC 9285 examples', () => {
    expect(enc('AB')).toBe('BB8');
    expect(enc('Hello!!')).toBe('%69 VD92EX0');
    expect(enc('base-45')).toBe('UJCLQE7W581');
    expect(new TextDecoder().decode(base45Decode('QED8WEX0'))).toBe('ietf!');
  });
  it('round-trips any bytes and only uses QR alphanumeric characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const s = base45Encode(bytes);
        expect(isQrAlphanumeric(s)).toBe(true);
        expect(base45Decode(s)).toEqual(bytes);
      }),
    );
  });
  it('rejects bad input with MALFORMED_PAYLOAD (dangling char, overflow, foreign char)', () => {
    for (const bad of ['A', 'GGW', 'ZZ', 'ab', '::::']) {
      try {
        base45Decode(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(isQrServiceError(e) && e.code).toBe('MALFORMED_PAYLOAD');
      }
    }
  });
  it('QR alphanumeric charset is the 45 characters of ISO/IEC 18004', () => {
    expect(QR_ALPHANUMERIC_CHARSET).toHaveLength(45);
    expect(isQrAlphanumeric('0004AK01 $%*+-./:')).toBe(true);
    expect(isQrAlphanumeric('abc')).toBe(false);
    expect(isQrAlphanumeric('ก')).toBe(false);
  });
});

describe('internal SHA-512', () => {
  it('equals node:crypto on block-boundary lengths and random input', () => {
    for (const n of [0, 1, 111, 112, 127, 128, 129, 239, 240, 256]) {
      const m = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(Buffer.from(sha512(m)).toString('hex')).toBe(createHash('sha512').update(m).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (m) => {
        expect(Buffer.from(sha512(m)).toString('hex')).toBe(createHash('sha512').update(m).digest('hex'));
      }),
      { numRuns: 60 },
    );
  });
});
