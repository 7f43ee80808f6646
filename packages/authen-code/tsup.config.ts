import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', xlsx: 'src/xlsx.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'neutral',
  target: 'es2022',
});
