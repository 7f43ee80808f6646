import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
import { afterAll, describe, expect, it } from 'vitest';

// `script` (util-linux) gives the CLI a real pseudo-terminal, so the no-echo prompt is exercised for real.
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
const root = resolve(__dirname, '../../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

describe.skipIf(!hasScript || !existsSync(tsx))('verify-pin on a TTY', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authenkit-tty-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prompts, reads the PIN without echo, and verifies it', async () => {
    const image = join(dir, 'card.json');
    writeFileSync(image, JSON.stringify({ ...sampleCardImage(), pin2: '4826', pki: 'p256' }));
    const cmd = `${tsx} ${join(root, 'packages/thai-idcard/src/cli.ts')} verify-pin --virtual ${image}`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let sent = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (!sent && out.includes('PIN 2:')) {
        sent = true;
        // type slowly after the prompt (raw mode is on by then), with a typo fixed by backspace
        setTimeout(() => child.stdin.write('48x\x7f26\r'), 200);
      }
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(out).toContain('PIN 2 verified');
    expect(out).not.toContain('4826');
    expect(out).not.toContain('48x');
    expect(code).toBe(0);
  }, 60_000);
});
