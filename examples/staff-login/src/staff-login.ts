/**
 * Step 0 of the NHSO deck ("เข้า Login ใช้งานระบบ"): before any patient, the staff member inserts THEIR OWN
 * ID card and types "รหัส PIN 2". The card signs a one-time challenge; NHSO (here the sandbox) checks the
 * signature and the certificate chain and gives the staff member a token for the web services.
 *
 *   card (PIN 2) ──staffLogin──▶ signed assertion ──POST /sandbox/staff/login──▶ { token, expiresAt, hcode }
 *
 * The PIN goes straight from the request body to `staffLogin`, which copies it once into a `SecretPin` and
 * wipes it after VERIFY; it is never logged, stored or echoed. The token stays on this server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { maskCitizenId } from '@authenkit/authen-code';
import type { Transport } from '@authenkit/thai-idcard';
import { staffLogin } from '@authenkit/thai-idcard/pki';
import {
  closeServer,
  HttpError,
  listen,
  readJson,
  sendError,
  sendJson,
  serveStatic,
} from '@authenkit-examples/shared/http';

/** Options of {@link startStaffLogin}. */
export interface StaffLoginAppOptions {
  /** NHSO (sandbox) origin: `/sandbox/staff/challenge` and `/sandbox/staff/login` live there. */
  sandboxUrl: string;
  /** Gives a transport to the reader holding the staff card (PC/SC or virtual). */
  transport: () => Transport;
  /** Audience the assertion is bound to (the sandbox's verifier checks it). */
  audience?: string;
  port?: number;
  host?: string;
}

/** The logged-in staff member, as the page sees it. */
export interface StaffSession {
  maskedPid: string;
  name: string;
  hcode: string;
  /** ISO time the token expires (midnight, Bangkok). */
  expiresAt: string;
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/**
 * Starts the staff log-in page.
 *
 * @example
 * ```ts
 * const app = await startStaffLogin({ sandboxUrl: sandbox.url, transport: () => card.transport() });
 * ```
 */
export async function startStaffLogin(options: StaffLoginAppOptions) {
  const audience = options.audience ?? 'authenkit-staff-login-example';
  /** The token of the logged-in staff member (server side only). */
  let session: (StaffSession & { token: string }) | null = null;

  async function sandbox(path: string, body: unknown) {
    const res = await fetch(new URL(path, options.sandboxUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const e = (json.error ?? {}) as { code?: string; message?: string; messageTh?: string };
      throw new HttpError(
        res.status === 401 || res.status === 403 ? res.status : 502,
        e.code ?? 'NHSO_ERROR',
        {
          th: e.messageTh ?? 'สปสช. ปฏิเสธการเข้าสู่ระบบ',
          en: e.message ?? `NHSO answered ${res.status}`,
        },
      );
    }
    return json;
  }

  async function login(pin: string): Promise<StaffSession> {
    const transport = options.transport();
    await transport.connect();
    let signed: Awaited<ReturnType<typeof staffLogin>>;
    let challenge = '';
    try {
      // One card session: staffLogin reads the card once (text only), asks NHSO for a challenge bound to the
      // staff member's citizen ID, then PIN 2 + card signature over
      // { purpose: 'staff-login', challenge, citizenId, audience, issuedAt }.
      signed = await staffLogin(transport, {
        pin,
        audience,
        challenge: async (holder) => {
          ({ challenge } = (await sandbox('/sandbox/staff/challenge', { pid: holder.citizenId })) as {
            challenge: string;
          });
          return challenge;
        },
      });
    } finally {
      // Reset the card session so the verified PIN does not stay open for the next program.
      await transport.disconnect();
    }
    const { assertion, holder } = signed;
    // 3. NHSO verifies the signature and the chain, then issues the web-service token
    const tokens = (await sandbox('/sandbox/staff/login', {
      pid: holder.citizenId,
      challenge,
      assertion,
    })) as {
      token: string;
      expiresAt: string;
      hcode: string;
    };
    session = {
      maskedPid: maskCitizenId(holder.citizenId),
      name: [holder.titleTh, holder.firstNameTh, holder.lastNameTh].filter(Boolean).join(' '),
      hcode: tokens.hcode,
      expiresAt: tokens.expiresAt,
      token: tokens.token,
    };
    const { token: _token, ...visible } = session;
    return visible;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://staff');
    if (req.method === 'POST' && url.pathname === '/api/login') {
      const body = await readJson(req);
      if (typeof body.pin !== 'string' || body.pin === '')
        throw new HttpError(400, 'PIN_REQUIRED', { th: 'กรุณาใส่รหัส PIN 2', en: 'Enter PIN 2' });
      try {
        return sendJson(res, 200, await login(body.pin));
      } catch (err) {
        // Card errors: PIN_INCORRECT (details.triesLeft), PIN_BLOCKED, PIN_LAST_ATTEMPT, PIN_FORMAT, CARD_NOT_PRESENT …
        const e = err as {
          code?: string;
          message?: string;
          messageTh?: string;
          details?: { triesLeft?: number };
        };
        if (err instanceof HttpError || !e.code?.startsWith('PIN')) throw err;
        return sendJson(res, 401, {
          error: {
            code: e.code,
            message: { th: e.messageTh ?? e.message, en: e.message },
            ...(typeof e.details?.triesLeft === 'number' ? { triesLeft: e.details.triesLeft } : {}),
          },
        });
      }
    }
    if (req.method === 'GET' && url.pathname === '/api/session') {
      if (!session) throw new HttpError(401, 'NOT_LOGGED_IN', { th: 'ยังไม่ได้เข้าสู่ระบบ', en: 'Not logged in' });
      const { token: _token, ...visible } = session;
      return sendJson(res, 200, visible);
    }
    if (req.method === 'POST' && url.pathname === '/api/logout') {
      session = null;
      return sendJson(res, 200, { ok: true });
    }
    if (
      req.method === 'GET' &&
      !url.pathname.startsWith('/api/') &&
      (await serveStatic(res, PUBLIC_DIR, url.pathname))
    )
      return;
    throw new HttpError(404, 'NOT_FOUND', { th: 'ไม่พบ', en: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, err));
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url,
    /** The NHSO token of the logged-in staff member, for server-side NHSO calls (never sent to the page). */
    token: () => session?.token,
    close: () => closeServer(server),
  };
}
