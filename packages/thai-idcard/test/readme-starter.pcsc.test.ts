/**
 * The README's smallest starter (card in → name printed) runs as written: the block is copied out of the
 * README into a file, run with tsx against the built package, and a virtual card is put into a reader of the
 * real pcscd (vsmartcard-vpcd) once the program asks for it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readThaiIdCard } from '@authenkit/thai-idcard';
import {
  createVirtualCard,
  sampleCardImage,
  serveVirtualCardToVpcd,
  type VpcdConnection,
} from '@authenkit/thai-idcard/virtual';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env.js';
import { type PcscdRig, startPcscd, VPCD_SLOTS } from './helpers/pcscd-rig.js';

const pcsc = capability('pcsc');
const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(root, 'packages/thai-idcard/dist/pcsc.js'));
if (pcsc.available && !built) {
  console.warn('[thai-idcard] SKIPPED: README starter test needs the build (npm run build, or npm test)');
}

/** The first ```ts block under "## Quick start" of the package README. */
function starterBlock(): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const m = /```ts[^\n]*\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('no ```ts block under ## Quick start');
  return m[1]!;
}

describe.skipIf(!pcsc.available || !built)('README quick start through pcscd + vpcd', () => {
  let rig: PcscdRig | undefined;
  let conn: VpcdConnection | undefined;
  beforeAll(async () => {
    rig = await startPcscd({ waitMs: 150_000 });
  }, 180_000);
  afterAll(async () => {
    await conn?.remove();
    await rig?.dispose();
  });

  it('is at most 20 lines, and prints the name of the card put in the reader', async () => {
    const block = starterBlock();
    expect(block.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    const dir = join(root, '.tmp', 'readme-starter');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'starter.ts');
    writeFileSync(file, block);
    const image = sampleCardImage();
    const expected = await readThaiIdCard(createVirtualCard({ image }).transport());

    const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), file], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const asked = new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('insert a Thai ID card')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await Promise.race([asked, exited]);
    conn = await serveVirtualCardToVpcd(createVirtualCard({ image }), { port: VPCD_SLOTS[0]!.port });
    const code = await exited;
    expect(err).toBe('');
    expect(code, out).toBe(0);
    expect(out).toContain(`${expected.firstNameTh} ${expected.lastNameTh}`);
    expect(out).toContain(`${expected.firstNameEn} ${expected.lastNameEn}`);
  }, 120_000);
});
