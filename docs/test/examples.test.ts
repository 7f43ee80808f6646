/**
 * Every TSDoc `@example` of every package (packages/* /src, the comments that become the shipped `.d.ts`):
 *
 * - COMPILES: each example is written as its own ES module and all of them are type-checked in ONE `tsc`
 *   program (strict, `NodeNext`) against the built packages (see ./typecheck.ts);
 * - RUNS (imported in this process; `@authenkit/*` resolves to the sources, like every other test) and
 *   prints what it documents: a line `console.log(a, b); // X` must print exactly X (util.inspect style,
 *   `…` in X matches anything, a trailing `(note)` and prose comments are not compared).
 *
 * An example that needs a card reader, a network service, a file of the user's or a browser, or that starts
 * a server, is compiled only: its fence says so, ```` ```ts no-run ```` (the same marker as the READMEs
 * and guides, docs/guides/README.md). A running example that opens a TCP connection or listens on a port
 * fails, so the marker cannot be forgotten. Examples run in a scratch directory (files they write never
 * land in the repo).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatWithOptions, inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot as root, type TypecheckResult, typecheckSnippets } from './typecheck';

const workDir = join(root, '.tmp/examples');

interface Example {
  /** Source file, relative to the repo root. */
  file: string;
  /** Line of the opening fence. */
  line: number;
  symbol: string;
  info: string;
  code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return sourceFiles(p);
      return f.endsWith('.ts') && !f.endsWith('.d.ts') ? [p] : [];
    });
}

function extract(path: string): Example[] {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  const out: Example[] = [];
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, m.index).split('\n').length;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 300);
    const symbol =
      /^\s*(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:readonly\s+)?(?:static\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract class)?\s*([\w$]+)/.exec(
        after,
      )?.[1] ?? '?';
    const lines = m[0].split('\n').map((l) => l.replace(/^\s*\/?\*+\/? ?/, '').replace(/\s*\*\/$/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i]!.trim())) continue;
      // the example's code: the first fenced block after the tag
      let j = i + 1;
      while (j < lines.length && !/^```/.test(lines[j]!.trim()) && !/^@\w/.test(lines[j]!.trim())) j++;
      const open = /^```(ts|typescript)\b(.*)$/.exec(lines[j]?.trim() ?? '');
      if (!open) {
        out.push({ file, line: startLine + i, symbol, info: 'not-ts', code: '' });
        continue;
      }
      const body: string[] = [];
      let k = j + 1;
      for (; k < lines.length && lines[k]!.trim() !== '```'; k++) body.push(lines[k]!);
      out.push({ file, line: startLine + j, symbol, info: open[2]!.trim(), code: body.join('\n') });
      i = k;
    }
  }
  return out;
}

const packages = readdirSync(join(root, 'packages')).sort();
const examples = packages.flatMap((p) => sourceFiles(join(root, 'packages', p, 'src')).flatMap(extract));
const label = (e: Example) => `${e.file}:${e.line} ${e.symbol}${e.info ? ` (${e.info})` : ''}`;
const snippetName = (e: Example) =>
  `${e.file.replace(/^packages\//, '').replace(/[/.]/g, '_')}_${e.line}.mts`;

/**
 * The runnable form of an example: `console.log(…); // X` lines report to `__example.log(n, …)`, every
 * other console.log is silenced.
 */
function instrument(code: string): { code: string; expected: string[] } {
  const expected: string[] = [];
  let n = 0;
  const body = code.replace(/console\.log\((.*)\);\s*\/\/ (.*)$/gm, (_a, args: string, exp: string) => {
    expected.push(exp.trim());
    return `(globalThis as any).__example.log(${n++}, ${args});`;
  });
  return {
    expected,
    code: `const console = { ...globalThis.console, log: (..._: unknown[]) => {} };\n${body}\nexport {};\n`,
  };
}

const norm = (s: string) =>
  s
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']')
    .replace(/\\uFEFF/g, '\uFEFF');
const matches = (rawActual: string, rawExpected: string) => {
  const actual = norm(rawActual);
  // a trailing "(note)" after the documented value is prose
  const expected = norm(rawExpected.replace(/ \([^)'"]*\)$/, ''));
  if (!expected.includes('…')) return actual === expected;
  const parts = expected.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`).test(actual);
};
/** What console.log really prints (strings unquoted at the top level). */
const printed = (args: unknown[]) =>
  formatWithOptions({ breakLength: Number.POSITIVE_INFINITY, depth: 4 }, ...args);
/** The values as a REPL shows them (strings quoted): the style most examples document. */
const shown = (args: unknown[]) =>
  args.map((a) => inspect(a, { breakLength: Number.POSITIVE_INFINITY, depth: 4 })).join(' ');

/**
 * Records TCP connections and listening servers while an example runs (an example that needs the network
 * or starts a server must be fenced `no-run`).
 */
const network: string[] = [];
let watching = false;
const realConnect = net.Socket.prototype.connect;
const realListen = net.Server.prototype.listen;
const where = (args: unknown[]) =>
  args
    .filter((a) => typeof a !== 'function')
    .map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a)))
    .join(' ');
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  if (watching) network.push(`connects to ${where(args)}`);
  return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof realConnect;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  if (watching) network.push(`listens on ${where(args)}`);
  return (realListen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof realListen;

/** A comment that is prose, not a printed value. */
const isProse = (exp: string) => /^[A-Za-z].*[^'"\]})]$/.test(exp) && !/^(true|false|null|\d)/.test(exp);

let typecheck: TypecheckResult;
const cwd = process.cwd();
beforeAll(() => {
  assertBuilt();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, 'run'), { recursive: true });
  mkdirSync(join(workDir, 'cwd'), { recursive: true });
  typecheck = typecheckSnippets(
    join(workDir, 'src'),
    examples.filter((e) => e.code).map((e) => ({ name: snippetName(e), code: e.code })),
  );
  process.chdir(join(workDir, 'cwd'));
}, 120_000);

// Files some examples write at documented absolute paths (/tmp/report.xlsx); removed after the run.
const written = ['/tmp/report.xlsx', '/tmp/authen-report.xlsx'];
afterAll(() => {
  process.chdir(cwd);
  net.Socket.prototype.connect = realConnect;
  net.Server.prototype.listen = realListen;
  for (const f of written) rmSync(f, { force: true });
});

describe('TSDoc @example blocks of every package', () => {
  it('found the examples of every package', () => {
    for (const p of packages) {
      expect(examples.filter((e) => e.file.startsWith(`packages/${p}/`)).length, p).toBeGreaterThan(10);
    }
  });
  it('the type check saw no error outside the examples', () => {
    expect(typecheck.outside).toEqual([]);
  });

  for (const e of examples) {
    const name = label(e);
    it(`${name} compiles (strict, NodeNext)`, () => {
      expect(e.code, `${name}: an @example is a \`\`\`ts fenced block`).not.toBe('');
      const errors = typecheck.errorsOf(snippetName(e));
      expect(errors, `${name}:\n${e.code}\n\n${errors.join('\n')}`).toEqual([]);
    });
    if (e.info.includes('no-run') || !e.code) continue;
    it(`${name} runs and prints what it documents`, async () => {
      const { code, expected } = instrument(e.code);
      const path = join(workDir, 'run', snippetName(e).replace(/\.mts$/, '.ts'));
      writeFileSync(path, code, { flag: 'w' });
      const seen: { printed: string; shown: string }[] = [];
      (globalThis as { __example?: unknown }).__example = {
        log: (i: number, ...args: unknown[]) => {
          seen[i] = { printed: printed(args), shown: shown(args) };
        },
      };
      network.length = 0;
      watching = true;
      try {
        await import(pathToFileURL(path).href);
      } finally {
        watching = false;
      }
      expect(network, `${name} uses the network or starts a server: fence it \`\`\`ts no-run`).toEqual([]);
      expected.forEach((exp, i) => {
        if (isProse(exp)) return;
        const got = seen[i];
        expect(got, `console.log #${i}: got ${got?.shown} expected ${exp}`).toSatisfy(
          (g: typeof got) => g !== undefined && (matches(g.shown, exp) || matches(g.printed, exp)),
        );
      });
    });
  }
});
