/**
 * vitest global setup: `npm test` must leave the working tree as it found it. Before the run it notes every
 * changed or untracked (not ignored) path with a hash of its content; after the run it fails when a path
 * appeared in that list or its content changed. Edits a developer had before the run are therefore fine;
 * a test that writes into a tracked file (a screenshot, a fixture, a README) or leaves a stray file in the
 * repo is not: it must write to `.tmp/` (gitignored) or the OS temp dir. Committed files that tests
 * produce change only through explicit scripts (`npm run screenshots`).
 *
 * Not a git checkout (a tarball, no git): the check does nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** `path → content hash` of every path `git status` lists (changed, deleted, untracked; not ignored). */
export function treeState(cwd = root): Map<string, string> | undefined {
  let out: string;
  try {
    out = execFileSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  const state = new Map<string, string>();
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    const path = entry.slice(3);
    if (status[0] === 'R' || status[0] === 'C') i++; // the rename's source path follows
    const file = join(cwd, path);
    let hash = 'deleted';
    if (existsSync(file)) {
      hash = statSync(file).isFile()
        ? createHash('sha256').update(readFileSync(file)).digest('hex')
        : 'not-a-file';
    }
    state.set(path, `${status} ${hash}`);
  }
  return state;
}

/** The paths whose state differs between `before` and `after` (newly changed, changed again, reverted). */
export function changedDuring(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

export default function setup(): (() => void) | undefined {
  const before = treeState();
  if (!before) return undefined;
  return () => {
    const after = treeState();
    if (!after) return;
    const changed = changedDuring(before, after);
    if (changed.length > 0) {
      // vitest prints a teardown error but does not fail the run for it: set the exit code ourselves.
      process.exitCode = 1;
      throw new Error(
        `the test run changed the working tree (tests must write to .tmp/ or the OS temp dir; refresh committed ` +
          `screenshots with \`npm run screenshots\`):\n${changed.map((p) => `  ${(after.get(p) ?? 'clean').slice(0, 2)} ${p}`).join('\n')}`,
      );
    }
  };
}
