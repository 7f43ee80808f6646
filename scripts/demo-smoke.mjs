#!/usr/bin/env node
// CI smoke test of `npm run demo`: start it the way a person would (not --once), wait for the
// walkthrough and the URL, fetch the page once (200 + Thai text), then press "Ctrl-C" (SIGINT to the
// process group) and require a clean exit. Prints the demo's output; exits non-zero on any failure.
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const env = (name) => process.env[name];
const START_TIMEOUT_MS = Number(env('AUTHENKIT_SMOKE_TIMEOUT_MS') ?? 240_000); // includes a cold build
const STOP_TIMEOUT_MS = 20_000;
/** Lines the walkthrough must print (each a regular expression), in any order. */
const EXPECTED = [
  { name: 'transport line', re: /^AuthenKit demo .*(pcscd|in-process|PC\/SC)/m },
  { name: 'card read (masked PID)', re: /\d-\d{4}-x{5}-x{2}-\d/ },
  { name: 'age in Thai', re: /\d+ ปี \d+ เดือน \d+ วัน/ },
  { name: 'Authen Code', re: /Authen Code[^\n]*[A-Z]{2}\d{10}/ },
  { name: 'status checked', re: /(status|สถานะ)[^\n]*/i },
];
const URL_RE = /Reception desk: (http:\/\/127\.0\.0\.1:\d+\/)/;

let out = '';
const child = spawn('npm', ['run', '--silent', 'demo'], {
  cwd: root,
  detached: true, // own process group, so SIGINT reaches npm and the demo like a terminal Ctrl-C
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, AUTHENKIT_DEMO_ONCE: '' },
});
child.stdout.on('data', (d) => {
  out += d;
  process.stdout.write(d);
});
child.stderr.on('data', (d) => process.stderr.write(d));
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

function fail(message) {
  console.error(`\ndemo-smoke: FAIL — ${message}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
  process.exit(1);
}

const started = Date.now();
let url;
while (true) {
  const m = URL_RE.exec(out);
  const missing = EXPECTED.filter((e) => !e.re.test(out));
  if (m && missing.length === 0) {
    url = m[1];
    break;
  }
  const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 200))]);
  if (done)
    fail(
      `demo exited early (code ${done.code}, signal ${done.signal}); missing: ${missing.map((e) => e.name).join(', ') || 'URL'}`,
    );
  if (Date.now() - started > START_TIMEOUT_MS)
    fail(
      `timed out after ${START_TIMEOUT_MS} ms; missing: ${missing.map((e) => e.name).join(', ') || 'URL'}`,
    );
}

const res = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch((e) =>
  fail(`GET ${url}: ${e.message}`),
);
const html = await res.text();
if (res.status !== 200) fail(`GET ${url} answered ${res.status}`);
if (!/[\u0E00-\u0E7F]/.test(html)) fail(`GET ${url} has no Thai text`);
console.log(`\ndemo-smoke: GET ${url} → 200, ${html.length} bytes with Thai text`);

process.kill(-child.pid, 'SIGINT');
const timer = setTimeout(
  () => fail(`demo did not stop within ${STOP_TIMEOUT_MS} ms of SIGINT`),
  STOP_TIMEOUT_MS,
);
const { code, signal } = await exited;
clearTimeout(timer);
if (code !== 0) fail(`demo exited with code ${code} (signal ${signal}) after SIGINT`);
if (!/stopped cleanly/.test(out)) fail('demo did not report a clean shutdown');
console.log('demo-smoke: OK — walkthrough printed, page served, clean exit on SIGINT');
