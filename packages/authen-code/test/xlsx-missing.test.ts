import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `exceljs` is an optional peer dependency of `/xlsx`. A child process with a module resolution hook that
 * answers "exceljs" exactly as Node does when a package is not installed (ERR_MODULE_NOT_FOUND) proves
 * what a user without it sees.
 */
describe('/xlsx without the optional peer exceljs', () => {
  it('toXlsx fails with AuthenCodeError MISSING_DEPENDENCY naming `npm install exceljs` (Thai message too)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authen-code-noexcel-'));
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `export async function resolve(specifier, context, next) {
  if (specifier === 'exceljs' || specifier.startsWith('exceljs/')) {
    const e = new Error(\`Cannot find package '\${specifier}' imported from \${context.parentURL}\`);
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return next(specifier, context);
}\n`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const xlsx = fileURLToPath(new URL('../src/xlsx.ts', import.meta.url));
    const main = join(dir, 'main.mts');
    writeFileSync(
      main,
      `import { toXlsx } from ${JSON.stringify(pathToFileURL(xlsx).href)};
try {
  await toXlsx([], { file: ${JSON.stringify(join(dir, 'out.xlsx'))} });
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message, messageTh: e.messageTh, details: e.details }));
}\n`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', register, main], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(out).toEqual({
      name: 'AuthenCodeError',
      code: 'MISSING_DEPENDENCY',
      message: 'toXlsx needs the optional peer dependency exceljs: run `npm install exceljs`',
      messageTh: 'ยังไม่ได้ติดตั้งแพ็กเกจเสริมที่จำเป็น',
      details: { dependency: 'exceljs', install: 'npm install exceljs' },
    });
  }, 60_000);

  it('exceljs is an optional peer (and a devDependency for the tests), never a hard dependency', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<
      string,
      Record<string, unknown> | undefined
    >;
    expect(pkg.dependencies?.exceljs).toBeUndefined();
    expect(pkg.peerDependencies?.exceljs).toBeDefined();
    expect(pkg.peerDependenciesMeta?.exceljs).toEqual({ optional: true });
    expect(pkg.devDependencies?.exceljs).toBeDefined();
  });
});
