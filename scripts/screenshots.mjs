#!/usr/bin/env node
// Refreshes the committed screenshots in docs/screenshots/ (the pictures the READMEs show). `npm test` never
// writes there: the examples' browser tests save to the scratch folder .tmp/screenshots/ unless
// AUTHENKIT_SCREENSHOTS_DIR says otherwise, which is what this script does. Chromium is required (no skip).
// Usage: npm run screenshots [-- <example-name> …]   (default: every example with a browser test)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = readdirSync(join(root, 'examples')).filter((d) =>
  existsSync(join(root, 'examples', d, 'test', 'browser.test.ts')),
);
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(
    `screenshots: no browser test in examples/${unknown.join(', examples/')} (have: ${all.join(', ')})`,
  );
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : all;
const r = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    ...names.flatMap((n) => ['--project', `example-${n}`]),
    'test/browser.test.ts',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, AUTHENKIT_SCREENSHOTS_DIR: 'docs/screenshots', AUTHENKIT_REQUIRE_BROWSER: '1' },
  },
);
if (r.status === 0) console.log(`docs/screenshots/: refreshed ${names.map((n) => `${n}.png`).join(', ')}`);
process.exit(r.status ?? 1);
