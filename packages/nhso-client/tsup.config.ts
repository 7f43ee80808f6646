import { defineConfig } from 'tsup';

// ky 1.x is ESM-only: the CJS build bundles it so `require('@authenkit/nhso-client')` works without
// require(esm). The ESM build keeps it external (deduped with the app's own ky).
const entry = { index: 'src/index.ts', schemas: 'src/schemas.ts', node: 'src/node.ts' };

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
    noExternal: ['ky'],
  },
]);
