#!/usr/bin/env node
// Installs AuthenKit the way a user does (issue 13): `npm pack` every package, install the tarballs into fresh
// projects outside the repository, and check what a user meets there:
//   tarball contents (LICENSE, CHANGELOG.md, README.md, bin; README links that work on the npm page; source
//   maps with relative paths), ESM + TypeScript NodeNext (compile and run an import of every entry), CommonJS
//   (require every entry; one error class per package: instanceof across subpaths), TypeScript node10
//   (`moduleResolution: node`: subpath imports compile), a browser bundle of every browser-safe entry
//   (esbuild, size budgets of scripts/size.mjs), the CLIs through their bins, `npm install --omit=optional`
//   (thai-idcard without PC/SC bindings), and the committed bin launchers of this repository.
// Needs `npm run build` first. Dependencies come from the npm cache when it has them (--prefer-offline).
// Install scripts are skipped (--ignore-scripts): no native compile; nothing checked here needs a native addon.
// Usage: node scripts/pack-install.mjs [--keep] [--only TEXT]
//   --keep leaves the temp projects for inspection; --only runs the checks whose name contains TEXT.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSizes, measureSizes } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const results = [];
/** check NAME FN: FN throws (or returns a string) to fail; `xfail` marks a known bug owned elsewhere. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
async function check(name, fn, { xfail } = {}) {
  // --only TEXT: run the checks whose name contains TEXT (and the pack/install steps they need)
  if (only && !name.includes(only) && !/^(npm |install )/.test(name)) return;
  const t0 = Date.now();
  let error;
  try {
    const r = await fn();
    if (typeof r === 'string' && r) error = r;
  } catch (e) {
    error = String(e?.stack ?? e);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  let status = error ? 'FAIL' : 'ok';
  if (xfail) status = error ? 'XFAIL' : 'XPASS';
  results.push({ name, status });
  console.log(
    `${status.padEnd(5)} ${name} (${secs} s)${error ? `\n      ${error.split('\n').join('\n      ')}` : ''}`,
  );
  if (xfail) console.log(`      expected to fail until: ${xfail}`);
}
const sh = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  if (r.status !== 0)
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status ?? r.signal}\n${r.stdout}${r.stderr}`);
  return r.stdout;
};
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// --- the packages -----------------------------------------------------------------------------------------
const packages = readdirSync(join(root, 'packages'))
  .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);
for (const { dir } of packages) {
  if (!existsSync(join(root, 'packages', dir, 'dist'))) {
    console.error(`packages/${dir}/dist is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}
/** Every import specifier of a package: the root and each subpath of `exports` (not package.json). */
const specifiers = ({ pkg }) =>
  Object.keys(pkg.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? pkg.name : `${pkg.name}/${k.slice(2)}`));
const browserSpecifiers = ({ pkg }) =>
  (pkg.authenkit?.browserEntries ?? []).map((e) => {
    const sub = e.replace(/^src\//, '').replace(/\.ts$/, '');
    return sub === 'index' ? pkg.name : `${pkg.name}/${sub}`;
  });

const work = mkdtempSync(join(tmpdir(), 'authenkit-pack-'));
if (!relative(root, work).startsWith('..')) throw new Error(`temp dir ${work} is inside the repository`);
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
console.log(`pack-install: ${packages.length} packages, temp dir ${work}`);

// --- npm pack ---------------------------------------------------------------------------------------------
const packed = {};
await check('npm pack every package', () => {
  const out = sh(
    'npm',
    [
      'pack',
      '--json',
      '--pack-destination',
      tarballs,
      ...packages.flatMap(({ dir }) => ['-w', `packages/${dir}`]),
    ],
    { cwd: root },
  );
  for (const t of JSON.parse(out.slice(out.indexOf('['))))
    packed[t.name] = { file: join(tarballs, t.filename), files: t.files.map((f) => f.path) };
  const missing = packages.filter(({ pkg }) => !packed[pkg.name]).map(({ pkg }) => pkg.name);
  return missing.length ? `not packed: ${missing.join(', ')}` : '';
});

for (const p of packages) {
  await check(
    `${p.pkg.name}: tarball carries LICENSE, CHANGELOG.md, README.md, its bins and no src/ or tests`,
    () => {
      const files = packed[p.pkg.name]?.files ?? [];
      const want = [
        'LICENSE',
        'CHANGELOG.md',
        'README.md',
        'package.json',
        ...Object.values(p.pkg.bin ?? {}),
      ];
      const problems = want.filter((f) => !files.includes(f.replace(/^\.\//, ''))).map((f) => `missing ${f}`);
      for (const f of files) if (/^(src|test|fixtures)\//.test(f)) problems.push(`ships ${f}`);
      return problems.join('; ');
    },
  );
}

// --- project A: everything, default install ---------------------------------------------------------------
const app = join(work, 'app');
mkdirSync(app);
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify({ name: 'authenkit-pack-app', private: true, type: 'module' }),
);
const typesNode = JSON.parse(
  readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8'),
).version;
const npmInstall = (cwd, args) =>
  sh(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
      ...args,
    ],
    {
      cwd,
      timeout: 300_000,
    },
  );
let installed = false;
await check('install every tarball into a fresh project (npm install --prefer-offline)', () => {
  npmInstall(app, [...Object.values(packed).map((t) => t.file), `@types/node@${typesNode}`]);
  installed = true;
});
const nm = (name) => join(app, 'node_modules', name);

if (installed) {
  for (const p of packages) {
    await check(
      `${p.pkg.name}: README links work on the npm page (no ../, relative links only to shipped files)`,
      () => {
        const dir = nm(p.pkg.name);
        const readme = readFileSync(join(dir, 'README.md'), 'utf8');
        const bad = [];
        for (const [, target] of readme.matchAll(/\]\(([^)\s]+)[^)]*\)/g)) {
          if (/^(https?:|mailto:|#)/.test(target)) continue;
          if (target.startsWith('../') || !existsSync(join(dir, target.split('#')[0]))) bad.push(target);
        }
        return bad.length ? `unresolvable links: ${bad.join(', ')}` : '';
      },
    );
    await check(`${p.pkg.name}: every source map has relative sources only`, () => {
      const dist = join(nm(p.pkg.name), 'dist');
      const bad = [];
      const maps = readdirSync(dist, { recursive: true }).filter((f) => f.endsWith('.map'));
      if (!maps.length) return 'no source maps';
      for (const f of maps) {
        const { sources } = JSON.parse(readFileSync(join(dist, f), 'utf8'));
        for (const s of sources)
          if (isAbsolute(s) || /^[a-z]+:/i.test(s) || s.includes(root)) bad.push(`${f}: ${s}`);
      }
      return bad.slice(0, 5).join('; ');
    });
  }

  // `"sideEffects": false` (or the list of files that have them) must be true in fact: importing any other
  // shipped ESM module adds no global, no process listener, no timer or handle, and prints nothing.
  for (const p of packages) {
    await check(
      `${p.pkg.name}: its ESM modules have no side effects on import (sideEffects is true in fact)`,
      () => {
        const dist = join(nm(p.pkg.name), 'dist');
        const declared = Array.isArray(p.pkg.sideEffects) ? p.pkg.sideEffects : [];
        const exempt = (f) =>
          declared.some((g) =>
            new RegExp(`^${g.replace(/^\.\//, '').replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(
              `dist/${f}`,
            ),
          );
        const files = readdirSync(dist, { recursive: true })
          .map((f) => f.split('\\').join('/'))
          .filter((f) => f.endsWith('.js') && !exempt(f));
        const deps = [
          ...new Set(
            files.flatMap((f) =>
              [
                // import statements only (esbuild writes them at the start of a line), not examples in TSDoc
                ...readFileSync(join(dist, f), 'utf8').matchAll(
                  /^(?:import|export|\})[^;\n]*?["']([^"'./][^"']*)["'];?$/gm,
                ),
              ].map((m) => m[1]),
            ),
          ),
        ].filter((d) => d !== p.pkg.name && !d.startsWith(`${p.pkg.name}/`));
        const probe = `
        const snap = () => ({
          globals: Object.getOwnPropertyNames(globalThis).join(','),
          listeners: ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'warning']
            .map((e) => process.listenerCount(e)).join(','),
          // the module loader's own file reads show up as FSReqCallback / CloseReq
          resources: process.getActiveResourcesInfo().filter((r) => !/^(TTYWrap|FSReqCallback|CloseReq)$/.test(r)).join(','),
        });
        // dependencies' own side effects (pkijs keeps its engine in a global) are theirs: load them first
        for (const d of ${JSON.stringify(deps)}) await import(d).catch(() => {});
        const writes = [];
        for (const s of [process.stdout, process.stderr]) { const w = s.write.bind(s); s.write = (c, ...a) => { writes.push(String(c)); return true; }; s._w = w; }
        const bad = [];
        for (const f of ${JSON.stringify(files)}) {
          const before = snap();
          await import(${JSON.stringify(`${dist}/`)} + f);
          const after = snap();
          for (const k of Object.keys(before)) if (before[k] !== after[k]) bad.push(f + ': ' + k + ' ' + JSON.stringify(before[k].split(',').filter((x) => !after[k].split(',').includes(x))) + ' -> ' + JSON.stringify(after[k].split(',').filter((x) => !before[k].split(',').includes(x))));
          if (writes.length) bad.push(f + ': printed ' + JSON.stringify(writes.splice(0).join('').slice(0, 80)));
        }
        process.stdout._w(bad.length ? bad.join('\\n') : 'clean');
        process.exit(0);`;
        const out = run(process.execPath, ['--input-type=module', '-e', probe], { cwd: app });
        return out.trim() === 'clean' ? '' : out;
      },
    );
  }

  // ESM + TypeScript NodeNext: compile (the shipped .d.ts, strict) and run an import of every entry.
  await check('ESM + TypeScript NodeNext: every entry compiles and imports', () => {
    const lines = [];
    packages.flatMap(specifiers).forEach((s, i) => {
      lines.push(`import * as m${i} from '${s}';`);
      lines.push(`if (Object.keys(m${i}).length === 0) throw new Error('${s}: no exports');`);
    });
    mkdirSync(join(app, 'esm'));
    writeFileSync(join(app, 'esm', 'index.ts'), `${lines.join('\n')}\nconsole.log('esm ok');\n`);
    writeFileSync(
      join(app, 'esm', 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          outDir: 'out',
        },
        files: ['index.ts'],
      }),
    );
    run(process.execPath, [tsc, '-p', 'esm'], { cwd: app, timeout: 300_000 });
    const out = run(process.execPath, ['esm/out/index.js'], { cwd: app });
    return out.includes('esm ok') ? '' : out;
  });

  // CommonJS: require every entry; an error thrown by a subpath is an instance of the root's class.
  const probes = {
    '@authenkit/authen-code': {
      cls: 'AuthenCodeError',
      '/xlsx': 'm.toXlsx(42, {})',
    },
    '@authenkit/thai-idcard': {
      cls: 'ThaiIdCardError',
      '/pcsc': "m.mapPcscError(new Error('SCARD_E_NO_SERVICE'))",
      '/virtual': 'm.createVirtualCard({ image: 42 })',
      '/replay': "m.parseApduScript('zz')",
      '/pki': 'm.verifyStaffAssertion(42)',
    },
    '@authenkit/nhso-client': {
      cls: 'NhsoError',
      '/node': "m.parseUcTokenFile('not a token file')",
    },
    '@authenkit/qr-service': {
      cls: 'QrServiceError',
      '/read': "m.readServiceQrFromImage(Buffer.from('not an image'))",
      '/poster': 'm.renderPosterSvg(42)',
    },
  };
  await check('CommonJS: every entry requires', () => {
    const code = packages
      .flatMap(specifiers)
      .map((s) => `if (Object.keys(require('${s}')).length === 0) throw new Error('${s}: no exports');`)
      .join('\n');
    writeFileSync(join(app, 'require-all.cjs'), `${code}\nconsole.log('cjs ok');\n`);
    const out = run(process.execPath, ['require-all.cjs'], { cwd: app });
    return out.includes('cjs ok') ? '' : out;
  });
  for (const p of packages) {
    const probe = probes[p.pkg.name];
    const subs = specifiers(p).filter((s) => s !== p.pkg.name);
    if (!subs.length) continue;
    await check(`CommonJS: ${p.pkg.name} has one error class across its entries (instanceof)`, () => {
      if (!probe) return `no probe for ${p.pkg.name}: add one to scripts/pack-install.mjs`;
      const body = Object.entries(probe)
        .filter(([k]) => k !== 'cls')
        .map(
          ([sub, expr]) => `
  {
    const m = require('${p.pkg.name}${sub}');
    let e;
    try { e = await ${expr}; } catch (x) { e = x; }
    if (!(e instanceof Root)) bad.push('${sub}: ' + (e && e.constructor && e.constructor.name) + ' ' + (e && e.message));
    else ok.push('${sub}');
  }`,
        )
        .join('');
      const file = join(app, `instanceof-${p.dir}.cjs`);
      writeFileSync(
        file,
        `const Root = require('${p.pkg.name}').${probe.cls};\nconst bad = [], ok = [];\n(async () => {${body}\n  if (bad.length) { console.log(bad.join('\\n')); process.exit(1); }\n  console.log('instanceof ok: ' + ok.join(' '));\n})();\n`,
      );
      run(process.execPath, [file], { cwd: app });
    });
  }

  // TypeScript with `moduleResolution: node` (node10, the default of `module: commonjs`): subpaths resolve
  // through typesVersions.
  await check('TypeScript node10 (module commonjs, moduleResolution node): every entry compiles', () => {
    mkdirSync(join(app, 'node10'));
    const lines = packages
      .flatMap(specifiers)
      .map((s, i) => `import * as m${i} from '${s}';\nexport const k${i} = Object.keys(m${i});`);
    writeFileSync(join(app, 'node10', 'index.ts'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(app, 'node10', 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'commonjs',
          moduleResolution: 'node',
          target: 'ES2022',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          types: ['node'],
          noEmit: true,
        },
        files: ['index.ts'],
      }),
    );
    run(process.execPath, [tsc, '-p', 'node10'], { cwd: app, timeout: 300_000 });
  });

  // Browser: each browser-safe entry bundles with esbuild (platform=browser fails on Node built-ins) and
  // stays within its budget.
  await check('browser bundle (esbuild) of every browser-safe entry, within the size budgets', async () => {
    const problems = [];
    for (const s of packages.flatMap(browserSpecifiers)) {
      const { build } = await import('esbuild');
      try {
        await build({
          stdin: { contents: `export * from '${s}';`, resolveDir: app, loader: 'js' },
          bundle: true,
          write: false,
          platform: 'browser',
          format: 'esm',
          logLevel: 'silent',
        });
      } catch (e) {
        problems.push(`${s}: ${String(e.message).split('\n').slice(0, 3).join(' ')}`);
      }
    }
    const sizes = await measureSizes(app);
    console.log(formatSizes(sizes).replace(/^/gm, '      '));
    problems.push(...sizes.filter((r) => !r.ok).map((r) => `${r.name}: over budget or failed`));
    return problems.join('\n');
  });

  // The CLIs, through the bins npm linked.
  for (const p of packages) {
    for (const bin of Object.keys(p.pkg.bin ?? {})) {
      // The exit status of --help is the CLIs' own business (issue 13, "CLIs behave like CLIs"): checked is
      // that the bin npm linked starts the CLI from the installed package.
      await check(`CLI ${bin} --help through node_modules/.bin`, () => {
        const r = spawnSync(join(app, 'node_modules', '.bin', bin), ['--help'], {
          cwd: app,
          encoding: 'utf8',
        });
        const out = `${r.stdout}${r.stderr}`;
        return /usage/i.test(out) && out.includes(bin) ? '' : `exit ${r.status}, no usage text:\n${out}`;
      });
    }
  }
}

// --- project B: thai-idcard with `npm install --omit=optional` (no PC/SC binding) ---------------------------
const lean = join(work, 'omit-optional');
mkdirSync(lean);
writeFileSync(join(lean, 'package.json'), JSON.stringify({ name: 'authenkit-pack-lean', private: true }));
let leanInstalled = false;
await check('npm install --omit=optional @authenkit/thai-idcard', () => {
  npmInstall(lean, [
    '--omit=optional',
    packed['@authenkit/authen-code'].file,
    packed['@authenkit/thai-idcard'].file,
  ]);
  for (const b of ['pcsclite', 'smartcard'])
    if (existsSync(join(lean, 'node_modules', b))) return `${b} was installed`;
  leanInstalled = true;
});
if (leanInstalled) {
  await check('without PC/SC bindings: thai-idcard loads (ESM and CJS)', () => {
    const out = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as a from '@authenkit/thai-idcard'; import * as p from '@authenkit/thai-idcard/pcsc';
         import { createRequire } from 'node:module'; const r = createRequire(process.cwd() + '/x.cjs');
         r('@authenkit/thai-idcard'); r('@authenkit/thai-idcard/pcsc');
         console.log(typeof a.readThaiIdCard, typeof p.createPcscTransport);`,
      ],
      { cwd: lean },
    );
    return out.trim() === 'function function' ? '' : out;
  });
  await check('without PC/SC bindings: createPcscTransport() rejects at once with PCSC_UNAVAILABLE', () => {
    // 5 s is generous: the missing module is known at once. No signal: a user who passes none must not hang.
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createPcscTransport } from '@authenkit/thai-idcard/pcsc';
           try { await createPcscTransport(); console.log('RESOLVED'); } catch (e) { console.log('CODE', e.code); }
           process.exit(0);`,
      ],
      { cwd: lean, encoding: 'utf8', timeout: 5_000 },
    );
    if (r.signal) return 'still pending after 5 s (hangs without the binding)';
    return r.stdout.includes('CODE PCSC_UNAVAILABLE') ? '' : `got: ${r.stdout}${r.stderr}`;
  });
}

// --- the repository's committed bin launchers ---------------------------------------------------------------
for (const p of packages) {
  for (const [bin, target] of Object.entries(p.pkg.bin ?? {})) {
    await check(`repo: npm linked ${bin} (node_modules/.bin) to the committed ${target}`, () => {
      const link = join(root, 'node_modules', '.bin', bin);
      if (!existsSync(link)) return `${link} missing (run npm install)`;
      const src = readFileSync(join(root, 'packages', p.dir, target), 'utf8');
      return src.includes('../dist/cli.js') ? '' : `${target} does not load dist/cli.js`;
    });
    await check(`repo: ${bin} without dist/ says to run npm run build (English and Thai), exit 1`, () => {
      const dir = join(work, 'no-dist', p.dir);
      mkdirSync(join(dir, 'bin'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(dir, target), readFileSync(join(root, 'packages', p.dir, target)));
      const r = spawnSync(process.execPath, [join(dir, target), '--help'], { encoding: 'utf8' });
      if (r.status !== 1) return `exit ${r.status}`;
      return r.stderr.includes('npm run build') && /[\u0E00-\u0E7F]/.test(r.stderr) ? '' : r.stderr;
    });
  }
}

// --- summary ----------------------------------------------------------------------------------------------
const count = (s) => results.filter((r) => r.status === s).length;
console.log(
  `\npack-install: ${count('ok')} ok, ${count('FAIL')} failed, ${count('XFAIL')} expected failures, ${count('XPASS')} unexpected passes (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
// An expected failure that passes is not an error (the fix may merge before this file changes): say so loudly.
if (count('XPASS'))
  console.log('NOTE an expected failure now passes: drop its xfail in scripts/pack-install.mjs');
if (process.argv.includes('--keep')) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(count('FAIL') ? 1 : 0);
