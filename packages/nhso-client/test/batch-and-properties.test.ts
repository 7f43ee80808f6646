import {
  createAgentClient,
  createNhsoClient,
  isNhsoError,
  NHSO_ERROR_CODES,
  toBangkokIso,
} from '@authenkit/nhso-client';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLAT_STATUS, NESTED_STATUS, READ_BODY, STRING_RESULTS_STATUS } from './helpers/fixtures.js';
import { json, PID, sleep, startServer, type TestServer } from './helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

describe('checkAuthenStatusMany', () => {
  it('yields every item once with its index; per-item errors; bounded concurrency', async () => {
    let inflight = 0;
    let peak = 0;
    srv.handle(async (q, r) => {
      inflight++;
      peak = Math.max(peak, inflight);
      const d = q.query.get('serviceDate')!;
      await sleep(Number(d.slice(-2)) % 7);
      inflight--;
      if (d.endsWith('13')) return json(r, 400, { statusMessage: 'bad date' });
      json(r, 200, NESTED_STATUS);
    });
    const nhso = createNhsoClient({ token: 't', environment: { baseUrl: srv.url }, retry: { retries: 0 } });
    const items = Array.from({ length: 28 }, (_, i) => ({
      personalId: PID,
      serviceDate: `2025-01-${String(i + 1).padStart(2, '0')}`,
    }));
    const seen: number[] = [];
    let failures = 0;
    for await (const r of nhso.checkAuthenStatusMany(items, { concurrency: 4 })) {
      seen.push(r.index);
      expect(r.item).toBe(items[r.index]);
      if (r.ok) expect(r.value.found).toBe(true);
      else {
        failures++;
        expect(r.error.code).toBe('VALIDATION');
      }
    }
    expect(seen.sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    expect(failures).toBe(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('accepts async iterables and a rate limit', async () => {
    srv.handle((_q, r) => json(r, 200, FLAT_STATUS));
    const nhso = createNhsoClient({ token: 't', environment: { baseUrl: srv.url } });
    async function* gen() {
      for (let i = 0; i < 5; i++) yield { personalId: PID, serviceDate: '2023-10-06' };
    }
    const out = [];
    for await (const r of nhso.checkAuthenStatusMany(gen(), { concurrency: 2, ratePerSecond: 200 }))
      out.push(r);
    expect(out.filter((r) => r.ok)).toHaveLength(5);
  });
});

describe('only typed errors, whatever the server answers (fast-check)', () => {
  const bodies = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom<unknown>(NESTED_STATUS, FLAT_STATUS, STRING_RESULTS_STATUS, READ_BODY),
    // Mutations of real shapes: drop or replace fields with arbitrary JSON.
    fc
      .tuple(
        fc.constantFrom<Record<string, unknown>>(
          NESTED_STATUS,
          FLAT_STATUS,
          STRING_RESULTS_STATUS,
          READ_BODY,
        ),
        fc.dictionary(fc.string(), fc.jsonValue()),
      )
      .map(([base, patch]) => ({ ...base, ...patch })),
  );
  it('checkAuthenStatus and readCard never throw anything but NhsoError', async () => {
    let current: { status: number; body: unknown } = { status: 200, body: null };
    srv.handle((_q, r) => json(r, current.status, JSON.stringify(current.body ?? null)));
    const nhso = createNhsoClient({ token: 't', environment: { baseUrl: srv.url }, retry: { retries: 0 } });
    const agent = createAgentClient({ baseUrl: srv.url, retry: { retries: 0 } });
    await fc.assert(
      fc.asyncProperty(
        bodies,
        fc.constantFrom(200, 200, 200, 400, 401, 404, 418, 429, 500, 503),
        async (body, status) => {
          current = { status, body };
          for (const call of [
            () => nhso.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }),
            () => agent.readCard(),
            () => agent.latestAuthenCodes(PID),
          ]) {
            try {
              await call();
            } catch (e) {
              expect(isNhsoError(e)).toBe(true);
              expect(NHSO_ERROR_CODES).toContain((e as { code: string }).code);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('host time zone never shifts NHSO date-times', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });
  for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Bangkok']) {
    it(`TZ=${tz}`, async () => {
      process.env.TZ = tz;
      expect(toBangkokIso('2025-01-02T23:30:00')).toBe('2025-01-02T23:30:00+07:00');
      expect(toBangkokIso('2025-01-02T16:30:00Z')).toBe('2025-01-02T23:30:00+07:00');
      srv.handle((_q, r) => json(r, 200, NESTED_STATUS));
      const nhso = createNhsoClient({ token: 't', environment: { baseUrl: srv.url } });
      const s = await nhso.checkAuthenStatus({
        personalId: PID,
        serviceDate: new Date('2025-01-02T16:59:00Z'),
      });
      expect(srv.seen.at(-1)?.query.get('serviceDate')).toBe('2025-01-02');
      expect(s.histories[0]?.serviceDateTime).toBe('2025-01-02T23:30:00+07:00');
      expect(new Date(s.histories[0]!.serviceDateTime).toISOString()).toBe('2025-01-02T16:30:00.000Z');
    });
  }
});
