import { defineConfig } from 'tsup';

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
    // - @noble/ed25519: qr-service's own copy (keys.ts sets its SHA-512 hook; an app's copy is never touched).
    // - qrcode (+ dijkstrajs), jsqr: CommonJS; inlined here as ESM so the browser entries bundle
    //   with stock Rollup, Vite and esbuild, no CommonJS plugin needed (test/bundlers.test.ts).
    noExternal: ['@noble/ed25519', 'qrcode', 'dijkstrajs', 'jsqr'],
  },
  {
    entry,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    platform: 'neutral',
    target: 'es2022',
    // ESM-only packages are bundled so `require('@authenkit/qr-service')` works without require(esm)
    noExternal: ['@noble/ed25519', '@noble/hashes'],
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
