import { citizenIdCheckDigit } from '@authenkit/authen-code';
import { createAgentClient, createNhsoClient, createUcwsClient, isNhsoError } from '@authenkit/nhso-client';
import { NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import {
  createManualClock,
  generatePopulation,
  personToCardSpec,
  type Sandbox,
  type SandboxPerson,
  startAgent,
  startSandbox,
  virtualCardSource,
} from '@authenkit/nhso-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The real @authenkit/nhso-client against the sandbox, for every endpoint. */
const clock = createManualClock('2026-01-15T10:00:00+07:00');
let sb: Sandbox;
let living: SandboxPerson[];

beforeAll(async () => {
  sb = await startSandbox({ seed: 21, people: 300, clock });
  living = sb.population.people.filter((p) => p.right && !p.deathDate && !p.staff);
});
afterAll(async () => sb.close());

const nhso = () =>
  createNhsoClient({
    token: sb.token,
    environment: { baseUrl: sb.url },
    hcode: '10699',
    retry: { retries: 0 },
  });

describe('NHSO cloud client ↔ sandbox', () => {
  it('closeClaim issues an EP code; replay is reused; checkAuthenStatus sees it in all three shapes', async () => {
    const p = living[0]!;
    const client = nhso();
    const request = {
      hcode: '10699',
      mainInsclCode: p.right!.mainInscl,
      serviceDateTime: clock.now(),
      invoiceDateTime: clock.now(),
      transactionId: '1069920260115100000a1b2c3',
      totalAmount: 500,
      paidAmount: 0,
      privilegeAmount: 500,
      claimServiceCode: 'PG0060001',
      pid: p.pid,
      sourceId: 'HIS',
      visitNumber: 'VN0001',
      recorderPid: sb.population.staff[0]!.pid,
    };
    const r = await client.closeClaim(request);
    expect(r.authenCode).toMatch(/^EP\d{10}$/);
    const again = await createNhsoClient({ token: sb.token, environment: { baseUrl: sb.url } }).closeClaim(
      request,
    );
    expect(again.authenCode).toBe(r.authenCode);
    for (const shape of ['nested', 'flat', 'string-results'] as const) {
      await fetch(`${sb.url}/sandbox/admin/authen-status-shape`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ shape }),
      });
      const s = await client.checkAuthenStatus({ personalId: p.pid, serviceDate: '2026-01-15' });
      expect(s.histories.map((h) => h.claimCode)).toContain(r.authenCode);
    }
    await fetch(`${sb.url}/sandbox/admin/authen-status-shape`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shape: 'nested' }),
    });
  });

  it('requestAuthenCode, realPerson, rightSearch, srmRightSearch', async () => {
    const p = living[1]!;
    const client = nhso();
    const code = await client.requestAuthenCode({
      sourceId: 'HIS',
      transId: 'T-contract-1',
      pid: p.pid,
      hcode: '10699',
      serviceCode: 'PG0060001',
      recorderPid: sb.population.staff[0]!.pid,
    });
    expect(code.authenCode).toMatch(/^PP\d{10}$/);
    const rp = await client.realPerson(p.pid);
    expect(rp.firstName).toBe(p.firstNameTh);
    const rs = await client.rightSearch({ pid: p.pid, checkDate: '2026-01-15' });
    expect(JSON.stringify(rs)).toContain(p.right!.mainInscl);
    const tokens = sb.loginStaff(sb.population.staff[0]!.pid);
    const srmClient = createNhsoClient({
      token: sb.token,
      srmToken: tokens.accessToken,
      environment: { baseUrl: sb.url },
    });
    const srm = await srmClient.srmRightSearch(p.pid);
    expect(JSON.stringify(srm)).toContain(p.right!.mainInscl);
  });

  it('maps sandbox errors to the client error codes (401, duplicate, validation)', async () => {
    const bad = createNhsoClient({ token: 'wrong', environment: { baseUrl: sb.url }, retry: { retries: 0 } });
    const e1 = await bad.realPerson(living[2]!.pid).catch((e: unknown) => e);
    expect(isNhsoError(e1) && ['UNAUTHORIZED', 'TOKEN_EXPIRED'].includes(e1.code)).toBe(true);
    // a second AuthenCode for the same person, unit, service and day → DUPLICATE_AUTHEN_CODE
    const client = nhso();
    const req = (transId: string) => ({
      sourceId: 'HIS',
      transId,
      pid: living[6]!.pid,
      hcode: '10699',
      serviceCode: 'PG0060001',
      recorderPid: sb.population.staff[0]!.pid,
    });
    await client.requestAuthenCode(req('T-dup-1'));
    const dup = await client.requestAuthenCode(req('T-dup-2')).catch((e: unknown) => e);
    expect(isNhsoError(dup) && dup.code).toBe('DUPLICATE_AUTHEN_CODE');
    // an unknown person → a 404 the client reports as an error, never a code
    const unknownPid = `110170020345${citizenIdCheckDigit('110170020345')}`;
    expect(sb.population.get(unknownPid)).toBeUndefined();
    const unknown = await client.realPerson(unknownPid).catch((e: unknown) => e);
    expect(isNhsoError(unknown) && unknown.status).toBe(404);
  });

  it('UCWS searchCurrentByPid with a staff UC token; NHSO-00003 after midnight', async () => {
    const p = living[3]!;
    const staff = sb.population.staff[0]!;
    const t = sb.loginStaff(staff.pid);
    const ucws = createUcwsClient({ endpoint: sb.url + NHSO_PATHS.ucws, retry: { retries: 0 } });
    const person = await ucws.searchCurrentByPid({
      userPersonId: staff.pid,
      smctoken: t.ucToken.split('#')[1]!,
      personId: p.pid,
    });
    expect(person.found).toBe(true);
    expect(person.mainInscl?.code ?? JSON.stringify(person.mainInscl)).toContain(p.right!.mainInscl);
    const local = createManualClock('2026-01-15T23:59:00+07:00');
    const s2 = await startSandbox({ seed: 21, people: 50, clock: local });
    try {
      const t2 = s2.loginStaff(s2.population.staff[0]!.pid);
      local.advance(2 * 60_000);
      const c2 = createUcwsClient({ endpoint: s2.url + NHSO_PATHS.ucws, retry: { retries: 0 } });
      const err = await c2
        .searchCurrentByPid({
          userPersonId: s2.population.staff[0]!.pid,
          smctoken: t2.ucToken.split('#')[1]!,
          personId: s2.population.people[20]!.pid,
        })
        .catch((e: unknown) => e);
      expect(isNhsoError(err) && err.code).toBe('TOKEN_EXPIRED');
    } finally {
      await s2.close();
    }
  });
});

describe('Agent client ↔ sandbox Agent paths and ↔ startAgent', () => {
  it('simulated reader on the sandbox: read, confirm-save, duplicate → reused, latest codes', async () => {
    const p = living[4]!;
    sb.insertCard(p.pid);
    const agent = createAgentClient({ baseUrl: sb.url, retry: { retries: 0 }, now: () => clock.now() });
    const terms = await agent.terminals();
    expect(terms).toEqual([{ terminalName: 'AuthenKit Sandbox Reader 0', isPresent: true }]);
    const card = await agent.readCard();
    expect(card.pid).toBe(p.pid);
    const only = await agent.readCardOnly();
    expect(only.pid).toBe(p.pid);
    expect((await agent.probe(p.pid)).pid).toBe(p.pid);
    const draft = await agent.saveDraft({
      pid: p.pid,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: card.correlationId!,
    });
    expect(draft.claimType).toBe('PG0060001');
    const visit = await agent.requestVisitAuthen({
      pid: p.pid,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: card.correlationId!,
    });
    expect(visit.claimCode).toMatch(/^PP\d{10}$/);
    const second = await agent.requestVisitAuthen({
      pid: p.pid,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: (await agent.readCard()).correlationId!,
    });
    expect(second).toMatchObject({ claimCode: visit.claimCode, reused: true });
    expect((await agent.latestAuthenCode(p.pid))?.claimCode).toBe(visit.claimCode);
    expect((await agent.latestAuthenCodes(p.pid)).map((c) => c.claimCode)).toContain(visit.claimCode);
    expect(await agent.preference()).toBeTypeOf('object');
    // confirm-save duplicate with a new correlation id → DUPLICATE_AUTHEN_CODE
    const dup = await agent
      .confirmSave({ pid: p.pid, claimType: 'PG0060001', mobile: '0812345678', correlationId: 'other' })
      .catch((e: unknown) => e);
    expect(isNhsoError(dup) && dup.code).toBe('DUPLICATE_AUTHEN_CODE');
    sb.insertCard(undefined);
    const noCard = await agent.readCard().catch((e: unknown) => e);
    expect(isNhsoError(noCard) && noCard.code).toBe('CARD_NOT_PRESENT');
  });

  it('startAgent with a virtual card built from a sandbox person', async () => {
    const pop = generatePopulation({ seed: 21, size: 300 });
    const p = pop.get(living[5]!.pid)!;
    const local = await startAgent({
      cards: await virtualCardSource(personToCardSpec(p)),
      nhso: { url: sb.url, token: sb.token },
      hcode: '10887',
    });
    try {
      const agent = createAgentClient({ baseUrl: local.url, retry: { retries: 0 }, now: () => clock.now() });
      const card = await agent.readCard({ withPhoto: true });
      expect(card.pid).toBe(p.pid);
      const visit = await agent.requestVisitAuthen({
        pid: p.pid,
        claimType: 'PG0060001',
        mobile: '0812345678',
        correlationId: card.correlationId!,
      });
      expect(sb.store.getCode(visit.claimCode)).toMatchObject({ hcode: '10887', channel: 'AGENT' });
    } finally {
      await local.close();
    }
  });
});
