import { type Sandbox, type SandboxPerson, startSandbox } from '@authenkit/nhso-sandbox';
import { renderPosterPng } from '@authenkit/qr-service/poster';
import { startCitizenLineFlow } from '../src/index.js';

export const UNIT = { hcode: '10998', hname: 'รพ.ทดสอบชุมแพ' };

/** The sandbox, a UC citizen aged 15+, a clinic poster (PNG) and the citizen page. */
export async function startLineFixture() {
  const sandbox: Sandbox = await startSandbox({ seed: 3, people: 150 });
  const year = new Date(sandbox.clock.now()).getUTCFullYear() + 543;
  const citizen = sandbox.population.people.find(
    (p) => p.right?.mainInscl === 'UCS' && !p.deathDate && year - p.birthDate.year >= 20,
  ) as SandboxPerson;
  const child = sandbox.population.people.find(
    (p) => !p.deathDate && year - p.birthDate.year <= 12,
  ) as SandboxPerson;
  const poster = renderPosterPng(
    { hcode: UNIT.hcode, serviceCode: 'PG0010065', unitName: UNIT.hname },
    { dpi: 100 },
  );
  const app = await startCitizenLineFlow({ sandboxUrl: sandbox.url });
  return {
    sandbox,
    app,
    citizen,
    child,
    poster: poster.data,
    async close() {
      await app.close();
      await sandbox.close();
    },
  };
}
