import { defineConfig } from 'tsup';
import { cjsEntries, esmModules } from '../../scripts/tsup-shared.ts';

const entry = {
  index: 'src/index.ts',
  read: 'src/read.ts',
  poster: 'src/poster.ts',
  hid: 'src/hid.ts',
};

// @noble/ed25519 3.x is ESM-only: the CJS build bundles it so `require('@authenkit/qr-service')` works
// without require(esm). The ESM build keeps it external (deduped with the app's own copy).
// dist/cli.js (the `authen-qr` command, started by bin/authen-qr.js) comes from the ESM build.
export default defineConfig([
  esmModules({ dts: { entry }, platform: 'neutral' }),
  // shims: import.meta.url for createRequire in the CJS build
  cjsEntries(entry, { platform: 'neutral', noExternal: ['@noble/ed25519'], shims: true }),
]);
