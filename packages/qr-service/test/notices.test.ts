import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/notices.mjs', import.meta.url));

describe('THIRD_PARTY_NOTICES.md', () => {
  it('holds the current licence of every package the build compiles into dist, and ships in the tarball', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.files).toContain('THIRD_PARTY_NOTICES.md');
    // every package tsup compiles in (noExternal) has its notice
    const tsup = readFileSync(new URL('../tsup.config.ts', import.meta.url), 'utf8');
    const notices = readFileSync(new URL('../THIRD_PARTY_NOTICES.md', import.meta.url), 'utf8');
    for (const m of tsup.matchAll(/noExternal: \[([^\]]*)\]/g)) {
      for (const name of m[1]!.matchAll(/'([^']+)'/g)) expect(notices).toContain(`## ${name[1]} `);
    }
  });
});
