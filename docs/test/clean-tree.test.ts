import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import setup, { changedDuring, treeState } from './clean-tree';

const repo = mkdtempSync(join(tmpdir(), 'authenkit-clean-tree-'));
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    stdio: 'ignore',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
  });
git('init', '-q');
writeFileSync(join(repo, '.gitignore'), 'scratch/\n');
writeFileSync(join(repo, 'a.txt'), 'a\n');
writeFileSync(join(repo, 'b.txt'), 'b\n');
git('add', '.');
git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'init');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('clean-tree check (npm test leaves the working tree clean)', () => {
  it('ignores edits made before the run and files written to ignored folders', () => {
    writeFileSync(join(repo, 'a.txt'), 'local edit\n');
    const before = treeState(repo)!;
    mkdirSync(join(repo, 'scratch'));
    writeFileSync(join(repo, 'scratch', 'shot.png'), 'png');
    expect(changedDuring(before, treeState(repo)!)).toEqual([]);
  });
  it('flags a tracked file changed during the run, even one that already had local edits', () => {
    const before = treeState(repo)!;
    writeFileSync(join(repo, 'b.txt'), 'written by a test\n');
    writeFileSync(join(repo, 'a.txt'), 'local edit, then a test\n');
    expect(changedDuring(before, treeState(repo)!)).toEqual(['a.txt', 'b.txt']);
  });
  it('flags a new stray file', () => {
    const before = treeState(repo)!;
    writeFileSync(join(repo, 'report.csv'), 'x');
    expect(changedDuring(before, treeState(repo)!)).toEqual(['report.csv']);
  });
  it('the global setup is installed and returns a teardown in this checkout', () => {
    expect(typeof setup()).toBe('function');
  });
});
