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
import { readFile } from 'node:fs/promises';
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
      const js = await transform(source, {
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

/** tsup options for the CJS build: the public entries, bundled with shared chunks. */
export function cjsEntries(entry: Record<string, string>, options: Options = {}): Options {
  return {
    entry,
    format: ['cjs'],
    dts: { entry },
    splitting: true,
    sourcemap: true,
    target: 'es2022',
    ...options,
  };
}
