import { QrServiceError } from './errors.js';
import qrcodeCore from './vendor/qrcode.js';

/**
 * QR error-correction level: L (7 %), M (15 %), Q (25 %), H (30 %).
 *
 * @example
 * ```ts
 * import type { QrErrorCorrection } from '@authenkit/qr-service';
 * const ecc: QrErrorCorrection = 'Q';
 * ```
 */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/**
 * The module matrix of a QR symbol: `size × size` modules, row-major, `1` = dark.
 *
 * @example
 * ```ts
 * import { qrMatrix, type QrMatrix } from '@authenkit/qr-service';
 * const m: QrMatrix = qrMatrix('HELLO');
 * console.log(m.size, m.version, m.modes); // 21 1 ['Alphanumeric']
 * ```
 */
export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  readonly size: number;
  /** QR version 1–40. */
  readonly version: number;
  /** Error-correction level used. */
  readonly errorCorrection: QrErrorCorrection;
  /** Encoding modes of the segments, e.g. `['Alphanumeric']` or `['Numeric', 'Alphanumeric']`. */
  readonly modes: readonly string[];
  /** `size * size` entries, row-major, 1 = dark module. */
  readonly modules: Uint8Array;
}

/**
 * Build the QR module matrix for `text` with the pure encoder of the `qrcode` package (segments are chosen
 * for the smallest symbol: AuthenKit raw payloads use numeric/alphanumeric mode only).
 *
 * @throws {@link QrServiceError} `INVALID_ARGUMENT` when the text is empty or too long for a QR symbol.
 * @example
 * ```ts
 * import { encodeServiceQr, qrMatrix } from '@authenkit/qr-service';
 * const m = qrMatrix(encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' }));
 * console.log(m.version); // 2
 * ```
 */
export function qrMatrix(text: string, errorCorrection: QrErrorCorrection = 'M'): QrMatrix {
  if (typeof text !== 'string' || text.length === 0)
    throw new QrServiceError('INVALID_ARGUMENT', 'QR text must be a non-empty string');
  let sym: ReturnType<typeof qrcodeCore.create>;
  try {
    sym = qrcodeCore.create(text, { errorCorrectionLevel: errorCorrection });
  } catch (cause) {
    throw new QrServiceError('INVALID_ARGUMENT', 'text does not fit in a QR symbol', { cause });
  }
  const size = sym.modules.size;
  const modules = new Uint8Array(size * size);
  for (let i = 0; i < modules.length; i++) modules[i] = sym.modules.data[i] ? 1 : 0;
  return {
    size,
    version: sym.version,
    errorCorrection,
    modes: sym.segments.map((s) => s.mode.id),
    modules,
  };
}

/**
 * Options of {@link renderQrSvg}.
 *
 * @example
 * ```ts
 * import type { QrSvgOptions } from '@authenkit/qr-service';
 * const o: QrSvgOptions = { moduleSize: 8, margin: 4, errorCorrection: 'Q' };
 * ```
 */
export interface QrSvgOptions {
  /** Size of one module in SVG user units (default 8). */
  moduleSize?: number | undefined;
  /** Quiet zone in modules (default 4, the minimum the QR standard asks for). */
  margin?: number | undefined;
  /** Error-correction level (default `M`). */
  errorCorrection?: QrErrorCorrection | undefined;
  /** Dark colour (default `#000`). */
  color?: string | undefined;
  /** Background colour, or `null` for transparent (default `#fff`). */
  background?: string | null | undefined;
  /** Accessible title (`<title>`) of the SVG. */
  title?: string | undefined;
}

const escapeXml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/**
 * The SVG path data (`d`) drawing the dark modules of a matrix, one unit per module, offset by `margin`.
 * Runs of dark modules in a row are merged into one rectangle.
 *
 * @example
 * ```ts
 * import { qrMatrix, qrSvgPath } from '@authenkit/qr-service';
 * console.log(qrSvgPath(qrMatrix('HELLO'), 4).startsWith('M4 4h7')); // true (finder pattern top row)
 * ```
 */
export function qrSvgPath(matrix: QrMatrix, margin = 0): string {
  const { size, modules } = matrix;
  let d = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules[y * size + x]) x++;
      d += `M${start + margin} ${y + margin}h${x - start}v1h${start - x}z`;
    }
  }
  return d;
}

/**
 * Render `text` as a standalone QR SVG string. Browser-safe, no DOM needed.
 *
 * @example
 * ```ts
 * import { encodeServiceQr, renderQrSvg } from '@authenkit/qr-service';
 * const svg = renderQrSvg(encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' }), { title: 'Home Isolation' });
 * console.log(svg.startsWith('<svg')); // true
 * ```
 */
export function renderQrSvg(text: string, options: QrSvgOptions = {}): string {
  const matrix = qrMatrix(text, options.errorCorrection ?? 'M');
  const margin = options.margin ?? 4;
  const unit = options.moduleSize ?? 8;
  if (!(unit > 0) || !(margin >= 0) || !Number.isInteger(margin))
    throw new QrServiceError('INVALID_ARGUMENT', 'moduleSize must be > 0 and margin a whole number ≥ 0');
  const n = matrix.size + 2 * margin;
  const px = n * unit;
  const bg = options.background === undefined ? '#fff' : options.background;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges">` +
    (options.title ? `<title>${escapeXml(options.title)}</title>` : '') +
    (bg === null ? '' : `<rect width="${n}" height="${n}" fill="${escapeXml(bg)}"/>`) +
    `<path fill="${escapeXml(options.color ?? '#000')}" d="${qrSvgPath(matrix, margin)}"/></svg>`
  );
}
