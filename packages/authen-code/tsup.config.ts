import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', xlsx: 'src/xlsx.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  // one shared chunk for both entries in CJS too, so AuthenCodeError is a single class across index and xlsx
  splitting: true,
  platform: 'neutral',
  target: 'es2022',
});
