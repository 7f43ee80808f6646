// Runs every TSDoc `@example` in src/ and checks the documented results: a line
// `console.log(a, b); // X` must print exactly X (util.inspect style); an ellipsis `…` in X matches anything.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import * as main from '@authenkit/authen-code';
import * as xlsx from '@authenkit/authen-code/xlsx';
import { afterAll, describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

interface Example {
  file: string;
  symbol: string;
  code: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const file of readdirSync(src).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(src, file), 'utf8');
    const re = /\/\*\*([\s\S]*?)\*\/\s*export (?:async )?(?:function\*?|const|class|interface|type) (\w+)/g;
    for (const m of text.matchAll(re)) {
      const doc = m[1]!.replace(/^\s*\* ?/gm, '');
      const ex = /@example\s*```ts\n([\s\S]*?)```/.exec(doc);
      if (ex) out.push({ file, symbol: m[2]!, code: ex[1]! });
    }
  }
  return out;
}

const modules: Record<string, Record<string, unknown>> = {
  '@authenkit/authen-code': main,
  '@authenkit/authen-code/xlsx': xlsx,
};

/** Turns an example into an async function taking the imported names. */
function compile(code: string): {
  run: (log: (...a: unknown[]) => void) => Promise<void>;
  expected: string[];
} {
  const bindings: Record<string, unknown> = {};
  const body = code.replace(/^import (type )?\{([^}]*)\} from '([^']+)';$/gm, (_all, isType, names, mod) => {
    if (isType) return '';
    const m = modules[mod];
    if (!m) throw new Error(`example imports unknown module ${mod}`);
    for (const raw of (names as string).split(',')) {
      const name = raw.trim().replace(/^type\s+.*/, '');
      if (!name) continue;
      if (!(name in m)) throw new Error(`${mod} has no export ${name}`);
      bindings[name] = m[name];
    }
    return '';
  });
  // Strip TypeScript-only syntax the examples use (type annotations on consts, `satisfies`, `as`, generics).
  const js = body
    .replace(/^import type .*$/gm, '')
    .replace(/\b(const|let) (\w+): [^=]+=/g, '$1 $2 =')
    .replace(/ satisfies \w+/g, '')
    .replace(/ as (never|string|unknown|'\w+')/g, '')
    .replace(/\(\{\} as never\)/g, '({})')
    .replace(/\[(\d+)\]!/g, '[$1]')
    .replace(/(\w|\))!\./g, '$1.')
    .replace(/\?: /g, ': ');
  const expected: string[] = [];
  let n = 0;
  const instrumented = js.replace(/console\.log\((.*)\);\s*\/\/ (.*)$/gm, (_a, args, exp) => {
    expected.push(exp.trim());
    return `__log(${n++}, ${args});`;
  });
  const names = Object.keys(bindings);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const fn = new AsyncFunction(...names, '__log', 'console', instrumented);
  return {
    expected,
    run: (log) => fn(...names.map((k) => bindings[k]), log, { log: () => {} }),
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

const tmpFiles = ['/tmp/report.xlsx', '/tmp/authen-report.xlsx'];
afterAll(async () => {
  const { rmSync } = await import('node:fs');
  for (const f of tmpFiles) rmSync(f, { force: true });
});

describe('TSDoc @example blocks', () => {
  const all = examples();
  it('exist for the public API', () => {
    expect(all.length).toBeGreaterThan(100);
  });
  it.each(all.map((e) => [`${e.file} ${e.symbol}`, e] as const))(
    '%s runs and prints what it documents',
    async (_n, e) => {
      const { run, expected } = compile(e.code);
      const seen: string[] = [];
      await run((i: unknown, ...args: unknown[]) => {
        seen[i as number] = args
          .map((a) => inspect(a, { breakLength: Number.POSITIVE_INFINITY, depth: 4 }))
          .join(' ');
      });
      expected.forEach((exp, i) => {
        if (/^[A-Za-z].*[^'"\]})]$/.test(exp) && !/^(true|false|null|\d)/.test(exp)) return; // prose comment
        expect(seen[i], `console.log #${i}: got ${seen[i]} expected ${exp}`).toSatisfy((s: string) =>
          matches(s, exp),
        );
      });
    },
  );
});
