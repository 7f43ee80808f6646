import { ageAt, formatThaiAge, maskCitizenId } from '@authenkit/authen-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskState, type OfflineCounter, startOfflineCounter } from '../src/index.js';

let counter: OfflineCounter;
const api = (path: string, init?: RequestInit) => fetch(new URL(path, counter.desk.url), init);
const json = async (path: string, init?: RequestInit) => {
  const res = await api(path, init);
  return { status: res.status, body: await res.json() };
};
/** Bangkok date and HH:MM of a moment `minutesAgo` minutes ago (a visit time that is never in the future). */
const bangkok = (minutesAgo: number) => {
  const iso = new Date(Date.now() + 7 * 3600_000 - minutesAgo * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};
const visit = (state: DeskState, extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    session: state.card?.session,
    claimType: 'PG0060001',
    visitDate: bangkok(10).date,
    visitTime: bangkok(10).time,
    hn: 'HN0001',
    phone: '0812345678',
    certifier: 'PATIENT',
    ...extra,
  }),
});

beforeAll(async () => {
  counter = await startOfflineCounter();
});
afterAll(() => counter?.close());

describe('reception desk (sandbox + Agent + virtual card)', () => {
  it('reads the inserted card: masked PID, Thai name, age, rights from the Agent', async () => {
    const state = await counter.desk.whenCardReady();
    const p = counter.person;
    expect(state.reader.state).toBe('ready');
    expect(state.card?.maskedPid).toBe(maskCitizenId(p.pid));
    expect(state.card?.nameTh).toBe(`${p.titleTh} ${p.firstNameTh} ${p.lastNameTh}`);
    const birth = `${p.birthDate.year}${String(p.birthDate.month).padStart(2, '0')}${String(p.birthDate.day).padStart(2, '0')}`;
    expect(state.card?.age.th).toBe(formatThaiAge(ageAt(birth, new Date())));
    expect(state.card?.age.th).toMatch(/^\d+ ปี \d+ เดือน \d+ วัน$/);
    expect(state.card?.photoVersion).toBeGreaterThan(0);
    expect(state.rights).toMatchObject({
      status: 'ok',
      mainInscl: { code: 'UCS', name: { th: 'สิทธิหลักประกันสุขภาพแห่งชาติ' } },
      hospMain: { hcode: p.right?.hospMain.hcode },
    });
  });

  it('never sends the full citizen ID to the page', async () => {
    const pid = counter.person.pid;
    const bodies = await Promise.all(
      ['/api/state', '/api/options', '/api/visits', '/'].map((p) => api(p).then((r) => r.text())),
    );
    for (const body of bodies) expect(body).not.toContain(pid);
  });

  it('serves the photo of the current session only', async () => {
    const state = counter.desk.state();
    const ok = await api(`/api/card/photo?session=${state.card?.session}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    const bytes = new Uint8Array(await ok.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    const wrong = await json('/api/card/photo?session=not-this-one');
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('CARD_CHANGED');
  });

  it('issues an Authen Code, then returns the same code (reused) instead of a duplicate', async () => {
    const state = counter.desk.state();
    const first = await json('/api/visits', visit(state));
    expect(first.status).toBe(200);
    expect(first.body.claimCode).toMatch(/^PP\d{10}$/);
    expect(first.body.reused).toBe(false);
    const again = await json(
      '/api/visits',
      visit(state, bangkok(5).date === bangkok(10).date ? { visitTime: bangkok(5).time } : {}),
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ claimCode: first.body.claimCode, reused: true });
    const log = await json('/api/visits');
    expect(log.body.visits).toHaveLength(1);
    expect(log.body.visits[0]).toMatchObject({
      claimCode: first.body.claimCode,
      maskedPid: state.card?.maskedPid,
    });
  });

  it('confirms the code with NHSO (check-authen-status)', async () => {
    const [v] = (await json('/api/visits')).body.visits;
    const status = await json(`/api/visits/${v.claimCode}/status`);
    expect(status).toMatchObject({ status: 200, body: { found: true } });
    const unknown = await json('/api/visits/PP0000000000/status');
    expect(unknown.status).toBe(404);
  });

  it('rejects bad input with bilingual messages from validateVisitRequest', async () => {
    const state = counter.desk.state();
    const bad = await json('/api/visits', visit(state, { phone: '12345', claimType: 'NOPE' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
    expect(bad.body.error.message.th).toMatch(/[\u0E00-\u0E7F]/);
    expect(bad.body.error.message.en).toMatch(/claim type|mobile/i);
    const future = await json('/api/visits', visit(state, { visitDate: '2099-01-01' }));
    expect(future.status).toBe(400);
    const garbage = await api('/api/visits', { method: 'POST', body: '[1,2' });
    expect(garbage.status).toBe(400);
  });

  it('follows the reader: removal clears the screen, a swapped card cannot reuse the old session', async () => {
    const before = counter.desk.state();
    await counter.remove();
    await expect.poll(() => counter.desk.state().reader.state).toBe('empty');
    expect(counter.desk.state().card).toBeNull();
    const noCard = await json('/api/visits', visit(before));
    expect(noCard.status).toBe(409);
    expect(noCard.body.error.code).toBe('CARD_NOT_PRESENT');

    const other = counter.sandbox.population.people.find(
      (p) => p.right?.mainInscl === 'UCS' && p.pid !== counter.person.pid && !p.deathDate,
    )!;
    await counter.insert(other);
    const after = await counter.desk.whenCardReady();
    expect(after.card?.maskedPid).toBe(maskCitizenId(other.pid));
    expect(after.card?.session).not.toBe(before.card?.session);
    const stale = await json('/api/visits', visit(before));
    expect(stale.body.error.code).toBe('CARD_CHANGED');
  });

  it('pushes state changes to the page over server-sent events', async () => {
    const controller = new AbortController();
    const res = await api('/api/events', { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (re: RegExp) => {
      while (!re.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return re.test(text);
    };
    expect(await until(/event: state\ndata: .*"state":"ready"/)).toBe(true);
    text = '';
    await counter.remove();
    expect(await until(/"state":"empty"/)).toBe(true);
    controller.abort();
    await counter.insert();
    await counter.desk.whenCardReady();
  });
});
