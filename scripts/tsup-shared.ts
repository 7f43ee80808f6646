/**
 * Build settings every package's tsup.config.ts shares (see issue 13):
 *  - ESM: one output file per source module (`bundle: false`), so a bundler keeps only the modules an app
 *    imports; every top-level `const X = f(…)` is annotated `/* @__PURE__ *\/` so an unused table or guard in
 *    a module that *is* imported is dropped too. The modules have no top-level side effects (that is what
 *    `"sideEffects": false` promises; `scripts/size.mjs` checks it on the built files).
 *  - CJS: bundled per entry with code splitting, so code shared by entries (the package's error class) is
 *    one chunk, hence one class: `instanceof` works across `require('pkg')` and `require('pkg/sub')`.
 * `npm run build` empties dist/ first (the builds of one config run at the same time).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { transform } from 'esbuild';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** Calls esbuild may drop when their result is unused (they only build frozen tables). */
const PURE_CALLS = ['Object.freeze', 'Object.fromEntries', 'Object.entries', 'Object.keys'];

/**
 * Marks top-level `const|let|var X = f(…)` / `new F(…)` initialisers as pure (after TypeScript is stripped,
 * so multi-line type annotations do not matter). Only column-0 declarations are touched: nothing inside a
 * function changes.
 */
export const pureTopLevelCalls: Plugin = {
  name: 'authenkit-pure-top-level-calls',
  setup(build) {
    build.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, async (args) => {
      if (args.path.endsWith('.d.ts')) return undefined;
      const source = await readFile(args.path, 'utf8');
      // src/cli.ts is each package's command (started by bin/<name>.js); keep dist/cli.js runnable on its own
      const cli = /[/\\]src[/\\]cli\.ts$/.test(args.path);
      const js = await transform(source, {
        ...(cli ? { banner: '#!/usr/bin/env node' } : {}),
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcefile: args.path,
        sourcemap: 'inline',
        pure: PURE_CALLS,
      });
      const contents = js.code.replace(
        /^((?:export )?(?:const|let|var) [\w$]+ = )(?=(?:new )?[\w$.]+\()/gm,
        '$1/* @__PURE__ */ ',
      );
      return { contents, loader: 'js' };
    });
  },
};

/** tsup options for the ESM build: every module of src/ (but type declarations), unbundled. */
export function esmModules(options: Options = {}): Options {
  return {
    entry: ['src/**/*.ts', '!src/**/*.d.ts'],
    bundle: false,
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    esbuildPlugins: [pureTopLevelCalls],
    ...options,
  };
}

/**
 * tsup's CJS code splitting (ESM chunks converted to CJS) writes source maps whose `file` and first source are
 * absolute paths of the build machine: make every path in dist/*.map relative to the map.
 */
export async function relativeSourceMaps(dist = 'dist'): Promise<void> {
  for (const name of await readdir(dist, { recursive: true })) {
    if (!name.endsWith('.map')) continue;
    const file = join(dist, name);
    const map = JSON.parse(await readFile(file, 'utf8')) as { sources: string[]; file?: string };
    const rel = (s: string) => (isAbsolute(s) ? relative(dirname(file), s).split('\\').join('/') : s);
    if (!map.sources.some(isAbsolute) && !(map.file && isAbsolute(map.file))) continue;
    map.sources = map.sources.map(rel);
    if (map.file) map.file = basename(map.file);
    await writeFile(file, JSON.stringify(map));
  }
}

/** tsup options for the CJS build: the public entries, bundled with shared chunks. */
export function cjsEntries(entry: Record<string, string>, options: Options = {}): Options {
  return {
    entry,
    format: ['cjs'],
    dts: { entry },
    splitting: true,
    sourcemap: true,
    target: 'es2022',
    onSuccess: () => relativeSourceMaps(),
    ...options,
  };
}
