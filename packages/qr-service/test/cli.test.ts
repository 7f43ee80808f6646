import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QR_SERVICE_CODES } from '@authenkit/qr-service';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../src/cli-main.js';
import { RFC8032_PUBLIC, RFC8032_SECRET } from './helpers.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'authen-qr-'));

describe('authen-qr', () => {
  it('keygen writes a PKCS#8 key (mode 600) and SPKI public key that openssl-style PEM tools accept', async () => {
    const dir = tmp();
    const r = await run('keygen', '--out', join(dir, 'unit.pem'));
    expect(r.code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'unit.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(dir, 'unit.pub.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(statSync(join(dir, 'unit.pem')).mode & 0o777).toBe(0o600);
    expect(r.out).toMatch(/public key \(hex\): [0-9a-f]{64}/);
  });

  it('make (PNG, signed with a PEM key) then read --json --pub verifies', async () => {
    const dir = tmp();
    await run('keygen', '--out', join(dir, 'k.pem'));
    const png = join(dir, 'hi.png');
    const m = await run(
      'make',
      '--hcode',
      '10998',
      '--service',
      'PG0090001',
      '--name',
      'รพ.ตัวอย่าง',
      '--key',
      join(dir, 'k.pem'),
      '--key-id',
      'K1',
      '--valid-until',
      '2030-12-31T23:59:59+07:00',
      '--dpi',
      '100',
      '--out',
      png,
    );
    expect(m).toMatchObject({ code: EXIT.ok, err: '' });
    const r = await run(
      'read',
      png,
      '--json',
      '--pub',
      join(dir, 'k.pub.pem'),
      '--now',
      '2026-01-01T00:00:00Z',
    );
    expect(r.code).toBe(EXIT.ok);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      hcode: '10998',
      serviceCode: 'PG0090001',
      version: 1,
      signature: 'valid',
      keyId: 'K1',
      unitName: 'รพ.ตัวอย่าง',
      validUntil: '2030-12-31T16:59:59.000Z',
    });
    expect(j.serviceNameTh).toContain('Home Isolation');
    // human output
    const h = await run('read', png, '--now', '2026-01-01T00:00:00Z');
    expect(h.out).toMatch(/hcode:\s+10998/);
    expect(h.out).toMatch(/signature:\s+unverified \(keyId K1\)/);
  });

  it('read exits 3 with a typed JSON error for the wrong key or an expired poster', async () => {
    const dir = tmp();
    const png = join(dir, 'x.png');
    writeFileSync(join(dir, 'raw.key'), `${RFC8032_SECRET}\n`);
    await run(
      'make',
      '--hcode',
      '10998',
      '--service',
      'OPD',
      '--key',
      join(dir, 'raw.key'),
      '--valid-until',
      '2026-01-01',
      '--dpi',
      '100',
      '--out',
      png,
    );
    const other = '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'; // RFC 8032 test 2 public
    const bad = await run('read', png, '--json', '--pub', other, '--now', '2025-06-01');
    expect(bad.code).toBe(EXIT.rejected);
    expect(JSON.parse(bad.out).error).toMatchObject({ name: 'QrServiceError', code: 'BAD_SIGNATURE' });
    expect(bad.err).toContain('ลายมือชื่อดิจิทัล');
    const ok = await run('read', png, '--json', '--pub', RFC8032_PUBLIC, '--now', '2025-06-01');
    expect(JSON.parse(ok.out).signature).toBe('valid');
    const expired = await run('read', png, '--json', '--now', '2026-01-02');
    expect(expired.code).toBe(EXIT.rejected);
    expect(JSON.parse(expired.out).error.code).toBe('EXPIRED');
  });

  it('batch writes one poster per service; PDF and SVG outputs', async () => {
    const dir = tmp();
    const r = await run(
      'batch',
      '--hcode',
      '10998',
      '--name',
      'คลินิกตัวอย่าง',
      '--format',
      'svg',
      '--out',
      join(dir, 'out'),
    );
    expect(r.code).toBe(EXIT.ok);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(
      QR_SERVICE_CODES.map((s) => `10998-${s}.svg`).sort(),
    );
    const all = await run(
      'batch',
      '--hcode',
      '10998',
      '--format',
      'pdf',
      '--single',
      '--services',
      'OPD,PG0090001',
      '--out',
      join(dir, 'all'),
    );
    expect(all.code).toBe(EXIT.ok);
    expect(readdirSync(join(dir, 'all'))).toEqual(['10998-all.pdf']);
    expect((await run('batch', '--hcode', '10998', '--single', '--out', join(dir, 'x'))).code).toBe(
      EXIT.usage,
    );
    const pdf = await run('make', '--hcode', '10998', '--service', 'PG0070001', '--out', join(dir, 'p.pdf'));
    expect(pdf.code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'p.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('payload prints the raw or URL text', async () => {
    const r = await run('payload', '--hcode', '10998', '--service', 'PG0090001');
    expect(r.out.trim()).toBe('0004AK010105109980209PG00900016304AFAA');
    const u = await run(
      'payload',
      '--hcode',
      '10998',
      '--service',
      'OPD',
      '--url-base',
      'https://liff.line.me/1-a',
    );
    expect(u.out.trim()).toBe('https://liff.line.me/1-a?p=0004AK010105109980203OPD63048558');
  });

  it('--help, -h and --version exit 0; unknown options exit 2 with one line', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const argv of [['--help'], ['-h'], ['help'], ['make', '--help'], ['read', '-h']]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.ok);
      expect(r.out).toContain('Usage:');
    }
    for (const argv of [['--version'], ['-V'], ['batch', '--version']]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.ok);
      expect(r.out).toBe(`${pkg.version}\n`);
    }
    for (const argv of [['--bogus'], ['make', '--bogus'], ['read', 'x.png', '-z'], ['frobnicate']]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.usage);
      expect(r.err.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.out).toBe('');
    }
    expect((await run('make', '--bogus')).err).toBe(
      "authen-qr: Unknown option '--bogus' (authen-qr --help lists commands and options)\n",
    );
    // usage errors are QrServiceError INVALID_ARGUMENT (one error contract), also in --json
    const j = await run('make', '--hcode', '10998', '--json');
    expect(j.code).toBe(EXIT.usage);
    expect(JSON.parse(j.out).error).toMatchObject({ name: 'QrServiceError', code: 'INVALID_ARGUMENT' });
  });

  it("the README's sh quick start runs as written (batch --format pdf, then read a PNG poster)", async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /```sh(?: run)?\n(npx authen-qr keygen[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const lines = block!.trim().split('\n');
    expect(lines.some((l) => l.includes('--format pdf'))).toBe(true);
    const dir = tmp();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      let last = { code: -1, out: '', err: '' };
      for (const line of lines) {
        const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
        expect(words.slice(0, 2)).toEqual(['npx', 'authen-qr']);
        last = await run(...words.slice(2));
        expect(last.code, `${line}\n${last.err}`).toBe(EXIT.ok);
      }
      expect(JSON.parse(last.out)).toMatchObject({
        hcode: '10998',
        serviceCode: 'PG0090001',
        signature: 'valid',
      });
    } finally {
      process.chdir(cwd);
    }
  });

  it('documented exit codes: usage 2, no QR 4, I/O 5, bad key 6', async () => {
    const dir = tmp();
    expect((await run()).code).toBe(EXIT.usage);
    expect((await run('make', '--hcode', '10998')).code).toBe(EXIT.usage);
    expect((await run('make', '--hcode', '10998', '--service', 'OPD', '--out', 'x.gif')).code).toBe(
      EXIT.usage,
    );
    expect((await run('make', '--hcode', '10998', '--service', 'NOPE1', '--out', 'x.png')).code).toBe(
      EXIT.usage,
    );
    expect((await run('frobnicate')).code).toBe(EXIT.usage);
    expect((await run('read', '--bogus-flag')).code).toBe(EXIT.usage);
    // a PNG with no QR
    const { PNG } = await import('pngjs');
    const blank = new PNG({ width: 40, height: 40 });
    blank.data.fill(255);
    writeFileSync(join(dir, 'blank.png'), PNG.sync.write(blank));
    expect((await run('read', join(dir, 'blank.png'))).code).toBe(EXIT.noQr);
    expect((await run('read', join(dir, 'missing.png'))).code).toBe(EXIT.io);
    writeFileSync(join(dir, 'bad.pem'), 'not a key');
    expect(
      (
        await run(
          'make',
          '--hcode',
          '10998',
          '--service',
          'OPD',
          '--key',
          join(dir, 'bad.pem'),
          '--out',
          join(dir, 'a.svg'),
        )
      ).code,
    ).toBe(EXIT.key);
    expect(
      (
        await run(
          'make',
          '--hcode',
          '10998',
          '--service',
          'OPD',
          '--key',
          join(dir, 'nope.pem'),
          '--out',
          join(dir, 'a.svg'),
        )
      ).code,
    ).toBe(EXIT.io);
  });

  it('accepts an OpenSSL-made Ed25519 key when openssl is available', async () => {
    const dir = tmp();
    const made = spawnSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', join(dir, 'o.pem')]);
    if (made.status !== 0) return console.warn('SKIP: openssl not available');
    execFileSync('openssl', ['pkey', '-in', join(dir, 'o.pem'), '-pubout', '-out', join(dir, 'o.pub.pem')]);
    const png = join(dir, 'o.png');
    expect(
      (
        await run(
          'make',
          '--hcode',
          '10998',
          '--service',
          'OPD',
          '--key',
          join(dir, 'o.pem'),
          '--dpi',
          '100',
          '--out',
          png,
        )
      ).code,
    ).toBe(0);
    const r = await run('read', png, '--json', '--pub', join(dir, 'o.pub.pem'));
    expect(JSON.parse(r.out).signature).toBe('valid');
  });
});

const bin = new URL('../dist/cli.js', import.meta.url);
describe.skipIf(!existsSync(bin))('authen-qr built binary', () => {
  it('runs from dist with a shebang and exits with the documented codes', () => {
    const src = readFileSync(bin, 'utf8');
    expect(src.startsWith('#!/usr/bin/env node')).toBe(true);
    const ok = spawnSync(
      process.execPath,
      [bin.pathname, 'payload', '--hcode', '10998', '--service', 'OPD'],
      { encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe('0004AK010105109980203OPD63048558');
    const usage = spawnSync(process.execPath, [bin.pathname, 'nope'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
  it('ends quietly when the reader of its output has gone (closed pipe, no EPIPE trace)', async () => {
    const child = spawn(process.execPath, [bin.pathname, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader goes away before the CLI writes (as `authen-qr … | head -c 0`)
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
if (!existsSync(bin))
  console.warn('SKIP authen-qr dist test: run `npx turbo run build --filter=@authenkit/qr-service` first');
