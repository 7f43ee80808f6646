// Per-call overhead of @authenkit/nhso-client versus raw fetch against the same local server, and
// checkAuthenStatusMany throughput at concurrency 1/8/32 with a fixed server latency.
// Prints one Markdown section. Run: npx tsx bench/nhso-client-overhead.bench.ts (after building).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgentClient, createNhsoClient, normalizeAuthenStatusNested } from '@authenkit/nhso-client';
import { CheckAuthenStatusNestedSchema } from '@authenkit/nhso-client/schemas';
import ky from 'ky';
import * as v from 'valibot';

const PID = '1101700203450';
const STATUS = JSON.stringify({
  statusAuthen: true,
  statusMessage: 'พบข้อมูลการ authen',
  firstName: 'สมชาย',
  lastName: 'ใจดี',
  mainInscl: { id: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' },
  subInscl: { id: '89', name: 'ช่วงอายุ 12-59 ปี' },
  serviceHistories: [
    {
      hospital: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
      serviceDateTime: '2025-01-02T08:00:00',
      claimCode: 'PP1238504971',
      service: { code: 'PG0060001', name: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' },
      sourceChannel: 'ENDPOINT',
    },
  ],
});
const LATEST = JSON.stringify({
  claimType: 'PG0060001',
  claimCode: 'PP1',
  claimDateTime: '2025-01-02T08:00:00',
  hcode: '10699',
});

let latencyMs = 0;
const server = createServer((req, res) => {
  const send = () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.startsWith('/api/') ? LATEST : STATUS);
  };
  req.resume();
  req.on('end', () => (latencyMs ? setTimeout(send, latencyMs) : send()));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const statusUrl = `${base}/authencodestatus/api/check-authen-status?personalId=${PID}&serviceDate=2025-01-02`;
const latestUrl = `${base}/api/nhso-service/latest-authen-code/${PID}`;
const nhso = createNhsoClient({ token: 'bench-token', environment: { baseUrl: base } });
const agent = createAgentClient({ baseUrl: base });

async function time(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return ((performance.now() - t0) * 1000) / n; // µs per call
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const ROUNDS = 15;
const PER_ROUND = 400;
const rows: string[] = [];
const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>, () => Promise<unknown>]> = [
  [
    'checkAuthenStatus (nested shape)',
    async () => (await fetch(statusUrl, { headers: { authorization: 'Bearer bench-token' } })).json(),
    async () =>
      (
        await fetch(statusUrl, {
          headers: { authorization: 'Bearer bench-token' },
          signal: AbortSignal.timeout(10_000),
        })
      ).json(),
    () => nhso.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }),
  ],
  [
    'latestAuthenCode (Agent)',
    async () => (await fetch(latestUrl)).json(),
    async () => (await fetch(latestUrl, { signal: AbortSignal.timeout(5_000) })).json(),
    () => agent.latestAuthenCode(PID),
  ],
];
for (const [name, raw, rawTimeout, sdk] of cases) {
  for (const f of [raw, rawTimeout, sdk]) await time(300, f); // warm-up
  // Alternate short rounds so load from other processes hits all sides alike; report medians.
  const a: number[] = [];
  const b: number[] = [];
  const k: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(await time(PER_ROUND, raw));
    b.push(await time(PER_ROUND, rawTimeout));
    k.push(await time(PER_ROUND, sdk));
  }
  const [ma, mb, mk] = [median(a), median(b), median(k)];
  rows.push(
    `| ${name} | ${ma.toFixed(0)} | ${mb.toFixed(0)} | ${mk.toFixed(0)} | ${(mk / ma).toFixed(2)}× | ${(mk / mb).toFixed(2)}× |`,
  );
}

// Where the time goes (checkAuthenStatus): raw → + validation and normalisation → + ky → the SDK.
const auth = { authorization: 'Bearer bench-token' };
const stages: Array<[string, () => Promise<unknown>]> = [
  [
    'raw fetch + JSON.parse',
    async () => JSON.parse(await (await fetch(statusUrl, { headers: auth })).text()),
  ],
  [
    '+ AbortController timer, valibot validation, normalisation',
    async () => {
      const c = new AbortController();
      const t = setTimeout(() => c.abort(), 10_000);
      const text = await (await fetch(statusUrl, { headers: auth, signal: c.signal })).text();
      clearTimeout(t);
      return normalizeAuthenStatusNested(v.parse(CheckAuthenStatusNestedSchema, JSON.parse(text)));
    },
  ],
  [
    '+ ky (Request construction, clone, hooks machinery)',
    async () => {
      const c = new AbortController();
      const t = setTimeout(() => c.abort(), 10_000);
      const res = await ky(statusUrl, {
        headers: auth,
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        fetch: (i) =>
          fetch((i as Request).url, { method: 'GET', headers: (i as Request).headers, signal: c.signal }),
      });
      const text = await res.text();
      clearTimeout(t);
      return normalizeAuthenStatusNested(v.parse(CheckAuthenStatusNestedSchema, JSON.parse(text)));
    },
  ],
  [
    'nhso-client checkAuthenStatus (token, PID check, budget loop, shape detection)',
    () => nhso.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }),
  ],
];
for (const [, f] of stages) await time(300, f);
const stageTimes: number[][] = stages.map(() => []);
for (let round = 0; round < ROUNDS; round++)
  for (const [i, [, f]] of stages.entries()) stageTimes[i]!.push(await time(PER_ROUND, f));
const base0 = median(stageTimes[0]!);
const stageRows = stages.map(
  ([name], i) =>
    `| ${name} | ${median(stageTimes[i]!).toFixed(0)} | ${(median(stageTimes[i]!) / base0).toFixed(2)}× |`,
);

latencyMs = 5;
const items = Array.from({ length: 400 }, () => ({ personalId: PID, serviceDate: '2025-01-02' }));
const thr: string[] = [];
for (const concurrency of [1, 8, 32]) {
  const list = concurrency === 1 ? items.slice(0, 100) : items;
  const t0 = performance.now();
  let ok = 0;
  for await (const r of nhso.checkAuthenStatusMany(list, { concurrency })) if (r.ok) ok++;
  const s = (performance.now() - t0) / 1000;
  thr.push(`| ${concurrency} | ${list.length} | ${ok} | ${(list.length / s).toFixed(0)} |`);
}
server.close();

console.log(`## nhso-client: per-call overhead and batch throughput

Local \`node:http\` server on 127.0.0.1, same process. Overhead: median of ${ROUNDS} alternating rounds of
${PER_ROUND} sequential calls; "raw fetch" is \`fetch\` + \`response.json()\` with no validation; "+ timeout signal" adds
\`AbortSignal.timeout()\`, which every SDK call carries (undici's abort plumbing alone costs a measurable share
of a loopback round trip). The SDK call adds ky, runtime schema validation (valibot), normalisation (ISO
dates, rights), the retry/budget loop and hooks. Target ≤ 1.15×.

| call | raw fetch (µs) | raw fetch + timeout signal (µs) | nhso-client (µs) | vs raw | vs raw + timeout |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

Where the time goes (same server, same run):

| stage | µs/call | vs raw |
|---|---:|---:|
${stageRows.join('\n')}

\`checkAuthenStatusMany\` with the server adding ${latencyMs} ms per request:

| concurrency | items | ok | items/s |
|---:|---:|---:|---:|
${thr.join('\n')}`);
