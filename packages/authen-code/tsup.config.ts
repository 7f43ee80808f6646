import { defineConfig } from 'tsup';
import { cjsEntries, esmModules } from '../../scripts/tsup-shared.ts';

const entry = { index: 'src/index.ts', xlsx: 'src/xlsx.ts' };

export default defineConfig([
  esmModules({ dts: { entry }, platform: 'neutral' }),
  cjsEntries(entry, { platform: 'neutral' }),
]);
