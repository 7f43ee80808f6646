/**
 * Printable posters (Node only): one A4 poster per service with the Thai unit and service names, the
 * "รหัส 5 หลัก" code line, the QR symbol and instructions for citizens, as SVG (text converted to glyph
 * outlines, so it needs no font on the viewer), PNG (that SVG rasterised by resvg) and PDF (pdfkit, real
 * selectable Thai text with the font embedded). Thai shaping (vowel and tone-mark placement) comes from
 * fontkit's OpenType GSUB/GPOS with the bundled Sarabun font.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { authenkitQrCodecV1, type ServiceQrCodec } from './codec.js';
import { QrServiceError } from './errors.js';
import type { QrKeyInput } from './keys.js';
import type { DecodedServiceQr, DecodeServiceQrOptions, ServiceQrFields } from './payload.js';
import { decodeQrFromImage, type RgbaImage } from './read.js';
import { getQrService, QR_SERVICE_CODES } from './services.js';
import { type QrErrorCorrection, type QrMatrix, qrMatrix } from './svg.js';

const require_ = createRequire(import.meta.url);

/**
 * Font files for posters (TrueType/OpenType bytes). Defaults to Sarabun Regular/Bold
 * (SIL OFL, from `@expo-google-fonts/sarabun`).
 *
 * @example
 * ```ts no-run
 * import { readFileSync } from 'node:fs';
 * import type { PosterFonts } from '@authenkit/qr-service/poster';
 * const fonts: PosterFonts = { regular: readFileSync('THSarabunNew.ttf'), bold: readFileSync('THSarabunNew Bold.ttf') };
 * ```
 */
export interface PosterFonts {
  /** Regular weight, TTF/OTF bytes. */
  regular: Uint8Array;
  /** Bold weight, TTF/OTF bytes. */
  bold: Uint8Array;
}

/**
 * What goes on one poster: the QR fields, how to encode and sign them, and optional texts.
 *
 * @example
 * ```ts
 * import type { PosterOptions } from '@authenkit/qr-service/poster';
 * const o: PosterOptions = { hcode: '10998', serviceCode: 'PG0090001', unitName: 'โรงพยาบาลตัวอย่าง' };
 * ```
 */
export interface PosterOptions extends ServiceQrFields {
  /** Ed25519 private seed to sign the payload. */
  signingKey?: QrKeyInput | undefined;
  /** `raw` (default) or `url` (needs `urlBase`, e.g. your LINE LIFF link). */
  form?: 'raw' | 'url' | undefined;
  /** Base URL for the URL form. */
  urlBase?: string | undefined;
  /** Payload format (default {@link authenkitQrCodecV1}). */
  codec?: ServiceQrCodec | undefined;
  /** Allow service codes unknown to `@authenkit/authen-code`. */
  allowUnknownService?: boolean | undefined;
  /** QR error correction (default `Q`: posters get scuffed and photographed at an angle). */
  errorCorrection?: QrErrorCorrection | undefined;
  /** LINE account shown in the default instructions, e.g. `@myhospital`. */
  lineAccount?: string | undefined;
  /** Thai instruction lines for citizens (default depends on `form`: see the guide). */
  instructionsTh?: readonly string[] | undefined;
  /** English instruction line (default: a one-line summary). */
  instructionsEn?: string | undefined;
  /** Header colour (default NHSO-like green `#0e7c5a`). */
  accentColor?: string | undefined;
  /** Fonts (default bundled Sarabun). */
  fonts?: PosterFonts | undefined;
}

/**
 * A rendered poster and the exact text inside its QR symbol.
 *
 * @example
 * ```ts
 * import { renderPosterPng, type RenderedPoster } from '@authenkit/qr-service/poster';
 * const p: RenderedPoster = renderPosterPng({ hcode: '10998', serviceCode: 'OPD' });
 * console.log(p.fileName, p.payload.length > 0); // '10998-OPD.png' true
 * ```
 */
export interface RenderedPoster {
  /** Service code of this poster. */
  serviceCode: string;
  /** Suggested file name, `<hcode>-<serviceCode>.<ext>`. */
  fileName: string;
  /** The text encoded in the QR symbol. */
  payload: string;
  /** File bytes (SVG as UTF-8). */
  data: Uint8Array;
}

/**
 * Default citizen instructions. URL form: the phone camera or LINE opens the link directly. Raw form: the
 * citizen starts in the unit's LINE account / app (as in NHSO's flow: consent → ID + phone → scan).
 */
function defaultSteps(o: PosterOptions): { th: string[]; en: string } {
  const account = o.lineAccount ? ` ${o.lineAccount}` : '';
  if (o.form === 'url')
    return {
      th: [
        '1. สแกน QR นี้ด้วยกล้องโทรศัพท์หรือ LINE',
        '2. อ่านข้อตกลงและกด "ยอมรับ" ความยินยอม (ครั้งแรก)',
        '3. กรอกเลขประจำตัวประชาชน 13 หลัก และเบอร์โทรศัพท์',
        '4. กด "ขอรหัสเข้ารับบริการ" แล้วแสดงรหัสแก่เจ้าหน้าที่',
      ],
      en: 'Scan with your phone camera or LINE, consent, enter your citizen ID and phone number, then show the Authen Code to staff.',
    };
  return {
    th: [
      `1. เปิด LINE${account || ' ของหน่วยบริการ'} แล้วเลือก "ขอรหัสเข้ารับบริการ"`,
      '2. อ่านข้อตกลงและกด "ยอมรับ" ความยินยอม (ครั้งแรก)',
      '3. กรอกเลขประจำตัวประชาชน 13 หลัก และเบอร์โทรศัพท์',
      '4. สแกน QR นี้ แล้วแสดงรหัสที่ได้แก่เจ้าหน้าที่',
    ],
    en: `Open LINE${account || " (the unit's account)"}, choose "ขอรหัสเข้ารับบริการ", consent, enter your citizen ID and phone number, scan this QR and show the Authen Code to staff.`,
  };
}

// ---------------------------------------------------------------------------------------------- fonts

interface LoadedFonts {
  regular: fontkit.FkFont;
  bold: fontkit.FkFont;
  bytes: PosterFonts;
}
let defaultFonts: LoadedFonts | undefined;

function loadFonts(custom?: PosterFonts): LoadedFonts {
  if (custom) {
    try {
      return { regular: fontkit.create(custom.regular), bold: fontkit.create(custom.bold), bytes: custom };
    } catch (cause) {
      throw new QrServiceError('INVALID_ARGUMENT', 'fonts must be TrueType/OpenType files', { cause });
    }
  }
  if (!defaultFonts) {
    const read = (p: string) => readFileSync(require_.resolve(`@expo-google-fonts/sarabun/${p}`));
    const bytes = {
      regular: read('400Regular/Sarabun_400Regular.ttf'),
      bold: read('700Bold/Sarabun_700Bold.ttf'),
    };
    defaultFonts = { regular: fontkit.create(bytes.regular), bold: fontkit.create(bytes.bold), bytes };
  }
  return defaultFonts;
}

// --------------------------------------------------------------------------------------------- layout

type Align = 'left' | 'center';
interface TextItem {
  kind: 'text';
  text: string;
  x: number;
  baseline: number;
  size: number;
  bold: boolean;
  color: string;
  align: Align;
}
interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  radius?: number;
}
interface QrItem {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  matrix: QrMatrix;
  margin: number;
}
type Item = TextItem | RectItem | QrItem;
interface Layout {
  width: number;
  height: number;
  title: string;
  payload: string;
  items: Item[];
}

const PAGE_W = 595.28;
const PAGE_H = 841.89;

function measure(font: fontkit.FkFont, text: string, size: number): number {
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('th', { granularity: 'word' })
    : undefined;

/** Break opportunities: Thai word boundaries (Intl.Segmenter, dictionary based) and spaces. */
function words(text: string): string[] {
  const raw = segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : text.split(/(?<= )/);
  // Never break after an opening bracket/quote, nor before closing punctuation or a space.
  const out: string[] = [];
  let carry = '';
  for (const seg of raw) {
    if (/^[([{"'“‘]+$/.test(seg)) {
      carry += seg;
      continue;
    }
    if (out.length > 0 && carry === '' && /^[\s)\]}"'”’.,:;!?]+$/.test(seg)) out[out.length - 1] += seg;
    else out.push(carry + seg);
    carry = '';
  }
  if (carry) out.push(carry);
  return out;
}

/** Greedy line breaking of word segments at font size `s`. */
function wrap(font: fontkit.FkFont, parts: readonly string[], maxWidth: number, s: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of parts) {
    const next = cur + w;
    if (cur !== '' && measure(font, next.trimEnd(), s) > maxWidth) {
      lines.push(cur.trim());
      cur = w.trimStart();
    } else cur = next;
  }
  if (cur.trim()) lines.push(cur.trim());
  return lines;
}

/** Greedy-wrap `text` into at most `maxLines` lines of `maxWidth`, shrinking from `size` to `minSize`. */
function fit(
  font: fontkit.FkFont,
  text: string,
  maxWidth: number,
  size: number,
  minSize: number,
  maxLines: number,
): { lines: string[]; size: number } {
  const parts = words(text);
  // Prefer fewer lines: one line if shrinking by ≤ 20 % suffices, then two, … (the last try may shrink to
  // minSize), so a name is not split with a one-word orphan when a slightly smaller font fits it whole.
  for (let n = 1; n < maxLines; n++) {
    for (let s = size; s >= Math.max(minSize, size * 0.8); s -= 1) {
      const lines = wrap(font, parts, maxWidth, s);
      if (lines.length <= n && lines.every((l) => measure(font, l, s) <= maxWidth)) return { lines, size: s };
    }
  }
  for (let s = size; s >= minSize; s -= 1) {
    const lines = wrap(font, parts, maxWidth, s);
    if (lines.length <= maxLines && lines.every((l) => measure(font, l, s) <= maxWidth))
      return { lines, size: s };
  }
  // Still too long at the minimum size: break between characters (clusters stay intact: marks never
  // start a line because they have no width of their own) and drop what does not fit.
  const lines: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (measure(font, cur + ch, minSize) > maxWidth) {
      lines.push(cur);
      cur = '';
      if (lines.length === maxLines) break;
    }
    cur += ch;
  }
  if (lines.length < maxLines && cur) lines.push(cur);
  return { lines: lines.slice(0, maxLines), size: minSize };
}

function thaiDate(d: Date): string {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(d);
}

function encodePayload(o: PosterOptions): string {
  const codec = o.codec ?? authenkitQrCodecV1;
  return codec.encode(o, {
    signingKey: o.signingKey,
    form: o.form,
    urlBase: o.urlBase,
    allowUnknownService: o.allowUnknownService,
  });
}

function layoutPoster(o: PosterOptions, fonts: LoadedFonts): Layout {
  const payload = encodePayload(o);
  const matrix = qrMatrix(payload, o.errorCorrection ?? 'Q');
  const service = getQrService(o.serviceCode);
  const accent = o.accentColor ?? '#0e7c5a';
  if (!/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(accent))
    throw new QrServiceError('INVALID_ARGUMENT', 'accentColor must be a hex colour like #0e7c5a');
  const items: Item[] = [];
  const cx = PAGE_W / 2;
  const maxW = PAGE_W - 80;
  const text = (
    t: string,
    baseline: number,
    size: number,
    bold: boolean,
    color: string,
    align: Align = 'center',
  ) =>
    items.push({
      kind: 'text',
      text: t,
      x: align === 'center' ? cx : 48,
      baseline,
      size,
      bold,
      color,
      align,
    });

  items.push({ kind: 'rect', x: 0, y: 0, w: PAGE_W, h: 92, color: accent });
  text('สแกนเพื่อขอรหัสเข้ารับบริการ', 48, 28, true, '#ffffff');
  text('Scan to request an NHSO Authen Code', 74, 14, false, '#e6f4ee');

  let y = 92;
  const unit = fit(fonts.bold, o.unitName ?? `หน่วยบริการ ${o.hcode}`, maxW, 24, 14, 2);
  for (const line of unit.lines) {
    y += unit.size * 1.45;
    text(line, y, unit.size, true, '#1f2933');
  }
  const nameTh = service?.nameTh ?? o.serviceCode;
  const svc = fit(fonts.bold, nameTh, maxW, 30, 16, 2);
  y += 10;
  for (const line of svc.lines) {
    y += svc.size * 1.4;
    text(line, y, svc.size, true, accent);
  }
  if (service?.nameEn && !nameTh.toLowerCase().includes(service.nameEn.toLowerCase())) {
    const en = fit(fonts.regular, service.nameEn, maxW, 14, 9, 1);
    y += en.size * 1.6;
    text(en.lines[0] ?? '', y, en.size, false, '#52606d');
  }

  // The QR takes the room left above the fixed-height block below it (code line, instructions, footer).
  const qrSize = Math.max(220, Math.min(330, PAGE_H - 300 - (y + 14)));
  const qrY = y + 14;
  const qrX = cx - qrSize / 2;
  items.push({
    kind: 'rect',
    x: qrX - 6,
    y: qrY - 6,
    w: qrSize + 12,
    h: qrSize + 12,
    color: '#d9e2ec',
    radius: 10,
  });
  items.push({ kind: 'rect', x: qrX, y: qrY, w: qrSize, h: qrSize, color: '#ffffff', radius: 6 });
  items.push({ kind: 'qr', x: qrX, y: qrY, size: qrSize, matrix, margin: 4 });
  y = qrY + qrSize + 6;

  y += 32;
  text(`รหัส 5 หลัก ${o.hcode}   บริการ ${o.serviceCode}`, y, 22, true, '#1f2933');

  y += 34;
  text('วิธีขอรหัสเข้ารับบริการ', y, 17, true, accent, 'left');
  const steps = defaultSteps(o);
  for (const step of o.instructionsTh ?? steps.th) {
    const f = fit(fonts.regular, step, maxW - 10, 15, 10, 1);
    y += 23;
    text(f.lines[0] ?? '', y, f.size, false, '#1f2933', 'left');
  }
  const en = fit(fonts.regular, o.instructionsEn ?? steps.en, maxW - 10, 10.5, 8, 2);
  y += 6;
  for (const line of en.lines) {
    y += en.size * 1.45;
    text(line, y, en.size, false, '#52606d', 'left');
  }

  const foot: string[] = [];
  if (o.validFrom) foot.push(`ใช้ได้ตั้งแต่ ${thaiDate(o.validFrom)}`);
  if (o.validUntil) foot.push(`ใช้ได้ถึง ${thaiDate(o.validUntil)}`);
  foot.push(o.signingKey !== undefined ? `ลงนามดิจิทัล Ed25519${o.keyId ? ` (${o.keyId})` : ''}` : 'ไม่ได้ลงนาม');
  foot.push('AuthenKit service QR v1');
  const footer = fit(fonts.regular, foot.join('  ·  '), maxW, 10, 7, 1);
  text(footer.lines[0] ?? '', PAGE_H - 22, footer.size, false, '#7b8794');
  // No tofu: every character must have a glyph in the chosen font (a custom font without Thai, or a
  // character outside Thai/Latin, fails loudly instead of printing empty boxes).
  for (const it of items) {
    if (it.kind !== 'text') continue;
    const font = it.bold ? fonts.bold : fonts.regular;
    for (const ch of it.text)
      if (!/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!))
        throw new QrServiceError(
          'RENDER_FAILED',
          `the poster font has no glyph for U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
        );
  }
  if (y > PAGE_H - 40)
    throw new QrServiceError(
      'RENDER_FAILED',
      'poster content does not fit on one page (shorten the instructions)',
    );
  return { width: PAGE_W, height: PAGE_H, title: `${o.hcode} ${o.serviceCode}`, payload, items };
}

// ------------------------------------------------------------------------------------------------ SVG

const fmt = (n: number): string => String(Math.round(n * 100) / 100);
const escapeXml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

function textPath(font: fontkit.FkFont, t: TextItem): string {
  const run = font.layout(t.text);
  const scale = t.size / font.unitsPerEm;
  let x = t.align === 'center' ? t.x - (run.advanceWidth * scale) / 2 : t.x;
  let d = '';
  for (let i = 0; i < run.glyphs.length; i++) {
    const g = run.glyphs[i]!;
    const p = run.positions[i]!;
    const gx = x + p.xOffset * scale;
    const gy = t.baseline - p.yOffset * scale;
    d += g.path.transform(scale, 0, 0, -scale, gx, gy).toSVG();
    x += p.xAdvance * scale;
  }
  return d;
}

function qrRuns(q: QrItem, emit: (x: number, y: number, w: number, h: number) => void): void {
  const { size, modules } = q.matrix;
  const unit = q.size / (size + 2 * q.margin);
  for (let r = 0; r < size; r++) {
    let c = 0;
    while (c < size) {
      if (!modules[r * size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && modules[r * size + c]) c++;
      emit(q.x + (start + q.margin) * unit, q.y + (r + q.margin) * unit, (c - start) * unit, unit);
    }
  }
}

function layoutToSvg(l: Layout, fonts: LoadedFonts): string {
  let body = '';
  for (const it of l.items) {
    if (it.kind === 'rect') {
      body += `<rect x="${fmt(it.x)}" y="${fmt(it.y)}" width="${fmt(it.w)}" height="${fmt(it.h)}"${it.radius ? ` rx="${it.radius}"` : ''} fill="${it.color}"/>`;
    } else if (it.kind === 'text') {
      const font = it.bold ? fonts.bold : fonts.regular;
      body += `<path aria-label="${escapeXml(it.text)}" fill="${it.color}" d="${textPath(font, it)}"/>`;
    } else {
      let d = '';
      qrRuns(it, (x, y, w, h) => {
        d += `M${fmt(x)} ${fmt(y)}h${fmt(w)}v${fmt(h)}h${fmt(-w)}z`;
      });
      body += `<path fill="#000" shape-rendering="crispEdges" d="${d}"/>`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 ${fmt(l.width)} ${fmt(l.height)}">` +
    `<title>${escapeXml(l.title)}</title><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`
  );
}

const fileName = (o: PosterOptions, ext: string) => `${o.hcode}-${o.serviceCode}.${ext}`;

/**
 * Render a poster as an SVG document (A4, text as glyph outlines so no font is needed to view it).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderPosterSvg } from '@authenkit/qr-service/poster';
 * const p = renderPosterSvg({ hcode: '10998', serviceCode: 'PG0090001', unitName: 'โรงพยาบาลตัวอย่าง' });
 * writeFileSync(p.fileName, p.data);
 * ```
 */
export function renderPosterSvg(options: PosterOptions): RenderedPoster {
  const fonts = loadFonts(options.fonts);
  const l = layoutPoster(options, fonts);
  return {
    serviceCode: options.serviceCode,
    fileName: fileName(options, 'svg'),
    payload: l.payload,
    data: new TextEncoder().encode(layoutToSvg(l, fonts)),
  };
}

// ------------------------------------------------------------------------------------------------ PNG

interface ResvgModule {
  Resvg: new (
    svg: string,
    opts: { fitTo: { mode: 'width'; value: number }; font: { loadSystemFonts: boolean }; background: string },
  ) => { render(): { asPng(): Uint8Array } };
}
let resvg: ResvgModule | undefined;

/**
 * Render a poster as PNG (default 150 dpi: 1240 × 1754 px). The SVG poster is rasterised by
 * `@resvg/resvg-js` (prebuilt binaries shipped inside npm packages; no system fonts or browser needed).
 *
 * @throws `QrServiceError` `RENDER_FAILED` when resvg has no binary for this platform.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderPosterPng } from '@authenkit/qr-service/poster';
 * const p = renderPosterPng({ hcode: '10998', serviceCode: 'PG0010065' }, { dpi: 200 });
 * writeFileSync(p.fileName, p.data);
 * ```
 */
export function renderPosterPng(options: PosterOptions, render: { dpi?: number } = {}): RenderedPoster {
  const svg = renderPosterSvg(options);
  const dpi = render.dpi ?? 150;
  if (!(dpi >= 30 && dpi <= 600))
    throw new QrServiceError('INVALID_ARGUMENT', 'dpi must be between 30 and 600');
  try {
    resvg ??= require_('@resvg/resvg-js') as ResvgModule;
  } catch (cause) {
    throw new QrServiceError('RENDER_FAILED', '@resvg/resvg-js has no binary for this platform', { cause });
  }
  const png = new resvg.Resvg(new TextDecoder().decode(svg.data), {
    fitTo: { mode: 'width', value: Math.round((PAGE_W / 72) * dpi) },
    font: { loadSystemFonts: false },
    background: '#ffffff',
  })
    .render()
    .asPng();
  return { ...svg, fileName: fileName(options, 'png'), data: new Uint8Array(png) };
}

// ------------------------------------------------------------------------------------------------ PDF

function drawPdfPage(doc: PDFKit.PDFDocument, l: Layout, fonts: LoadedFonts): void {
  doc.addPage({ size: 'A4', margin: 0 });
  for (const it of l.items) {
    if (it.kind === 'rect') {
      if (it.radius) doc.roundedRect(it.x, it.y, it.w, it.h, it.radius).fill(it.color);
      else doc.rect(it.x, it.y, it.w, it.h).fill(it.color);
    } else if (it.kind === 'text') {
      const font = it.bold ? fonts.bold : fonts.regular;
      const w = measure(font, it.text, it.size);
      const x = it.align === 'center' ? it.x - w / 2 : it.x;
      // ActualText gives text extraction / search / screen readers the original string: shaped Thai
      // (decomposed sara am, repositioned marks) otherwise extracts imperfectly from glyphs alone.
      doc.markContent('Span', { actual: it.text, lang: 'th-TH' });
      doc
        .font(it.bold ? 'bold' : 'regular')
        .fontSize(it.size)
        .fillColor(it.color)
        .text(it.text, x, it.baseline, { lineBreak: false, baseline: 'alphabetic' });
      doc.endMarkedContent();
    } else {
      qrRuns(it, (x, y, w, h) => {
        doc.rect(x, y, w, h);
      });
      doc.fill('#000000');
    }
  }
}

/**
 * Render one or more posters into one PDF (A4, one page each), with the Thai font embedded (subset) so
 * the text is selectable and searchable.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderPosterPdf } from '@authenkit/qr-service/poster';
 * const p = await renderPosterPdf({ hcode: '10998', serviceCode: 'PG0090001', unitName: 'โรงพยาบาลตัวอย่าง' });
 * writeFileSync(p.fileName, p.data);
 * ```
 */
export async function renderPosterPdf(
  options: PosterOptions | readonly PosterOptions[],
): Promise<RenderedPoster> {
  const list = Array.isArray(options) ? (options as readonly PosterOptions[]) : [options as PosterOptions];
  if (list.length === 0) throw new QrServiceError('INVALID_ARGUMENT', 'no poster to render');
  const first = list[0]!;
  const fonts = loadFonts(first.fonts);
  const layouts = list.map((o) => layoutPoster(o, o.fonts ? loadFonts(o.fonts) : fonts));
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: { Title: `AuthenKit QR ${first.hcode}`, Producer: 'AuthenKit', Creator: '@authenkit/qr-service' },
  });
  doc.registerFont('regular', Buffer.from(fonts.bytes.regular));
  doc.registerFont('bold', Buffer.from(fonts.bytes.bold));
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  try {
    for (const l of layouts) drawPdfPage(doc, l, fonts);
    doc.end();
    await done;
  } catch (cause) {
    throw new QrServiceError('RENDER_FAILED', 'PDF rendering failed', { cause });
  }
  return {
    serviceCode: list.length === 1 ? first.serviceCode : '*',
    fileName: list.length === 1 ? fileName(first, 'pdf') : `${first.hcode}-all.pdf`,
    payload: layouts.length === 1 ? layouts[0]!.payload : layouts.map((l) => l.payload).join('\n'),
    data: new Uint8Array(Buffer.concat(chunks)),
  };
}

/**
 * Options of {@link renderUnitPosters}: the unit, which services (default every service of NHSO's QR
 * screen, {@link QR_SERVICE_CODES}) and the output format.
 *
 * @example
 * ```ts
 * import type { UnitPostersOptions } from '@authenkit/qr-service/poster';
 * const o: UnitPostersOptions = { hcode: '10998', unitName: 'โรงพยาบาลตัวอย่าง', format: 'png' };
 * ```
 */
export interface UnitPostersOptions extends Omit<PosterOptions, 'serviceCode'> {
  /** Service codes (default {@link QR_SERVICE_CODES}). */
  services?: readonly string[] | undefined;
  /** `png` (default), `svg` or `pdf` (one file per service). */
  format?: 'png' | 'svg' | 'pdf' | undefined;
  /** PNG resolution (default 150). */
  dpi?: number | undefined;
}

/**
 * Batch: one poster per service of a unit.
 *
 * @example
 * ```ts
 * import { mkdirSync, writeFileSync } from 'node:fs';
 * import { renderUnitPosters } from '@authenkit/qr-service/poster';
 * mkdirSync('posters', { recursive: true });
 * for (const p of await renderUnitPosters({ hcode: '10998', unitName: 'โรงพยาบาลตัวอย่าง', format: 'pdf' }))
 *   writeFileSync(`posters/${p.fileName}`, p.data);
 * ```
 */
export async function renderUnitPosters(options: UnitPostersOptions): Promise<RenderedPoster[]> {
  const { services = QR_SERVICE_CODES, format = 'png', dpi, ...rest } = options;
  const out: RenderedPoster[] = [];
  for (const serviceCode of services) {
    const o: PosterOptions = { ...rest, serviceCode };
    if (format === 'svg') out.push(renderPosterSvg(o));
    else if (format === 'pdf') out.push(await renderPosterPdf(o));
    else out.push(renderPosterPng(o, { dpi }));
  }
  return out;
}

// -------------------------------------------------------------------------------------------- reading

/**
 * Decode PNG bytes into RGBA pixels (pure JS, `pngjs`).
 *
 * @throws `QrServiceError` `INVALID_ARGUMENT` when the bytes are not a PNG.
 * @example
 * ```ts no-run
 * import { readFileSync } from 'node:fs';
 * import { decodePng } from '@authenkit/qr-service/poster';
 * const { width, height } = decodePng(readFileSync('poster.png'));
 * ```
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return {
      data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      width: png.width,
      height: png.height,
    };
  } catch (cause) {
    throw new QrServiceError('INVALID_ARGUMENT', 'not a readable PNG image', { cause });
  }
}

/**
 * Read a PNG file and decode the service QR in it.
 *
 * @example
 * ```ts no-run
 * import { readServiceQrFromPngFile } from '@authenkit/qr-service/poster';
 * const qr = await readServiceQrFromPngFile('10998-PG0090001.png');
 * console.log(qr.hcode, qr.serviceCode, qr.signature);
 * ```
 */
export async function readServiceQrFromPngFile(
  path: string,
  options?: DecodeServiceQrOptions & { codec?: ServiceQrCodec },
): Promise<DecodedServiceQr> {
  const text = decodeQrFromImage(decodePng(await readFile(path)));
  return (options?.codec ?? authenkitQrCodecV1).decode(text, options);
}

export { QR_SERVICE_CODES };
