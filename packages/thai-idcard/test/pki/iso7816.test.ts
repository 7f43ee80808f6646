import { isThaiIdCardError } from '@authenkit/thai-idcard';
import { describeCertificate, iso7816Pki, SecretPin, signCms, verifyCms } from '@authenkit/thai-idcard/pki';
import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    expect(isThaiIdCardError(e)).toBe(true);
    return (e as { code: string; details?: Record<string, unknown> }).code;
  }
  throw new Error('expected a rejection');
}

describe.each([
  ['p256', 'T0'],
  ['rsa2048', 'T0'],
  ['rsa2048', 'T1'],
] as const)('iso7816Pki on the in-process virtual card (%s, %s)', (kind, protocol) => {
  it('verify ok, wrong PIN decrements, last-attempt guard, block', async () => {
    const { transport, controller } = await createVirtualTransport({
      pin2: '2468',
      pinTries: 3,
      pki: kind,
      protocol,
    });
    const card = iso7816Pki(transport);
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, blocked: false, verified: false });

    const e1 = await card.verifyPin('1111').catch((e) => e);
    expect(e1.code).toBe('PIN_INCORRECT');
    expect(e1.details.triesLeft).toBe(2);
    expect((await card.pinStatus()).triesLeft).toBe(2);

    await expect(card.verifyPin('9999')).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 1 },
    });
    // one try left: refused without sending a VERIFY
    const before = controller.pinState();
    expect(await codeOf(card.verifyPin('2468'))).toBe('PIN_LAST_ATTEMPT');
    expect(controller.pinState()).toEqual(before);
    // the right PIN with the explicit opt-in works and restores the counter
    await card.verifyPin('2468', { allowLastAttempt: true });
    expect(await card.pinStatus()).toEqual({ triesLeft: null, blocked: false, verified: true });
    expect(controller.pinState().triesLeft).toBe(3);

    // block it: 3 wrong (the last with opt-in)
    await transport.disconnect();
    await transport.connect(); // reset drops "verified", keeps the counter
    expect((await card.pinStatus()).verified).toBe(false);
    await expect(card.verifyPin('0000')).rejects.toMatchObject({ code: 'PIN_INCORRECT' });
    await expect(card.verifyPin('0000')).rejects.toMatchObject({ code: 'PIN_INCORRECT' });
    expect(await codeOf(card.verifyPin('0000', { allowLastAttempt: true }))).toBe('PIN_BLOCKED');
    expect(await card.pinStatus()).toEqual({ triesLeft: 0, blocked: true, verified: false });
    expect(await codeOf(card.verifyPin('2468', { allowLastAttempt: true }))).toBe('PIN_BLOCKED');
    controller.resetPins();
    await card.verifyPin('2468');
  });

  it('a verified session still checks a given PIN (a wrong one is refused and counted)', async () => {
    const { transport, controller } = await createVirtualTransport({ pin2: '2468', pki: kind, protocol });
    const card = iso7816Pki(transport);
    await card.verifyPin('2468');
    await expect(card.verifyPin('1111')).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 2 },
    });
    expect(controller.pinState()).toMatchObject({ verified: false, triesLeft: 2 });
  });

  it('format checked before any APDU', async () => {
    const { transport, card: vcard } = await createVirtualTransport({ pki: kind, protocol });
    const card = iso7816Pki(transport);
    const n = vcard.stats.apdus;
    for (const bad of ['12', '123456789', '12a4', ''])
      expect(await codeOf(card.verifyPin(bad))).toBe('PIN_FORMAT');
    expect(vcard.stats.apdus).toBe(n);
  });

  it('PIN copy is wiped after use; caller buffer untouched', async () => {
    const { transport } = await createVirtualTransport({ pki: kind, protocol });
    const card = iso7816Pki(transport);
    const mine = new TextEncoder().encode('1234');
    const pin = SecretPin.from(mine);
    await card.verifyPin(pin);
    expect(pin.wiped).toBe(true);
    expect(Array.from(mine)).toEqual([0x31, 0x32, 0x33, 0x34]);
    const wrong = SecretPin.from('5555');
    await card.verifyPin(wrong).catch(() => {});
    expect(wrong.wiped).toBe(true);
  });

  it('sign without PIN → SECURITY_STATUS; sign after PIN → CMS verifies', async () => {
    const { transport, pki } = await createVirtualTransport({ pki: kind, protocol });
    const card = iso7816Pki(transport);
    const certificates = await card.readCertificates();
    expect(certificates).toHaveLength(3);
    expect(describeCertificate(certificates[0]!).keyType).toBe(kind === 'p256' ? 'EC' : 'RSA');
    expect(
      await codeOf(
        card.sign(new Uint8Array(32), {
          name: kind === 'p256' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5',
          hash: 'SHA-256',
        }),
      ),
    ).toBe('SECURITY_STATUS');
    await card.verifyPin('1234');
    const content = new TextEncoder().encode('ยืนยันการเข้ารับบริการ');
    const schemes = kind === 'p256' ? (['pkcs1'] as const) : (['pkcs1', 'pss'] as const);
    for (const rsaScheme of schemes) {
      const p7s = await signCms(content, { certificates, sign: (d, a) => card.sign(d, a) }, { rsaScheme });
      const v = await verifyCms(p7s, content, { trustedRoots: [pki.root.certificate] });
      expect(v.signer.keyType).toBe(kind === 'p256' ? 'EC' : 'RSA');
      // tampered content fails
      await expect(
        verifyCms(p7s, new TextEncoder().encode('other'), { trustedRoots: [pki.root.certificate] }),
      ).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
      // another root fails the chain
      await expect(
        verifyCms(p7s, content, { trustedRoots: [pki.intermediate.certificate.slice(0, 10)] }),
      ).rejects.toMatchObject({ code: 'CERTIFICATE_INVALID' });
    }
  });

  it('SHA-384 / SHA-512 digests', async () => {
    const { transport, pki } = await createVirtualTransport({ pki: kind, protocol });
    const card = iso7816Pki(transport);
    await card.verifyPin('1234');
    const certificates = await card.readCertificates();
    const content = new TextEncoder().encode('hash variants');
    for (const hash of ['SHA-384', 'SHA-512'] as const) {
      const p7s = await signCms(content, { certificates, sign: (d, a) => card.sign(d, a) }, { hash });
      await verifyCms(p7s, content, { trustedRoots: [pki.root.certificate] });
    }
    await expect(card.sign(new Uint8Array(20), { name: 'ECDSA', hash: 'SHA-256' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('internal authenticate: the card key signs the challenge', async () => {
    const { transport, pki } = await createVirtualTransport({ pki: kind, protocol });
    const card = iso7816Pki(transport);
    const msg = new TextEncoder().encode('challenge-123');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', msg));
    const prefix = Uint8Array.of(
      0x30,
      0x31,
      0x30,
      0x0d,
      0x06,
      0x09,
      0x60,
      0x86,
      0x48,
      0x01,
      0x65,
      0x03,
      0x04,
      0x02,
      0x01,
      0x05,
      0x00,
      0x04,
      0x20,
    );
    const input = kind === 'p256' ? digest : Uint8Array.from([...prefix, ...digest]);
    const sig = await card.internalAuthenticate(input);
    const jwk = { ...pki.card.privateJwk };
    delete jwk.d;
    delete jwk.p;
    delete jwk.q;
    delete jwk.dp;
    delete jwk.dq;
    delete jwk.qi;
    jwk.key_ops = ['verify'];
    const alg =
      kind === 'p256'
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const pub = await crypto.subtle.importKey('jwk', jwk, alg, false, ['verify']);
    const ok = await crypto.subtle.verify(
      kind === 'p256' ? { name: 'ECDSA', hash: 'SHA-256' } : alg,
      pub,
      new Uint8Array(sig),
      msg,
    );
    expect(ok).toBe(true);
  });
});
