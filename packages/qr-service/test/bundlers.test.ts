import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The browser entries must bundle with stock Rollup (no CommonJS plugin), Vite and esbuild. Rollup without
// @rollup/plugin-commonjs fails on any CommonJS module it meets, so the check is: bundling the built ESM entry
// for the browser reaches no CommonJS file at all (esbuild's metafile tells the format of every input).
const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

async function bundle(stdin: string) {
  const r = await build({
    stdin: { contents: stdin, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  return { code: r.outputFiles[0]!.text, metafile: r.metafile };
}
const commonJsInputs = (m: Metafile) =>
  Object.entries(m.inputs)
    .filter(([, v]) => v.format === 'cjs')
    .map(([file]) => file.replace(/^.*node_modules\//, ''));

describe('the check itself', () => {
  it('sees a CommonJS deep import (what the browser entry did with qrcode before)', async () => {
    const { metafile } = await bundle("import q from 'qrcode/lib/core/qrcode.js'; console.log(q);");
    expect(commonJsInputs(metafile)).toContain('qrcode/lib/core/qrcode.js');
  });
});

describe.skipIf(!existsSync(dist('index.js')))('browser entries of the built package (ESM)', () => {
  it('the root entry bundles with no CommonJS module, and the bundle encodes, decodes and draws SVG', async () => {
    const { code, metafile } = await bundle(
      `import { decodeServiceQr, encodeServiceQr, renderQrSvg, verifyServiceQr, getQrPublicKey } from ${JSON.stringify(dist('index.js'))};
const raw = encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001', unitName: 'โรงพยาบาลตัวอย่าง' }, { signingKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60' });
const pub = getQrPublicKey('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
export const result = [decodeServiceQr(raw).unitName, verifyServiceQr(raw, pub).signature, renderQrSvg(raw).slice(0, 4)];`,
    );
    expect(commonJsInputs(metafile)).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'qr-bundle-')), 'bundle.mjs');
    writeFileSync(file, code);
    const { result } = await import(pathToFileURL(file).href);
    expect(result).toEqual(['โรงพยาบาลตัวอย่าง', 'valid', '<svg']);
  });
  it('/read bundles with no CommonJS module', async () => {
    const { metafile } = await bundle(
      `export { decodeQrFromImage } from ${JSON.stringify(dist('read.js'))};`,
    );
    expect(commonJsInputs(metafile)).toEqual([]);
  });
});
if (!existsSync(dist('index.js')))
  console.warn(
    'SKIP qr-service bundler test: run `npx turbo run build --filter=@authenkit/qr-service` first',
  );
