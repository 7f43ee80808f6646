/**
 * `npm start -w examples/staff-login`: offline — starts the sandbox (which checks card signatures against a
 * generated test CA), a virtual staff card with PIN 2 `2468`, and the log-in page.
 */
import { personToCardSpec, signedStaffAssertionVerifier, startSandbox } from '@authenkit/nhso-sandbox';
import { verifyStaffAssertion } from '@authenkit/thai-idcard/pki';
import { type CardImageSpec, createPkiApplets, createVirtualCard } from '@authenkit/thai-idcard/virtual';
import { stopOnSignal } from '@authenkit-examples/shared/start';
import { startStaffLogin } from './staff-login.js';

const audience = 'authenkit-staff-login-example';
const roots: Uint8Array[] = [];
const sandbox = await startSandbox({
  verifyStaffAssertion: signedStaffAssertionVerifier((a, o) =>
    verifyStaffAssertion(a as Parameters<typeof verifyStaffAssertion>[0], {
      ...o,
      trustedRoots: roots,
      audience,
    }),
  ),
});
const staff = sandbox.population.staff[0]!;
const pki = await createPkiApplets({ pin2: '2468', serialNumber: staff.pid });
roots.push(pki.pki.root.certificate);
const card = createVirtualCard({ image: personToCardSpec(staff) as CardImageSpec, applets: pki.applets });
const app = await startStaffLogin({
  sandboxUrl: sandbox.url,
  transport: () => card.transport(),
  audience,
  port: Number(process.env.PORT ?? 8085),
});
console.log(`Staff log-in: ${app.url}  (virtual staff card in the reader; PIN 2 is 2468 — 3 tries)`);
stopOnSignal(
  () => app.close(),
  () => sandbox.close(),
);
