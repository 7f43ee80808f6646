/**
 * Type-checks documentation snippets the way a user's project would: every snippet is its own ES module
 * (`.mts`), compiled in ONE TypeScript program (fast: the packages' `.d.ts` and `@types/node` are loaded
 * once) with `strict` and `module`/`moduleResolution` `NodeNext`. `@authenkit/*` resolves through
 * `node_modules` to the BUILT packages (`dist/*.d.ts`, what npm ships), so `npm run build` must run first
 * (`npm test` does).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const repoRoot = resolve(__dirname, '../..');

/** Typings of modules a snippet may import that this repo does not install (Electron). */
const AMBIENT = [join(__dirname, 'electron.d.ts')];

export interface Snippet {
  /** File name inside the work directory (unique, ends in `.mts`). */
  name: string;
  code: string;
}

/** Fails early, with the fix, when the packages were not built. */
export function assertBuilt(): void {
  const missing = ['authen-code', 'thai-idcard', 'nhso-client', 'qr-service', 'nhso-sandbox'].filter(
    (p) => !existsSync(join(repoRoot, 'packages', p, 'dist')),
  );
  if (missing.length > 0) {
    throw new Error(
      `packages not built (${missing.join(', ')}): run \`npm run build\` first (npm test does)`,
    );
  }
}

/** The result of {@link typecheckSnippets}. */
export interface TypecheckResult {
  /** The errors (`line:col TSxxxx: text`) of one snippet; empty when it compiled. */
  errorsOf(name: string): string[];
  /** Errors outside every snippet (the program, the ambient typings): must be empty. */
  outside: string[];
}

/** Writes the snippets under `dir` (emptied first) and type-checks them together in one program. */
export function typecheckSnippets(dir: string, snippets: Snippet[]): TypecheckResult {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = snippets.map((s) => {
    const file = join(dir, s.name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${s.code}\n`);
    return file;
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(repoRoot, 'node_modules/@types')],
  };
  const program = ts.createProgram([...files, ...AMBIENT], options);
  const byFile = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const name = d.file ? relative(dir, d.file.fileName) : '(program)';
    const at =
      d.file && d.start !== undefined
        ? (() => {
            const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
            return `${line + 1}:${character + 1} `;
          })()
        : '';
    const list = byFile.get(name) ?? [];
    list.push(`${at}TS${d.code}: ${text}`);
    byFile.set(name, list);
  }
  const own = new Set(snippets.map((s) => s.name));
  return {
    errorsOf: (name) => byFile.get(name) ?? [],
    outside: [...byFile]
      .filter(([file]) => !own.has(file))
      .flatMap(([file, errors]) => errors.map((e) => `${file} ${e}`)),
  };
}
