import { maskCitizenId } from '@authenkit/authen-code';
import { createNhsoClient } from '@authenkit/nhso-client';
import {
  personToCardSpec,
  type Sandbox,
  signedStaffAssertionVerifier,
  startSandbox,
} from '@authenkit/nhso-sandbox';
import { verifyStaffAssertion } from '@authenkit/thai-idcard/pki';
import {
  type CardImageSpec,
  createPkiApplets,
  createVirtualCard,
  type VirtualCard,
  type VirtualPkiCard,
} from '@authenkit/thai-idcard/virtual';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaffLogin } from '../src/index.js';

const AUDIENCE = 'authenkit-staff-login-example';
let sandbox: Sandbox;
let pkiCard: VirtualPkiCard;
let card: VirtualCard;
let app: Awaited<ReturnType<typeof startStaffLogin>>;
const logs: string[] = [];

const login = async (pin: string) => {
  const res = await fetch(new URL('/api/login', app.url), { method: 'POST', body: JSON.stringify({ pin }) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
};

beforeAll(async () => {
  const roots: Uint8Array[] = [];
  sandbox = await startSandbox({
    seed: 5,
    people: 100,
    log: (line) => logs.push(line),
    // NHSO's side: accept only an assertion signed by a card whose chain ends at our test root.
    verifyStaffAssertion: signedStaffAssertionVerifier((a, o) =>
      verifyStaffAssertion(a as Parameters<typeof verifyStaffAssertion>[0], {
        ...o,
        trustedRoots: roots,
        audience: AUDIENCE,
      }),
    ),
  });
  const staff = sandbox.population.staff[0]!;
  // The staff member's virtual card: their MOI data + a PKI applet whose certificate names their citizen ID.
  pkiCard = await createPkiApplets({
    pin2: '2468',
    pinTries: 3,
    serialNumber: staff.pid,
    holderName: 'STAFF',
  });
  roots.push(pkiCard.pki.root.certificate);
  card = createVirtualCard({ image: personToCardSpec(staff) as CardImageSpec, applets: pkiCard.applets });
  app = await startStaffLogin({
    sandboxUrl: sandbox.url,
    transport: () => card.transport(),
    audience: AUDIENCE,
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

describe('staff log-in with the staff card and PIN 2', () => {
  it('a wrong PIN costs one try and says how many are left; the PIN is never echoed', async () => {
    const r = await login('1111');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'PIN_INCORRECT', triesLeft: 2 });
    expect(r.body.error.message.th).toMatch(/PIN/);
    expect(r.text).not.toContain('1111');
    expect(pkiCard.pinState().triesLeft).toBe(2);
  });

  it('the right PIN 2 gives an NHSO token for the staff member’s unit, kept on the server', async () => {
    const staff = sandbox.population.staff[0]!;
    const r = await login('2468');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ maskedPid: maskCitizenId(staff.pid), hcode: staff.staff!.hcode });
    expect(r.body.name).toContain(staff.firstNameTh);
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(r.text).not.toContain(staff.pid);
    expect(r.text).not.toContain(app.token()!);
    expect(pkiCard.pinState().triesLeft).toBe(3); // a good VERIFY restores the counter

    // The token works with the NHSO client (here: a status query).
    const nhso = createNhsoClient({ token: app.token()!, environment: { baseUrl: sandbox.url } });
    const status = await nhso.checkAuthenStatus({ personalId: staff.pid, serviceDate: new Date() });
    expect(status.found).toBe(false);
    const session = await (await fetch(new URL('/api/session', app.url))).json();
    expect(session.hcode).toBe(staff.staff!.hcode);
  });

  it('NHSO refuses a card whose certificate is not from the trusted CA', async () => {
    const staff = sandbox.population.staff[0]!;
    const rogue = await createPkiApplets({ pin2: '2468', serialNumber: staff.pid });
    const other = await startStaffLogin({
      sandboxUrl: sandbox.url,
      transport: () =>
        createVirtualCard({
          image: personToCardSpec(staff) as CardImageSpec,
          applets: rogue.applets,
        }).transport(),
      audience: AUDIENCE,
    });
    try {
      const res = await fetch(new URL('/api/login', other.url), {
        method: 'POST',
        body: JSON.stringify({ pin: '2468' }),
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('UNAUTHORIZED');
    } finally {
      await other.close();
    }
  });

  it('never logs the PIN or the citizen ID', () => {
    const all = logs.join('\n');
    expect(all).not.toContain('2468');
    expect(all).not.toContain(sandbox.population.staff[0]!.pid);
  });
});
