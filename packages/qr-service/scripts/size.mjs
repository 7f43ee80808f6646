#!/usr/bin/env node
// Size budget of the browser entry of @authenkit/qr-service (encode/decode/verify + SVG):
// esbuild bundle --minify (platform=browser, ESM) then zlib gzip level 9. Exits 1 over budget.
// Usage: node packages/qr-service/scripts/size.mjs [--json]
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 25 * 1024;
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  write: false,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  metafile: true,
  logLevel: 'silent',
});
const code = result.outputFiles[0].contents;
const gz = gzipSync(code, { level: 9 }).length;
const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
  .map(([file, v]) => [file.replace(/^.*node_modules\//, ''), v.bytesInOutput])
  .sort((a, b) => b[1] - a[1]);
const ok = gz <= BUDGET;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ minified: code.length, gzip: gz, budget: BUDGET, ok }));
} else {
  console.log(
    `@authenkit/qr-service browser entry: ${code.length} B minified, ${gz} B min+gz (budget ${BUDGET} B)`,
  );
  for (const [file, bytes] of inputs.slice(0, 8)) console.log(`  ${String(bytes).padStart(7)} B  ${file}`);
  console.log(ok ? 'ok   within budget' : 'FAIL over budget');
}
process.exit(ok ? 0 : 1);
