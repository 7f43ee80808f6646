import { isThaiIdCardError } from '@authenkit/thai-idcard';
import {
  describeCertificate,
  iso7816Pki,
  type PkiTransport,
  signCms,
  thaiAdm,
  verifyCertificateChain,
  verifyCms,
  verifyStaffAssertion,
} from '@authenkit/thai-idcard/pki';
import { createVirtualTransport, type generateTestPki } from '@authenkit/thai-idcard/virtual';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';

async function onlyTyped(fn: () => Promise<unknown> | unknown) {
  try {
    await fn();
  } catch (e) {
    if (!isThaiIdCardError(e)) throw new Error(`untyped error: ${String(e)}`);
  }
}

let pki: Awaited<ReturnType<typeof generateTestPki>>;
let goodCms: Uint8Array;
const content = new TextEncoder().encode('fuzz');

beforeAll(async () => {
  const v = await createVirtualTransport({ pki: 'p256' });
  pki = v.pki;
  const card = iso7816Pki(v.transport);
  await card.verifyPin('1234');
  goodCms = await signCms(content, {
    certificates: await card.readCertificates(),
    sign: (d, a) => card.sign(d, a),
  });
});

const mutate = (base: Uint8Array) =>
  fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 })
    .map((edits) => {
      const b = Uint8Array.from(base);
      for (const [pos, x] of edits) b[pos % b.length]! ^= x;
      return b;
    });

describe('fuzzed certificate bytes give typed errors only', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        await onlyTyped(() => describeCertificate(bytes));
        await onlyTyped(() => verifyCertificateChain([bytes], { trustedRoots: [pki.root.certificate] }));
        await onlyTyped(() => verifyCertificateChain([pki.card.certificate], { trustedRoots: [bytes] }));
      }),
      { numRuns: 150 },
    );
  });

  it('bit-flipped real certificates', async () => {
    await fc.assert(
      fc.asyncProperty(mutate(pki.card.certificate), async (bytes) => {
        await onlyTyped(() => describeCertificate(bytes));
        await onlyTyped(() =>
          verifyCertificateChain([bytes, pki.intermediate.certificate], {
            trustedRoots: [pki.root.certificate],
          }),
        );
      }),
      { numRuns: 120 },
    );
  });

  it('bit-flipped and random CMS', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutate(goodCms), fc.uint8Array({ maxLength: 400 })), async (bytes) => {
        await onlyTyped(() => verifyCms(bytes, content, { trustedRoots: [pki.root.certificate] }));
      }),
      { numRuns: 150 },
    );
  });

  it('random assertions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({
            format: fc.constant('authenkit.signed-claims.v1'),
            payload: fc.string(),
            signature: fc.string(),
          }),
          fc.record({
            format: fc.constant('authenkit.signed-claims.v1'),
            payload: fc.json().map((j) => Buffer.from(j).toString('base64url')),
            signature: fc.constant(Buffer.from(goodCms).toString('base64')),
          }),
        ),
        async (a) => {
          await onlyTyped(() =>
            verifyStaffAssertion(a, { trustedRoots: [pki.root.certificate], challenge: 'c'.repeat(20) }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('fuzzed card responses give typed errors only', () => {
  const randomCard = (responses: Uint8Array[]): PkiTransport => {
    let i = 0;
    return { transmit: async () => responses[i++ % responses.length]! };
  };
  const response = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc
      .tuple(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(0x9000, 0x6100, 0x6110, 0x6c08, 0x63c1, 0x63c0, 0x6982, 0x6983, 0x6a82, 0x6282),
      )
      .map(([d, sw]) => Uint8Array.from([...d, sw >> 8, sw & 0xff])),
  );

  it('iso7816Pki and thaiAdm operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(response, { minLength: 1, maxLength: 8 }), async (responses) => {
        const card = iso7816Pki(randomCard(responses));
        await onlyTyped(() => card.pinStatus());
        await onlyTyped(() => card.verifyPin('1234', { allowLastAttempt: true }));
        await onlyTyped(() => card.readCertificates());
        await onlyTyped(() => card.sign(new Uint8Array(32), { name: 'ECDSA', hash: 'SHA-256' }));
        await onlyTyped(() => card.internalAuthenticate(new Uint8Array(16)));
        await onlyTyped(() => thaiAdm(randomCard(responses)).verifyPin('1234', { allowLastAttempt: true }));
      }),
      { numRuns: 200 },
    );
  });

  it('corrupted certificate files on the virtual card', async () => {
    const { transport } = await createVirtualTransport({ pki: 'p256' });
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (pos, x) => {
        const corrupting: PkiTransport = {
          async transmit(apdu, o) {
            const r = Uint8Array.from(await transport.transmit(apdu, o));
            if (apdu[1] === 0xb0 && r.length > 2) r[pos % (r.length - 2)]! ^= x;
            return r;
          },
        };
        await onlyTyped(async () => {
          const certs = await iso7816Pki(corrupting).readCertificates();
          await verifyCertificateChain(certs, { trustedRoots: [pki.root.certificate] });
        });
      }),
      { numRuns: 60 },
    );
  });
});
