// Regenerates the sample posters in docs/posters/ (one PNG per service of NHSO's QR screen) and checks
// that each one reads back. Run: npx tsx packages/qr-service/scripts/make-posters.ts
// They are signed with the public RFC 8032 test key (never use it for real posters), keyId DEMO.
import { mkdirSync, writeFileSync } from 'node:fs';
import { decodePng, renderUnitPosters } from '../src/poster.js';
import { readServiceQrFromImage } from '../src/read.js';

const out = new URL('../../../docs/posters/', import.meta.url);
mkdirSync(out, { recursive: true });
const RFC8032_TEST1_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const RFC8032_TEST1_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const posters = await renderUnitPosters({
  hcode: '10998',
  unitName: 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านตัวอย่าง',
  signingKey: RFC8032_TEST1_SECRET,
  keyId: 'DEMO',
  format: 'png',
  dpi: 100,
});
for (const p of posters) {
  const qr = readServiceQrFromImage(decodePng(p.data), { publicKey: RFC8032_TEST1_PUBLIC });
  if (qr.raw !== p.payload) throw new Error(`${p.fileName} does not read back`);
  writeFileSync(new URL(p.fileName, out), p.data);
  console.log(`docs/posters/${p.fileName}  ${p.data.length} B  ${qr.serviceCode} ${qr.signature}`);
}
