import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readerManagerCardSource, startAgent } from '@authenkit/nhso-sandbox';
import { createReaderManager, ThaiIdCardError } from '@authenkit/thai-idcard';
import { describe, expect, it } from 'vitest';
import { cli, cliEnv, root, runCli } from './fixtures/child';

const run = runCli;
const env = cliEnv;

describe('nhso-sandbox CLI behaves like a CLI', () => {
  it('--version, --help, -h, help and <command> --help exit 0', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const v = run(['--version']);
    expect([v.status, v.stdout.trim()]).toEqual([0, version]);
    for (const args of [['--help'], ['-h'], ['help'], ['serve', '--help'], ['people', '-h']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('nhso-sandbox serve');
      expect(r.stdout).toContain('nhso-sandbox people');
    }
  });

  it('unknown options and other usage errors exit 2 with one line and never start a server', () => {
    for (const args of [
      ['serve', '--bogus'],
      ['serve', '--port', '0', '--bogus=1'],
      ['agent', '--person', '8000000000001', '--frobnicate'],
      ['people', '--bogus'],
      ['people', '-x'],
      ['nope'],
      ['--nope'],
      [],
      ['serve', '--port'],
      ['serve', '--people', 'many'],
      ['serve', '--shape', 'round'],
      ['serve', '--faults', 'route=*,bogus=1'],
      ['people', 'extra'],
      ['agent', '--nhso', 'http://127.0.0.1:1'],
    ]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).not.toContain('listening');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^nhso-sandbox: /);
    }
  });

  it('output to a closed pipe ends quietly (people | head -1)', () => {
    const r = spawnSync(
      'bash',
      [
        '-o',
        'pipefail',
        '-c',
        `"${process.execPath}" --import tsx "${cli}" people --people 3000 --limit 3000 | head -1`,
      ],
      { cwd: root, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.status).toBe(0);
  });

  it('the serve banner masks staff PIDs', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, 'serve', '--port', '0', '--people', '50', '--quiet'],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 30_000);
        child.stdout.on('data', (d) => {
          out += String(d);
          if (out.includes('staff:')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/staff: \d-\d{4}-xxxxx-xx-\d/);
      expect(out).not.toMatch(/(?<!\d)\d{13}(?!\d)/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the README lists every command', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const cmd of ['serve', 'agent', 'people', 'help', '--version'])
      expect(readme).toContain(`nhso-sandbox ${cmd}`);
  });
});

describe('agent without a usable PC/SC binding says why', () => {
  it('READER_NOT_FOUND carries the reader backend error (message, reason, Thai)', async () => {
    const failure = new ThaiIdCardError(
      'PCSC_UNAVAILABLE',
      "the optional PC/SC binding 'pcsclite' is not installed or did not build (npm install pcsclite; needs libpcsclite-dev on Linux)",
    );
    const manager = createReaderManager({
      backend: () => ({
        // like the PC/SC backend, whose binding loads asynchronously
        start: (listener) =>
          void setTimeout(() => listener({ type: 'error', error: failure, fatal: true }), 0),
        transport: () => {
          throw failure;
        },
        close: async () => {},
      }),
    });
    const agent = await startAgent({ cards: readerManagerCardSource(manager), sandbox: { people: 20 } });
    try {
      await new Promise((r) => setTimeout(r, 50));
      for (const path of ['/api/smartcard/terminals', '/api/smartcard/read']) {
        const res = await fetch(agent.url + path);
        expect(res.status, path).toBe(418);
        const body = await res.json();
        expect(body.code).toBe('READER_NOT_FOUND');
        expect(body.message).toContain('pcsclite');
        expect(body.message).toContain(failure.messageTh);
      }
    } finally {
      await agent.close();
      await manager.close();
    }
  });
});
