import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SqliteDriverName, sqliteDriverAvailable } from '@authenkit/nhso-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { openVisitStore } from '../src/db.js';

const dir = mkdtempSync(join(tmpdir(), 'authenkit-his-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drivers: SqliteDriverName[] = ['better-sqlite3', 'node:sqlite'];
for (const d of drivers)
  if (!sqliteDriverAvailable(d))
    console.warn(
      `[his-backend] SKIPPED: visit store on ${d}: not available on Node ${process.versions.node}`,
    );

for (const driver of drivers)
  describe.skipIf(!sqliteDriverAvailable(driver))(`visit store on ${driver}`, () => {
    it('adds, lists, records checks in one transaction and closes claims; survives reopen', () => {
      const file = join(dir, `his-${driver.replace(':', '-')}.sqlite`);
      const store = openVisitStore(file, driver);
      const v1 = store.addVisit({
        vn: 'V1',
        hn: 'H1',
        pid: '8000000000001',
        serviceDate: '2026-01-15',
        serviceTime: '09:30',
        claimType: 'PG0060001',
      });
      expect(v1).toStrictEqual({
        vn: 'V1',
        hn: 'H1',
        pid: '8000000000001',
        serviceDate: '2026-01-15',
        serviceTime: '09:30',
        claimType: 'PG0060001',
        mainInscl: null,
        authCode: null,
        authStatus: 'PENDING',
        checkedAt: null,
        closeCode: null,
        closedAt: null,
      });
      store.addVisit({
        vn: 'V0',
        hn: 'H2',
        pid: '8000000000002',
        serviceDate: '2026-01-15',
        serviceTime: '08:00',
        claimType: 'PG0060001',
        authCode: 'PP1234567890',
        mainInscl: 'UCS',
      });
      expect(() =>
        store.addVisit({
          vn: 'BAD',
          hn: 'H',
          pid: '123',
          serviceDate: '2026-01-15',
          serviceTime: '10:00',
          claimType: 'x',
        }),
      ).toThrow(); // CHECK (length(pid) = 13)
      expect(store.listByDate('2026-01-15').map((v) => v.vn)).toEqual(['V0', 'V1']);

      // one bad update rolls the whole batch back
      expect(() =>
        store.recordChecks([
          { vn: 'V1', authCode: 'PP0000000001', authStatus: 'CONFIRMED', checkedAt: 't1' },
          { vn: 'V0', authCode: null, authStatus: 'BOGUS' as never, checkedAt: 't1' },
        ]),
      ).toThrow();
      expect(store.get('V1')?.authStatus).toBe('PENDING');
      store.recordChecks([
        { vn: 'V1', authCode: 'PP0000000001', authStatus: 'CONFIRMED', checkedAt: 't2' },
        { vn: 'V0', authCode: null, authStatus: 'CONFIRMED', checkedAt: 't2' },
      ]);
      expect(store.get('V0')?.authCode).toBe('PP1234567890'); // COALESCE keeps the counter's code
      store.recordClose('V1', 'EP0000000001', 't3');
      store.close();

      const again = openVisitStore(file, driver);
      expect(again.get('V1')).toMatchObject({
        authCode: 'PP0000000001',
        closeCode: 'EP0000000001',
        closedAt: 't3',
      });
      expect(again.get('nope')).toBeUndefined();
      again.close();
    });
  });
