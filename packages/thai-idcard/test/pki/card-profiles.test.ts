/**
 * PIN 2 verify, signing (CMS that `openssl cms -verify` accepts), the certificate read and the staff log-in on
 * every card profile the reader supports: both GET RESPONSE variants (`00 C0 00 00` default, `00 C0 00 01` for
 * ATR `3B 67`) × both key types, on the in-process virtual card. The pcscd twin is in pcsc-e2e.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileForAtr, wrapTransport } from '@authenkit/thai-idcard';
import {
  createStaffChallenge,
  describeCertificate,
  iso7816Pki,
  signCms,
  staffLogin,
  verifyCms,
  verifyStaffAssertion,
} from '@authenkit/thai-idcard/pki';
import { createVirtualTransport, sampleCardImage } from '@authenkit/thai-idcard/virtual';
import { afterAll, describe, expect, it } from 'vitest';
import { GET_RESPONSE_VARIANTS, opensslVerify } from '../helpers/profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'authenkit-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(GET_RESPONSE_VARIANTS)('$name', ({ atr, p2 }) => {
  it.each(['rsa2048', 'p256'] as const)(
    '%s: PIN 2 verify, certificate read, sign (openssl accepts), staff log-in',
    async (kind) => {
      expect(profileForAtr(Uint8Array.from(Buffer.from(atr, 'hex'))).getResponseP2).toBe(p2);
      const { transport, pki, card } = await createVirtualTransport({
        image: { ...sampleCardImage(), atr },
        pin2: '2468',
        pki: kind,
      });
      const seen: number[] = [];
      const t = wrapTransport(transport, {
        transmit(apdu, o) {
          if (apdu[1] === 0xc0) seen.push(apdu[3]!);
          return transport.transmit(apdu, o);
        },
      });
      const profile = iso7816Pki(t);
      await profile.verifyPin('2468');
      expect((await profile.pinStatus()).verified).toBe(true);

      const certificates = await profile.readCertificates();
      expect(certificates).toHaveLength(3);
      expect(describeCertificate(certificates[0]!).keyType).toBe(kind === 'p256' ? 'EC' : 'RSA');

      const content = new TextEncoder().encode('ใบยืนยันการเข้ารับบริการ / visit confirmation\n');
      const p7s = await signCms(content, { certificates, sign: (d, a) => profile.sign(d, a) });
      await verifyCms(p7s, content, { trustedRoots: [pki.root.certificate] });
      opensslVerify(p7s, content, pki.root.certificate, dir);
      // the signature came back through GET RESPONSE with this card's P2
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([p2]));

      const challenge = createStaffChallenge();
      const { assertion, holder } = await staffLogin(t, { pin: '2468', challenge });
      const v = await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
      expect(v.citizenId).toBe(holder.citizenId);
      expect(card.stats.apdus).toBeGreaterThan(0);
    },
    60_000,
  );
});
