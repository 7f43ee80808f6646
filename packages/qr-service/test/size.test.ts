import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('browser bundle budget', () => {
  it('encode/decode/verify + SVG entry is ≤ 25 kB minified + gzipped (scripts/size.mjs)', () => {
    const script = fileURLToPath(new URL('../scripts/size.mjs', import.meta.url));
    let out: string;
    try {
      out = execFileSync(process.execPath, [script, '--json'], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const r = JSON.parse(out) as { gzip: number; budget: number; ok: boolean; minified: number };
    expect(r.budget).toBe(25 * 1024);
    expect(r.gzip).toBeGreaterThan(5_000); // the bundle really contains the encoder, QR and Ed25519 code
    expect(r.gzip, `browser entry is ${r.gzip} B min+gz`).toBeLessThanOrEqual(r.budget);
  });
});
