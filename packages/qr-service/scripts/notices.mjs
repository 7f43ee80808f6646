#!/usr/bin/env node
// Writes THIRD_PARTY_NOTICES.md: the licences of the packages whose code the qr-service build compiles into
// its dist (src/vendor/*, the CJS chunks). MIT and Apache-2.0 both ask that their notice travel with the code.
// Usage: node packages/qr-service/scripts/notices.mjs [--check]   (--check: exit 1 when the file is stale)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages compiled into dist (keep in step with tsup.config.ts `noExternal`). */
export const BUNDLED = ['@noble/ed25519', '@noble/hashes', 'qrcode', 'dijkstrajs', 'jsqr'];

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(pkgDir, 'package.json'));

function packageRoot(name) {
  let dir = dirname(require.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name
  )
    dir = dirname(dir);
  return dir;
}

export function renderNotices() {
  const parts = [
    '# Third-party notices',
    '',
    '`@authenkit/qr-service` compiles the code of these packages into its `dist/` (so the browser entries',
    'bundle without a CommonJS plugin, and its Ed25519 copy stays private). Their licences follow.',
    '',
  ];
  for (const name of BUNDLED) {
    const root = packageRoot(name);
    const meta = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const file = ['LICENSE', 'LICENSE.md', 'license', 'LICENSE.txt'].find((f) => existsSync(join(root, f)));
    if (!file) throw new Error(`${name}: no licence file`);
    const text = readFileSync(join(root, file), 'utf8').replace(/```/g, '').trim();
    parts.push(`## ${name} ${meta.version} (${meta.license})`, '', '```text', text, '```', '');
  }
  return parts.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(pkgDir, 'THIRD_PARTY_NOTICES.md');
  const text = renderNotices();
  if (process.argv.includes('--check')) {
    const now = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (now !== text) {
      console.error('THIRD_PARTY_NOTICES.md is stale: run node packages/qr-service/scripts/notices.mjs');
      process.exit(1);
    }
  } else writeFileSync(out, text);
}
