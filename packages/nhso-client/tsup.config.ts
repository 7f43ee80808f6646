import { defineConfig } from 'tsup';
import { cjsEntries, esmModules } from '../../scripts/tsup-shared.ts';

const entry = { index: 'src/index.ts', schemas: 'src/schemas.ts', node: 'src/node.ts' };

// ky 1.x is ESM-only: the CJS build bundles it so `require('@authenkit/nhso-client')` works without
// require(esm). The ESM build keeps it external (deduped with the app's own ky).
export default defineConfig([
  esmModules({ dts: { entry }, platform: 'neutral' }),
  cjsEntries(entry, { platform: 'neutral', noExternal: ['ky'] }),
]);
