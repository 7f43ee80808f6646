#!/usr/bin/env node
// Runs `publint` and `attw --pack` on every publishable package (packages/*). Fails on any problem.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkgs = readdirSync(join(root, 'packages')).filter((d) =>
  existsSync(join(root, 'packages', d, 'package.json')),
);
let failed = 0;
for (const dir of pkgs) {
  const cwd = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  for (const [cmd, args] of [
    ['publint', ['--strict']],
    // ESM-only dependencies (ky) are bundled into the CJS build, so every resolution mode must be clean:
    // profile `strict` includes node10 (`moduleResolution: node`), which sees subpaths via `typesVersions`.
    [
      'attw',
      [
        '--pack',
        '.',
        '--profile',
        'strict',
        ...(pkg.attwIgnore ? ['--ignore-rules', ...pkg.attwIgnore] : []),
      ],
    ],
  ]) {
    try {
      execFileSync(join(root, 'node_modules', '.bin', cmd), args, { cwd, stdio: 'pipe' });
      console.log(`ok   ${cmd} ${pkg.name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${cmd} ${pkg.name}\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
    }
  }
}
if (failed) {
  console.error(`${failed} export check(s) failed`);
  process.exit(1);
}
