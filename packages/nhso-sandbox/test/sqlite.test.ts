import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultSqliteDriver,
  isSandboxError,
  type NewCode,
  openSqlite,
  openStore,
  type SqliteDriverName,
  sqliteDriverAvailable,
} from '@authenkit/nhso-sandbox';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'nhso-sandbox-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drivers: SqliteDriverName[] = ['better-sqlite3', 'node:sqlite'];
for (const d of drivers)
  if (!sqliteDriverAvailable(d))
    console.warn(
      `[nhso-sandbox] SKIPPED: the ${d} driver is not available on Node ${process.versions.node}` +
        (d === 'node:sqlite'
          ? ' (node:sqlite needs Node >= 22.13 / 23.4)'
          : ' (better-sqlite3 12 aborts on Node >= 24.19, so it is refused there)'),
    );

describe('driver choice', () => {
  it('auto picks node:sqlite when the runtime has it, better-sqlite3 otherwise', () => {
    const expected = process.env.AUTHENKIT_SQLITE_DRIVER
      ? process.env.AUTHENKIT_SQLITE_DRIVER
      : sqliteDriverAvailable('node:sqlite')
        ? 'node:sqlite'
        : 'better-sqlite3';
    expect(defaultSqliteDriver()).toBe(expected);
    const db = openSqlite(':memory:');
    expect(db.driver).toBe(expected);
    db.close();
  });

  it.skipIf(sqliteDriverAvailable('node:sqlite'))(
    'asking for a missing node:sqlite is a typed STORAGE_ERROR',
    () => {
      try {
        openSqlite(':memory:', { driver: 'node:sqlite' });
        expect.unreachable();
      } catch (e) {
        expect(isSandboxError(e) && e.code).toBe('STORAGE_ERROR');
      }
    },
  );
});

const visit = (over: Partial<NewCode> = {}): NewCode => ({
  kind: 'PP',
  pid: '8000000000001',
  hcode: '10699',
  claimType: 'PG0060001',
  serviceDate: '2026-01-15',
  serviceDateTime: '2026-01-15T09:00:00',
  createdAt: '2026-01-15T09:00:00',
  channel: 'AGENT',
  method: 'SMART_CARD',
  certifier: 'PATIENT',
  recorderPid: null,
  hn: null,
  an: null,
  mobile: null,
  transactionId: null,
  ...over,
});

for (const driver of drivers) {
  describe.skipIf(!sqliteDriverAvailable(driver))(`SQLite seam on ${driver}`, () => {
    it('binds positional and @named parameters, returns plain rows with numbers', () => {
      const db = openSqlite(':memory:', { driver });
      expect(db.driver).toBe(driver);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, n INTEGER)');
      const ins = db.prepare('INSERT INTO t (name, note, n) VALUES (@name, @note, @n)');
      expect(ins.run({ name: 'สมชาย', note: null, n: 7 })).toEqual({ changes: 1, lastInsertRowid: 1 });
      expect(db.prepare('INSERT INTO t (name, n) VALUES (?, ?)').run('b', 9_007_199_254_740_991n)).toEqual({
        changes: 1,
        lastInsertRowid: 2,
      });
      const row = db.prepare('SELECT name, note, n FROM t WHERE id = ?').get<Record<string, unknown>>(1);
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(row).toStrictEqual({ name: 'สมชาย', note: null, n: 7 });
      const all = db.prepare('SELECT id FROM t ORDER BY id').all<{ id: number }>();
      expect(all).toStrictEqual([{ id: 1 }, { id: 2 }]);
      expect(db.prepare('SELECT id FROM t WHERE id = ?').get(99)).toBeUndefined();
      expect(db.prepare('UPDATE t SET note = ?').run('x').changes).toBe(2);
      db.close();
      db.close(); // idempotent
      expect(db.open).toBe(false);
    });

    it('pragma returns rows; WAL and busy_timeout apply to a file database', () => {
      const db = openSqlite(join(dir, `pragma-${driver.replace(':', '-')}.db`), { driver });
      expect(db.pragma('journal_mode = WAL')).toEqual([{ journal_mode: 'wal' }]);
      db.pragma('synchronous = FULL');
      expect(db.pragma('synchronous')).toEqual([{ synchronous: 2 }]);
      db.pragma('busy_timeout = 5000');
      expect(db.pragma('busy_timeout')).toEqual([{ timeout: 5000 }]);
      db.close();
    });

    it('transactions commit, roll back on throw, and nest with savepoints', () => {
      const db = openSqlite(':memory:', { driver });
      db.exec('CREATE TABLE t (x TEXT UNIQUE)');
      const ins = db.prepare('INSERT INTO t (x) VALUES (?)');
      const count = () => db.prepare('SELECT count(*) AS n FROM t').get<{ n: number }>()?.n;
      const many = db.transaction((xs: string[]) => {
        for (const x of xs) ins.run(x);
        return xs.length;
      });
      expect(many(['a', 'b'])).toBe(2);
      expect(() => many(['c', 'a'])).toThrow(); // 'a' is a duplicate: 'c' must be rolled back too
      expect(count()).toBe(2);
      expect(db.inTransaction).toBe(false);

      const outer = db.transaction(
        () => {
          expect(db.inTransaction).toBe(true);
          ins.run('d');
          expect(() => many(['e', 'a'])).toThrow(); // inner failure undoes only 'e'
          many(['f']);
        },
        { immediate: true },
      );
      outer();
      expect(
        db
          .prepare('SELECT x FROM t ORDER BY x')
          .all<{ x: string }>()
          .map((r) => r.x),
      ).toEqual(['a', 'b', 'd', 'f']);
      const failing = db.transaction(() => {
        ins.run('g');
        throw new Error('boom');
      });
      expect(failing).toThrow('boom');
      expect(count()).toBe(4);
      const asyncFn = db.transaction(async () => {
        ins.run('h');
      });
      expect(() => asyncFn()).toThrow(/synchronous/);
      expect(count()).toBe(4);
      db.close();
    });

    it('BEGIN IMMEDIATE takes the write lock: a second connection cannot write meanwhile', () => {
      const file = join(dir, `lock-${driver.replace(':', '-')}.db`);
      const a = openSqlite(file, { driver });
      const b = openSqlite(file, { driver });
      a.pragma('journal_mode = WAL');
      a.exec('CREATE TABLE t (x TEXT)');
      b.pragma('busy_timeout = 0');
      a.transaction(
        () => {
          expect(() => b.exec("INSERT INTO t VALUES ('b')")).toThrow(/locked|busy/i);
        },
        { immediate: true },
      )();
      b.exec("INSERT INTO t VALUES ('b')");
      expect(a.prepare('SELECT count(*) AS n FROM t').get<{ n: number }>()?.n).toBe(1);
      a.close();
      b.close();
    });

    it('the sandbox store behaves the same: issue, duplicates, idempotency, status, citizens, tokens', () => {
      const file = join(dir, `store-${driver.replace(':', '-')}.db`);
      const store = openStore({ path: file, seed: 3, driver });
      expect(store.driver).toBe(driver);
      const first = store.issue(visit({ transactionId: 'T1' }), 'K1', 'F1');
      expect(first.replayed).toBe(false);
      expect(first.code).toMatchObject({ seq: 1, kind: 'PP', status: 'issued', recorderPid: null });
      expect(first.code.claimCode).toMatch(/^PP\d{10}$/);
      expect(store.issue(visit({ transactionId: 'T1' }), 'K1', 'F1')).toEqual({
        code: first.code,
        replayed: true,
      });
      try {
        store.issue(visit(), 'K1', 'other');
        expect.unreachable();
      } catch (e) {
        expect(isSandboxError(e) && e.code).toBe('IDEMPOTENCY_MISMATCH');
      }
      try {
        store.issue(visit());
        expect.unreachable();
      } catch (e) {
        expect(isSandboxError(e) && e.code).toBe('DUPLICATE_AUTHEN_CODE');
      }
      const ep = store.issue(visit({ kind: 'EP', transactionId: 'T2' })).code;
      expect(ep.seq).toBe(2);
      expect(store.setStatus(first.code.claimCode, 'cancelled', 'ผิดคน', '3100000000001', 'x').status).toBe(
        'cancelled',
      );
      expect(() => store.setStatus(first.code.claimCode, 'used', null, 'e', 'x')).toThrow();
      expect(store.issue(visit()).code.seq).toBe(3); // cancelled codes free the day again
      expect(store.codesOfPid('8000000000001').map((c) => c.seq)).toEqual([3, 2, 1]);
      expect(store.findActive('PP', '8000000000001', '10699', 'PG0060001', '2026-01-15')?.seq).toBe(3);

      store.setConsent('U1', 'ACCEPTED', 't');
      expect(store.registerCitizen('U1', '8000000000001', '0812345678')).toEqual({
        lineUserId: 'U1',
        consent: 'ACCEPTED',
        consentAt: 't',
        pid: '8000000000001',
        phone: '0812345678',
      });
      store.setConsent('U2', 'ACCEPTED', 't');
      expect(() => store.registerCitizen('U2', '8000000000001', '0800000000')).toThrow();
      expect(store.getCitizen('U2')?.pid).toBeNull();

      store.putToken({ token: 'tok', kind: 'bearer', pid: 'p', hcode: 'h', expiresAt: 1_900_000_000_000 });
      expect(store.getToken('tok')).toEqual({
        token: 'tok',
        kind: 'bearer',
        pid: 'p',
        hcode: 'h',
        expiresAt: 1_900_000_000_000,
      });
      store.deleteToken('tok');
      expect(store.getToken('tok')).toBeUndefined();
      const codes = store.listCodes();
      store.close();

      // reopened (with whichever driver): same rows, same code scrambler
      const again = openStore({ path: file, seed: 999 });
      expect(again.listCodes()).toEqual(codes);
      expect(again.issue(visit({ pid: '8000000000002' })).code.seq).toBe(4);
      again.close();
    });
  });
}
