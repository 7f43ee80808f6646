/**
 * The reception desk (จุดรับบริการ) server: one card reader, one counter.
 *
 * Three SDK pieces, each doing what it is best at:
 * - `@authenkit/thai-idcard` follows the reader (insert/remove events) and reads the card itself, fast and
 *   progressively: the name is on screen after the first READ, the photo follows.
 * - The NHSO Smart Card Agent (`createAgentClient`; the real Agent on :8189, or the sandbox's `startAgent`)
 *   checks the rights and issues the Authen Code with `requestVisitAuthen`, which never issues twice.
 * - The NHSO cloud client (`createNhsoClient`) answers "does NHSO have this code?" (`checkAuthenStatus`).
 *
 * Privacy: the server owns the reader, the Agent and the token. The page gets display-ready values and
 * the masked citizen ID only. Each card insertion starts a new random "session"; saving must name it, so
 * a code is never issued for a card that was swapped while the form was open.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  ageAt,
  bangkokDateKey,
  CERTIFIER_ROLES,
  type CertifierRole,
  claimTypes,
  formatThaiAge,
  formatThaiDate,
  getClaimType,
  getInscl,
  maskCitizenId,
  validateVisitRequest,
} from '@authenkit/authen-code';
import {
  type AgentClient,
  type CardRead,
  createAgentClient,
  createNhsoClient,
  type NhsoClient,
} from '@authenkit/nhso-client';
import {
  type ReadEvent,
  type ReaderManager,
  readThaiIdCard,
  type ThaiIdCardData,
} from '@authenkit/thai-idcard';
import {
  closeServer,
  createEventHub,
  HttpError,
  listen,
  readJson,
  SHARED_PUBLIC_DIR,
  sendBytes,
  sendError,
  sendJson,
  serveStatic,
} from '@authenkit-examples/shared/http';

/** Options of {@link startReceptionDesk}. */
export interface ReceptionDeskOptions {
  /** The reader manager to follow (PC/SC, or a virtual backend in tests and the demo). */
  readerManager: ReaderManager;
  /** NHSO cloud base URL for status checks: the sandbox's `url`, or your NHSO environment. */
  sandboxUrl?: string;
  /** Bearer token for the NHSO cloud (the sandbox's `token`, or `NHSO_TOKEN`). */
  token?: string;
  /** A ready cloud client instead of `sandboxUrl` + `token`. */
  nhso?: NhsoClient;
  /** The Smart Card Agent's origin (default `http://localhost:8189`, the NHSO Agent). */
  agentUrl?: string;
  /** A ready Agent client instead of `agentUrl`. */
  agent?: AgentClient;
  /** This unit (หน่วยบริการที่ให้บริการ). */
  hospital: { hcode: string; hname: string };
  /** Show the "sandbox" badge. Default: true when `sandboxUrl` is given. */
  sandbox?: boolean;
  /** Port, 0 (default) = ephemeral. */
  port?: number;
  /** Interface, default `127.0.0.1`: a counter app has no business listening on the LAN. */
  host?: string;
  /** Clock (tests). */
  now?: () => Date;
}

/** A running desk. */
export interface ReceptionDesk {
  /** Base URL, e.g. `http://127.0.0.1:49152/`. */
  readonly url: string;
  /** Current screen state (what the page sees). */
  state(): DeskState;
  /** Resolves once the card in the reader has been read and its rights checked; rejects on a read error. */
  whenCardReady(timeoutMs?: number): Promise<DeskState>;
  /** Stops the server (the reader manager stays the caller's to close). */
  close(): Promise<void>;
}

type Bilingual = { th: string; en: string };

/** What the page gets: display-ready, masked, bilingual. */
export interface DeskState {
  hospital: { hcode: string; hname: string };
  sandbox: boolean;
  reader: {
    name: string | null;
    state: 'none' | 'empty' | 'reading' | 'ready' | 'error';
    error?: { code: string; message: Bilingual };
  };
  card: null | {
    session: string;
    maskedPid: string;
    nameTh: string;
    nameEn: string;
    birthDate: Bilingual;
    sex: Bilingual;
    age: Bilingual;
    expiry: Bilingual;
    expired: boolean;
    photoVersion: number;
  };
  rights: null | {
    status: 'loading' | 'ok' | 'error';
    error?: { code: string; message: Bilingual };
    mainInscl?: { code: string; name: Bilingual };
    subInscl?: { code: string; name: Bilingual };
    hospMain?: { hcode: string; hname: string };
    hospSub?: { hcode: string; hname: string };
    /** Claim types the Agent offers for this patient (codes). */
    claimTypes?: string[];
  };
}

/** One code issued at this desk (kept in memory for the "today" table and the status button). */
interface Visit {
  time: string;
  maskedPid: string;
  name: string;
  claimType: string;
  claimCode: string;
  pid: string;
  serviceDate: string;
}

/** Choices of the form, from the SDK's catalogues (both languages). */
const OPTIONS = {
  claimTypes: claimTypes
    .filter((ct) => !ct.legacy)
    .map((ct) => ({ code: ct.code, name: { th: ct.nameTh, en: ct.nameEn } })),
  certifiers: Object.values(CERTIFIER_ROLES).map((r) => ({ value: r.code, label: { th: r.th, en: r.en } })),
};

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

const bilingualDate = (iso: string | null): Bilingual =>
  iso ? { th: formatThaiDate(iso), en: formatThaiDate(iso, { locale: 'en' }) } : { th: '–', en: '–' };

/** `YYYY-MM-DD` of an instant in Bangkok (UTC+7, no DST). */

const errorInfo = (err: unknown) => {
  const e = err as { code?: unknown; message?: unknown; messageTh?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'UNKNOWN';
  const en = typeof e?.message === 'string' ? e.message : 'error';
  return { code, message: { th: typeof e?.messageTh === 'string' ? e.messageTh : en, en } };
};

/**
 * Starts the reception-desk server.
 *
 * @example
 * ```ts
 * const desk = await startReceptionDesk({
 *   readerManager, agentUrl: agent.url, sandboxUrl: sandbox.url, token: sandbox.token,
 *   hospital: { hcode: '10699', hname: 'รพ.ทดสอบนนทบุรี' },
 * });
 * console.log(desk.url);
 * ```
 */
export async function startReceptionDesk(options: ReceptionDeskOptions): Promise<ReceptionDesk> {
  const now = options.now ?? (() => new Date());
  const nhso =
    options.nhso ??
    (() => {
      if (!options.sandboxUrl || !options.token)
        throw new TypeError('startReceptionDesk: pass `nhso`, or `sandboxUrl` and `token`');
      return createNhsoClient({
        token: options.token,
        environment: { baseUrl: options.sandboxUrl },
        hcode: options.hospital.hcode,
      });
    })();
  const agent = options.agent ?? createAgentClient({ baseUrl: options.agentUrl ?? 'http://localhost:8189' });
  const manager = options.readerManager;
  const hub = createEventHub();
  const visits: Visit[] = [];
  const state: DeskState = {
    hospital: options.hospital,
    sandbox: options.sandbox ?? Boolean(options.sandboxUrl),
    reader: { name: null, state: 'none' },
    card: null,
    rights: null,
  };
  /** Server side only: the full data of the current card session. */
  let current: {
    session: string;
    card: Partial<ThaiIdCardData>;
    photo?: Uint8Array;
    correlationId?: string | null;
  } | null = null;
  let waiters: { resolve: (s: DeskState) => void; reject: (e: unknown) => void }[] = [];

  const publish = () => hub.broadcast('state', state);
  const settle = (err?: unknown) => {
    const list = waiters;
    waiters = [];
    for (const w of list) {
      if (err) w.reject(err);
      else w.resolve(structuredClone(state));
    }
  };

  const ageText = (birthDate: string | null | undefined, on: Date): Bilingual => {
    if (!birthDate) return { th: '–', en: '–' };
    const age = ageAt(birthDate, on);
    return { th: formatThaiAge(age), en: formatThaiAge(age, { locale: 'en' }) };
  };

  /** Card data → the page's view (masked). Called after each progressive read event. */
  function showCard(session: string) {
    if (!current || current.session !== session || !current.card.citizenId) return;
    const c = current.card;
    const expired = Boolean(c.expiryDate && !c.lifelong && c.expiryDate < bangkokDateKey(now()));
    state.card = {
      session,
      maskedPid: maskCitizenId(c.citizenId!),
      nameTh: [c.titleTh, c.firstNameTh, c.middleNameTh, c.lastNameTh].filter(Boolean).join(' '),
      nameEn: [c.titleEn, c.firstNameEn, c.middleNameEn, c.lastNameEn].filter(Boolean).join(' '),
      birthDate: bilingualDate(c.birthDate ?? null),
      sex:
        c.sex === 'male'
          ? { th: 'ชาย', en: 'Male' }
          : c.sex === 'female'
            ? { th: 'หญิง', en: 'Female' }
            : { th: '–', en: '–' },
      age: ageText(c.birthDate, now()),
      expiry: c.lifelong ? { th: 'ตลอดชีพ', en: 'Lifelong' } : bilingualDate(c.expiryDate ?? null),
      expired,
      photoVersion: current.photo ? 1 : 0,
    };
    publish();
  }

  /** Rights and the correlation id come from the Agent's card read (as on NHSO's own screen). */
  async function checkRights(session: string) {
    state.rights = { status: 'loading' };
    publish();
    const right = (r: CardRead['mainInscl']) => {
      if (!r) return undefined;
      const info = getInscl(r.code);
      return { code: r.code, name: { th: r.name ?? info?.th ?? r.code, en: info?.en ?? r.name ?? r.code } };
    };
    const unit = (h: CardRead['hospMain']) => (h ? { hcode: h.hcode, hname: h.hname ?? '' } : undefined);
    try {
      const read = await agent.readCard();
      if (current?.session !== session) return;
      if (read.pid !== current.card.citizenId) {
        // The Agent read another card than ours (swapped in between): start over with the next insert.
        throw Object.assign(new Error('the card changed while reading'), { code: 'CARD_CHANGED' });
      }
      current.correlationId = read.correlationId;
      state.rights = {
        status: 'ok',
        mainInscl: right(read.mainInscl),
        subInscl: right(read.subInscl),
        hospMain: unit(read.hospMain),
        hospSub: unit(read.hospSub),
        claimTypes: read.claimTypes.map((c) => c.code),
      };
    } catch (err) {
      if (current?.session !== session) return;
      state.rights = { status: 'error', error: errorInfo(err) };
    }
    publish();
  }

  async function onInserted(reader: string) {
    const session = randomUUID();
    current = { session, card: {} };
    state.reader = { name: reader, state: 'reading' };
    state.card = null;
    state.rights = null;
    publish();
    const read = () =>
      readThaiIdCard(manager.transport(reader), {
        photo: true,
        signal: AbortSignal.timeout(30_000),
        onEvent: (e: ReadEvent) => {
          if (current?.session !== session) return;
          if (e.type === 'identity') Object.assign(current.card, e.identity);
          else if (e.type === 'text') Object.assign(current.card, e.data);
          else if (e.type === 'photo') current.photo = e.photo;
          else return;
          showCard(session);
        },
      });
    const stillPresent = () => manager.readers().some((r) => r.name === reader && r.cardPresent);
    try {
      let card: ThaiIdCardData | undefined;
      // A card that is still settling in the reader (contacts, PC/SC's 400 ms presence poll) can fail its
      // first APDUs with CARD_REMOVED while the reader still says "present": wait a moment and read again.
      for (let attempt = 1; !card; attempt++) {
        try {
          card = await read();
        } catch (err) {
          const code = (err as { code?: string }).code;
          const settling = code === 'CARD_REMOVED' || code === 'CARD_UNRESPONSIVE';
          if (!settling || attempt >= 3 || current?.session !== session || !stillPresent()) throw err;
          await new Promise((r) => setTimeout(r, 500 * attempt));
        }
      }
      if (current?.session !== session) return;
      current.card = card;
      if (card.photo) current.photo = card.photo;
      showCard(session);
      state.reader = { name: reader, state: 'ready' };
      publish();
      await checkRights(session);
      if (current?.session === session) settle();
    } catch (err) {
      if (current?.session !== session) return;
      state.reader = { name: reader, state: 'error', error: errorInfo(err) };
      state.card = null;
      current = null;
      publish();
      settle(err);
    }
  }

  const unsubscribe = [
    manager.on('reader-attached', ({ reader }) => {
      if (state.reader.state === 'none') {
        state.reader = { name: reader, state: 'empty' };
        publish();
      }
    }),
    manager.on('reader-detached', ({ reader }) => {
      if (state.reader.name !== reader) return;
      current = null;
      state.reader = { name: null, state: 'none' };
      state.card = null;
      state.rights = null;
      publish();
    }),
    manager.on('card-inserted', ({ reader }) => {
      void onInserted(reader);
    }),
    manager.on('card-removed', ({ reader }) => {
      if (state.reader.name !== reader) return;
      current = null;
      state.reader = { name: reader, state: 'empty' };
      state.card = null;
      state.rights = null;
      publish();
    }),
  ];
  // Readers (and a card) that were there before we subscribed.
  for (const r of manager.readers()) {
    if (r.cardPresent) void onInserted(r.name);
    else if (state.reader.state === 'none') state.reader = { name: r.name, state: 'empty' };
  }

  // ---------------------------------------------------------------------------------------------------
  // HTTP
  const requireSession = (session: unknown) => {
    if (!current || !state.card)
      throw new HttpError(409, 'CARD_NOT_PRESENT', { th: 'ไม่มีบัตรในเครื่องอ่าน', en: 'No card in the reader' });
    if (session !== current.session)
      throw new HttpError(409, 'CARD_CHANGED', {
        th: 'บัตรถูกถอดหรือเปลี่ยน',
        en: 'The card was removed or changed',
      });
    return current;
  };

  async function saveVisit(body: Record<string, unknown>) {
    const c = requireSession(body.session);
    const pid = c.card.citizenId!;
    const visitDateTime = `${String(body.visitDate ?? '')}T${String(body.visitTime ?? '')}:00+07:00`;
    // Pure checks from authen-code: claim type, phone (10 digits), HN, certifier, visit time not in the future.
    const checked = validateVisitRequest(
      {
        pid,
        claimType: String(body.claimType ?? ''),
        mobile: String(body.phone ?? ''),
        hn: body.hn ? String(body.hn) : undefined,
        hcode: options.hospital.hcode,
        visitDateTime,
        certifier: String(body.certifier ?? 'PATIENT') as CertifierRole,
        method: 'SMART_CARD',
      },
      { now },
    );
    if (!checked.valid)
      throw new HttpError(400, 'INVALID_REQUEST', {
        th: checked.issues.map((i) => i.messageTh).join(' · '),
        en: checked.issues.map((i) => i.message).join(' · '),
      });
    if (!c.correlationId)
      throw new HttpError(409, 'RIGHTS_NOT_CHECKED', {
        th: 'ยังตรวจสอบสิทธิไม่สำเร็จ กรุณาเสียบบัตรใหม่',
        en: 'Rights were not checked yet; please re-insert the card',
      });
    const v = checked.value;
    // Duplicate-safe: a same-day code for this claim type is returned (reused: true), never issued twice.
    const result = await agent.requestVisitAuthen({
      pid,
      claimType: v.claimType.code,
      mobile: v.mobile,
      correlationId: c.correlationId,
      hcode: options.hospital.hcode,
      ...(v.hn ? { hn: v.hn } : {}),
    });
    if (!visits.some((x) => x.claimCode === result.claimCode))
      visits.unshift({
        time: String(body.visitTime),
        maskedPid: state.card!.maskedPid,
        name: state.card!.nameTh,
        claimType: v.claimType.code,
        claimCode: result.claimCode,
        pid,
        serviceDate: bangkokDateKey(v.visitDateTime),
      });
    return { claimCode: result.claimCode, reused: result.reused };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://desk');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/api/events')
      return hub.open(req, res, { event: 'state', data: state });
    if (method === 'GET' && path === '/api/state') return sendJson(res, 200, state);
    if (method === 'GET' && path === '/api/options') return sendJson(res, 200, OPTIONS);
    if (method === 'GET' && path === '/api/card/photo') {
      const c = requireSession(url.searchParams.get('session'));
      if (!c.photo) throw new HttpError(404, 'NO_PHOTO', { th: 'ยังไม่มีรูป', en: 'No photo yet' });
      return sendBytes(res, 'image/jpeg', c.photo);
    }
    if (method === 'GET' && path === '/api/card/age') {
      const c = requireSession(url.searchParams.get('session'));
      const date = url.searchParams.get('date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new HttpError(400, 'INVALID_REQUEST', { th: 'วันที่ไม่ถูกต้อง', en: 'Invalid date' });
      return sendJson(res, 200, { age: ageText(c.card.birthDate, new Date(`${date}T12:00:00+07:00`)) });
    }
    if (method === 'GET' && path === '/api/visits')
      return sendJson(res, 200, {
        visits: visits.map((v) => ({
          time: v.time,
          maskedPid: v.maskedPid,
          name: v.name,
          claimType: v.claimType,
          claimCode: v.claimCode,
        })),
      });
    if (method === 'POST' && path === '/api/visits')
      return sendJson(res, 200, await saveVisit(await readJson(req)));
    const status = /^\/api\/visits\/([A-Z]{2}\d{6,14})\/status$/.exec(path);
    if (method === 'GET' && status) {
      const visit = visits.find((v) => v.claimCode === status[1]);
      if (!visit)
        throw new HttpError(404, 'NOT_FOUND', { th: 'ไม่พบรายการ', en: 'No such visit at this desk' });
      const answer = await nhso.checkAuthenStatus({ personalId: visit.pid, serviceDate: visit.serviceDate });
      const found = answer.histories.some((h) => h.claimCode === visit.claimCode);
      return sendJson(res, 200, { found, claimType: getClaimType(visit.claimType)?.code ?? visit.claimType });
    }
    if (
      method === 'GET' &&
      !path.startsWith('/api/') &&
      (await serveStatic(res, [PUBLIC_DIR, SHARED_PUBLIC_DIR], path))
    )
      return;
    throw new HttpError(404, 'NOT_FOUND', { th: 'ไม่พบหน้า', en: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => sendError(res, err));
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');

  return {
    url,
    state: () => structuredClone(state),
    whenCardReady(timeoutMs = 10_000) {
      if (state.reader.state === 'ready' && state.rights && state.rights.status !== 'loading')
        return Promise.resolve(structuredClone(state));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no card read within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          resolve: (s) => {
            clearTimeout(timer);
            resolve(s);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    async close() {
      for (const off of unsubscribe) off();
      hub.closeAll();
      await closeServer(server);
    },
  };
}
