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

const ROUNDS = 21;
const PER_ROUND = 300;
/**
 * Warm-up, then ROUNDS rounds in which every function runs PER_ROUND sequential calls; the order rotates
 * each round so load from other processes and GC debt hit every side alike. Returns medians (µs/call).
 */
async function measure(fns: Array<() => Promise<unknown>>, perRound = PER_ROUND): Promise<number[]> {
  for (const f of fns) await time(perRound, f);
  const t: number[][] = fns.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    for (let j = 0; j < fns.length; j++) {
      const i = (j + round) % fns.length;
      t[i]!.push(await time(perRound, fns[i]!));
    }
  return t.map(median);
}
const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

// ky as the clients use it: one shared instance, fixed options (our own loop retries; statuses are
// mapped by the client), no hooks.
const kyShared = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
const auth = { authorization: 'Bearer bench-token', accept: 'application/json' };
const rows: string[] = [];
const cases: Array<[string, Array<() => Promise<unknown>>]> = [
  [
    'checkAuthenStatus (nested shape)',
    [
      async () => (await fetch(statusUrl, { headers: auth })).json(),
      async () => (await fetch(statusUrl, { headers: auth, signal: AbortSignal.timeout(10_000) })).json(),
      async () => JSON.parse(await (await kyShared(statusUrl, { headers: auth })).text()),
      () => nhso.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }),
    ],
  ],
  [
    'latestAuthenCode (Agent)',
    [
      async () => (await fetch(latestUrl)).json(),
      async () => (await fetch(latestUrl, { signal: AbortSignal.timeout(5_000) })).json(),
      async () => JSON.parse(await (await kyShared(latestUrl)).text()),
      () => agent.latestAuthenCode(PID),
    ],
  ],
];
for (const [name, fns] of cases) {
  const [raw, rawT, kyOnly, sdk] = await measure(fns);
  rows.push(
    `| ${name} | ${raw!.toFixed(0)} | ${rawT!.toFixed(0)} | ${kyOnly!.toFixed(0)} | ${sdk!.toFixed(0)} | ${x(sdk!, raw!)} | ${x(kyOnly!, raw!)} | ${x(sdk!, kyOnly!)} |`,
  );
}

// Where the time goes (checkAuthenStatus, same server, same payload, same run).
const checkBody = (text: string) =>
  normalizeAuthenStatusNested(v.parse(CheckAuthenStatusNestedSchema, JSON.parse(text)));
const stages: Array<[string, () => Promise<unknown>]> = [
  [
    'raw `fetch` + `JSON.parse`',
    async () => JSON.parse(await (await fetch(statusUrl, { headers: auth })).text()),
  ],
  [
    'raw `fetch` + valibot validation + normalisation (no ky)',
    async () => checkBody(await (await fetch(statusUrl, { headers: auth })).text()),
  ],
  [
    'ky alone (shared instance) + `JSON.parse`',
    async () => JSON.parse(await (await kyShared(statusUrl, { headers: auth })).text()),
  ],
  [
    'ky with its per-attempt timeout + validation + normalisation',
    async () => checkBody(await (await kyShared(statusUrl, { headers: auth, timeout: 10_000 })).text()),
  ],
  [
    'nhso-client `checkAuthenStatus` (+ PID check, token, budget/retry loop, body timer, shape detection)',
    () => nhso.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }),
  ],
];
const st = await measure(stages.map(([, f]) => f));
const stageRows = stages.map(([name], i) => `| ${name} | ${st[i]!.toFixed(0)} | ${x(st[i]!, st[0]!)} |`);
const kyFloor = st[2]! / st[0]!;
const oursOverKy = st[4]! / st[2]!;

// The same layers with the network taken out: a stub fetch answers with a ready Response, so what is
// left is CPU spent per call in ky and in our code (far less noisy than a loopback round trip).
const stubFetch = async () => new Response(STATUS, { headers: { 'content-type': 'application/json' } });
const nhsoStub = createNhsoClient({ token: 'bench-token', environment: { baseUrl: base }, fetch: stubFetch });
const cpu = await measure(
  [
    async () => JSON.parse(await (await stubFetch()).text()),
    async () => JSON.parse(await (await kyShared(statusUrl, { headers: auth, fetch: stubFetch })).text()),
    async () => checkBody(await (await kyShared(statusUrl, { headers: auth, fetch: stubFetch })).text()),
    () => nhsoStub.checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }),
  ],
  1000,
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

Local \`node:http\` server on 127.0.0.1, same process, same payload for every variant. Each figure is the
median of ${ROUNDS} rounds of ${PER_ROUND} sequential calls after a warm-up, with the order of the variants
rotated every round. "raw fetch" is \`fetch\` + \`response.json()\` with no validation; "+ timeout signal" adds
\`AbortSignal.timeout()\`; "ky alone" is the client's ky setup (one shared \`ky.create()\` instance, no
retries, no hooks) + \`JSON.parse\`, with no validation. The client adds runtime schema validation
(valibot), normalisation (ISO dates, rights), the retry/budget loop and a per-attempt timeout that also
covers reading the body.

| call | raw fetch (µs) | raw + timeout signal (µs) | ky alone (µs) | nhso-client (µs) | client vs raw | ky alone vs raw | client vs ky alone |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Where the time goes (\`checkAuthenStatus\`):

| stage | µs/call | vs raw |
|---|---:|---:|
${stageRows.join('\n')}

The same layers with a stub \`fetch\` (ready \`Response\`, no socket; ${ROUNDS} rounds of 1000 calls) — CPU per call:

| layer | µs/call |
|---|---:|
| \`Response\` + \`JSON.parse\` | ${cpu[0]!.toFixed(1)} |
| + ky (Request, clone, option merging, signals) | ${cpu[1]!.toFixed(1)} |
| + validation + normalisation | ${cpu[2]!.toFixed(1)} |
| nhso-client \`checkAuthenStatus\` | ${cpu[3]!.toFixed(1)} |

Reading: ky alone costs ${kyFloor.toFixed(2)}× a raw \`fetch\` here (it builds a \`Request\` with its own
\`AbortController\`, clones it for retries and hands it to \`fetch\`, which copies it again; each step links
another AbortSignal in undici). That floor is the price of using ky and is above the 1.15× target by
itself, so the target is not met against raw \`fetch\`. On top of ky, our code (validation,
normalisation, PID/date checks, token, retry/budget loop, body timer) costs ${oursOverKy.toFixed(2)}× ky
alone. Loopback figures move by ±10 % between runs on a shared machine; the stub-fetch table is steadier.

\`checkAuthenStatusMany\` with the server adding ${latencyMs} ms per request:

| concurrency | items | ok | items/s |
|---:|---:|---:|---:|
${thr.join('\n')}`);
