import { defineConfig } from 'tsup';

// @noble/ed25519 3.x is ESM-only: the CJS build bundles it so `require('@authenkit/qr-service')` works
// without require(esm). The ESM build keeps it external (deduped with the app's own copy).
const entry = {
  index: 'src/index.ts',
  read: 'src/read.ts',
  poster: 'src/poster.ts',
  hid: 'src/hid.ts',
};

export default defineConfig([
  {
    entry,
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    platform: 'neutral',
    target: 'es2022',
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    platform: 'neutral',
    target: 'es2022',
    noExternal: ['@noble/ed25519'],
    // one shared chunk for the error class across subpaths; import.meta.url shim for createRequire
    splitting: true,
    shims: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
