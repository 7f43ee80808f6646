import { defineConfig } from 'tsup';
import { cjsEntries, esmModules } from '../../scripts/tsup-shared.ts';

const entry = { index: 'src/index.ts' };

// dist/cli.js (the `nhso-sandbox` command, started by bin/nhso-sandbox.js) comes from the ESM build.
export default defineConfig([
  esmModules({ dts: { entry }, platform: 'node' }),
  // shims: import.meta.url in the CJS build (sqlite.ts loads better-sqlite3 lazily with createRequire)
  cjsEntries(entry, { platform: 'node', shims: true }),
]);
