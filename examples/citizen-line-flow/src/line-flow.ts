/**
 * The citizen's side of NHSO's LINE self-service flow (LINE OA @nhso → "ขอรหัสเข้ารับบริการ"), played in a
 * phone-sized page against the offline sandbox: consent → citizen ID + phone → scan the clinic's QR →
 * the Authen Code to show at the counter.
 *
 * This server stands where LINE and NHSO's LINE backend stand: it gives each browser a LINE user id (an
 * HttpOnly cookie, like a LINE login), forwards the three steps to the sandbox's LINE API, and reads the QR
 * out of the photo the citizen takes (`@authenkit/qr-service`: PNG → pixels → QR text). The real NHSO LINE
 * API is not public; the sandbox's is modelled on the flow NHSO publishes.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { formatThaiDate, getClaimType, isValidCitizenId, normalizeCitizenId } from '@authenkit/authen-code';
import { decodeServiceQr, isQrServiceError } from '@authenkit/qr-service';
import { decodePng } from '@authenkit/qr-service/poster';
import { decodeQrFromImage } from '@authenkit/qr-service/read';
import {
  closeServer,
  HttpError,
  listen,
  readJson,
  sendError,
  sendJson,
  serveStatic,
} from '@authenkit-examples/shared/http';

/** Options of {@link startCitizenLineFlow}. */
export interface CitizenLineFlowOptions {
  /** The sandbox's origin (its LINE API lives under `/line/api/…`). */
  sandboxUrl: string;
  port?: number;
  host?: string;
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
const COOKIE = 'authenkit_line_user';
const MAX_IMAGE = 8 * 1024 * 1024;

function lineUser(req: IncomingMessage, res: ServerResponse): string {
  const m = /(?:^|;\s*)authenkit_line_user=([A-Za-z0-9_-]{1,64})/.exec(req.headers.cookie ?? '');
  if (m) return m[1]!;
  const id = `U${randomUUID().replaceAll('-', '')}`;
  res.setHeader('set-cookie', `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`);
  return id;
}

async function readBytes(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_IMAGE)
      throw new HttpError(413, 'IMAGE_TOO_LARGE', { th: 'รูปใหญ่เกินไป', en: 'Image too large' });
    chunks.push(c as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Starts the citizen LINE-flow page.
 *
 * @example
 * ```ts
 * const app = await startCitizenLineFlow({ sandboxUrl: sandbox.url });
 * console.log(app.url);
 * ```
 */
export async function startCitizenLineFlow(options: CitizenLineFlowOptions) {
  /** POST to the sandbox's LINE API; its errors (code + Thai message) pass through to the page. */
  async function line(path: string, body: Record<string, unknown>) {
    const res = await fetch(new URL(path, options.sandboxUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const e = (json.error ?? {}) as Record<string, unknown>;
      const code = typeof e.code === 'string' ? e.code : 'LINE_ERROR';
      const en = typeof e.message === 'string' ? e.message : `LINE API answered ${res.status}`;
      const th = typeof e.messageTh === 'string' ? e.messageTh : en;
      throw new HttpError(res.status >= 500 ? 502 : res.status, code, { th, en });
    }
    return json;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://line');
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/consent') {
      const body = await readJson(req);
      if (typeof body.accept !== 'boolean')
        throw new HttpError(400, 'INVALID_REQUEST', { th: 'กรุณาเลือก', en: 'accept must be true or false' });
      return sendJson(
        res,
        200,
        await line('/line/api/consent', { lineUserId: lineUser(req, res), accept: body.accept }),
      );
    }
    if (req.method === 'POST' && path === '/api/register') {
      const body = await readJson(req);
      const pid = String(body.pid ?? '');
      if (!isValidCitizenId(pid))
        throw new HttpError(400, 'INVALID_PID', {
          th: 'เลขประจำตัวประชาชนไม่ถูกต้อง',
          en: 'The citizen ID is not valid',
        });
      const phone = String(body.phone ?? '').replace(/\D/g, '');
      const out = await line('/line/api/register', {
        lineUserId: lineUser(req, res),
        pid: normalizeCitizenId(pid),
        phone,
      });
      return sendJson(res, 200, { registered: out.registered === true });
    }
    if (req.method === 'POST' && path === '/api/scan') {
      // The page sends the camera photo re-encoded as PNG (a canvas does that for any photo format).
      const bytes = await readBytes(req);
      let text: string;
      try {
        text = decodeQrFromImage(decodePng(bytes));
        decodeServiceQr(text); // a clear message for a QR that is not a service QR, before asking NHSO
      } catch (err) {
        const noQr = isQrServiceError(err) && err.code === 'NO_QR_FOUND';
        throw new HttpError(400, noQr ? 'NO_QR_FOUND' : 'INVALID_QR', {
          th: noQr ? 'ไม่พบ QR Code ในรูป กรุณาถ่ายใหม่ให้เห็น QR ชัดเจน' : 'QR Code นี้ไม่ใช่ QR ของหน่วยบริการ',
          en: noQr ? 'No QR code found in the photo; try again closer' : 'This is not a service unit QR code',
        });
      }
      const out = await line('/line/api/authen-code', {
        lineUserId: lineUser(req, res),
        qr: text,
        requestId: url.searchParams.get('requestId') ?? undefined,
      });
      const service = getClaimType(String(out.claimType));
      const when = String(out.claimDateTime);
      return sendJson(res, 200, {
        claimCode: out.claimCode,
        hcode: out.hcode,
        hname: out.hname,
        claimType: out.claimType,
        service: { th: service?.nameTh ?? out.claimTypeName, en: service?.nameEn ?? out.claimTypeName },
        when: {
          th: formatThaiDate(when, { style: 'long-datetime' }),
          en: formatThaiDate(when, { style: 'long-datetime', locale: 'en' }),
        },
        replayed: out.replayed,
      });
    }
    if (req.method === 'GET' && !path.startsWith('/api/') && (await serveStatic(res, PUBLIC_DIR, path)))
      return;
    throw new HttpError(404, 'NOT_FOUND', { th: 'ไม่พบ', en: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, err));
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, close: () => closeServer(server) };
}
