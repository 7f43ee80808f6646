import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    platform: 'node',
    target: 'es2022',
    // import.meta.url in the CJS build (sqlite.ts loads better-sqlite3 lazily with createRequire)
    shims: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    platform: 'node',
    target: 'es2022',
    shims: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
