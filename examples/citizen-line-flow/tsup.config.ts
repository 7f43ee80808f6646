import { defineConfig } from 'tsup';

// Examples are private apps, built only so `npm run demo` and `npm start` run plain JavaScript.
export default defineConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts' },
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  platform: 'node',
  target: 'node20',
  // The shared plumbing is TypeScript source (no build of its own): bundle it in.
  noExternal: [/^@authenkit-examples\/shared/],
});
