/**
 * A self-contained pcscd + vsmartcard-vpcd rig for end-to-end tests (virtual-reader.md):
 * compiles the TCP_NODELAY LD_PRELOAD shim (G1) with gcc into a temp dir, starts its OWN pcscd by PID
 * (refuses when another pcscd runs: one per machine, G5), waits until the vpcd listeners are up (checked
 * with `ss`, never with a TCP probe: G4), and stops it by PID — also on process exit.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** vpcd slots of the Debian config: reader name → TCP port the card connects to. */
export const VPCD_SLOTS = [
  { reader: 'Virtual PCD 00 00', port: 35963 },
  { reader: 'Virtual PCD 00 01', port: 35964 },
] as const;

const SHIM = `
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
static void nodelay(int fd) {
  int one = 1, type = 0; socklen_t len = sizeof type;
  if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM) {
    struct sockaddr_storage ss; socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0 && (ss.ss_family == AF_INET || ss.ss_family == AF_INET6))
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
}
int accept(int s, struct sockaddr *a, socklen_t *l) {
  static int (*real)(int, struct sockaddr *, socklen_t *); if (!real) real = dlsym(RTLD_NEXT, "accept");
  int fd = real(s, a, l); nodelay(fd); return fd;
}
int accept4(int s, struct sockaddr *a, socklen_t *l, int f) {
  static int (*real)(int, struct sockaddr *, socklen_t *, int); if (!real) real = dlsym(RTLD_NEXT, "accept4");
  int fd = real(s, a, l, f); nodelay(fd); return fd;
}
/* vpcd binds its ports without SO_REUSEADDR: a connection left in TIME-WAIT by the previous pcscd (the
   server closed first) would make the next bind fail with EADDRINUSE for a minute. */
int bind(int s, const struct sockaddr *a, socklen_t l) {
  static int (*real)(int, const struct sockaddr *, socklen_t); if (!real) real = dlsym(RTLD_NEXT, "bind");
  int one = 1, type = 0; socklen_t len = sizeof type;
  if (a && (a->sa_family == AF_INET || a->sa_family == AF_INET6) &&
      getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM)
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  return real(s, a, l);
}
int connect(int s, const struct sockaddr *a, socklen_t l) {
  static int (*real)(int, const struct sockaddr *, socklen_t); if (!real) real = dlsym(RTLD_NEXT, "connect");
  int r = real(s, a, l); nodelay(s); return r;
}
`;

function pcscdPids(): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'pcscd') continue;
      // skip zombies (exited, not reaped yet): state is the field after "(comm)"
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      pids.push(Number(d));
    } catch {}
  }
  return pids;
}

function listening(port: number): boolean {
  try {
    return execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/** A running pcscd started by this rig. */
export interface PcscdRig {
  readonly pid: number;
  readonly logPath: string;
  /** Stops this pcscd (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops and starts pcscd again (same temp dir and shim). */
  restart(): Promise<void>;
  /** Stops pcscd and removes the temp dir. */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHook = false;

async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`pcscd rig: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const LOCK_DIR = join(tmpdir(), 'authenkit-pcscd.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Cross-process lock (atomic mkdir + owner pid file) so test files in parallel vitest workers, and
 * benchmarks, take turns with the single pcscd. A lock whose owner died is taken over.
 */
async function acquireRigLock(waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(LOCK_DIR, { recursive: true, force: true });
      };
    } catch {
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
      } catch {}
      if (Number.isFinite(owner) && owner > 0 && !alive(owner)) {
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`pcscd rig: still locked by pid ${owner} after ${waitMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Starts pcscd with the TCP_NODELAY shim (set `preload: false` to measure G1's 44 ms). Waits up to
 * `waitMs` (default 120 s) for another rig user (other test file / process) to finish.
 */
export async function startPcscd(options: { preload?: boolean; waitMs?: number } = {}): Promise<PcscdRig> {
  const unlock = await acquireRigLock(options.waitMs ?? 120_000);
  try {
    return await startLocked(options, unlock);
  } catch (e) {
    unlock();
    throw e;
  }
}

/**
 * vpcd's card ports (35963/35964) lie inside Linux's ephemeral range (32768–60999): a test's client connection
 * to some loopback server can be handed local port 35964, and pcscd then fails to listen there ("Address
 * already in use", seen in CI). Reserve the two ports so the kernel never hands them out (needs root, which
 * pcscd needs anyway; best effort, appends to the existing list).
 */
function reserveVpcdPorts(): void {
  const file = '/proc/sys/net/ipv4/ip_local_reserved_ports';
  try {
    const current = readFileSync(file, 'utf8').trim();
    const ranges = current ? current.split(',') : [];
    const covered = (port: number) =>
      ranges.some((r) => {
        const [a, b = a] = r.split('-').map(Number);
        return a! <= port && port <= b!;
      });
    if (VPCD_SLOTS.every((s) => covered(s.port))) return;
    const want = VPCD_SLOTS.map((s) => String(s.port)).join(',');
    writeFileSync(file, current ? `${current},${want}` : want);
  } catch {
    /* not root or not Linux: the retry below still applies */
  }
}

async function startLocked(options: { preload?: boolean }, unlock: () => void): Promise<PcscdRig> {
  reserveVpcdPorts();
  const others = pcscdPids();
  if (others.length)
    throw new Error(
      `pcscd rig: another pcscd is running (pid ${others.join(', ')}); refusing to start a second (stop it by that pid)`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'authenkit-pcscd-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.preload !== false) {
    writeFileSync(join(dir, 'nodelay.c'), SHIM);
    execFileSync('gcc', [
      '-shared',
      '-fPIC',
      '-O2',
      '-o',
      join(dir, 'nodelay.so'),
      join(dir, 'nodelay.c'),
      '-ldl',
    ]);
    env.LD_PRELOAD = join(dir, 'nodelay.so');
  }
  const logPath = join(dir, 'pcscd.log');
  const bin = ['/usr/sbin/pcscd', '/usr/bin/pcscd'].find((p) => existsSync(p)) ?? 'pcscd';
  let child: ChildProcess;
  if (!exitHook) {
    exitHook = true;
    // Signals (a runner killing its worker) skip 'exit' handlers: clean up, then die of the same signal.
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        for (const c of live) c.kill('SIGTERM'); // TERM lets pcscd remove /run/pcscd itself
        try {
          if (readFileSync(join(LOCK_DIR, 'pid'), 'utf8') === String(process.pid))
            rmSync(LOCK_DIR, { recursive: true, force: true });
        } catch {}
        process.kill(process.pid, sig);
      });
    }
    process.on('exit', () => {
      for (const c of live) c.kill('SIGTERM'); // TERM lets pcscd remove /run/pcscd itself
      try {
        if (readFileSync(join(LOCK_DIR, 'pid'), 'utf8') === String(process.pid))
          rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {}
    });
  }
  const launchOnce = async () => {
    // A pcscd killed with SIGKILL leaves /run/pcscd/pcscd.{pid,comm}; pcscd then refuses to start while that
    // pid exists (even as a zombie). Remove the files when their pid is gone or a zombie.
    try {
      const stale = Number(readFileSync('/run/pcscd/pcscd.pid', 'utf8').trim());
      if (Number.isFinite(stale) && stale > 0 && !alive(stale)) {
        rmSync('/run/pcscd/pcscd.pid', { force: true });
        rmSync('/run/pcscd/pcscd.comm', { force: true });
      }
    } catch {}
    const fd = openSync(logPath, 'a');
    child = spawn(bin, ['--foreground', '--info'], { env, stdio: ['ignore', fd, fd] });
    live.add(child);
    const c = child;
    child.once('exit', () => live.delete(c));
    try {
      await waitFor(
        () => VPCD_SLOTS.every((s) => listening(s.port)) || child.exitCode !== null,
        'vpcd listeners',
      );
    } catch (e) {
      // Say why: pcscd's own log and who holds the vpcd ports.
      let ports = '';
      try {
        ports = execFileSync('ss', ['-Htanp'], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => VPCD_SLOTS.some((s) => l.includes(`:${s.port}`)))
          .join('\n');
      } catch {}
      throw new Error(
        `${(e as Error).message}\n--- pcscd log ---\n${readFileSync(logPath, 'utf8').slice(-1500)}\n--- vpcd ports ---\n${ports}`,
      );
    }
    if (child.exitCode !== null)
      throw new Error(`pcscd exited: ${readFileSync(logPath, 'utf8').slice(-500)}`);
  };
  // Under a heavily loaded machine pcscd has (rarely) come up without its vpcd listeners; start it again
  // rather than failing the whole file, and keep the diagnostics of every failed attempt.
  const launch = async () => {
    const errors: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await launchOnce();
        return;
      } catch (e) {
        errors.push(`attempt ${attempt}: ${(e as Error).message}`);
        if (child && child.exitCode === null && child.signalCode === null) {
          const c = child;
          const exited = new Promise<void>((r) => c.once('exit', () => r()));
          c.kill('SIGKILL');
          await exited;
        }
        try {
          rmSync('/run/pcscd/pcscd.pid', { force: true });
          rmSync('/run/pcscd/pcscd.comm', { force: true });
        } catch {}
      }
    }
    throw new Error(`pcscd rig: pcscd did not come up with its vpcd listeners\n${errors.join('\n')}`);
  };
  const stop = async () => {
    const c = child;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const t = setTimeout(() => c.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
    await waitFor(() => VPCD_SLOTS.every((s) => !listening(s.port)), 'vpcd listeners to close', 5000).catch(
      () => {},
    );
  };
  try {
    await launch();
  } catch (e) {
    // never leave an orphan pcscd behind
    if (child! && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    get pid() {
      return child.pid!;
    },
    logPath,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async dispose() {
      try {
        await stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
        unlock();
      }
    },
  };
}
