/**
 * End to end over the real PC/SC stack: pcsclite binding → libpcsclite → pcscd → vpcd → the virtual card
 * (with the PKI and ADM applets) served over TCP. Uses the card-reading helper's rig.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transport } from '@authenkit/thai-idcard';
import { createPcscTransport } from '@authenkit/thai-idcard/pcsc';
import {
  createStaffChallenge,
  iso7816Pki,
  PCSC_FEATURE,
  readReaderFeatures,
  signCms,
  staffLogin,
  thaiAdm,
  verifyCms,
  verifyStaffAssertion,
} from '@authenkit/thai-idcard/pki';
import {
  createPkiApplets,
  createVirtualCard,
  sampleCardImage,
  sampleCardSpec,
  type VirtualCard,
} from '@authenkit/thai-idcard/virtual';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../../tools/test-env';
import { serveVirtualCardToVpcd } from '../../src/virtual/vpcd.js';
import { type PcscdRig, startPcscd, VPCD_SLOTS } from '../helpers/pcscd-rig.js';
import { GET_RESPONSE_VARIANTS, opensslVerify } from '../helpers/profiles.js';

const pcsc = capability('pcsc');
const CID = sampleCardSpec().fields.citizenId;

describe.skipIf(!pcsc.available)('PIN 2 and signing over pcscd + vpcd', () => {
  let rig: PcscdRig;
  beforeAll(async () => {
    // The rig's lock serializes test files that use it; a pcscd started outside the rig (another package's
    // tests, a manual run) is waited out here for up to a minute.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        rig = await startPcscd({ waitMs: 150_000 });
        break;
      } catch (e) {
        if (!/another pcscd is running/.test(String(e)) || Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }, 240_000);
  afterAll(async () => {
    await rig?.dispose();
  });

  /** Serves `card` on the first vpcd slot, runs `fn` with a connected PC/SC transport and a temp dir, cleans up. */
  async function onVpcd(
    card: VirtualCard,
    fn: (transport: Transport, dir: string) => Promise<void>,
  ): Promise<void> {
    const slot = VPCD_SLOTS[0];
    const conn = await serveVirtualCardToVpcd(card, { port: slot.port });
    const transport = await createPcscTransport({ reader: slot.reader, signal: AbortSignal.timeout(15_000) });
    const dir = mkdtempSync(join(tmpdir(), 'authenkit-pki-'));
    try {
      await transport.connect();
      await fn(transport, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await transport.close();
      await conn.remove();
      await conn.closed;
      // G2: let pcscd see the slot empty before the next card is inserted
      await new Promise((r) => setTimeout(r, 600));
    }
  }

  // Every card profile the reader supports: both GET RESPONSE variants × both key types, through pcscd.
  for (const variant of GET_RESPONSE_VARIANTS) {
    for (const kind of ['rsa2048', 'p256'] as const) {
      it(`${variant.name}, ${kind}: PIN 2 verify, certificate read, sign (openssl accepts), staff log-in`, async () => {
        const v = await createPkiApplets({ pin2: '2580', pki: kind, serialNumber: CID });
        const image = { ...sampleCardImage(), atr: variant.atr };
        await onVpcd(createVirtualCard({ image, applets: v.applets }), async (transport, dir) => {
          expect(Buffer.from(transport.atr ?? []).toString('hex')).toBe(variant.atr);
          const pki = iso7816Pki(transport);
          await pki.verifyPin('2580');
          const certificates = await pki.readCertificates();
          expect(certificates).toHaveLength(3);
          const content = new TextEncoder().encode(`profile ${variant.p2} ${kind}\n`);
          const p7s = await signCms(content, { certificates, sign: (d, a) => pki.sign(d, a) });
          opensslVerify(p7s, content, v.pki.root.certificate, dir);
          const challenge = createStaffChallenge();
          const { assertion } = await staffLogin(transport, { pin: '2580', challenge });
          const verified = await verifyStaffAssertion(assertion, {
            trustedRoots: [v.pki.root.certificate],
            challenge,
          });
          expect(verified.citizenId).toBe(CID);
          expect(transport.connected).toBe(true);
        });
      }, 60_000);
    }
  }

  for (const kind of ['p256', 'rsa2048'] as const) {
    it(`verify ok / wrong / last-attempt guard / blocked, sign → pkijs + openssl verify (${kind})`, async () => {
      const v = await createPkiApplets({ pin2: '2580', pinTries: 3, pki: kind, serialNumber: CID });
      await onVpcd(
        createVirtualCard({ image: sampleCardImage(), applets: v.applets }),
        async (transport, dir) => {
          // the PC/SC transport offers SCardControl; vpcd has no PIN pad, so the host-PIN fallback is used
          expect(typeof transport.control).toBe('function');
          expect((await readReaderFeatures(transport)).has(PCSC_FEATURE.VERIFY_PIN_DIRECT)).toBe(false);
          const pki = iso7816Pki(transport);
          expect(await pki.pinStatus()).toEqual({ triesLeft: 3, blocked: false, verified: false });
          await pki.verifyPin('2580');
          expect((await pki.pinStatus()).verified).toBe(true);

          // sign a file's content, verify with pkijs and with `openssl cms -verify` against the test root
          const content = new TextEncoder().encode('ใบยืนยันการเข้ารับบริการ / visit confirmation\n');
          const certificates = await pki.readCertificates();
          const p7s = await signCms(content, { certificates, sign: (d, a) => pki.sign(d, a) });
          await verifyCms(p7s, content, { trustedRoots: [v.pki.root.certificate] });
          opensslVerify(p7s, content, v.pki.root.certificate, dir);
          // tampered content must fail in openssl too
          const tampered = new TextEncoder().encode('tampered');
          expect(() => opensslVerify(p7s, tampered, v.pki.root.certificate, dir)).toThrow();

          // staff log-in over the real stack
          const challenge = createStaffChallenge();
          const { assertion } = await staffLogin(transport, { pin: '2580', challenge });
          expect(
            (await verifyStaffAssertion(assertion, { trustedRoots: [v.pki.root.certificate], challenge }))
              .citizenId,
          ).toBe(CID);

          // fresh session: wrong PIN decrements, last attempt guarded, then blocked
          await transport.disconnect();
          await transport.connect();
          await expect(pki.verifyPin('0000')).rejects.toMatchObject({
            code: 'PIN_INCORRECT',
            details: { triesLeft: 2 },
          });
          await expect(pki.verifyPin('1111')).rejects.toMatchObject({
            code: 'PIN_INCORRECT',
            details: { triesLeft: 1 },
          });
          await expect(pki.verifyPin('2580')).rejects.toMatchObject({ code: 'PIN_LAST_ATTEMPT' });
          expect(v.pinState().triesLeft).toBe(1);
          await expect(pki.verifyPin('9999', { allowLastAttempt: true })).rejects.toMatchObject({
            code: 'PIN_BLOCKED',
          });
          await expect(pki.verifyPin('2580', { allowLastAttempt: true })).rejects.toMatchObject({
            code: 'PIN_BLOCKED',
          });
          expect(await pki.pinStatus()).toMatchObject({ blocked: true, triesLeft: 0 });

          // the experimental ADM flow over the same stack
          const adm = thaiAdm(transport);
          await adm.verifyPin('2580');
          await expect(adm.verifyPin('0000')).rejects.toMatchObject({
            code: 'PIN_INCORRECT',
            details: { triesLeft: 2 },
          });
        },
      );
    });
  }
});
