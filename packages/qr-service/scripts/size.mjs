#!/usr/bin/env node
// Size budget of the browser entry of @authenkit/qr-service (encode/decode/verify + SVG):
// esbuild bundle --minify (platform=browser, ESM) then zlib gzip level 9. Exits 1 over budget.
//
// The budget is checked with the workspace packages (@authenkit/authen-code) resolved to their ESM sources,
// i.e. shaken per module as a bundler shakes a tree-shakable package build. `dist` also prints the figure
// with @authenkit/authen-code resolved to its built dist (informational: it is only as small as that build
// lets a bundler shake it).
// Usage: node packages/qr-service/scripts/size.mjs [--json]
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET = 25 * 1024;
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const authenCodeSrc = fileURLToPath(new URL('../../authen-code/src/index.ts', import.meta.url));

async function measure(fromSource) {
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
    alias: fromSource ? { '@authenkit/authen-code': authenCodeSrc } : {},
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
    .map(([file, v]) => [file.replace(/^.*node_modules\//, ''), v.bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs };
}

const src = await measure(true);
let dist;
try {
  dist = await measure(false);
} catch {
  dist = undefined; // @authenkit/authen-code not built yet
}
const ok = src.gzip <= BUDGET;
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      minified: src.minified,
      gzip: src.gzip,
      budget: BUDGET,
      ok,
      distGzip: dist?.gzip,
    }),
  );
} else {
  console.log(
    `@authenkit/qr-service browser entry: ${src.minified} B minified, ${src.gzip} B min+gz (budget ${BUDGET} B)`,
  );
  for (const [file, bytes] of src.inputs.slice(0, 10))
    console.log(`  ${String(bytes).padStart(7)} B  ${file}`);
  if (dist)
    console.log(
      `  with @authenkit/authen-code's current dist: ${dist.minified} B minified, ${dist.gzip} B min+gz`,
    );
  console.log(ok ? 'ok   within budget' : 'FAIL over budget');
}
process.exit(ok ? 0 : 1);
