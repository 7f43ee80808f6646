import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeServiceQr,
  encodeServiceQr,
  getQrService,
  QR_SERVICE_CODES,
  qrMatrix,
  renderQrSvg,
} from '@authenkit/qr-service';
import {
  decodePng,
  readServiceQrFromPngFile,
  renderPosterPdf,
  renderPosterPng,
  renderPosterSvg,
  renderUnitPosters,
} from '@authenkit/qr-service/poster';
import { decodeQrFromImage, readServiceQrFromImage } from '@authenkit/qr-service/read';
import { describe, expect, it } from 'vitest';
import { RFC8032_PUBLIC, RFC8032_SECRET } from './helpers.js';

const UNIT = 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองบัว';
// Fixed key: Ed25519 signatures are deterministic, so every rendered symbol is the same on every run.
const keys = { privateKey: RFC8032_SECRET, publicKey: RFC8032_PUBLIC };
const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as {
  Resvg: new (svg: string, o?: object) => { render(): { asPng(): Uint8Array } };
};

describe('renderQrSvg (browser-safe core)', () => {
  it('draws a symbol that a QR reader decodes back to the payload', () => {
    const raw = encodeServiceQr(
      { hcode: '10998', serviceCode: 'PG0010067' },
      { signingKey: keys.privateKey },
    );
    const svg = renderQrSvg(raw, { moduleSize: 4, title: 'a <b> & c' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>a &lt;b&gt; &amp; c</title>');
    const png = new Resvg(svg).render().asPng();
    expect(decodeQrFromImage(decodePng(png))).toBe(raw);
  });
  it('uses the module matrix of qrcode (version grows with the payload, quiet zone 4)', () => {
    const m = qrMatrix('HELLO');
    expect(m.size).toBe(21);
    const svg = renderQrSvg('HELLO', { moduleSize: 1 });
    expect(svg).toContain('viewBox="0 0 29 29"');
    expect(svg).toContain('M4 4h7v1h-7z'); // top row of the top-left finder pattern
  });
  it('transparent background and colours', () => {
    const svg = renderQrSvg('HELLO', { background: null, color: '#123' });
    expect(svg).not.toContain('<rect');
    expect(svg).toContain('fill="#123"');
  });
});

describe('poster PNG round trip for every service', () => {
  for (const serviceCode of QR_SERVICE_CODES) {
    it(`${serviceCode}: encode → PNG poster → decode image → same payload`, () => {
      const p = renderPosterPng(
        { hcode: '10998', serviceCode, unitName: UNIT, keyId: 'K1', signingKey: keys.privateKey },
        { dpi: 100 },
      );
      expect(p.fileName).toBe(`10998-${serviceCode}.png`);
      const img = decodePng(p.data);
      expect(img.width).toBe(827);
      const qr = readServiceQrFromImage(img, { publicKey: keys.publicKey });
      expect(qr.raw).toBe(p.payload);
      expect(qr).toMatchObject({ hcode: '10998', serviceCode, unitName: UNIT, signature: 'valid' });
    });
  }
  it('reads a degraded capture: half size, blurred, low contrast, sensor noise (webcam-like)', () => {
    // deterministic: fixed key (Ed25519 signatures are deterministic) and a fixed noise seed
    const p = renderPosterPng(
      { hcode: '10998', serviceCode: 'PG0010066', signingKey: RFC8032_SECRET },
      { dpi: 150 },
    );
    const src = decodePng(p.data);
    const w = Math.floor(src.width / 2);
    const h = Math.floor(src.height / 2);
    const out = new Uint8ClampedArray(w * h * 4);
    let seed = 12345; // deterministic noise
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff - 0.5;
    };
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let sum = 0; // 4×4 box (optics + resampling) over noisy sensor samples (±40)
        for (let dy = -1; dy <= 2; dy++)
          for (let dx = -1; dx <= 2; dx++) {
            const sx = Math.min(src.width - 1, Math.max(0, 2 * x + dx));
            const sy = Math.min(src.height - 1, Math.max(0, 2 * y + dy));
            sum += src.data[(sy * src.width + sx) * 4]! + rnd() * 80;
          }
        const v = 60 + (sum / 16) * 0.55 + rnd() * 8; // grey paper and ink (contrast 55 %), read noise ±4
        out.set([v, v, v * 0.95, 255], (y * w + x) * 4);
      }
    const qr = readServiceQrFromImage({ data: out, width: w, height: h }, { publicKey: RFC8032_PUBLIC });
    expect(qr).toMatchObject({ serviceCode: 'PG0010066', signature: 'valid' });
  });

  it('URL form posters decode too (LIFF link)', () => {
    const p = renderPosterPng(
      {
        hcode: '10998',
        serviceCode: 'OPD',
        form: 'url',
        urlBase: 'https://liff.line.me/1234567890-AbCdEfGh',
      },
      { dpi: 100 },
    );
    const text = decodeQrFromImage(decodePng(p.data));
    expect(text.startsWith('https://liff.line.me/1234567890-AbCdEfGh?p=')).toBe(true);
    expect(decodeServiceQr(text)).toMatchObject({ hcode: '10998', serviceCode: 'OPD' });
  });
  it('readServiceQrFromPngFile reads a file written to disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qr-'));
    const p = renderPosterPng({ hcode: '41234', serviceCode: 'PG0080001' }, { dpi: 100 });
    writeFileSync(join(dir, p.fileName), p.data);
    const qr = await readServiceQrFromPngFile(join(dir, p.fileName));
    expect(qr).toMatchObject({ hcode: '41234', serviceCode: 'PG0080001', signature: 'unsigned' });
  });
  it('an image without a QR gives NO_QR_FOUND, a bad buffer INVALID_ARGUMENT', () => {
    const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
    expect(() => decodeQrFromImage(blank)).toThrow(expect.objectContaining({ code: 'NO_QR_FOUND' }));
    expect(() => decodeQrFromImage({ data: new Uint8Array(3), width: 1, height: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => decodePng(new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('poster content', () => {
  it('SVG poster has the Thai texts as labelled glyph outlines (no font needed to view)', () => {
    const p = renderPosterSvg({ hcode: '10998', serviceCode: 'PG0090001', unitName: UNIT });
    const svg = new TextDecoder().decode(p.data);
    expect(svg).not.toContain('<text');
    expect(svg).toContain(`aria-label="${UNIT}"`);
    expect(svg).toContain('aria-label="รหัส 5 หลัก 10998   บริการ PG0090001"');
    expect(svg).toContain(getQrService('PG0090001')!.nameTh.split(' ')[0]);
  });

  const hasPdftotext = (() => {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasPdftotext) console.warn('SKIP PDF text checks: pdftotext (poppler-utils) not installed');

  describe.skipIf(!hasPdftotext)('PDF poster (pdftotext)', () => {
    it('contains the Thai unit and service names, the code line and the instructions as real text', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'qr-'));
      const p = await renderPosterPdf({
        hcode: '10998',
        serviceCode: 'PG0010065',
        unitName: UNIT,
        validUntil: new Date('2026-12-31T16:59:59Z'),
        signingKey: keys.privateKey,
        keyId: 'K1',
      });
      expect(new TextDecoder().decode(p.data.slice(0, 5))).toBe('%PDF-');
      writeFileSync(join(dir, 'p.pdf'), p.data);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'p.pdf'), '-'], {
        encoding: 'utf8',
      });
      // exact strings, including sara am (ตำบล) and stacked marks (วิธี, ที่), thanks to ActualText spans
      expect(text).toContain(UNIT);
      expect(text).toContain('วิธีขอรหัสเข้ารับบริการ');
      expect(text).toContain('แล้วแสดงรหัสที่ได้แก่เจ้าหน้าที่');
      expect(text).toContain('คัดกรองโควิดแบบ Antigen');
      expect(text).toMatch(/รหัส 5 หลัก 10998\s+บริการ PG0010065/);
      expect(text).toContain('สแกนเพื่อขอรหัสเข้ารับบริการ');
      expect(text).toContain('กรอกเลข');
      expect(text).toContain('ลงนามดิจิทัล Ed25519 (K1)');
      expect(text).toContain('31 ธ.ค. 2569');
      // the Thai font is embedded (subset), not substituted
      const fonts = execFileSync('pdffonts', [join(dir, 'p.pdf')], { encoding: 'utf8' });
      expect(fonts).toMatch(/Sarabun/);
      expect(fonts).toMatch(/yes\s+yes\s+yes/);
    });
    it('batch PDF: one page per service', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'qr-'));
      const list = QR_SERVICE_CODES.map((serviceCode) => ({ hcode: '10998', serviceCode }));
      const p = await renderPosterPdf(list);
      expect(p.fileName).toBe('10998-all.pdf');
      writeFileSync(join(dir, 'all.pdf'), p.data);
      const info = execFileSync('pdfinfo', [join(dir, 'all.pdf')], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+7/);
    });
  });

  it('renderUnitPosters makes one poster per service (SVG batch)', async () => {
    const posters = await renderUnitPosters({ hcode: '10998', unitName: UNIT, format: 'svg' });
    expect(posters.map((p) => p.serviceCode)).toEqual([...QR_SERVICE_CODES]);
    expect(new Set(posters.map((p) => p.payload)).size).toBe(QR_SERVICE_CODES.length);
  });

  it('default instructions follow the form: raw → start in the LINE account, URL → scan with the camera', () => {
    const labels = (o: Parameters<typeof renderPosterSvg>[0]) =>
      [...new TextDecoder().decode(renderPosterSvg(o).data).matchAll(/aria-label="([^"]*)"/g)].map(
        (m) => m[1],
      );
    const raw = labels({ hcode: '10998', serviceCode: 'OPD', lineAccount: '@myhospital' });
    expect(raw).toContain('1. เปิด LINE @myhospital แล้วเลือก &quot;ขอรหัสเข้ารับบริการ&quot;');
    const url = labels({
      hcode: '10998',
      serviceCode: 'OPD',
      form: 'url',
      urlBase: 'https://liff.line.me/1-a',
    });
    expect(url).toContain('1. สแกน QR นี้ด้วยกล้องโทรศัพท์หรือ LINE');
    const custom = labels({ hcode: '10998', serviceCode: 'OPD', instructionsTh: ['ติดต่อเจ้าหน้าที่'] });
    expect(custom).toContain('ติดต่อเจ้าหน้าที่');
    expect(custom.some((l) => l?.startsWith('1. '))).toBe(false);
  });

  it('rejects colours that are not #rgb / #rrggbb (they end up in SVG attributes)', () => {
    expect(() =>
      renderPosterSvg({ hcode: '10998', serviceCode: 'OPD', accentColor: 'red" onload="x' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const svg = new TextDecoder().decode(
      renderPosterSvg({ hcode: '10998', serviceCode: 'OPD', accentColor: '#123456' }).data,
    );
    expect(svg).toContain('fill="#123456"');
  });

  it('fails with RENDER_FAILED instead of printing tofu for characters the font lacks', () => {
    expect(() => renderPosterSvg({ hcode: '10998', serviceCode: 'OPD', unitName: 'คลินิก 病院' })).toThrow(
      expect.objectContaining({ code: 'RENDER_FAILED', message: expect.stringContaining('U+75C5') }),
    );
  });

  it('long names shrink and wrap instead of overflowing', () => {
    const long = 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองบัวใหญ่ อำเภอเมือง'; // > 1 line at 24 pt
    const svg = new TextDecoder().decode(
      renderPosterSvg({ hcode: '10998', serviceCode: 'OPD', unitName: long }).data,
    );
    const labels = [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels.some((l) => l === long)).toBe(false);
    expect(labels.join('')).toContain('โรงพยาบาลส่งเสริมสุขภาพ');
    // slightly too long for one line at 24 pt: shrinks a little rather than leaving a one-word orphan
    const near = 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านปั้นน้ำ ปู่ฟ้า ที่นี่';
    const svg2 = new TextDecoder().decode(
      renderPosterSvg({ hcode: '10998', serviceCode: 'OPD', unitName: near }).data,
    );
    expect([...svg2.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1])).toContain(near);
  });
});
