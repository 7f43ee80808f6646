import { type Sandbox, type SandboxPerson, startSandbox } from '@authenkit/nhso-sandbox';
import { type ReportUnit, startAuthenReport } from '../src/index.js';

export const UNIT: ReportUnit = {
  hcode: '10699',
  hname: 'รพ.ทดสอบนนทบุรี',
  zone: 4,
  provinceCode: '1200',
  provinceName: 'นนทบุรี',
};

/** The sandbox with a known set of Authen Codes for the unit, and the report server on top of it. */
export async function startReportFixture() {
  const sandbox: Sandbox = await startSandbox({ seed: 7, people: 120 });
  const people = sandbox.population.people.filter((p) => p.right && !p.deathDate).slice(0, 12);
  const hour = 3600_000;
  const now = sandbox.clock.now();
  const plan: {
    person: SandboxPerson;
    claimType: string;
    channel: string;
    method: string;
    certifier: string;
    hoursAgo: number;
  }[] = people.map((person, i) => ({
    person,
    claimType: i % 3 === 0 ? 'PG0010065' : 'PG0060001',
    channel: i % 4 === 0 ? 'LINE' : 'AGENT',
    method: i % 4 === 0 ? 'QR_LINE' : 'SMART_CARD',
    certifier: i % 5 === 0 ? 'CAREGIVER' : 'PATIENT',
    hoursAgo: 2 + i * 5,
  }));
  const issued = plan.map(
    (p) =>
      sandbox.issueCode({
        kind: 'PP',
        pid: p.person.pid,
        hcode: UNIT.hcode,
        claimType: p.claimType,
        channel: p.channel,
        method: p.method,
        certifier: p.certifier,
        hn: `HN${p.person.pid.slice(-5)}`,
        mobile: p.person.phone,
        serviceTime: now - p.hoursAgo * hour,
      }).code,
  );
  // Another unit's code must never show up in this unit's report.
  sandbox.issueCode({
    kind: 'PP',
    pid: people[0]!.pid,
    hcode: '10887',
    claimType: 'PG0060001',
    serviceTime: now - hour,
  });
  const cancelled = issued[1]!;
  sandbox.store.setStatus(
    cancelled.claimCode,
    'cancelled',
    'ผู้ป่วยไม่มารับบริการ',
    people[2]!.pid,
    new Date(now).toISOString().slice(0, 19),
  );
  const app = await startAuthenReport({
    baseUrl: sandbox.url,
    token: sandbox.token,
    unit: UNIT,
    sandbox: true,
  });
  return {
    sandbox,
    app,
    plan,
    issued,
    cancelled,
    async close() {
      await app.close();
      await sandbox.close();
    },
  };
}
