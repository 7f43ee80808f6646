import { defineConfig } from 'tsup';
import { cjsEntries, esmModules } from '../../scripts/tsup-shared.ts';

const entry = {
  index: 'src/index.ts',
  read: 'src/read.ts',
  poster: 'src/poster.ts',
  hid: 'src/hid.ts',
};

// ESM: one file per source module (tree-shakable), except src/vendor/*: each of those is one bundled ESM
// leaf (dist/vendor/*.js) holding a dependency the browser entries must not import as is:
// - qrcode (+ dijkstrajs) and jsqr are CommonJS: compiled into ESM here, so the browser entries bundle with
//   stock Rollup, Vite and esbuild, no CommonJS plugin needed (test/bundlers.test.ts);
// - @noble/ed25519 is qr-service's own copy (keys.ts sets its SHA-512 hook; an app's copy is never touched).
// CJS: bundled per entry with shared chunks; the ESM-only @noble packages are compiled in so
// `require('@authenkit/qr-service')` works without require(esm).
// dist/cli.js (the `authen-qr` command, started by bin/authen-qr.js) comes from the ESM build.
export default defineConfig([
  esmModules({
    entry: ['src/**/*.ts', '!src/**/*.d.ts', '!src/vendor/**'],
    dts: { entry },
    platform: 'neutral',
  }),
  {
    entry: {
      'vendor/qrcode': 'src/vendor/qrcode.ts',
      'vendor/jsqr': 'src/vendor/jsqr.ts',
      'vendor/ed25519': 'src/vendor/ed25519.ts',
    },
    format: ['esm'],
    sourcemap: true,
    platform: 'neutral',
    target: 'es2022',
    noExternal: ['@noble/ed25519', 'qrcode', 'dijkstrajs', 'jsqr'],
  },
  // shims: import.meta.url for createRequire in the CJS build
  cjsEntries(entry, { platform: 'neutral', noExternal: ['@noble/ed25519', '@noble/hashes'], shims: true }),
]);
