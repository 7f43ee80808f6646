import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generatePopulation,
  openStore,
  SANDBOX_DEV_TOKEN,
  type SqliteDriverName,
  sqliteDriverAvailable,
} from '@authenkit/nhso-sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { kill9, spawnCli } from './fixtures/child';

const dir = mkdtempSync(join(tmpdir(), 'nhso-sandbox-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drivers: SqliteDriverName[] = ['better-sqlite3', 'node:sqlite'];
for (const d of drivers)
  if (!sqliteDriverAvailable(d))
    console.warn(
      `[nhso-sandbox] SKIPPED: kill -9 durability on ${d}: not available on Node ${process.versions.node}`,
    );

for (const driver of drivers)
  describe.skipIf(!sqliteDriverAvailable(driver))(
    `durability on ${driver}: kill -9 at random points loses no issued code and duplicates none`,
    () => {
      it('survives repeated SIGKILL while issuing codes against a file database', async () => {
        const db = join(dir, `sandbox-${driver.replace(':', '-')}.db`);
        const env = { AUTHENKIT_SQLITE_DRIVER: driver };
        const seed = 11;
        const size = 300;
        const living = generatePopulation({ seed, size }).people.filter((p) => !p.deathDate);
        const base = Date.parse('2026-01-15T09:00:00+07:00');
        // visit i: one person, one day → one transactionId (idempotency key)
        const visit = (i: number) => ({
          hcode: '10699',
          mainInsclCode: 'UCS',
          serviceDateTime: base + Math.floor(i / living.length) * 86_400_000,
          invoiceDateTime: base,
          transactionId: `10699${String(i).padStart(8, '0')}abcdef`,
          totalAmount: 100,
          paidAmount: 0,
          privilegeAmount: 100,
          claimServiceCode: 'PG0060001',
          pid: living[i % living.length]!.pid,
          sourceId: 'DURABILITY',
          visitNumber: `VN${i}`,
          recorderPid: living[0]!.pid,
        });
        const seen = new Map<string, string>(); // transactionId → code the client saw
        const pending = new Set<number>(); // visits whose outcome the client did not see
        let next = 0;
        let interrupted = 0;
        let rng = 12345;
        const random = () => {
          rng = (rng * 1103515245 + 12345) % 2 ** 31;
          return rng / 2 ** 31;
        };
        const send = async (url: string, i: number): Promise<boolean> => {
          try {
            const r = await fetch(`${url}/nhsoendpoint/api/nhso-claim-detail`, {
              method: 'POST',
              headers: { authorization: `Bearer ${SANDBOX_DEV_TOKEN}`, 'content-type': 'application/json' },
              body: JSON.stringify(visit(i)),
            });
            const b = (await r.json()) as { authenCode?: string };
            if (r.status !== 200 || !b.authenCode) throw new Error(`status ${r.status}`);
            const prev = seen.get(visit(i).transactionId);
            if (prev !== undefined) expect(b.authenCode).toBe(prev); // a retried visit gets the same code
            seen.set(visit(i).transactionId, b.authenCode);
            pending.delete(i);
            return true;
          } catch {
            if (!pending.has(i)) interrupted++;
            pending.add(i);
            return false;
          }
        };

        for (let round = 0; round < 4; round++) {
          const { child, url } = await spawnCli(
            ['serve', '--port', '0', '--db', db, '--seed', String(seed), '--people', String(size), '--quiet'],
            env,
          );
          // first retry everything in doubt with the same idempotency keys
          for (const i of [...pending]) await send(url, i);
          expect(pending.size).toBe(0);
          let stop = false;
          const workers = Array.from({ length: 6 }, async () => {
            while (!stop) {
              const i = next++;
              if (!(await send(url, i))) return;
            }
          });
          await new Promise((r) => setTimeout(r, 150 + random() * 400));
          await kill9(child);
          stop = true;
          await Promise.all(workers);
        }
        // final restart: settle the in-doubt visits
        const { child, url } = await spawnCli(
          ['serve', '--port', '0', '--db', db, '--seed', String(seed), '--people', String(size), '--quiet'],
          env,
        );
        for (const i of [...pending]) await send(url, i);
        await kill9(child);
        expect(pending.size).toBe(0);
        expect(seen.size).toBeGreaterThan(20);
        expect(interrupted).toBeGreaterThan(0); // the kills really hit requests in flight

        const store = openStore({ path: db, driver });
        expect(store.driver).toBe(driver);
        try {
          const codes = store.listCodes();
          const byCode = new Map(codes.map((c) => [c.claimCode, c]));
          expect(byCode.size).toBe(codes.length); // unique codes
          for (const [tx, code] of seen) expect(byCode.get(code)?.transactionId).toBe(tx); // nothing a client saw is lost
          const perTx = new Map<string, number>();
          for (const c of codes)
            perTx.set(c.transactionId ?? '', (perTx.get(c.transactionId ?? '') ?? 0) + 1);
          expect([...perTx.values()].every((n) => n === 1)).toBe(true); // one code per visit
          expect(codes.length).toBe(seen.size); // and no code nobody asked for
        } finally {
          store.close();
        }
      }, 120_000);
    },
  );
