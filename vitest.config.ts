import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Tests import `@authenkit/<pkg>` and `@authenkit/<pkg>/<subpath>` exactly as users do, but resolve them
 * to the TypeScript sources, so `vitest` needs no build. Convention: the subpath export `./x` of a package
 * is built from `src/x.ts` (or `src/x/index.ts`). `dist/` is checked separately (attw, publint, CLI e2e).
 */
function authenkitSources(): Plugin {
  return {
    name: 'authenkit-sources',
    enforce: 'pre',
    resolveId(id) {
      const m = /^@authenkit\/([a-z0-9-]+)(?:\/(.+))?$/.exec(id);
      if (!m) return null;
      const [, pkg, sub] = m;
      const base = join(root, 'packages', pkg!, 'src');
      const candidates = sub
        ? [join(base, `${sub}.ts`), join(base, sub, 'index.ts')]
        : [join(base, 'index.ts')];
      return candidates.find((c) => existsSync(c)) ?? null;
    },
  };
}

/**
 * vitest's typecheck runs `tsc` over the tsconfig's whole `include`; give each project its own tsconfig that
 * includes only its own type tests, so one package's type errors never fail another package's project.
 */
function typecheckTsconfig(name: string, dir: string): string {
  const out = join(root, '.tmp', `tsconfig.typecheck.${name}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        extends: '../tsconfig.json',
        include: [`../${dir}/test/**/*.test-d.ts`, '../packages/*/src/**/*.d.ts', '../tools'],
      },
      null,
      2,
    ),
  );
  return out;
}

const dirsWithTests = (parent: string) =>
  existsSync(join(root, parent))
    ? readdirSync(join(root, parent)).filter((d) => existsSync(join(root, parent, d, 'test')))
    : [];

export default defineConfig({
  plugins: [authenkitSources()],
  test: {
    // PC/SC bindings can leave a native status thread alive (virtual-reader.md G3): never hang the run.
    teardownTimeout: 10_000,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...dirsWithTests('packages').map((name) => ({
        extends: true as const,
        test: {
          name,
          root: resolve(root, 'packages', name),
          include: ['test/**/*.test.ts'],
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: typecheckTsconfig(name, `packages/${name}`),
          },
        },
      })),
      {
        extends: true as const,
        test: {
          name: 'docs',
          root: resolve(root, 'docs'),
          include: ['test/**/*.test.ts'],
          // `npm test` leaves the working tree clean: fails the run when it changed the tree (docs/test/clean-tree.ts).
          globalSetup: ['test/clean-tree.ts'],
        },
      },
      ...dirsWithTests('examples').map((name) => ({
        extends: true as const,
        test: {
          name: `example-${name}`,
          root: resolve(root, 'examples', name),
          include: ['test/**/*.test.ts'],
        },
      })),
    ],
  },
});
