import { AUTHEN_CODE_STATUSES } from './authen-code.js';
import { maskCitizenId } from './citizen-id.js';
import { AuthenCodeError } from './errors.js';
import {
  type AuthenCodeReportRecord,
  REPORT_COLUMNS,
  type ReportColumn,
  type ReportColumnKey,
} from './report.js';
import { type DateInput, EN_MONTHS, THAI_MONTHS, toEpochMs } from './thai-time.js';
import { AUTHEN_CHANNELS, CERTIFIER_ROLES, VERIFICATION_METHODS } from './vocab.js';

/**
 * How report cells are rendered (shared by CSV and XLSX export).
 *
 * @example
 * ```ts
 * import type { ReportRowOptions } from '@authenkit/authen-code';
 * const o: ReportRowOptions = { language: 'en', dateStyle: 'iso', maskPid: true };
 * ```
 */
export interface ReportRowOptions {
  /** Header and label language: `th` (default, the NHSO report's texts) or `en`. */
  language?: 'th' | 'en';
  /**
   * Dates: `report` (default) — `07 ธันวาคม 2563` as in the NHSO report (English: `7 December 2020`);
   * `datetime` — `07/12/2563 12:03`; `iso` — `2020-12-07T12:03:00+07:00`.
   */
  dateStyle?: 'report' | 'datetime' | 'iso';
  /** Mask citizen IDs as `1-1017-xxxxx-xx-8` (default `false`: the report is for authorised staff). */
  maskPid?: boolean;
  /** Which columns, in which order (default: all 17 of {@link REPORT_COLUMNS}). */
  columns?: readonly ReportColumnKey[];
}

const BKK = 7 * 3_600_000;
const DAY = 86_400_000;
const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function resolveColumns(columns: readonly ReportColumnKey[] | undefined): readonly ReportColumn[] {
  if (columns === undefined) return REPORT_COLUMNS;
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'columns must be a non-empty array of column keys');
  }
  return columns.map((k) => {
    const c = REPORT_COLUMNS.find((x) => x.key === k);
    if (!c) throw new AuthenCodeError('INVALID_ARGUMENT', `unknown report column: ${String(k)}`);
    return c;
  });
}

/**
 * The header texts for the chosen columns and language.
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for unknown column keys
 * @example
 * ```ts
 * import { reportHeader } from '@authenkit/authen-code';
 * console.log(reportHeader({ columns: ['authenCode', 'status'] })); // ['รหัสการเข้ารับการรักษา (Authen Code)', 'สถานะการใช้งาน']
 * ```
 */
export function reportHeader(options: ReportRowOptions = {}): string[] {
  const en = options.language === 'en';
  return resolveColumns(options.columns).map((c) => (en ? c.en : c.th));
}

/**
 * Builds the per-column cell renderers. `encode` is applied to every value that may contain arbitrary text
 * (free-text fields, unknown codes); known labels are escaped once up front and dates never need it.
 * @internal
 */
export function buildCellRenderers(
  options: ReportRowOptions,
  encode: (value: string) => string,
): ((record: AuthenCodeReportRecord) => string)[] {
  const en = options.language === 'en';
  if (options.language !== undefined && options.language !== 'th' && !en) {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'language must be "th" or "en"');
  }
  const dateStyle = options.dateStyle ?? 'report';
  if (dateStyle !== 'report' && dateStyle !== 'datetime' && dateStyle !== 'iso') {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'dateStyle must be "report", "datetime" or "iso"');
  }
  const cols = resolveColumns(options.columns).map((c) => c.key);
  const mask = options.maskPid === true;

  const dayCache = new Map<number, string>();
  const dayText = (day: number): string => {
    let s = dayCache.get(day);
    if (s !== undefined) return s;
    const d = new Date(day * DAY);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    const dd = d.getUTCDate();
    if (dateStyle === 'report') {
      s = en ? `${dd} ${EN_MONTHS[m]} ${y}` : `${p2(dd)} ${THAI_MONTHS.long[m]} ${y + 543}`;
    } else if (dateStyle === 'datetime') {
      s = `${p2(dd)}/${p2(m + 1)}/${en ? y : y + 543}`;
    } else {
      s = `${String(y).padStart(4, '0')}-${p2(m + 1)}-${p2(dd)}`;
    }
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(day, s);
    return s;
  };
  const invalid = (field: string, cause?: unknown) =>
    new AuthenCodeError('INVALID_ARGUMENT', `report record has an invalid ${field}`, {
      ...(cause === undefined ? {} : { cause }),
      details: { field },
    });
  const date = (v: DateInput | null | undefined, field: string): string => {
    let ms: number;
    if (v instanceof Date) ms = v.getTime();
    else if (typeof v === 'number') ms = v;
    else if (v === undefined || v === null || v === '') return '';
    else {
      try {
        ms = toEpochMs(v);
      } catch (e) {
        throw invalid(field, e);
      }
    }
    if (!Number.isFinite(ms)) throw invalid(field);
    const local = ms + BKK;
    const day = Math.floor(local / DAY);
    const base = dayText(day);
    if (dateStyle === 'report') return base;
    const t = local - day * DAY;
    const hh = Math.floor(t / 3_600_000);
    const mm = Math.floor((t % 3_600_000) / 60_000);
    if (dateStyle === 'datetime') return `${base} ${p2(hh)}:${p2(mm)}`;
    const ss = Math.floor((t % 60_000) / 1000);
    return `${base}T${p2(hh)}:${p2(mm)}:${p2(ss)}+07:00`;
  };
  const labels = <C extends string>(
    table: Readonly<Record<C, { th?: string; en: string; report?: string }>>,
    pickTh: 'th' | 'report',
  ): ((v: string | undefined) => string) => {
    const m = new Map<string, string>();
    for (const [code, row] of Object.entries(table) as [
      string,
      { th?: string; en: string; report?: string },
    ][]) {
      m.set(code, encode(en ? row.en : (row[pickTh] ?? row.en)));
    }
    return (v) => {
      if (v === undefined || v === null) return '';
      const hit = m.get(v);
      return hit !== undefined ? hit : encode(String(v));
    };
  };
  const statusOf = labels(AUTHEN_CODE_STATUSES, 'th');
  const channelOf = labels(AUTHEN_CHANNELS, 'report');
  const methodOf = labels(VERIFICATION_METHODS, 'report');
  const certifierOf = labels(CERTIFIER_ROLES, 'report');
  const str = (v: unknown): string =>
    v === undefined || v === null ? '' : encode(typeof v === 'string' ? v : String(v));

  const cell: Record<ReportColumnKey, (r: AuthenCodeReportRecord) => string> = {
    hcode: (r) => str(r.hcode),
    hname: (r) => str(r.hname),
    pid: mask ? (r) => (r.pid ? maskCitizenId(r.pid) : '') : (r) => str(r.pid),
    fullName: (r) => str(r.fullName),
    authenCode: (r) => str(r.authenCode),
    claimType: (r) => str(r.claimType),
    hn: (r) => str(r.hn),
    an: (r) => str(r.an),
    visitDateTime: (r) => date(r.visitDateTime, 'visitDateTime'),
    recordDateTime: (r) => date(r.recordDateTime, 'recordDateTime'),
    status: (r) => statusOf(r.status),
    channel: (r) => channelOf(r.channel),
    verificationMethod: (r) => methodOf(r.verificationMethod),
    certifier: (r) => certifierOf(r.certifier),
    editedAt: (r) => date(r.editedAt, 'editedAt'),
    editorName: (r) => str(r.editorName),
    cancelReason: (r) => str(r.cancelReason),
  };
  return cols.map((k) => cell[k]);
}

/**
 * Builds a fast row renderer: record → cell strings in column order (labels in the chosen language, dates in
 * Asia/Bangkok). Unknown codes are kept as given; missing optional values become `''`.
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for bad options; the returned function throws
 *   `INVALID_ARGUMENT` for a record with an invalid date (naming the field, not the value)
 * @example
 * ```ts
 * import { createReportRowFormatter, generateReportRecords } from '@authenkit/authen-code';
 * const row = createReportRowFormatter({ columns: ['authenCode', 'visitDateTime'] });
 * for (const r of generateReportRecords({ count: 2, seed: 1 })) console.log(row(r));
 * ```
 */
export function createReportRowFormatter(
  options: ReportRowOptions = {},
): (record: AuthenCodeReportRecord) => string[] {
  const fns = buildCellRenderers(options, (v) => v);
  const n = fns.length;
  return (record) => {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = fns[i]!(record);
    return out;
  };
}
