import { describe, expect, it, vi } from 'vitest';

// Wrap pkijs' exported setEngine so any call from this package is recorded (pkijs' own module-init call
// uses its internal binding and is not seen here).
vi.mock('pkijs', async (importOriginal) => {
  const real = await importOriginal<typeof import('pkijs')>();
  return { ...real, setEngine: vi.fn(real.setEngine) };
});

describe('pkijs crypto engine is passed per call, never set globally', () => {
  it('runs generate → sign → verify → staff log-in without touching the global engine', async () => {
    const pkijs = await import('pkijs');
    const engineBefore = pkijs.getEngine();
    const { createStaffChallenge, staffLogin, verifyStaffAssertion } = await import(
      '@authenkit/thai-idcard/pki'
    );
    const { createVirtualTransport } = await import('@authenkit/thai-idcard/virtual');
    for (const kind of ['p256', 'rsa2048'] as const) {
      const { transport, pki } = await createVirtualTransport({ pin2: '1234', pki: kind });
      const challenge = createStaffChallenge();
      const { assertion } = await staffLogin(transport, { pin: '1234', challenge });
      await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
    }
    expect(vi.mocked(pkijs.setEngine)).not.toHaveBeenCalled();
    expect(pkijs.getEngine()).toBe(engineBefore);
  });

  it('still works when the global engine is unusable (proves the engine is passed explicitly)', async () => {
    const pkijs = await import('pkijs');
    const original = pkijs.getEngine();
    const broken = new Proxy(
      {},
      {
        get: () => {
          throw new Error('global pkijs engine used');
        },
      },
    );
    // The test itself poisons the global engine; the library must not depend on it.
    (pkijs.setEngine as unknown as (n: string, c: unknown) => void)('poisoned', broken);
    try {
      const { iso7816Pki, signCms, verifyCms } = await import('@authenkit/thai-idcard/pki');
      const { createVirtualTransport } = await import('@authenkit/thai-idcard/virtual');
      const { transport, pki } = await createVirtualTransport({ pki: 'p256' });
      const card = iso7816Pki(transport);
      await card.verifyPin('1234');
      const certificates = await card.readCertificates();
      const content = new TextEncoder().encode('x');
      const p7s = await signCms(content, { certificates, sign: (d, a) => card.sign(d, a) });
      await verifyCms(p7s, content, { trustedRoots: [pki.root.certificate] });
    } finally {
      pkijs.setEngine(original.name, original.crypto as never);
    }
  });
});
