/**
 * Docs cannot rot. Every ```ts block of the root README, every package README (packages/* /README.md) and
 * every guide (docs/guides/*.md, English and Thai):
 *
 * - COMPILES: all blocks are type-checked together in one `tsc` program, strict, `NodeNext`, against the
 *   built packages (what npm ships; see ./typecheck.ts);
 * - RUNS (with tsx, as a standalone ES module, in a scratch directory) against a fresh NHSO sandbox on
 *   loopback: `NHSO_BASE_URL` and `NHSO_TOKEN` are set. Card code uses the virtual card.
 *
 * Markers (in the fence info, documented in docs/guides/README.md):
 * - ```` ```ts no-run ````: compiled only, not run (the block needs a real card reader, production NHSO or
 *   Electron). A block without it that fails to compile or run fails the test.
 * - ```` ```ts continued ````: the block continues the block before it in the same file; both are compiled
 *   and run as one module.
 * - ```` ```sh run ````: a shell block that is run as written (bash, `set -e`, in a scratch directory;
 *   `npx <cli>` runs this repo's built CLI of that name, never the registry). Shell blocks without `run` are not run (installs, servers that
 *   never exit, hardware).
 *
 * `npm test` builds first; run `npm run build` before `vitest run --project docs`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot as root, type TypecheckResult, typecheckSnippets } from './typecheck';

const run = promisify(execFile);
const workDir = join(root, '.tmp/docs-blocks');

interface Block {
  /** Markdown file, relative to the repo root. */
  file: string;
  line: number;
  lang: 'ts' | 'sh';
  info: string;
  code: string;
}

function extractBlocks(file: string): Block[] {
  const text = readFileSync(join(root, file), 'utf8');
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript|sh|bash)\b(.*)$/.exec(lines[i]!.trim());
    if (!open) {
      if (/^```/.test(lines[i]!.trim())) for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++);
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const lang = open[1] === 'sh' || open[1] === 'bash' ? 'sh' : 'ts';
    const info = open[2]!.trim();
    const prev = blocks.filter((b) => b.lang === lang).at(-1);
    const code =
      lang === 'ts' && info.includes('continued') && prev
        ? `${prev.code}\n${body.join('\n')}`
        : body.join('\n');
    blocks.push({ file, line: start + 1, lang, info, code });
  }
  return blocks;
}

const listMd = (dir: string) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => (dir === '.' ? f : `${dir}/${f}`))
    : [];
const files = [
  'README.md',
  ...readdirSync(join(root, 'packages'))
    .sort()
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => existsSync(join(root, f))),
  ...listMd('docs/guides'),
];
const all = files.flatMap(extractBlocks);
const tsBlocks = all.filter((b) => b.lang === 'ts');
const shBlocks = all.filter((b) => b.lang === 'sh' && /\brun\b/.test(b.info) && !/no-run/.test(b.info));
const label = (b: Block) => `${b.file}:${b.line}${b.info ? ` (${b.info})` : ''}`;
const snippetName = (b: Block) => `${b.file.replace(/[/.]/g, '_')}_${b.line}.mts`;

let sandbox: { url: string; token: string; close(): Promise<void> } | undefined;
let typecheck: TypecheckResult;

beforeAll(async () => {
  assertBuilt();
  rmSync(workDir, { recursive: true, force: true });
  typecheck = typecheckSnippets(
    join(workDir, 'src'),
    tsBlocks.map((b) => ({ name: snippetName(b), code: b.code })),
  );
  linkBins();
  if (tsBlocks.some((b) => !b.info.includes('no-run'))) {
    const { startSandbox } = await import('@authenkit/nhso-sandbox');
    sandbox = await startSandbox({ seed: 1 });
  }
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

/** `<dir>/<cli>` holds the path of every CLI a package declares in its package.json `bin` (the built `dist/`). */
const binDir = join(workDir, 'bin');
function linkBins(): void {
  mkdirSync(binDir, { recursive: true });
  for (const p of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', p, 'package.json');
    if (!existsSync(manifest)) continue;
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> };
    for (const [name, target] of Object.entries(bin ?? {})) {
      writeFileSync(join(binDir, name), join(root, 'packages', p, target));
    }
  }
}

/** A fresh scratch directory for one block (files a block writes land here, never in the repo). */
function scratch(b: Block): string {
  const dir = join(workDir, 'cwd', snippetName(b).replace(/\.mts$/, ''));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('README and guide code blocks', () => {
  it('found the READMEs and guides with code', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(tsBlocks.length).toBeGreaterThan(50);
    expect(shBlocks.length).toBeGreaterThan(0);
  });
  it('the type check saw no error outside the blocks', () => {
    expect(typecheck.outside).toEqual([]);
  });

  for (const block of tsBlocks) {
    const name = label(block);
    it(`${name} compiles (strict, NodeNext)`, () => {
      const errors = typecheck.errorsOf(snippetName(block));
      expect(errors, `${name}:\n${block.code}\n\n${errors.join('\n')}`).toEqual([]);
    });
    if (block.info.includes('no-run')) continue;
    it(`${name} runs`, async () => {
      const path = join(workDir, 'src', snippetName(block));
      // execFile rejects on a non-zero exit (a thrown error, an unsettled top-level await = 13) or a timeout.
      await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), path], {
        cwd: scratch(block),
        env: { ...process.env, NHSO_BASE_URL: sandbox!.url, NHSO_TOKEN: sandbox!.token },
        timeout: 60_000,
      }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${name} failed:\n${e.stderr ?? ''}\n${e.stdout ?? ''}\n${e.message}`);
      });
    });
  }

  for (const block of shBlocks) {
    const name = label(block);
    it(`${name} runs as written (sh)`, async () => {
      const cwd = scratch(block);
      // `npx <cli>` runs this repo's built CLI (never the registry): the same program a user's npx finds.
      const npx = 'npx() { local bin="$AUTHENKIT_BINS/$1"; shift; node "$(cat "$bin")" "$@"; }';
      writeFileSync(join(cwd, 'block.sh'), `set -euo pipefail\n${npx}\n${block.code}\n`);
      await run('bash', [join(cwd, 'block.sh')], {
        cwd,
        env: { ...process.env, AUTHENKIT_BINS: binDir },
        timeout: 120_000,
      }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${name} failed:\n${e.stderr ?? ''}\n${e.stdout ?? ''}\n${e.message}`);
      });
    }, 150_000);
  }
});
