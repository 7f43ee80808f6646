/**
 * The field-trace corpus: every folder of test/field-traces/ with a `card.apdu` is replayed through the reader
 * code and must give the structure in its `expected.json`. Adding a trace is adding a folder (see the README
 * there); no code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeReadStructure } from '@authenkit/thai-idcard/replay';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../src/cli/record.js';

const corpus = join(__dirname, 'field-traces');
const folders = readdirSync(corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(corpus, d.name, 'card.apdu')))
  .map((d) => d.name)
  .sort();

describe('field-trace corpus', () => {
  it('has the seed traces', () => {
    expect(folders.length).toBeGreaterThanOrEqual(6);
  });

  it.each(folders)('%s replays to its expected structure', async (name) => {
    const dir = join(corpus, name);
    const script = readFileSync(join(dir, 'card.apdu'), 'utf8');
    // a trace with personal data must never be committed: only `record --anonymize` output belongs here
    expect(script).toMatch(/^# thai-idcard record --anonymize/m);
    expect(script).not.toMatch(/record --raw/);
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    const { data, remaining } = await readTrace(script);
    expect(remaining).toBe(0);
    expect(describeReadStructure(data)).toEqual(expected);
  });
});
