/**
 * Docs cannot rot: every ```ts block in docs/guides/*.md is extracted and run (with tsx) against a fresh
 * NHSO sandbox on loopback. A block opts out with the fence info `ts no-run` (for snippets that need real
 * hardware or production NHSO), and is then still checked for syntax by esbuild. A block with the fence
 * info `ts continued` runs appended to the block before it in the same guide (so a guide can explain a
 * flow in steps).
 *
 * Blocks run as standalone ES modules importing the BUILT packages (`npm test` builds first), with
 * `NHSO_BASE_URL` and `NHSO_TOKEN` set to the sandbox.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '../..');
const guidesDir = join(root, 'docs/guides');
const workDir = join(root, '.tmp/docs-blocks');

interface Block {
  file: string;
  line: number;
  info: string;
  code: string;
}

function extractBlocks(file: string): Block[] {
  const text = readFileSync(join(guidesDir, file), 'utf8');
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)\b(.*)$/.exec(lines[i]!.trim());
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const info = open[2]!.trim();
    const prev = blocks.at(-1);
    const code =
      info.includes('continued') && prev?.file === file
        ? `${prev.code}\n${body.join('\n')}`
        : body.join('\n');
    blocks.push({ file, line: start + 1, info, code });
  }
  return blocks;
}

const files = (() => {
  try {
    return readdirSync(guidesDir)
      .filter((f) => f.endsWith('.md'))
      .sort();
  } catch {
    return [];
  }
})();
const blocks = files.flatMap(extractBlocks);

let sandbox: { url: string; token: string; close(): Promise<void> } | undefined;

beforeAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  if (blocks.some((b) => !b.info.includes('no-run'))) {
    const { startSandbox } = await import('@authenkit/nhso-sandbox');
    sandbox = await startSandbox({ seed: 1 });
  }
});
afterAll(async () => {
  await sandbox?.close();
});

describe('docs/guides code blocks', () => {
  it('found guides with code', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const [n, block] of blocks.entries()) {
    const name = `${block.file}:${block.line}${block.info ? ` (${block.info})` : ''}`;
    it(name, async () => {
      const path = join(workDir, `block-${n}.mts`);
      writeFileSync(path, `${block.code}\n`);
      if (block.info.includes('no-run')) {
        const { transform } = await import('esbuild');
        await expect(transform(block.code, { loader: 'ts', format: 'esm' })).resolves.toBeDefined();
        return;
      }
      // execFile rejects on a non-zero exit (a thrown error, an unsettled top-level await = 13) or a timeout.
      const { stderr } = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), path], {
        cwd: root,
        env: { ...process.env, NHSO_BASE_URL: sandbox!.url, NHSO_TOKEN: sandbox!.token },
        timeout: 60_000,
      }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${name} failed:\n${e.stderr ?? ''}\n${e.stdout ?? ''}\n${e.message}`);
      });
      expect(stderr).not.toMatch(/Error/);
    });
  }
});
