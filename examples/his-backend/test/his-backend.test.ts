import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskCitizenId } from '@authenkit/authen-code';
import { createNhsoClient } from '@authenkit/nhso-client';
import { type Sandbox, type SandboxPerson, startSandbox } from '@authenkit/nhso-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHisBackend } from '../src/index.js';

const HCODE = '10699';
let sandbox: Sandbox;
let his: Awaited<ReturnType<typeof startHisBackend>>;
let dir: string;
let people: SandboxPerson[];
let recorderPid: string;
const DAY = 86_400_000;
let today: string;
let time: string;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, his.url), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};
const start = () =>
  startHisBackend({
    baseUrl: sandbox.url,
    token: sandbox.token,
    hcode: HCODE,
    recorderPid,
    database: join(dir, 'his.sqlite'),
  });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, people: 120 });
  people = sandbox.population.people.filter((p) => p.right && !p.deathDate && !p.staff).slice(0, 4);
  recorderPid = sandbox.population.staff[0]!.pid;
  // A visit time earlier today (Bangkok), never in the future.
  const now = sandbox.clock.now();
  const midnight = Math.floor((now + 7 * 3600_000) / DAY) * DAY - 7 * 3600_000;
  const at = Math.max(midnight + 60_000, now - 60_000);
  const iso = new Date(at + 7 * 3600_000).toISOString();
  today = iso.slice(0, 10);
  time = iso.slice(11, 16);
  dir = mkdtempSync(join(tmpdir(), 'authenkit-his-'));
  his = await start();
});
afterAll(async () => {
  await his?.close();
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HIS backend', () => {
  it('records visits (masked in answers) and refuses bad or duplicate ones', async () => {
    const [a, b, c, d] = people;
    // a: the counter got a code and recorded it; b: a code exists at NHSO (LINE) but not in the HIS;
    // c: no code anywhere; d: the counter typed a wrong code.
    const codeA = sandbox.issueCode({ kind: 'PP', pid: a!.pid, hcode: HCODE, claimType: 'PG0060001' }).code
      .claimCode;
    sandbox.issueCode({ kind: 'PP', pid: b!.pid, hcode: HCODE, claimType: 'PG0060001', channel: 'LINE' });
    sandbox.issueCode({ kind: 'PP', pid: d!.pid, hcode: HCODE, claimType: 'PG0060001' });
    const visit = (vn: string, p: SandboxPerson, authCode?: string) => ({
      vn,
      hn: `HN-${vn}`,
      pid: p.pid,
      serviceDate: today,
      serviceTime: time,
      claimType: 'PG0060001',
      mainInscl: p.right!.mainInscl,
      ...(authCode ? { authCode } : {}),
    });
    const added = await call('POST', '/visits', visit('V1', a!, codeA));
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ vn: 'V1', maskedPid: maskCitizenId(a!.pid), authStatus: 'PENDING' });
    expect(JSON.stringify(added.body)).not.toContain(a!.pid);
    expect((await call('POST', '/visits', visit('V2', b!))).status).toBe(201);
    expect((await call('POST', '/visits', visit('V3', c!))).status).toBe(201);
    expect((await call('POST', '/visits', visit('V4', d!, 'PP0000000001'))).status).toBe(201);

    expect((await call('POST', '/visits', visit('V1', a!))).body.error.code).toBe('DUPLICATE_VN');
    const bad = await call('POST', '/visits', { ...visit('V9', a!), pid: '1234567890123' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PID' } } });
    expect((await call('POST', '/visits', { ...visit('V9', a!), serviceDate: '25/11/2569' })).status).toBe(
      400,
    );
  });

  it('checks the day with checkAuthenStatusMany: confirmed, adopted, missing', async () => {
    const run = await call('POST', '/jobs/end-of-day', { date: today });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({
      date: today,
      checked: 4,
      confirmed: 1,
      adopted: 1,
      missing: ['V3', 'V4'],
      failed: [],
    });
    const { body } = await call('GET', `/visits?date=${today}`);
    const byVn = Object.fromEntries(body.visits.map((v: { vn: string }) => [v.vn, v]));
    expect(byVn.V1.authStatus).toBe('CONFIRMED');
    expect(byVn.V2).toMatchObject({ authStatus: 'CONFIRMED', authCode: expect.stringMatching(/^PP\d{10}$/) });
    expect(byVn.V3).toMatchObject({ authStatus: 'MISSING', authCode: null });
    expect(byVn.V4).toMatchObject({ authStatus: 'MISSING', authCode: 'PP0000000001' });
    // Running again asks only about the visits not yet confirmed.
    const again = await call('POST', '/jobs/end-of-day', { date: today });
    expect(again.body.checked).toBe(2);
  });

  it('reports NHSO failures per visit without losing the others', async () => {
    const broken = await startHisBackend({
      client: createNhsoClient({ token: 'not-a-valid-token', environment: { baseUrl: sandbox.url } }),
      hcode: HCODE,
      recorderPid,
    });
    try {
      await fetch(new URL('/visits', broken.url), {
        method: 'POST',
        body: JSON.stringify({
          vn: 'X1',
          hn: 'H',
          pid: people[0]!.pid,
          serviceDate: today,
          serviceTime: time,
          claimType: 'PG0060001',
        }),
      });
      const res = await fetch(new URL('/jobs/end-of-day', broken.url), {
        method: 'POST',
        body: JSON.stringify({ date: today }),
      });
      const summary = await res.json();
      expect(summary.failed).toEqual([{ vn: 'X1', code: 'UNAUTHORIZED' }]);
      expect(broken.store.get('X1')?.authStatus).toBe('PENDING');
    } finally {
      await broken.close();
    }
  });

  it('closes a visit once (EP code stored), and never twice', async () => {
    const amounts = { totalAmount: 500, paidAmount: 0, privilegeAmount: 500 };
    const first = await call('POST', '/visits/V1/close', amounts);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      vn: 'V1',
      alreadyClosed: false,
      closeCode: expect.stringMatching(/^EP/),
    });
    const second = await call('POST', '/visits/V1/close', amounts);
    expect(second).toMatchObject({
      status: 200,
      body: { closeCode: first.body.closeCode, alreadyClosed: true },
    });
    const nhso = createNhsoClient({ token: sandbox.token, environment: { baseUrl: sandbox.url } });
    const status = await nhso.checkAuthenStatus({ personalId: people[0]!.pid, serviceDate: today });
    expect(status.histories.filter((h) => h.claimCode.startsWith('EP'))).toHaveLength(1);
    expect((await call('POST', '/visits/NOPE/close', amounts)).status).toBe(404);
    expect((await call('POST', '/visits/V2/close', { ...amounts, totalAmount: -1 })).status).toBe(400);
  });

  it('keeps everything in SQLite across restarts', async () => {
    await his.close();
    his = await start();
    const { body } = await call('GET', `/visits?date=${today}`);
    expect(body.visits.map((v: { vn: string }) => v.vn)).toEqual(['V1', 'V2', 'V3', 'V4']);
    expect(body.visits[0].closeCode).toMatch(/^EP/);
  });
});
