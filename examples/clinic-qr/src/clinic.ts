/**
 * The clinic QR page (สร้าง QR Code สำหรับคลินิก/หน่วยบริการ): a unit picks the services it offers and gets
 * one poster per service — preview as SVG, download as PNG or PDF — with the QR citizens scan in LINE.
 *
 * Posters are signed (Ed25519) when a signing key is configured, so a verifier can tell a genuine poster
 * from a photocopied-and-edited one. The key stays on the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getQrPublicKey, getQrService, QR_SERVICE_CODES, toHex } from '@authenkit/qr-service';
import {
  type PosterOptions,
  renderPosterPdf,
  renderPosterPng,
  renderPosterSvg,
} from '@authenkit/qr-service/poster';
import {
  closeServer,
  HttpError,
  listen,
  SHARED_PUBLIC_DIR,
  sendBytes,
  sendError,
  sendJson,
  serveStatic,
} from '@authenkit-examples/shared/http';

/** Options of {@link startClinicQr}. */
export interface ClinicQrOptions {
  /** Units the page offers (the logged-in user's units in a real system). */
  units: readonly { hcode: string; hname: string }[];
  /** Ed25519 private seed (hex or bytes); posters are unsigned without it. */
  signingKey?: string | Uint8Array;
  /** Key id printed into signed payloads (rotation). */
  keyId?: string;
  /** Encode the QR as a URL (e.g. a LINE LIFF link) instead of the raw payload. */
  urlBase?: string;
  port?: number;
  host?: string;
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Starts the clinic QR server.
 *
 * @example
 * ```ts
 * const app = await startClinicQr({ units: [{ hcode: '10998', hname: 'รพ.ทดสอบชุมแพ' }] });
 * console.log(app.url);
 * ```
 */
export async function startClinicQr(options: ClinicQrOptions) {
  const units = new Map(options.units.map((u) => [u.hcode, u]));
  const services = QR_SERVICE_CODES.map((code) => {
    const s = getQrService(code);
    return { code, name: { th: s?.nameTh ?? code, en: s?.nameEn ?? code } };
  });
  const publicKey = options.signingKey ? toHex(getQrPublicKey(options.signingKey)) : null;

  /** Poster options from the query string, checked. */
  function posterOptions(url: URL, serviceCode: string): PosterOptions {
    const hcode = url.searchParams.get('hcode') ?? '';
    const unit = units.get(hcode);
    if (!unit) throw new HttpError(400, 'UNKNOWN_UNIT', { th: 'ไม่พบหน่วยบริการ', en: 'Unknown unit' });
    if (!services.some((s) => s.code === serviceCode))
      throw new HttpError(400, 'UNKNOWN_SERVICE', { th: 'ไม่พบบริการ', en: 'Unknown service' });
    const o: PosterOptions = { hcode, serviceCode, unitName: unit.hname };
    const until = url.searchParams.get('validUntil');
    if (until) {
      if (!DATE_RE.test(until))
        throw new HttpError(400, 'INVALID_REQUEST', { th: 'วันที่ไม่ถูกต้อง', en: 'Invalid date' });
      o.validUntil = new Date(`${until}T23:59:59+07:00`);
    }
    if (options.signingKey) {
      o.signingKey = options.signingKey;
      if (options.keyId) o.keyId = options.keyId;
    }
    if (options.urlBase) {
      o.form = 'url';
      o.urlBase = options.urlBase;
    }
    return o;
  }

  const download = (res: ServerResponse, type: string, fileName: string, data: Uint8Array) => {
    res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
    sendBytes(res, type, data);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://clinic');
    const path = url.pathname;
    if (req.method !== 'GET') throw new HttpError(405, 'METHOD', { th: 'ไม่รองรับ', en: 'Method not allowed' });
    if (path === '/api/options')
      return sendJson(res, 200, { units: options.units, services, signed: Boolean(publicKey), publicKey });
    const m = /^\/api\/posters\/([A-Z0-9]+)\.(svg|png|pdf)$/.exec(path);
    if (m) {
      const o = posterOptions(url, m[1]!);
      if (m[2] === 'svg') {
        const p = renderPosterSvg(o);
        return sendBytes(res, 'image/svg+xml', p.data);
      }
      if (m[2] === 'png') {
        const p = renderPosterPng(o, { dpi: 150 });
        return download(res, 'image/png', p.fileName, p.data);
      }
      const p = await renderPosterPdf(o);
      return download(res, 'application/pdf', p.fileName, p.data);
    }
    // All chosen services of a unit in one PDF (one A4 page each) — what a clinic prints.
    if (path === '/api/posters.pdf') {
      const codes = (url.searchParams.get('services') ?? '').split(',').filter(Boolean);
      if (codes.length === 0)
        throw new HttpError(400, 'INVALID_REQUEST', {
          th: 'กรุณาเลือกบริการ',
          en: 'Choose at least one service',
        });
      const p = await renderPosterPdf(codes.map((c) => posterOptions(url, c)));
      return download(res, 'application/pdf', `${url.searchParams.get('hcode')}-posters.pdf`, p.data);
    }
    if (!path.startsWith('/api/') && (await serveStatic(res, [PUBLIC_DIR, SHARED_PUBLIC_DIR], path))) return;
    throw new HttpError(404, 'NOT_FOUND', { th: 'ไม่พบ', en: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, err));
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, close: () => closeServer(server) };
}
