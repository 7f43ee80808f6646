/**
 * The NHSO "รายงานสรุปการขอรหัส Authen Code" page for one service unit: every filter of the deck, the
 * 17-column table, CSV and Excel downloads.
 *
 * - Data: the authenservice web report API (`GET /authencode/api/authencode-report`, Bearer), fetched page
 *   by page for the unit and a date window of at most 14 days — as NHSO's own screen requires.
 * - Everything else is `@authenkit/authen-code`: the items become `AuthenCodeReportRecord`s, `filterReport`
 *   applies the deck's filters, `createReportRowFormatter` renders the table (PIDs masked on screen),
 *   `toCsv` and `toXlsx` stream the downloads (full PIDs: the files are for authorised staff).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  AUTHEN_CHANNELS,
  AUTHEN_CODE_STATUSES,
  type AuthenChannel,
  type AuthenCodeReportRecord,
  type AuthenCodeStatus,
  bangkokDateKey,
  CERTIFIER_ROLES,
  type CertifierRole,
  claimTypes,
  createReportRowFormatter,
  filterReport,
  formatThaiDate,
  isAuthenCodeError,
  NHSO_ZONES,
  REPORT_COLUMNS,
  type ReportFilter,
  SERVICE_TYPES,
  type ServiceTypeCode,
  toCsv,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from '@authenkit/authen-code';
import { toXlsx } from '@authenkit/authen-code/xlsx';
import {
  closeServer,
  HttpError,
  listen,
  SHARED_PUBLIC_DIR,
  sendError,
  sendJson,
  serveStatic,
} from '@authenkit-examples/shared/http';

/** The unit whose report this is (the logged-in staff member's unit in a real system). */
export interface ReportUnit {
  hcode: string;
  hname: string;
  /** NHSO zone (เขต) 1–13. */
  zone: number;
  /** Province code (e.g. `1200`) and name. */
  provinceCode: string;
  provinceName: string;
}

/** Options of {@link startAuthenReport}. */
export interface AuthenReportOptions {
  /** Origin of the authenservice report API (the sandbox's `url` offline). */
  baseUrl: string;
  /** Bearer token. */
  token: string;
  unit: ReportUnit;
  /** Show the "sandbox" badge. */
  sandbox?: boolean;
  port?: number;
  host?: string;
  /** Clock (default dates of the form). */
  now?: () => Date;
  /** fetch (tests). */
  fetch?: typeof fetch;
}

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
const REPORT_PATH = '/authencode/api/authencode-report';
const MAX_SPAN_DAYS = 14;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

type Item = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * One item of the web report API as an authen-code report record. The API's status/channel/method values
 * are authen-code's own codes (the sandbox) or NHSO's labels (`ERM-ONLINE`); both are accepted.
 */
export function itemToRecord(item: Item, unit: ReportUnit): AuthenCodeReportRecord {
  const oneOf = <T extends string>(
    table: Record<T, { code: T; th: string; en: string; report?: string }>,
    v: unknown,
  ) => {
    const s = String(v ?? '');
    const hit = (Object.values(table) as { code: T; th: string; report?: string }[]).find(
      (e) => e.code === s || e.code.toLowerCase() === s.toLowerCase() || e.report === s || e.th === s,
    );
    return hit?.code;
  };
  return {
    zone: unit.zone,
    provinceCode: unit.provinceCode,
    provinceName: unit.provinceName,
    hcode: String(item.hmain ?? unit.hcode),
    hname: str(item.hname) ?? unit.hname,
    pid: String(item.personalId ?? ''),
    fullName: str(item.patientName) ?? '',
    authenCode: String(item.claimCode ?? ''),
    claimType: String(item.claimType ?? ''),
    hn: str(item.hnCode),
    an: str(item.anCode),
    visitDateTime: String(item.claimDate),
    recordDateTime: String(item.createDate),
    status: oneOf<AuthenCodeStatus>(AUTHEN_CODE_STATUSES, item.claimStatus) ?? 'issued',
    channel: oneOf<AuthenChannel>(AUTHEN_CHANNELS, item.sourceChannel) ?? 'AGENT',
    verificationMethod: oneOf<VerificationMethod>(VERIFICATION_METHODS, item.authenMethod) ?? 'SMART_CARD',
    certifier: oneOf<CertifierRole>(CERTIFIER_ROLES, item.certifier) ?? 'PATIENT',
    editedAt: str(item.editDate) ?? null,
    editorName: str(item.editBy),
    cancelReason: str(item.cancelReason),
    recorderPid: str(item.createBy),
  };
}

/** The form's query → the deck's filter. Dates arrive as `YYYY-MM-DD`. */
export function queryToFilter(q: URLSearchParams): ReportFilter {
  const get = (k: string) => q.get(k)?.trim() || undefined;
  const range = (from: string, to: string) =>
    get(from) || get(to) ? { from: get(from), to: get(to) } : undefined;
  const f: ReportFilter = {
    zone: get('zone') ? Number(get('zone')) : undefined,
    province: get('province'),
    hcode: get('hcode'),
    hname: get('hname'),
    pid: get('pid')?.replace(/\D/g, ''),
    authenCode: get('claimCode')?.toUpperCase(),
    serviceType: get('serviceType') as ServiceTypeCode | undefined,
    claimType: get('claimType'),
    visitDate: range('serviceFrom', 'serviceTo'),
    recordDate: range('recordedFrom', 'recordedTo'),
    channel: get('channel') as AuthenChannel | undefined,
    status: get('status') as AuthenCodeStatus | undefined,
    certifier: get('certifier') as CertifierRole | undefined,
    verificationMethod: get('verification') as VerificationMethod | undefined,
    recorderPid: get('recorderPid')?.replace(/\D/g, ''),
  };
  for (const k of Object.keys(f) as (keyof ReportFilter)[]) if (f[k] === undefined) delete f[k];
  return f;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Starts the report server.
 *
 * @example
 * ```ts
 * const app = await startAuthenReport({ baseUrl: sandbox.url, token: sandbox.token, unit });
 * console.log(app.url);
 * ```
 */
export async function startAuthenReport(options: AuthenReportOptions) {
  const unit = options.unit;
  const now = options.now ?? (() => new Date());
  const doFetch = options.fetch ?? fetch;
  const label = (x: { th: string; en: string }) => ({ th: x.th, en: x.en });
  const OPTIONS = {
    sandbox: options.sandbox ?? false,
    columns: REPORT_COLUMNS.map((c) => ({ key: c.key, label: { th: c.th, en: c.en } })),
    zones: [
      {
        value: String(unit.zone),
        label: { th: `เขต ${unit.zone} ${NHSO_ZONES[unit.zone] ?? ''}`, en: `Zone ${unit.zone}` },
      },
    ],
    provinces: [{ value: unit.provinceCode, label: { th: unit.provinceName, en: unit.provinceName } }],
    units: [
      {
        value: unit.hcode,
        label: { th: `${unit.hcode} : ${unit.hname}`, en: `${unit.hcode} : ${unit.hname}` },
      },
    ],
    serviceTypes: Object.values(SERVICE_TYPES).map((s) => ({ value: s.code, label: label(s) })),
    claimTypes: claimTypes.map((c) => ({
      value: c.code,
      label: { th: `${c.code} : ${c.nameTh}`, en: `${c.code} : ${c.nameEn}` },
    })),
    channels: Object.values(AUTHEN_CHANNELS).map((c) => ({ value: c.code, label: label(c) })),
    statuses: Object.values(AUTHEN_CODE_STATUSES).map((c) => ({ value: c.code, label: label(c) })),
    certifiers: Object.values(CERTIFIER_ROLES).map((c) => ({ value: c.code, label: label(c) })),
    verifications: Object.values(VERIFICATION_METHODS).map((c) => ({ value: c.code, label: label(c) })),
  };

  /** The upstream date window: the visit-date range of the form (default: the last 7 days). */
  function window(q: URLSearchParams) {
    const today = bangkokDateKey(now());
    const from = q.get('serviceFrom') || addDays(q.get('serviceTo') || today, -6);
    const to = q.get('serviceTo') || (q.get('serviceFrom') ? addDays(from, 6) : today);
    if (!DATE_RE.test(from) || !DATE_RE.test(to))
      throw new HttpError(400, 'INVALID_REQUEST', { th: 'รูปแบบวันที่ไม่ถูกต้อง', en: 'Dates must be YYYY-MM-DD' });
    const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (span < 0)
      throw new HttpError(400, 'INVALID_REQUEST', {
        th: 'วันที่สิ้นสุดต้องไม่น้อยกว่าวันที่เริ่มต้น',
        en: 'The end date is before the start date',
      });
    if (span > MAX_SPAN_DAYS)
      throw new HttpError(400, 'REPORT_WINDOW_TOO_LONG', {
        th: `ช่วงวันที่เข้ารับบริการต้องไม่เกิน ${MAX_SPAN_DAYS} วัน`,
        en: `The visit-date range may span at most ${MAX_SPAN_DAYS} days`,
      });
    return { from, to };
  }

  /** Every item of the unit in the window, page by page (1000 per page). */
  async function* upstream(win: { from: string; to: string }): AsyncGenerator<AuthenCodeReportRecord> {
    for (let page = 0; ; page++) {
      const url = new URL(REPORT_PATH, options.baseUrl);
      url.search = new URLSearchParams({
        hcode: unit.hcode,
        claimDateFrom: win.from,
        claimDateTo: win.to,
        page: String(page),
        size: '1000',
        sort: 'claimDate,asc',
      }).toString();
      const res = await doFetch(url, {
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string; messageTh?: string };
        const code = res.status === 401 || res.status === 403 ? 'UNAUTHORIZED' : 'UPSTREAM';
        throw new HttpError(502, code, {
          th: body.messageTh ?? 'ดึงรายงานจาก สปสช. ไม่สำเร็จ',
          en: `NHSO report answered ${res.status}`,
        });
      }
      const body = (await res.json()) as { content?: Item[]; last?: boolean };
      for (const item of body.content ?? []) yield itemToRecord(item, unit);
      if (body.last !== false || !body.content?.length) return;
    }
  }

  function filtered(q: URLSearchParams) {
    const win = window(q);
    const filter = queryToFilter(q);
    filter.visitDate = { from: win.from, to: win.to };
    try {
      return { win, rows: filterReport(upstream(win), filter) };
    } catch (err) {
      if (isAuthenCodeError(err))
        throw new HttpError(400, 'INVALID_FILTER', { th: 'เงื่อนไขการค้นหาไม่ถูกต้อง', en: err.message });
      throw err;
    }
  }

  const caption = (win: { from: string; to: string }) => ({
    th: `รายงานสรุปการขอรหัส Authen Code ของ${unit.hname} ช่วงวันที่ ${formatThaiDate(win.from)} ถึง ${formatThaiDate(win.to)}`,
    en: `Authen Code report of ${unit.hname}, ${formatThaiDate(win.from, { locale: 'en' })} to ${formatThaiDate(win.to, { locale: 'en' })}`,
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://report');
    const path = url.pathname;
    if (req.method !== 'GET') throw new HttpError(405, 'METHOD', { th: 'ไม่รองรับ', en: 'Method not allowed' });
    if (path === '/api/options') return sendJson(res, 200, OPTIONS);
    if (path === '/api/report') {
      const { win, rows } = filtered(url.searchParams);
      const th = createReportRowFormatter({ maskPid: true });
      const en = createReportRowFormatter({ maskPid: true, language: 'en' });
      const out: { th: string[]; en: string[] }[] = [];
      for await (const r of rows) out.push({ th: th(r), en: en(r) });
      return sendJson(res, 200, { caption: caption(win), total: out.length, rows: out });
    }
    if (path === '/api/report.csv' || path === '/api/report.xlsx') {
      const { win, rows } = filtered(url.searchParams);
      const language = url.searchParams.get('lang') === 'en' ? 'en' : 'th';
      const name = `authen-code-report-${unit.hcode}-${win.from}-${win.to}`;
      // Collect first (one unit, at most 14 days), so an upstream failure is still a clean error response.
      const records: AuthenCodeReportRecord[] = [];
      for await (const r of rows) records.push(r);
      if (path.endsWith('.csv')) {
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.csv"`,
          'cache-control': 'no-store',
        });
        Readable.from(toCsv(records, { language })).pipe(res);
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}.xlsx"`,
        'cache-control': 'no-store',
      });
      await toXlsx(records, { stream: res, language, title: caption(win)[language] });
      return;
    }
    if (!path.startsWith('/api/') && (await serveStatic(res, [PUBLIC_DIR, SHARED_PUBLIC_DIR], path))) return;
    throw new HttpError(404, 'NOT_FOUND', { th: 'ไม่พบ', en: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) res.destroy(err instanceof Error ? err : undefined);
      else sendError(res, err);
    });
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url, close: () => closeServer(server) };
}
