#!/usr/bin/env node
// `npm run demo`: one counter visit, end to end, with no card reader and no NHSO access.
//
//   1. builds the packages if a dist/ is missing or older than its sources (turbo caches, so this is quick),
//   2. starts the offline NHSO sandbox (in-memory SQLite, synthetic population),
//   3. inserts a virtual Thai ID card for one sandbox person into a virtual reader — through the real
//      pcscd + vpcd stack when available, otherwise the in-process virtual transport (the first line says which),
//   4. starts the reception-desk example and walks one visit through its HTTP API, printing each step,
//   5. keeps serving until Ctrl-C (SIGINT/SIGTERM → clean shutdown).
//
// Flags: --once (or AUTHENKIT_DEMO_ONCE=1) exits after the walkthrough; --real uses the first PC/SC reader
// and the configured NHSO environment (NHSO_BASE_URL, NHSO_TOKEN) instead; --port N fixes the port;
// --in-process never uses PC/SC; --no-build skips the freshness check (you built the packages yourself).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag('help')) {
  console.log('usage: npm run demo [-- --once] [-- --real] [-- --in-process] [-- --port N] [-- --no-build]');
  process.exit(0);
}
const env = (name) => process.env[name];
const once = flag('once') || env('AUTHENKIT_DEMO_ONCE') === '1';
const real = flag('real');
const port = Number(option('port') ?? env('AUTHENKIT_DEMO_PORT') ?? 0);

// ---------------------------------------------------------------------------------------------------------
// 1. Build what is missing or stale.

/** Newest mtime under a directory (files only), 0 when absent. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const m = statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (m > max) max = m;
  }
  return max;
}

/** Workspaces by package name: { dir, pkg }. */
function workspaces() {
  const all = new Map();
  for (const parent of ['packages', 'examples']) {
    const base = join(root, parent);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const file = join(base, name, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      all.set(pkg.name, { dir: join(base, name), pkg });
    }
  }
  return all;
}

/** The demo's workspace and everything it depends on inside the repository. */
const DEMO_TARGET = '@authenkit-examples/reception-desk';
function staleWorkspaces() {
  const all = workspaces();
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name) || !all.has(name)) return;
    needed.add(name);
    for (const dep of Object.keys(all.get(name).pkg.dependencies ?? {})) visit(dep);
  };
  visit(DEMO_TARGET);
  const stale = [];
  for (const name of needed) {
    const { dir, pkg } = all.get(name);
    if (!pkg.scripts?.build) continue;
    const dist = join(dir, 'dist');
    if (!existsSync(dist) || readdirSync(dist).length === 0) {
      stale.push(`${name} (no dist)`);
      continue;
    }
    const sources = Math.max(
      newest(join(dir, 'src')),
      ...['package.json', 'tsup.config.ts'].map((f) =>
        existsSync(join(dir, f)) ? statSync(join(dir, f)).mtimeMs : 0,
      ),
      // Source-only workspaces (no build of their own, e.g. @authenkit-examples/shared) are bundled into
      // this one's dist: their changes make it stale too.
      ...Object.keys(pkg.dependencies ?? {})
        .filter((d) => all.has(d) && !all.get(d).pkg.scripts?.build)
        .map((d) => Math.max(newest(join(all.get(d).dir, 'src')), newest(join(all.get(d).dir, 'public')))),
    );
    if (sources > newest(dist)) stale.push(`${name} (sources newer than dist)`);
  }
  return stale;
}

const stale = flag('no-build') ? [] : staleWorkspaces();
if (stale.length) {
  process.stderr.write(`building ${stale.length} workspace(s) first: ${stale.join(', ')} …\n`);
  const t0 = Date.now();
  const r = spawnSync(
    'npx',
    ['turbo', 'run', 'build', `--filter=${DEMO_TARGET}...`, '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}\n${r.stderr}\nbuild failed (exit ${r.status})\n`);
    process.exit(1);
  }
  process.stderr.write(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

// ---------------------------------------------------------------------------------------------------------
// 2. Decide how the virtual card reaches the SDK: real pcscd + vpcd when this machine has them.

/** Returns null when the PC/SC path can be used, else the reason why not. */
function pcscUnavailableReason() {
  if (!['/usr/sbin/pcscd', '/usr/bin/pcscd'].some((p) => existsSync(p)))
    return 'pcscd is not installed (apt-get install pcscd)';
  if (!existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so'))
    return 'the vsmartcard-vpcd driver is not installed (apt-get install vsmartcard-vpcd)';
  const r = spawnSync(process.execPath, ['-e', "require('pcsclite')"], { cwd: root, stdio: 'pipe' });
  if (r.status !== 0) return "the optional 'pcsclite' binding is not built (needs libpcsclite-dev)";
  return null;
}

/** PIDs of running pcscd processes (zombies excluded). */
function pcscdPids() {
  const pids = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'pcscd') continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') pids.push(Number(pid));
    } catch {}
  }
  return pids;
}

// There is one pcscd per machine. The repository's PC/SC test rig (packages/thai-idcard/test/helpers/
// pcscd-rig.ts) takes turns through this lock directory; the demo joins in instead of disturbing a test.
const PCSCD_LOCK = join(tmpdir(), 'authenkit-pcscd.lock');
function lockHolder() {
  try {
    const pid = Number(readFileSync(join(PCSCD_LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
function takePcscdLock() {
  for (let i = 0; i < 2; i++) {
    try {
      mkdirSync(PCSCD_LOCK);
      writeFileSync(join(PCSCD_LOCK, 'pid'), String(process.pid));
      return () => rmSync(PCSCD_LOCK, { recursive: true, force: true });
    } catch {
      if (lockHolder() !== undefined) return undefined;
      rmSync(PCSCD_LOCK, { recursive: true, force: true }); // the holder died: take over
    }
  }
  return undefined;
}

// virtual-reader.md G1: Debian's vpcd sends the length and the body of each message in two writes, and
// Nagle + delayed ACK make every APDU wait ~40 ms. A tiny LD_PRELOAD shim sets TCP_NODELAY on pcscd's TCP
// sockets (0.4 ms per APDU). Built with the system C compiler when there is one; optional.
const NODELAY_SHIM = `#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
static void nodelay(int fd) {
  int one = 1, type = 0; socklen_t len = sizeof type;
  if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM)
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}
int accept(int s, struct sockaddr *a, socklen_t *l) {
  static int (*real)(int, struct sockaddr *, socklen_t *); if (!real) real = dlsym(RTLD_NEXT, "accept");
  int fd = real(s, a, l); nodelay(fd); return fd;
}
int accept4(int s, struct sockaddr *a, socklen_t *l, int f) {
  static int (*real)(int, struct sockaddr *, socklen_t *, int); if (!real) real = dlsym(RTLD_NEXT, "accept4");
  int fd = real(s, a, l, f); nodelay(fd); return fd;
}
int connect(int s, const struct sockaddr *a, socklen_t l) {
  static int (*real)(int, const struct sockaddr *, socklen_t); if (!real) real = dlsym(RTLD_NEXT, "connect");
  int r = real(s, a, l); nodelay(s); return r;
}
`;
function buildShim() {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'authenkit-demo-'));
    writeFileSync(join(dir, 'nodelay.c'), NODELAY_SHIM);
    const r = spawnSync(
      'cc',
      ['-shared', '-fPIC', '-O2', '-o', join(dir, 'nodelay.so'), join(dir, 'nodelay.c'), '-ldl'],
      {
        stdio: 'ignore',
      },
    );
    return { dir, so: r.status === 0 ? join(dir, 'nodelay.so') : undefined };
  } catch {
    return { dir: undefined, so: undefined };
  }
}

/** Starts pcscd in the foreground as our child (stopped by its PID on exit); resolves when it is ready. */
async function startPcscd() {
  const { spawn } = await import('node:child_process');
  const pcscd = ['/usr/sbin/pcscd', '/usr/bin/pcscd'].find((p) => existsSync(p));
  const shim = buildShim();
  const child = spawn(pcscd, ['--foreground', '--info'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: shim.so ? { ...process.env, LD_PRELOAD: shim.so } : process.env,
  });
  children.add(child);
  let log = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('pcscd did not become ready in 5 s')), 5000);
    const onData = (d) => {
      log += d;
      if (/daemon ready/i.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pcscd exited (${code}): ${log.trim().split('\n').pop() ?? ''}`));
    });
  });
  try {
    await ready;
  } catch (e) {
    child.kill('SIGKILL');
    if (shim.dir) rmSync(shim.dir, { recursive: true, force: true });
    throw e;
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        if (shim.dir) rmSync(shim.dir, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { stop, fast: Boolean(shim.so) };
}

// ---------------------------------------------------------------------------------------------------------
// 3–5. Sandbox, card, desk, walkthrough, serve.

const out = (line = '') => process.stdout.write(`${line}\n`);
const cleanups = [];
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    process.stderr.write('shutdown took too long; exiting\n');
    process.exit(code || 1);
  }, 20_000);
  force.unref();
  for (const c of cleanups.reverse()) {
    try {
      // Each step gets 5 s, so one stuck step (a PC/SC binding that will not let go) cannot block the rest.
      await Promise.race([c(), new Promise((r) => setTimeout(r, 5000).unref())]);
    } catch {}
  }
  out(code === 0 ? 'AuthenKit demo stopped cleanly.' : 'AuthenKit demo stopped.');
  process.exit(code);
}
process.once('SIGINT', () => shutdown(0));
process.once('SIGTERM', () => shutdown(0));
for (const event of ['uncaughtException', 'unhandledRejection'])
  process.on(event, (e) => {
    process.stderr.write(`demo failed: ${e?.stack ?? e}\n`);
    shutdown(1);
  });
/** Child processes we started (pcscd): never leave them behind, whatever happens. */
const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const deskModule = join(root, 'examples', 'reception-desk', 'dist', 'index.js');
if (!existsSync(deskModule)) {
  // Fallback while the example cannot be built: the pure authen-code walkthrough.
  const fallback = join(root, 'scripts', 'demo-authen-code.mjs');
  if (!existsSync(fallback)) {
    process.stderr.write(
      'examples/reception-desk is not built and scripts/demo-authen-code.mjs is missing\n',
    );
    process.exit(1);
  }
  out('AuthenKit demo — reception desk unavailable; running the authen-code walkthrough instead');
  await import(fallback);
  process.exit(0);
}
const { startOfflineCounter, startReceptionDesk } = await import(deskModule);

if (real) {
  // --real: the first PC/SC reader, the configured NHSO environment and Agent. No automatic visit:
  // a real Authen Code is only requested by a person pressing "บันทึก".
  const need = (name) => {
    const v = env(name);
    if (!v) {
      process.stderr.write(
        `--real needs NHSO_BASE_URL, NHSO_TOKEN and HCODE (optional: NHSO_AGENT_URL, HNAME); ${name} is not set\n`,
      );
      process.exit(2);
    }
    return v;
  };
  const baseUrl = need('NHSO_BASE_URL');
  const token = need('NHSO_TOKEN');
  const hcode = need('HCODE');
  const { createPcscReaderManager } = await import('@authenkit/thai-idcard/pcsc');
  const readerManager = createPcscReaderManager();
  cleanups.push(() => readerManager.close());
  out('AuthenKit demo (--real) — first PC/SC reader, NHSO environment from NHSO_BASE_URL');
  let lastError;
  readerManager.on('error', (e) => {
    if (lastError !== e.code) process.stderr.write(`PC/SC: ${e.code} — ${e.message} (${e.messageTh})\n`);
    lastError = e.code;
  });
  const keepAlive = setInterval(() => {}, 1000); // the PC/SC backend's retry timers do not hold the process
  const reader = await readerManager.waitForReader({ signal: AbortSignal.timeout(15_000) }).catch(() => null);
  clearInterval(keepAlive);
  if (!reader) {
    process.stderr.write('no PC/SC reader found within 15 s (is pcscd running and the reader plugged in?)\n');
    await shutdown(1);
  }
  const desk = await startReceptionDesk({
    readerManager,
    sandboxUrl: baseUrl,
    token,
    sandbox: false,
    agentUrl: env('NHSO_AGENT_URL') ?? 'http://localhost:8189',
    hospital: { hcode, hname: env('HNAME') ?? hcode },
    port: port || 8080,
  });
  cleanups.push(() => desk.close());
  out(`Reader: ${reader}`);
  out(`Reception desk: ${desk.url}   (insert a card, fill the form, press บันทึก; Ctrl-C to stop)`);
} else {
  // Offline: PC/SC through vpcd when possible, else in process.
  let reason = flag('in-process') ? 'asked for --in-process' : pcscUnavailableReason();
  if (!reason) {
    const holder = lockHolder();
    if (holder !== undefined)
      reason = `pcscd is in use by another process (pid ${holder}, e.g. a PC/SC test)`;
    else if (pcscdPids().length === 0) {
      const unlock = takePcscdLock();
      if (!unlock) reason = 'pcscd is in use by another process';
      else {
        cleanups.push(async () => unlock());
        try {
          const pcscd = await startPcscd();
          cleanups.push(() => pcscd.stop());
        } catch (e) {
          reason = `pcscd could not be started: ${e.message}`;
        }
      }
    }
  }
  let counter;
  if (!reason) {
    try {
      counter = await startOfflineCounter({ readers: 'pcsc', port });
      // Prove the whole PC/SC path (pcscd → vpcd → virtual card) reads the card before relying on it.
      await counter.desk.whenCardReady(20_000);
    } catch (e) {
      reason = `the PC/SC path failed (${e.code ?? 'error'}: ${e.message})`;
      await counter?.close().catch(() => {});
      counter = undefined;
    }
  }
  if (!counter) counter = await startOfflineCounter({ readers: 'in-process', port });
  cleanups.push(() => counter.close());
  out(
    `AuthenKit demo — virtual Thai ID card via ${counter.description}${reason ? `; PC/SC not used: ${reason}` : ''}`,
  );
  out(
    `NHSO sandbox: ${counter.sandbox.url} (in-memory SQLite, ${counter.sandbox.population.people.length} synthetic people) · unit ${counter.desk.state().hospital.hcode} ${counter.desk.state().hospital.hname}`,
  );
  out();
  try {
    await walkthrough(counter);
  } catch (e) {
    process.stderr.write(`walkthrough failed: ${e.message}\n`);
    await shutdown(1);
  }
  out();
  if (once) await shutdown(0);
  out(`Reception desk: ${counter.desk.url}   (open it in a browser; Ctrl-C to stop)`);
}

/** One counter visit through the desk's own HTTP API, exactly what the page does. */
async function walkthrough(counter) {
  const url = counter.desk.url;
  const call = async (path, init) => {
    const res = await fetch(new URL(path, url), init);
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${body.error?.code} ${body.error?.message?.en ?? ''}`);
    return body;
  };
  // Thai above/below vowels and tone marks take no column in a terminal.
  const width = (s) => [...s].filter((ch) => !/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(ch)).length;
  const pad = (s, n) => s + ' '.repeat(Math.max(1, n - width(s)));
  const W = 28;
  const state = await counter.desk.whenCardReady(30_000);
  const c = state.card;
  const r = state.rights;
  const photo = await fetch(new URL(`/api/card/photo?session=${c.session}`, url));
  const photoBytes = photo.ok ? (await photo.arrayBuffer()).byteLength : 0;
  out(`${pad(' 1. อ่านบัตร / Card read', W)}${c.maskedPid}  ${c.nameTh}  (${c.nameEn})`);
  out(`${pad('', W)}อายุ / age ${c.age.th} · ${c.sex.th} · photo ${(photoBytes / 1024).toFixed(1)} KB`);
  const inscl = (x) => (x ? `(${x.code}) ${x.name.th}` : '–');
  if (r?.status === 'ok') {
    out(`${pad(' 2. สิทธิ / Rights', W)}${inscl(r.mainInscl)} · ${inscl(r.subInscl)}`);
    out(`${pad('', W)}หน่วยบริการประจำ / main unit: ${r.hospMain?.hname ?? '–'} (${r.hospMain?.hcode ?? '–'})`);
  } else {
    out(`${pad(' 2. สิทธิ / Rights', W)}unavailable: ${r?.error?.code ?? 'unknown'}`);
  }
  const bkk = new Date(Date.now() + 7 * 3600_000 - 60_000).toISOString();
  const body = {
    session: c.session,
    claimType: 'PG0060001',
    visitDate: bkk.slice(0, 10),
    visitTime: bkk.slice(11, 16),
    hn: 'HN-DEMO-0001',
    phone: counter.person.phone,
    certifier: 'PATIENT',
  };
  const post = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
  const first = await call('/api/visits', post);
  out(
    `${pad(' 3. Authen Code', W)}${first.claimCode}  (${first.reused ? 'reused' : 'issued'} · PG0060001 เข้ารับบริการรักษาทั่วไป)`,
  );
  const again = await call('/api/visits', post);
  out(
    `${pad('    บันทึกซ้ำ / saved again', W)}${again.claimCode}  (${again.reused ? 'reused — no duplicate issued' : 'NEW CODE — duplicate!'})`,
  );
  const status = await call(`/api/visits/${first.claimCode}/status`);
  out(
    `${pad(' 4. สถานะ / Status checked', W)}${status.found ? `NHSO confirms ${first.claimCode} for ${body.visitDate}` : `NHSO has no record of ${first.claimCode}`} (check-authen-status)`,
  );
}
