import { readThaiIdCard, type Transport, wrapTransport } from '@authenkit/thai-idcard';
import {
  createStaffChallenge,
  createStaffTokenProvider,
  SIGNED_CLAIMS_FORMAT,
  signVisitConfirmation,
  staffLogin,
  verifyStaffAssertion,
  verifyVisitConfirmation,
} from '@authenkit/thai-idcard/pki';
import { createVirtualTransport, generateTestPki } from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';

const decode = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));

describe.each(['p256', 'rsa2048'] as const)('staff log-in (%s)', (kind) => {
  it('signs the challenge; the server verifies it', async () => {
    // One clock for the test and the test PKI: the certificates start a day before `now`, whatever the date.
    const now = new Date('2026-11-25T10:00:00Z');
    const { transport, pki } = await createVirtualTransport({
      pin2: '1357',
      pki: kind,
      pkiNotBefore: new Date(now.getTime() - 86_400_000),
    });
    const challenge = createStaffChallenge();
    const { assertion, holder, certificate } = await staffLogin(transport, {
      pin: '1357',
      challenge,
      audience: 'his.test',
      now: () => now,
    });
    expect(assertion.format).toBe(SIGNED_CLAIMS_FORMAT);
    expect(certificate.serialNumber).toBe(holder.citizenId);
    const claims = decode(assertion.payload);
    expect(claims).toMatchObject({
      purpose: 'staff-login',
      challenge,
      citizenId: holder.citizenId,
      audience: 'his.test',
    });
    const roots = [pki.root.certificate];
    const v = await verifyStaffAssertion(assertion, {
      trustedRoots: roots,
      challenge,
      audience: 'his.test',
      now,
    });
    expect(v.citizenId).toBe(holder.citizenId);

    // JSON round trip (it travels over HTTP)
    const wire = JSON.parse(JSON.stringify(assertion));
    await verifyStaffAssertion(wire, { trustedRoots: roots, challenge, now });

    const reason = async (p: Promise<unknown>) => {
      const e = (await p.then(
        () => undefined,
        (x) => x,
      )) as { code: string; details?: { reason?: string } };
      return `${e?.code}:${e?.details?.reason}`;
    };
    expect(
      await reason(
        verifyStaffAssertion(assertion, { trustedRoots: roots, challenge: createStaffChallenge(), now }),
      ),
    ).toBe('ASSERTION_INVALID:challenge');
    expect(
      await reason(
        verifyStaffAssertion(assertion, { trustedRoots: roots, challenge, audience: 'other', now }),
      ),
    ).toBe('ASSERTION_INVALID:audience');
    expect(
      await reason(
        verifyStaffAssertion(assertion, {
          trustedRoots: roots,
          challenge,
          now: new Date(now.getTime() + 301_000),
        }),
      ),
    ).toBe('ASSERTION_INVALID:time');
    // a forged payload (another citizen ID) no longer matches the signature
    const forged = {
      ...assertion,
      payload: Buffer.from(JSON.stringify({ ...claims, citizenId: '3100600123451' })).toString('base64url'),
    };
    expect(await reason(verifyStaffAssertion(forged, { trustedRoots: roots, challenge, now }))).toBe(
      'SIGNATURE_INVALID:signature',
    );
    // an unrelated root
    const other = await generateTestPki({ kind: 'p256' });
    expect(
      (
        await reason(
          verifyStaffAssertion(assertion, { trustedRoots: [other.root.certificate], challenge, now }),
        )
      ).split(':')[0],
    ).toBe('CERTIFICATE_INVALID');
    // after the certificates expire
    expect(
      (
        await reason(
          verifyStaffAssertion(assertion, {
            trustedRoots: roots,
            challenge,
            now: new Date(now.getTime() + 5 * 365 * 86_400_000),
            maxAgeSeconds: 10 * 365 * 86_400,
          }),
        )
      ).split(':')[0],
    ).toBe('CERTIFICATE_INVALID');
  });
});

describe('certifier confirmation', () => {
  it('patient / parent / caregiver sign a visit; verification binds patient and nonce', async () => {
    const { transport, pki } = await createVirtualTransport({ pin2: '1357' });
    const visit = {
      patientCitizenId: '1101700123451',
      hcode: '10670',
      claimType: 'PG0060001',
      serviceDate: '2026-11-25',
    };
    const { confirmation, holder } = await signVisitConfirmation(transport, {
      pin: '1357',
      role: 'parent',
      visit,
      nonce: 'n-1',
    });
    const v = await verifyVisitConfirmation(confirmation, {
      trustedRoots: [pki.root.certificate],
      patientCitizenId: visit.patientCitizenId,
      nonce: 'n-1',
    });
    expect(v.claims).toMatchObject({ role: 'parent', certifierCitizenId: holder.citizenId, visit });
    await expect(
      verifyVisitConfirmation(confirmation, {
        trustedRoots: [pki.root.certificate],
        patientCitizenId: '3100600123451',
      }),
    ).rejects.toMatchObject({ code: 'ASSERTION_INVALID' });
    await expect(
      signVisitConfirmation(transport, { pin: '1357', role: 'stranger' as 'patient', visit }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a wrong PIN stops the flow with PIN_INCORRECT and nothing is signed', async () => {
    const { transport } = await createVirtualTransport({ pin2: '1357' });
    await expect(
      staffLogin(transport, { pin: '7531', challenge: createStaffChallenge() }),
    ).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 2 },
    });
  });
});

describe('staff token provider (nhso-client hook)', () => {
  it('logs in once, caches until expiry, single-flights, invalidates', async () => {
    let t = 1_000_000;
    let logins = 0;
    let exchanges = 0;
    const p = createStaffTokenProvider({
      login: async () => {
        logins++;
        return { format: SIGNED_CLAIMS_FORMAT, payload: '', signature: '' };
      },
      exchange: async () => {
        exchanges++;
        await new Promise((r) => setTimeout(r, 5));
        return { token: `tok-${exchanges}`, expiresAt: t + 600_000 };
      },
      now: () => t,
    });
    const [a, b] = await Promise.all([p.getToken(), p.getToken()]);
    expect([a, b, logins]).toEqual(['tok-1', 'tok-1', 1]);
    t += 500_000; // inside expiry − 60 s skew
    expect(await p.getToken()).toBe('tok-1');
    t += 60_000; // within the skew window → refresh
    expect(await p.getToken()).toBe('tok-2');
    p.invalidate('tok-1'); // an outdated token: ignored
    expect(await p.getToken()).toBe('tok-2');
    p.invalidate('tok-2');
    expect(await p.getToken()).toBe('tok-3');
    p.invalidate();
    expect(await p.getToken()).toBe('tok-4');
    expect(logins).toBe(4);
  });

  it('does not cache failures', async () => {
    let n = 0;
    const p = createStaffTokenProvider({
      login: async () => {
        if (n++ === 0) throw new Error('PIN cancelled');
        return { format: SIGNED_CLAIMS_FORMAT, payload: '', signature: '' };
      },
      exchange: async () => ({ token: 'ok' }),
    });
    await expect(p.getToken()).rejects.toThrow('PIN cancelled');
    expect(await p.getToken()).toBe('ok');
  });

  it('end to end: card log-in → verify → token', async () => {
    const { transport, pki } = await createVirtualTransport({ pin2: '1357' });
    let challenge = '';
    const p = createStaffTokenProvider({
      login: async () => {
        challenge = createStaffChallenge(); // normally fetched from the backend
        return (await staffLogin(transport, { pin: '1357', challenge })).assertion;
      },
      exchange: async (assertion) => {
        const v = await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
        return { token: `ws-${v.citizenId.slice(-4)}` };
      },
    });
    expect(await p.getToken()).toMatch(/^ws-\d{4}$/);
  });
});

describe('staff log-in is one card session', () => {
  const MOI_SELECT = '00a4040008a000000054480001';
  /** Wraps a transport to count APDUs, connects and lock acquisitions. */
  function counted(t: Transport) {
    const n = { connect: 0, disconnect: 0, lock: 0, moiSelect: 0, moiReads: 0, apdus: 0 };
    const wrapped = wrapTransport(t, {
      connect(o) {
        n.connect++;
        return t.connect(o);
      },
      disconnect() {
        n.disconnect++;
        return t.disconnect();
      },
      lock(o) {
        n.lock++;
        return t.lock(o);
      },
      transmit(apdu, o) {
        n.apdus++;
        const hex = Buffer.from(apdu).toString('hex');
        if (hex === MOI_SELECT) n.moiSelect++;
        if (apdu[0] === 0x80 && apdu[1] === 0xb0) n.moiReads++;
        return t.transmit(apdu, o);
      },
    });
    return { wrapped, n };
  }

  it('a caller-connected transport stays connected and usable; the card is read once', async () => {
    const { transport, pki } = await createVirtualTransport({ pin2: '1357', pki: 'p256' });
    const { wrapped, n } = counted(transport);
    const challenge = createStaffChallenge();
    const { assertion, holder } = await staffLogin(wrapped, { pin: '1357', challenge });
    await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
    expect(transport.connected).toBe(true);
    expect(n).toMatchObject({ connect: 0, disconnect: 0, lock: 1, moiSelect: 1, moiReads: 3 });
    // still usable: the caller reads the card again on the same connection
    expect((await readThaiIdCard(transport)).citizenId).toBe(holder.citizenId);
    expect(transport.connected).toBe(true);
  });

  it('an unconnected transport: one connection for the whole log-in (PIN not sent on a closed transport)', async () => {
    const { transport, pki } = await createVirtualTransport({ pin2: '1357', pki: 'p256' });
    await transport.disconnect();
    const { wrapped, n } = counted(transport);
    const challenge = createStaffChallenge();
    const { assertion } = await staffLogin(wrapped, { pin: '1357', challenge });
    await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
    expect(n).toMatchObject({ connect: 1, disconnect: 1, lock: 1, moiSelect: 1, moiReads: 3 });
    expect(transport.connected).toBe(false);
  });

  it('a challenge bound to the holder is fetched inside the log-in: still one read', async () => {
    const { transport, pki } = await createVirtualTransport({ pin2: '1357', pki: 'rsa2048' });
    const { wrapped, n } = counted(transport);
    const issued = new Map<string, string>();
    const { assertion, holder } = await staffLogin(wrapped, {
      pin: '1357',
      challenge: async (h) => {
        const c = createStaffChallenge();
        issued.set(h.citizenId, c);
        return c;
      },
    });
    const challenge = issued.get(holder.citizenId)!;
    const v = await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
    expect(v.citizenId).toBe(holder.citizenId);
    expect(n).toMatchObject({ lock: 1, moiSelect: 1, moiReads: 3 });
    await expect(staffLogin(wrapped, { pin: '1357', challenge: () => 'short' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('another reader operation waits for the log-in (one reader lock)', async () => {
    const { transport } = await createVirtualTransport({ pin2: '1357', pki: 'p256' });
    const order: string[] = [];
    const login = staffLogin(transport, { pin: '1357', challenge: createStaffChallenge() }).then(() =>
      order.push('login'),
    );
    await new Promise((r) => setTimeout(r, 0));
    const read = readThaiIdCard(transport).then(() => order.push('read'));
    await Promise.all([login, read]);
    expect(order).toEqual(['login', 'read']);
  });
});
