#!/usr/bin/env node
// Size budgets of the browser-safe entries, as a user's bundler sees them: each case is a tiny module that
// imports from the *built* package (`@authenkit/<pkg>` resolved through its package.json `exports`, so
// `npm run build` first), bundled by esbuild (platform=browser, ESM, minified, tree-shaken), then gzip -9.
// Exits 1 when a case is over its budget.
// Usage: node scripts/size.mjs [--json] [--resolve-dir DIR]
//   --resolve-dir: resolve the packages from DIR's node_modules (the pack-install test points it at a
//   project that installed the packed tarballs); default: this repository (workspace links to packages/*).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const KB = 1024;
/** Budgets in gzip bytes. One function of authen-code must stay small: that is what tree-shaking buys. */
export const SIZE_CASES = [
  {
    name: 'authen-code: validateCitizenId alone',
    code: "export { validateCitizenId } from '@authenkit/authen-code';",
    budget: 2 * KB,
  },
  {
    name: 'authen-code: formatThaiDate alone',
    code: "export { formatThaiDate } from '@authenkit/authen-code';",
    budget: 4 * KB,
  },
  {
    name: '@authenkit/authen-code (whole entry)',
    code: "export * from '@authenkit/authen-code';",
    budget: 22 * KB,
  },
  {
    name: 'qr-service: encode + SVG',
    code: "export { encodeServiceQr, renderQrSvg } from '@authenkit/qr-service';",
    budget: 25 * KB,
  },
  {
    name: '@authenkit/qr-service (whole entry)',
    code: "export * from '@authenkit/qr-service';",
    budget: 25 * KB,
  },
  {
    name: '@authenkit/qr-service/read',
    code: "export * from '@authenkit/qr-service/read';",
    budget: 60 * KB,
  },
  { name: '@authenkit/qr-service/hid', code: "export * from '@authenkit/qr-service/hid';", budget: 16 * KB },
  {
    name: '@authenkit/thai-idcard (whole entry)',
    code: "export * from '@authenkit/thai-idcard';",
    budget: 16 * KB,
  },
  {
    name: '@authenkit/thai-idcard/replay (replay a trace)',
    code: "export { createReplayTransport, parseApduScript } from '@authenkit/thai-idcard/replay';",
    budget: 4 * KB,
  },
  {
    // + the field kit's anonymiser and read-structure description (issue 14), which know the card's layout
    name: '@authenkit/thai-idcard/replay (whole entry)',
    code: "export * from '@authenkit/thai-idcard/replay';",
    budget: 12 * KB,
  },
  {
    name: '@authenkit/nhso-client/schemas',
    code: "export * from '@authenkit/nhso-client/schemas';",
    budget: 8 * KB,
  },
];

/**
 * Bundles `options` (esbuild build options: `stdin` or `entryPoints`) for the browser as a user's bundler
 * would (ESM, minified, tree-shaken) and returns the minified and gzip -9 sizes in bytes.
 */
export async function gzipBundle(options) {
  const result = await build({
    bundle: true,
    minify: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
}

/**
 * Bundles and measures every case. `resolveDir` is where `@authenkit/*` is resolved from.
 * @returns {Promise<Array<{ name: string, minified: number, gzip: number, budget: number, ok: boolean, error?: string }>>}
 */
export async function measureSizes(resolveDir) {
  const results = [];
  for (const c of SIZE_CASES) {
    try {
      const { minified, gzip } = await gzipBundle({
        stdin: { contents: c.code, resolveDir, loader: 'js', sourcefile: 'size-case.js' },
        // the repository's tsconfig maps @authenkit/* to src/: measure what users get, the built package
        tsconfigRaw: '{}',
      });
      results.push({ name: c.name, minified, gzip, budget: c.budget, ok: gzip <= c.budget });
    } catch (e) {
      const error = String(e.message ?? e).split('\n')[0];
      results.push({ name: c.name, minified: 0, gzip: 0, budget: c.budget, ok: false, error });
    }
  }
  return results;
}

export function formatSizes(results) {
  return results
    .map((r) =>
      r.error
        ? `FAIL ${r.name}: ${r.error}`
        : `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${(r.gzip / KB).toFixed(1)} KB gz (${(r.minified / KB).toFixed(1)} KB min), budget ${(r.budget / KB).toFixed(1)} KB`,
    )
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--resolve-dir');
  const resolveDir = i > 0 ? process.argv[i + 1] : fileURLToPath(new URL('..', import.meta.url));
  const results = await measureSizes(resolveDir);
  console.log(process.argv.includes('--json') ? JSON.stringify(results, null, 2) : formatSizes(results));
  if (results.some((r) => !r.ok)) process.exit(1);
}
