/**
 * `npm start -w examples/citizen-line-flow`: starts the offline NHSO sandbox and the citizen page, writes a
 * sample clinic poster (PNG) to scan, and prints a sandbox person who may use the LINE flow.
 *
 *   [SANDBOX_URL=http://127.0.0.1:…] [PORT=8084] npm start -w examples/citizen-line-flow
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskCitizenId } from '@authenkit/authen-code';
import { startSandbox } from '@authenkit/nhso-sandbox';
import { renderPosterPng } from '@authenkit/qr-service/poster';
import { stopOnSignal } from '@authenkit-examples/shared/start';
import { startCitizenLineFlow } from './line-flow.js';

const external = process.env.SANDBOX_URL;
const sandbox = external ? undefined : await startSandbox();
const app = await startCitizenLineFlow({
  sandboxUrl: external ?? sandbox!.url,
  port: Number(process.env.PORT ?? 8084),
});
const poster = join(tmpdir(), '10998-PG0010065.png');
writeFileSync(
  poster,
  renderPosterPng({ hcode: '10998', serviceCode: 'PG0010065', unitName: 'รพ.ทดสอบชุมแพ' }).data,
);
console.log(`Citizen LINE flow: ${app.url}`);
console.log(`Clinic poster to "scan" (upload): ${poster}`);
if (sandbox) {
  const year = new Date().getUTCFullYear() + 543;
  const p = sandbox.population.people.find(
    (x) => x.right?.mainInscl === 'UCS' && year - x.birthDate.year >= 20,
  );
  // A synthetic sandbox person: printing the full ID is fine here, it belongs to nobody.
  if (p)
    console.log(
      `Try: ${p.titleTh}${p.firstNameTh} ${p.lastNameTh} — ${p.pid} (${maskCitizenId(p.pid)}), phone ${p.phone}`,
    );
}
stopOnSignal(
  () => app.close(),
  () => sandbox?.close(),
);
