#!/usr/bin/env node
// CI smoke test of `npm run demo`: start it the way a person would (not --once), wait for the
// walkthrough and the URL, fetch the page once (200 + Thai text), then SIGINT the demo and require a clean
// exit (code 0, "stopped cleanly", no pcscd left behind). Prints the demo's output; exits non-zero on failure.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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

/** PIDs of processes whose command name is `name` (from /proc). */
function processesNamed(name) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) pids.push(Number(pid));
    } catch {}
  }
  return pids;
}

/** A node process under `root` whose command line matches `re` (breadth-first through /proc). */
function findDescendant(root, re) {
  const parent = new Map();
  const cmd = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(pid), readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {}
  }
  const queue = [root];
  while (queue.length) {
    const p = queue.shift();
    for (const [pid, ppid] of parent) {
      if (ppid !== p) continue;
      // The node process itself, not the `sh -c` that npm runs it through.
      const argv = cmd.get(pid) ?? [];
      if (/(^|\/)node$/.test(argv[0] ?? '') && re.test(argv.join(' '))) return pid;
      queue.push(pid);
    }
  }
  return undefined;
}

const pcscdBefore = processesNamed('pcscd');
let out = '';
const child = spawn('npm', ['run', '--silent', 'demo'], {
  cwd: root,
  detached: true, // own process group: a failure kills the whole tree
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

// Ctrl-C in a terminal signals npm too, and npm then dies by the signal whatever the demo does; so SIGINT
// goes to the demo process itself (found under npm), and npm must then exit 0 with the demo's own code.
const demoPid = findDescendant(child.pid, /scripts\/demo\.mjs/);
if (!demoPid) fail('could not find the demo process under npm');
process.kill(demoPid, 'SIGINT');
const timer = setTimeout(
  () => fail(`demo did not stop within ${STOP_TIMEOUT_MS} ms of SIGINT`),
  STOP_TIMEOUT_MS,
);
const { code, signal } = await exited;
clearTimeout(timer);
if (code !== 0) fail(`demo exited with code ${code} (signal ${signal}) after SIGINT`);
if (!/stopped cleanly/.test(out)) fail('demo did not report a clean shutdown');
const leftover = processesNamed('pcscd').filter((pid) => !pcscdBefore.includes(pid));
if (leftover.length) fail(`the demo left pcscd running (pid ${leftover.join(', ')})`);
console.log('demo-smoke: OK — walkthrough printed, page served, clean exit on SIGINT');
