#!/usr/bin/env node
// No function in any package's src/ longer than 300 lines (CONTRIBUTING: a module a reader can hold in their
// head). Counts lines from a function's first token to its closing brace, nested functions separately.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const LIMIT = 300;
const files = execFileSync('git', ['ls-files', 'packages/*/src/*.ts', 'packages/*/src/**/*.ts'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && !f.endsWith('.d.ts'));
const over = [];
let longest = { lines: 0, where: '' };
for (const file of files) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node.body) {
      const start = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
      const lines = src.getLineAndCharacterOfPosition(node.end).line - start + 1;
      const where = `${file}:${start + 1} ${node.name?.getText(src) ?? '(anonymous)'}`;
      if (lines > longest.lines) longest = { lines, where };
      if (lines > LIMIT) over.push(`${where}: ${lines} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
}
if (over.length) {
  console.error(`functions over ${LIMIT} lines:\n  ${over.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `function length: ${files.length} files, longest ${longest.lines} lines (${longest.where}), limit ${LIMIT}`,
);
