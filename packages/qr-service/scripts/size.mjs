#!/usr/bin/env node
// Size budget of the browser entry of @authenkit/qr-service (encode/decode/verify + SVG), measured on the
// sources (no build needed; the budgets of the built packages are in scripts/size.mjs at the repository root,
// which does the bundling for both): esbuild bundle --minify (platform=browser, ESM) then gzip -9.
// Exits 1 over budget. Usage: node packages/qr-service/scripts/size.mjs [--json]
import { fileURLToPath } from 'node:url';
import { gzipBundle } from '../../../scripts/size.mjs';

const BUDGET = 25 * 1024;
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const { minified, gzip: gz, metafile } = await gzipBundle({ entryPoints: [entry] });
const inputs = Object.entries(metafile.outputs[Object.keys(metafile.outputs)[0]].inputs)
  .map(([file, v]) => [file.replace(/^.*node_modules\//, ''), v.bytesInOutput])
  .sort((a, b) => b[1] - a[1]);
const ok = gz <= BUDGET;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ minified, gzip: gz, budget: BUDGET, ok }));
} else {
  console.log(
    `@authenkit/qr-service browser entry: ${minified} B minified, ${gz} B min+gz (budget ${BUDGET} B)`,
  );
  for (const [file, bytes] of inputs.slice(0, 8)) console.log(`  ${String(bytes).padStart(7)} B  ${file}`);
  console.log(ok ? 'ok   within budget' : 'FAIL over budget');
}
process.exit(ok ? 0 : 1);
