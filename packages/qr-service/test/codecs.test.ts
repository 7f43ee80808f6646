import { createPrivateKey, createPublicKey, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import {
  base45Decode,
  base45Encode,
  crc16CcittFalse,
  getQrPublicKey,
  isQrAlphanumeric,
  isQrServiceError,
  QR_ALPHANUMERIC_CHARSET,
  toHex,
} from '@authenkit/qr-service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBytes, verifyBytes } from '../src/keys.js';

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

describe('Ed25519 (@noble/ed25519 + @noble/hashes) interoperates with node:crypto', () => {
  it('signatures made here verify with node:crypto and the other way round', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 400 }),
        (seed, m) => {
          const pub = getQrPublicKey(seed);
          const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
          const priv = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
          const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
          expect(toHex(spki.subarray(-32))).toBe(toHex(pub));
          const sig = signBytes(m, seed);
          expect(toHex(sig)).toBe(toHex(cryptoSign(null, m, priv)));
          expect(cryptoVerify(null, m, createPublicKey(priv), sig)).toBe(true);
          expect(verifyBytes(sig, m, pub)).toBe(true);
          const bad = Uint8Array.from(sig);
          bad[0]! ^= 1;
          expect(verifyBytes(bad, m, pub)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });
});
