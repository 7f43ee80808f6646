import { writeFileSync } from 'node:fs';
import { readServiceQrFromPngFile, renderPosterPdf, renderPosterPng } from './src/poster.ts';

const o = {
  hcode: '10998',
  serviceCode: 'PG0080001',
  unitName: 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองบัว',
  validUntil: new Date('2026-12-31T16:59:59Z'),
};
let t = Date.now();
const png = renderPosterPng(o);
writeFileSync('/tmp/qrs/p.png', png.data);
console.log('png', Date.now() - t, png.data.length);
t = Date.now();
const pdf = await renderPosterPdf(o);
writeFileSync('/tmp/qrs/p.pdf', pdf.data);
console.log('pdf', Date.now() - t, pdf.data.length);
t = Date.now();
console.log(
  await readServiceQrFromPngFile('/tmp/qrs/p.png', { now: new Date('2026-01-01') }),
  Date.now() - t,
);
