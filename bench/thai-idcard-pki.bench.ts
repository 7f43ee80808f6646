// Benchmark: staff log-in with PIN 2 on the in-process virtual card (`@authenkit/thai-idcard/pki`).
// Not a test. Run: `npx tsx bench/thai-idcard-pki.bench.ts [--n N]`.
// Measures, per key type (P-256, RSA-2048), the median wall time of:
//   verifyPin     — empty VERIFY (status) + VERIFY on the virtual card;
//   staffLogin    — read card text, verify PIN 2, read 3 certificates, build CMS, card signature;
//   verify        — verifyStaffAssertion on the server (CMS + chain to the root), no card involved.
// The virtual card signs with test-grade BigInt code, so card-side times say nothing about a real chip
// (not measured here: no production card protocol is known); the server-side `verify` column is representative.
import {
  createStaffChallenge,
  iso7816Pki,
  staffLogin,
  verifyStaffAssertion,
} from '../packages/thai-idcard/src/pki.js';
import { createVirtualTransport } from '../packages/thai-idcard/src/virtual.js';

const nArg = process.argv.indexOf('--n');
const N = nArg === -1 ? 30 : Number(process.argv[nArg + 1]);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const rows: { kind: string; verifyPin: number; login: number; verify: number }[] = [];
for (const kind of ['p256', 'rsa2048'] as const) {
  const { transport, pki, card } = await createVirtualTransport({ pin2: '1234', pki: kind, pinTries: 15 });
  const profile = iso7816Pki(transport);
  const vp: number[] = [];
  const lg: number[] = [];
  const vf: number[] = [];
  for (let i = 0; i < N + 3; i++) {
    await transport.disconnect();
    await transport.connect(); // drop "verified" so every round really verifies
    const a = await time(() => profile.verifyPin('1234'));
    const challenge = createStaffChallenge();
    let assertion: Awaited<ReturnType<typeof staffLogin>>['assertion'] | undefined;
    const b = await time(async () => {
      assertion = (await staffLogin(transport, { pin: '1234', challenge })).assertion;
    });
    const c = await time(() =>
      verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge }),
    );
    if (i >= 3) {
      vp.push(a);
      lg.push(b);
      vf.push(c);
    }
  }
  rows.push({ kind, verifyPin: median(vp), login: median(lg), verify: median(vf) });
  void card;
}

const [ec, rsa] = rows as [(typeof rows)[0], (typeof rows)[0]];
const f = (ms: number) => ms.toFixed(2);
console.log(`## thai-idcard PKI: staff log-in on the virtual card

Median of ${N} rounds (after 3 warm-up rounds), in-process virtual card, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

| key | verifyPin (ms) | staffLogin, client (ms) | verifyStaffAssertion, server (ms) | server verifications/s |
|---|---|---|---|---|
| P-256 | ${f(ec.verifyPin)} | ${f(ec.login)} | ${f(ec.verify)} | ${Math.round(1000 / ec.verify)} |
| RSA-2048 | ${f(rsa.verifyPin)} | ${f(rsa.login)} | ${f(rsa.verify)} | ${Math.round(1000 / rsa.verify)} |

Same run ratios (RSA-2048 / P-256): staffLogin ×${(rsa.login / ec.login).toFixed(2)}, server verify ×${(rsa.verify / ec.verify).toFixed(2)}.
Card-side times come from the virtual card's test-grade BigInt crypto, not a chip; a real card adds its own
signature time (not measured: no production PKI applet is known) and the reader's per-APDU time
(~0.4 ms per APDU through pcscd + vpcd with the TCP_NODELAY fix, see virtual-reader.md).
`);
