/**
 * The CLI behaves like a CLI (issue 13): --version / --help / -h exit 0, unknown options are one-line usage
 * errors (exit 2), output to a closed pipe ends quietly, and without the optional PC/SC binding every path
 * fails at once with PCSC_UNAVAILABLE and the one install hint (English and Thai) instead of hanging.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { cli } from './helpers/cli.js';

const root = join(__dirname, '..');
const sample = join(root, 'fixtures', 'sample-card.json');
const NO_BINDING = join(__dirname, 'helpers', 'no-pcsc-binding.mjs');

const children = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
});

/** Runs the real bin (src/cli.ts through tsx) in a child process. */
function bin(
  args: string[],
  options: { noBinding?: boolean; timeoutMs?: number; closeStdoutAfter?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const start = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(options.noBinding ? ['--import', NO_BINDING] : []),
      join(root, 'src', 'cli.ts'),
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d;
    if (options.closeStdoutAfter !== undefined && stdout.length >= options.closeStdoutAfter)
      child.stdout!.destroy();
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, ms: Date.now() - start });
    }),
  );
}

describe('thai-idcard CLI conventions', () => {
  it('--version, -v print the package version; --help, -h, help print usage listing every command; all exit 0', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await cli(flag);
      expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
    for (const flag of ['--help', '-h', 'help']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      for (const c of ['readers', 'read', 'watch', 'doctor', 'record', 'replay'])
        expect(r.stdout).toContain(`thai-idcard ${c}`);
    }
    const one = await cli('record', '--help');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('--anonymize');
    expect((await cli('doctor', '-h')).code).toBe(0);
    expect((await cli('help', 'replay')).stdout).toContain('thai-idcard replay card.apdu');
  });

  it('usage errors exit 2 with one stderr line', async () => {
    const cases = [
      ['--bogus'],
      ['nope'],
      ['read', '--bogus'],
      ['read', 'extra-argument', '--virtual', sample],
      ['read', '--timeout', 'soon', '--virtual', sample],
      ['readers', '--binding', 'pcsc-sharp'],
      ['record', '--anonymize'],
      ['record', '--out', 'x.apdu', '--virtual', sample],
      ['record', '--out', 'x.apdu', '--anonymize', '--raw', '--virtual', sample],
      ['replay'],
      ['replay', join(root, 'does-not-exist.apdu')],
      ['doctor', '--timeout', '-1', '--virtual', sample],
    ];
    for (const argv of cases) {
      const r = await cli(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    // no command at all: the usage, on stderr, exit 2
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: thai-idcard');
  });

  it('a closed stdout pipe ends quietly (no EPIPE stack trace)', async () => {
    const r = await bin(['doctor', '--virtual', sample], { closeStdoutAfter: 1 });
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.code).toBe(0);
  });
});

describe('without the optional PC/SC binding', () => {
  it('createPcscTransport() rejects at once with PCSC_UNAVAILABLE (it used to wait forever)', async () => {
    const script = `
      const { createPcscTransport } = await import(${JSON.stringify(join(root, 'src', 'pcsc.ts'))});
      const t0 = Date.now();
      try { await createPcscTransport(); console.log('resolved?'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, details: e.details, ms: Date.now() - t0 })); }
      process.exit(0);`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', NO_BINDING, '--input-type=module', '-e', script],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.add(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await new Promise((r) => child.on('close', r));
    clearTimeout(timer);
    const result = JSON.parse(out.trim());
    expect(result.code).toBe('PCSC_UNAVAILABLE');
    expect(result.ms).toBeLessThan(2000);
    expect(result.message).toContain(
      'install pcsclite or smartcard; on Linux also pcscd and libpcsclite-dev',
    );
    expect(result.details.hintTh).toContain(
      'ติดตั้ง pcsclite หรือ smartcard; บน Linux ติดตั้ง pcscd และ libpcsclite-dev',
    );
  });

  it.each([['readers'], ['read'], ['watch'], ['doctor'], ['record', '--anonymize', '--out', '/dev/null']])(
    'thai-idcard %s fails once, at once: PCSC_UNAVAILABLE (exit 3) with the install hint in English and Thai',
    async (...argv) => {
      // --timeout 30: a CLI that waited for a reader instead of failing at once would take 30 s
      const r = await bin([...argv, '--timeout', '30'], { noBinding: true, timeoutMs: 25_000 });
      expect(r.code).toBe(3);
      expect(r.ms).toBeLessThan(15_000);
      const errors = r.stderr.split('\n').filter((l) => l.includes('PCSC_UNAVAILABLE'));
      if (argv[0] !== 'doctor') {
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('install pcsclite or smartcard; on Linux also pcscd and libpcsclite-dev');
        expect(errors[0]).toContain('ติดตั้ง pcsclite หรือ smartcard');
        expect(r.stderr).not.toContain('READER_NOT_FOUND');
      } else {
        expect(r.stdout).toContain('does not load');
        expect(r.stdout).toContain('PCSC_UNAVAILABLE');
      }
    },
    30_000,
  );
});
