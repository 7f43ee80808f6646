// Benchmark: the NHSO sandbox under bounded loopback load (`startSandbox` from @authenkit/nhso-sandbox).
// Not a test. Run: `npx tsx bench/nhso-sandbox-load.bench.ts [--rounds N]` (or `npm run bench -- nhso-sandbox`).
// Phases, each against a fresh sandbox, all on 127.0.0.1 with fetch (undici) as the client:
//   issue-mem   — rounds × 200 concurrent close-claim requests on distinct visits (in-memory SQLite);
//   issue-file  — the same against a file database (WAL, synchronous=FULL: durable per code);
//   same-visit  — rounds × 50 concurrent requests for ONE visit (idempotent replay path);
//   status-read — rounds × 200 concurrent check-authen-status reads.
// Prints one Markdown section with requests/s per phase, the file/memory ratio, and the correctness counts
// (codes issued and unique) measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@authenkit/nhso-sandbox';

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg === -1 ? 10 : Number(process.argv[roundsArg + 1]);
const BASE = Date.parse('2026-01-15T09:00:00+07:00');

function visit(sb: Sandbox, pid: string, tx: string, day: number) {
  return {
    hcode: '10699',
    mainInsclCode: 'UCS',
    serviceDateTime: BASE + day * 86_400_000,
    invoiceDateTime: BASE,
    transactionId: tx,
    totalAmount: 100,
    paidAmount: 0,
    privilegeAmount: 100,
    claimServiceCode: 'PG0060001',
    pid,
    sourceId: 'BENCH',
    visitNumber: tx.slice(-12),
    recorderPid: sb.population.staff[0]!.pid,
  };
}

async function post(sb: Sandbox, body: unknown): Promise<string | undefined> {
  const r = await fetch(`${sb.url}/nhsoendpoint/api/nhso-claim-detail`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const j = (await r.json()) as { authenCode?: string };
  return r.status === 200 ? j.authenCode : undefined;
}

async function issuePhase(db?: string) {
  const sb = await startSandbox({ seed: 1, people: 400, ...(db ? { db } : {}) });
  const people = sb.population.people.filter((p) => !p.deathDate).slice(0, 200);
  const codes: (string | undefined)[] = [];
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const res = await Promise.all(
      people.map((p, i) => post(sb, visit(sb, p.pid, `10699R${round}V${i}xxxxxx`, round))),
    );
    codes.push(...res);
  }
  const ms = performance.now() - t0;
  await sb.close();
  const ok = codes.filter(Boolean);
  return { requests: codes.length, ms, issued: ok.length, unique: new Set(ok).size };
}

async function sameVisitPhase() {
  const sb = await startSandbox({ seed: 1, people: 400 });
  const people = sb.population.people.filter((p) => !p.deathDate);
  let requests = 0;
  let distinctPerVisitMax = 0;
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const body = visit(sb, people[round]!.pid, `10699SAME${round}xxxxxx`, 0);
    const res = await Promise.all(Array.from({ length: 50 }, () => post(sb, body)));
    requests += res.length;
    distinctPerVisitMax = Math.max(distinctPerVisitMax, new Set(res).size);
  }
  const ms = performance.now() - t0;
  await sb.close();
  return { requests, ms, distinctPerVisitMax };
}

async function readPhase() {
  const sb = await startSandbox({ seed: 1, people: 400 });
  const people = sb.population.people.filter((p) => !p.deathDate).slice(0, 200);
  for (const p of people)
    sb.issueCode({ kind: 'PP', pid: p.pid, hcode: '10699', claimType: 'PG0060001', serviceTime: BASE });
  let requests = 0;
  const t0 = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(
      people.map((p) =>
        fetch(
          `${sb.url}/authencodestatus/api/check-authen-status?personalId=${p.pid}&serviceDate=2026-01-15`,
          {
            headers: { authorization: `Bearer ${sb.token}` },
          },
        ).then((r) => r.arrayBuffer()),
      ),
    );
    requests += people.length;
  }
  const ms = performance.now() - t0;
  await sb.close();
  return { requests, ms };
}

const dir = mkdtempSync(join(tmpdir(), 'nhso-sandbox-bench-'));
try {
  const t0 = performance.now();
  const probe = await startSandbox({ people: 500 });
  const startupMs = performance.now() - t0;
  await probe.close();
  const mem = await issuePhase();
  const file = await issuePhase(join(dir, 'bench.db'));
  const same = await sameVisitPhase();
  const read = await readPhase();
  const rps = (x: { requests: number; ms: number }) => Math.round((x.requests / x.ms) * 1000);
  const lines = [
    '## NHSO sandbox load (loopback)',
    '',
    `${ROUNDS} rounds per phase; one Node process serves, the same process's \`fetch\` is the client (2 shared cores). Startup of a 500-person sandbox: ${startupMs.toFixed(0)} ms.`,
    '',
    '| Phase | Requests | Requests/s | Check |',
    '|---|---:|---:|---|',
    `| Issue, 200 concurrent distinct visits, in-memory DB | ${mem.requests} | ${rps(mem)} | ${mem.issued} codes, ${mem.unique} unique |`,
    `| Issue, 200 concurrent distinct visits, file DB (WAL, synchronous=FULL) | ${file.requests} | ${rps(file)} | ${file.issued} codes, ${file.unique} unique |`,
    `| Same visit × 50 concurrent (idempotent replay) | ${same.requests} | ${rps(same)} | max ${same.distinctPerVisitMax} distinct code(s) per visit |`,
    `| check-authen-status, 200 concurrent reads | ${read.requests} | ${rps(read)} | — |`,
    '',
    `File DB / in-memory throughput for issuance: ${(rps(file) / rps(mem)).toFixed(2)}× (same run).`,
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
