#!/usr/bin/env node
// Dependency rules, checked in CI:
//  1. Entries a package lists under `authenkit.browserEntries` must bundle for the browser: no Node
//     built-ins and no I/O modules anywhere in their import graph (esbuild, platform=browser, fails on `node:*`).
//  2. Workspace dependencies point one way: authen-code <- thai-idcard, nhso-client, qr-service <- nhso-sandbox <- examples.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const rank = { 'authen-code': 0, 'thai-idcard': 1, 'nhso-client': 1, 'qr-service': 1, 'nhso-sandbox': 2 };
const forbidden =
  /^(node:|fs$|path$|os$|net$|http$|https$|child_process$|crypto$|stream$|zlib$|tls$|dgram$|worker_threads$|better-sqlite3|pcsclite|smartcard|node-hid|ky$)/;
let failed = 0;

for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  if (!existsSync(join(pkgDir, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const deps = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies };
  for (const dep of Object.keys(deps)) {
    const m = /^@authenkit\/(.+)$/.exec(dep);
    if (m && !(rank[m[1]] < rank[dir])) {
      failed++;
      console.log(`FAIL ${pkg.name} depends on ${dep}: dependencies must point down the layers`);
    }
  }
  for (const entry of pkg.authenkit?.browserEntries ?? []) {
    const bad = [];
    try {
      await build({
        entryPoints: [join(pkgDir, entry)],
        bundle: true,
        write: false,
        platform: 'browser',
        format: 'esm',
        logLevel: 'silent',
        plugins: [
          {
            name: 'forbid-io',
            setup(b) {
              b.onResolve({ filter: /.*/ }, (args) => {
                if (forbidden.test(args.path))
                  bad.push(`${args.path} (imported by ${args.importer.replace(root, '')})`);
                return undefined;
              });
            },
          },
        ],
      });
    } catch (e) {
      bad.push(String(e.message ?? e).split('\n')[0]);
    }
    if (bad.length) {
      failed++;
      console.log(`FAIL ${pkg.name} ${entry} is not browser-safe:\n  ${[...new Set(bad)].join('\n  ')}`);
    } else console.log(`ok   ${pkg.name} ${entry} is browser-safe`);
  }
}
if (failed) process.exit(1);
