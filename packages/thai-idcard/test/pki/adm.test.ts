import { createCipheriv, createHash } from 'node:crypto';
import { SecretPin, thaiAdm } from '@authenkit/thai-idcard/pki';
import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admPinAnswer } from '../../src/pki/adm.js';
import { tripleDesCbcEncrypt } from '../../src/pki/des.js';

describe('3DES (pure TS) matches OpenSSL', () => {
  it('agrees with node:crypto des-ede3-cbc on random keys/data', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.uint8Array({ minLength: n * 8, maxLength: n * 8 })),
        (key, iv, data) => {
          const c = createCipheriv('des-ede3-cbc', key, iv);
          c.setAutoPadding(false);
          const expected = Buffer.concat([c.update(data), c.final()]);
          expect(Buffer.from(tripleDesCbcEncrypt(key, iv, data)).equals(expected)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('ADM PIN answer (Advanced-Logic algorithm)', () => {
  it('matches an independent node:crypto implementation of the published steps', async () => {
    const challenge = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 7) & 0xff);
    const pin = '4821';
    // independent reimplementation with node:crypto
    const expanded = Buffer.alloc(32, 0xff);
    expanded.write(pin, 'ascii');
    const h = createHash('sha1').update(expanded).digest();
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    for (let i = 0, j = 0; i < 20; i += 4, j += 7) h.copy(key, j, i, i + 4);
    let x = Buffer.from(challenge);
    for (let i = 0; i <= 16; i += 8) {
      const k = Buffer.concat([key.subarray(i, i + 8), key.subarray(i + 8, i + 16), key.subarray(i, i + 8)]);
      const c = createCipheriv('des-ede3-cbc', k, Buffer.alloc(8));
      c.setAutoPadding(false);
      x = Buffer.concat([c.update(x), c.final()]);
    }
    const mine = await admPinAnswer(SecretPin.from(pin), challenge);
    expect(Buffer.from(mine).toString('hex')).toBe(x.toString('hex'));
  });
});

describe('thaiAdm profile (experimental) on the virtual card', () => {
  it('verifies, counts down with 63xx, guards the last attempt, blocks', async () => {
    const { transport, controller } = await createVirtualTransport({ pin2: '4821', pinTries: 3 });
    const adm = thaiAdm(transport);
    expect(adm.experimental).toBe(true);
    expect(await adm.pinStatus()).toEqual({ triesLeft: null, blocked: false, verified: false });
    await adm.verifyPin('4821');
    expect((await adm.pinStatus()).verified).toBe(true);
    await expect(adm.verifyPin('0000')).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 2 },
    });
    await expect(adm.verifyPin('0000')).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 1 },
    });
    const before = controller.admPinState();
    await expect(adm.verifyPin('0000')).rejects.toMatchObject({ code: 'PIN_LAST_ATTEMPT' });
    expect(controller.admPinState()).toEqual(before);
    await expect(adm.verifyPin('0000', { allowLastAttempt: true })).rejects.toMatchObject({
      code: 'PIN_BLOCKED',
    });
    expect(controller.admPinState().blocked).toBe(true);
    // a fresh profile instance (no memory) still gets PIN_BLOCKED from the card (6983)
    await expect(thaiAdm(transport).verifyPin('4821')).rejects.toMatchObject({ code: 'PIN_BLOCKED' });
    // the PKI applet's PIN 2 has its own counter
    expect(controller.pinState().blocked).toBe(false);
    controller.resetPins();
    await thaiAdm(transport).verifyPin('4821');
  });

  it('rejects bad formats without APDUs and does not sign', async () => {
    const { transport, card } = await createVirtualTransport({});
    const adm = thaiAdm(transport);
    const n = card.stats.apdus;
    await expect(adm.verifyPin('12345')).rejects.toMatchObject({ code: 'PIN_FORMAT' });
    await expect(adm.verifyPin('12a4')).rejects.toMatchObject({ code: 'PIN_FORMAT' });
    expect(card.stats.apdus).toBe(n);
    await expect(adm.sign(new Uint8Array(32), { name: 'ECDSA', hash: 'SHA-256' })).rejects.toMatchObject({
      code: 'NOT_SUPPORTED_BY_CARD',
    });
    await expect(adm.readCertificates()).rejects.toMatchObject({ code: 'NOT_SUPPORTED_BY_CARD' });
  });

  it('keeps the laser-code command of the ADM applet working', async () => {
    const { readThaiIdCard } = await import('@authenkit/thai-idcard');
    const { transport } = await createVirtualTransport({});
    const data = await readThaiIdCard(transport, { laser: true });
    expect(data.laserCode).toMatch(/^[A-Z]{2}\d{10}$/);
  });
});
