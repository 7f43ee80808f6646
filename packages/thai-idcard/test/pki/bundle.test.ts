/**
 * The production `/pki` entry carries no test-grade code: bundling `src/pki.ts` (as a user's bundler would)
 * must not pull in the virtual card's BigInt RSA/ECDSA or the test PKI generator. The `/virtual` bundle is the
 * positive control (it does carry them), so the markers below are known to be findable.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const src = (f: string) => fileURLToPath(new URL(`../../src/${f}`, import.meta.url));

async function bundle(entry: string): Promise<string> {
  const r = await build({
    entryPoints: [src(entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    minify: false,
    external: ['pkijs', 'asn1js', '@authenkit/authen-code', 'pcsclite', 'smartcard'],
    logLevel: 'silent',
  });
  return r.outputFiles[0]!.text;
}

/** Markers of the test-grade code: function names and the P-256 field prime as a BigInt literal. */
const MARKERS = [
  /generateTestPki/,
  /createPkiApplets/,
  /rsaPkcs1Sign/,
  /ecdsaP256Sign/,
  /\b0x[0-9a-f]{16,}n\b/i,
];

describe('bundled /pki entry', () => {
  it('contains no virtual-card crypto and no test PKI generator', async () => {
    const pki = await bundle('pki.ts');
    expect(pki).toMatch(/function staffLogin/);
    for (const m of MARKERS) expect(pki, String(m)).not.toMatch(m);
    expect(pki).not.toMatch(/BigInt\(/);
  }, 60_000);

  it('control: the /virtual bundle does carry them', async () => {
    const virtual = await bundle('virtual.ts');
    for (const m of MARKERS) expect(virtual, String(m)).toMatch(m);
  }, 60_000);
});
