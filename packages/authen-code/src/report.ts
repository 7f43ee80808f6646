import { AUTHEN_CODE_STATUSES, type AuthenCodeStatus, isAuthenCode } from './authen-code.js';
import { validateCitizenId } from './citizen-id.js';
import { getClaimType, SERVICE_TYPES, type ServiceTypeCode } from './claim-types.js';
import { AuthenCodeError } from './errors.js';
import { bangkokDateKey, type DateInput, parseThaiDate } from './thai-time.js';
import {
  AUTHEN_CHANNELS,
  type AuthenChannel,
  CERTIFIER_ROLES,
  type CertifierRole,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from './vocab.js';

/**
 * One row of the NHSO "รายงานสรุปการขอรหัส Authen Code" (Authen Code summary report), plus the fields
 * its filters use (zone, province, service, recorder) that are not printed as columns.
 *
 * @example
 * ```ts
 * import type { AuthenCodeReportRecord } from '@authenkit/authen-code';
 * const r: AuthenCodeReportRecord = {
 *   hcode: '10998', hname: 'รพ.ตัวอย่าง', pid: '1101700230708', fullName: 'ธิดา ใจดี',
 *   authenCode: 'OP1000001444', claimType: 'OPD', hn: 'HN1111',
 *   visitDateTime: '2020-12-07T09:15', recordDateTime: '2020-12-07T09:16',
 *   status: 'issued', channel: 'ERM_ONLINE', verificationMethod: 'PID_ENTRY', certifier: 'CAREGIVER',
 * };
 * ```
 */
export interface AuthenCodeReportRecord {
  /** NHSO region (เขต) 1–13. */
  zone?: number | undefined;
  /** Province code (e.g. `1400`). */
  provinceCode?: string | undefined;
  /** Province name in Thai (e.g. `พระนครศรีอยุธยา`). */
  provinceName?: string | undefined;
  /** รหัสหน่วยบริการที่ให้บริการ — 5-digit service unit code. */
  hcode: string;
  /** ชื่อหน่วยบริการที่ให้บริการ. */
  hname: string;
  /** เลขประจำตัวประชาชน (13 digits). */
  pid: string;
  /** ชื่อ-สกุลประชาชน. */
  fullName: string;
  /** รหัสการเข้ารับการรักษา (Authen Code). */
  authenCode: string;
  /** Claim type (service) code shown in the ประเภทการเข้ารับบริการ column, e.g. `OPD`, `PG0010065`. */
  claimType: string;
  /** Service type for filtering; derived from `claimType` via the catalogue when absent. */
  serviceType?: ServiceTypeCode | undefined;
  /** HN Code. */
  hn?: string | undefined;
  /** AN Code (admissions). */
  an?: string | undefined;
  /** วันที่เข้ารับบริการ. */
  visitDateTime: DateInput;
  /** วันที่บันทึกข้อมูล Authen Code. */
  recordDateTime: DateInput;
  /** สถานะการใช้งาน. */
  status: AuthenCodeStatus;
  /** ช่องทางขอ Authen Code. */
  channel: AuthenChannel;
  /** วิธีการพิสูจน์ตัวตนในการเข้ารับบริการ. */
  verificationMethod: VerificationMethod;
  /** ผู้รับรองการเข้ารับบริการ. */
  certifier: CertifierRole;
  /** วันที่แก้ไข Authen Code. */
  editedAt?: DateInput | null | undefined;
  /** ชื่อผู้แก้ไข Authen Code. */
  editorName?: string | undefined;
  /** เหตุผลการยกเลิก. */
  cancelReason?: string | undefined;
  /** PID ผู้บันทึกข้อมูล (filter only, never a column). */
  recorderPid?: string | undefined;
}

/**
 * Key of a report column (a field of {@link AuthenCodeReportRecord}).
 *
 * @example
 * ```ts
 * import type { ReportColumnKey } from '@authenkit/authen-code';
 * const k: ReportColumnKey = 'authenCode';
 * ```
 */
export type ReportColumnKey =
  | 'hcode'
  | 'hname'
  | 'pid'
  | 'fullName'
  | 'authenCode'
  | 'claimType'
  | 'hn'
  | 'an'
  | 'visitDateTime'
  | 'recordDateTime'
  | 'status'
  | 'channel'
  | 'verificationMethod'
  | 'certifier'
  | 'editedAt'
  | 'editorName'
  | 'cancelReason';

/**
 * A report column: its record key, the NHSO deck's Thai header and an English label.
 *
 * @example
 * ```ts
 * import { REPORT_COLUMNS, type ReportColumn } from '@authenkit/authen-code';
 * const first: ReportColumn = REPORT_COLUMNS[0]!;
 * console.log(first.th); // 'รหัสหน่วยบริการที่ให้บริการ'
 * ```
 */
export interface ReportColumn {
  readonly key: ReportColumnKey;
  /** Header text exactly as in the NHSO deck. */
  readonly th: string;
  /** English label. */
  readonly en: string;
}

/**
 * The 17 columns of the NHSO Authen Code summary report, in the deck's order, with the deck's Thai headers.
 *
 * @example
 * ```ts
 * import { REPORT_COLUMNS } from '@authenkit/authen-code';
 * console.log(REPORT_COLUMNS.length, REPORT_COLUMNS.map((c) => c.key).join(','));
 * ```
 */
export const REPORT_COLUMNS: readonly ReportColumn[] = Object.freeze(
  (
    [
      ['hcode', 'รหัสหน่วยบริการที่ให้บริการ', 'Service unit code'],
      ['hname', 'ชื่อหน่วยบริการที่ให้บริการ', 'Service unit name'],
      ['pid', 'เลขประจำตัวประชาชน', 'Citizen ID'],
      ['fullName', 'ชื่อ-สกุลประชาชน', 'Full name'],
      ['authenCode', 'รหัสการเข้ารับการรักษา (Authen Code)', 'Authen Code'],
      ['claimType', 'ประเภทการเข้ารับบริการ', 'Service'],
      ['hn', 'HN Code', 'HN'],
      ['an', 'AN Code', 'AN'],
      ['visitDateTime', 'วันที่เข้ารับบริการ', 'Visit date'],
      ['recordDateTime', 'วันที่บันทึกข้อมูล Authen Code', 'Authen Code record date'],
      ['status', 'สถานะการใช้งาน', 'Status'],
      ['channel', 'ช่องทางขอ Authen code', 'Request channel'],
      ['verificationMethod', 'วิธีการพิสูจน์ตัวตนในการเข้ารับบริการ', 'Verification method'],
      ['certifier', 'ผู้รับรองการเข้ารับบริการ', 'Certified by'],
      ['editedAt', 'วันที่แก้ไข Authen Code', 'Authen Code edit date'],
      ['editorName', 'ชื่อผู้แก้ไข Authen Code', 'Edited by'],
      ['cancelReason', 'เหตุผลการยกเลิก', 'Cancellation reason'],
    ] as const
  ).map(([key, th, en]) => Object.freeze({ key, th, en })),
);

/**
 * NHSO regions (เขตสุขภาพ / สปสช. เขต) 1–13 with the seat city used in the report filter ("เขต 4 สระบุรี").
 *
 * @example
 * ```ts
 * import { NHSO_ZONES } from '@authenkit/authen-code';
 * console.log(NHSO_ZONES[4]); // 'สระบุรี'
 * ```
 */
export const NHSO_ZONES: Readonly<Record<number, string>> = Object.freeze({
  1: 'เชียงใหม่',
  2: 'พิษณุโลก',
  3: 'นครสวรรค์',
  4: 'สระบุรี',
  5: 'ราชบุรี',
  6: 'ระยอง',
  7: 'ขอนแก่น',
  8: 'อุดรธานี',
  9: 'นครราชสีมา',
  10: 'อุบลราชธานี',
  11: 'สุราษฎร์ธานี',
  12: 'สงขลา',
  13: 'กรุงเทพมหานคร',
});

/**
 * A date range for the report filter, inclusive, as Bangkok calendar days. Each end may be an ISO date
 * (`2020-12-01`), a Thai date (`01/12/2563`) or any {@link DateInput}.
 *
 * @example
 * ```ts
 * import type { DateRange } from '@authenkit/authen-code';
 * const r: DateRange = { from: '01/12/2563', to: '2020-12-23' };
 * ```
 */
export interface DateRange {
  from?: DateInput | undefined;
  to?: DateInput | undefined;
}

/**
 * Every filter of the NHSO report screen. All are optional; given ones must all match.
 *
 * @example
 * ```ts
 * import type { ReportFilter } from '@authenkit/authen-code';
 * const f: ReportFilter = { zone: 4, province: 'พระนครศรีอยุธยา', serviceType: 'PP', claimType: 'PG0010066',
 *   visitDate: { from: '01/12/2563', to: '01/12/2563' }, channel: 'ERM_ONLINE' };
 * ```
 */
export interface ReportFilter {
  /** เขต: 1–13. */
  zone?: number | undefined;
  /** จังหวัด: province code or Thai name (exact). */
  province?: string | undefined;
  /** หน่วยบริการที่ให้บริการ: 5-digit hcode. */
  hcode?: string | undefined;
  /** ชื่อหน่วยบริการที่ให้บริการ: case-insensitive substring. */
  hname?: string | undefined;
  /** เลขประจำตัวประชาชน. */
  pid?: string | undefined;
  /** รหัสการเข้ารับการรักษา (Authen Code). */
  authenCode?: string | undefined;
  /** ประเภทการเข้ารับบริการ. */
  serviceType?: ServiceTypeCode | undefined;
  /** บริการ: claim type code. */
  claimType?: string | undefined;
  /** วันที่เข้ารับบริการ (เริ่มต้น–สิ้นสุด). */
  visitDate?: DateRange | undefined;
  /** วันที่บันทึกข้อมูล Authen Code (เริ่มต้น–สิ้นสุด). */
  recordDate?: DateRange | undefined;
  /** ช่องทางขอ Authen Code. */
  channel?: AuthenChannel | undefined;
  /** สถานะการใช้งาน. */
  status?: AuthenCodeStatus | undefined;
  /** ผู้รับรองการเข้ารับบริการ. */
  certifier?: CertifierRole | undefined;
  /** วิธีการพิสูจน์ตัวตนในการเข้ารับบริการ. */
  verificationMethod?: VerificationMethod | undefined;
  /** PID ผู้บันทึกข้อมูล. */
  recorderPid?: string | undefined;
}

/**
 * One problem found in a {@link ReportFilter} (no values echoed).
 *
 * @example
 * ```ts
 * import type { ReportFilterIssue } from '@authenkit/authen-code';
 * const i: ReportFilterIssue = { field: 'zone', message: 'zone must be an integer 1–13' };
 * ```
 */
export interface ReportFilterIssue {
  readonly field: string;
  readonly message: string;
}

const FILTER_KEYS = new Set<string>([
  'zone',
  'province',
  'hcode',
  'hname',
  'pid',
  'authenCode',
  'serviceType',
  'claimType',
  'visitDate',
  'recordDate',
  'channel',
  'status',
  'certifier',
  'verificationMethod',
  'recorderPid',
]);

/** A filter after validation: normalised values, date ranges as `YYYY-MM-DD` keys. */
interface NormalizedFilter {
  zone?: number;
  province?: string;
  hcode?: string;
  hname?: string;
  pid?: string;
  authenCode?: string;
  serviceType?: ServiceTypeCode;
  claimType?: string;
  visitFrom?: string;
  visitTo?: string;
  recordFrom?: string;
  recordTo?: string;
  channel?: AuthenChannel;
  status?: AuthenCodeStatus;
  certifier?: CertifierRole;
  verificationMethod?: VerificationMethod;
  recorderPid?: string;
}

function dayKeyOf(v: DateInput): string {
  if (typeof v === 'string' && /^\s*\d{1,2}\/\d{1,2}\/\d{4}\s*$/.test(v))
    return bangkokDateKey(parseThaiDate(v));
  return bangkokDateKey(v);
}

function normalizeFilter(filter: ReportFilter): NormalizedFilter {
  const issues: ReportFilterIssue[] = [];
  const out: NormalizedFilter = {};
  if (typeof filter !== 'object' || filter === null) {
    throw new AuthenCodeError('INVALID_FILTER', 'filter must be an object', {
      details: { issues: [{ field: '', message: 'filter must be an object' }] },
    });
  }
  const bad = (field: string, message: string) => issues.push({ field, message });
  for (const k of Object.keys(filter)) if (!FILTER_KEYS.has(k)) bad(k, 'unknown filter field');
  const f = filter as Record<string, unknown>;
  const given = (k: string) => f[k] !== undefined && f[k] !== null && f[k] !== '';
  const str = (k: string) => (typeof f[k] === 'string' ? (f[k] as string).trim() : undefined);

  if (given('zone')) {
    if (typeof f.zone === 'number' && Number.isInteger(f.zone) && f.zone >= 1 && f.zone <= 13)
      out.zone = f.zone;
    else bad('zone', 'zone must be an integer 1–13');
  }
  if (given('province')) {
    const s = str('province');
    if (s) out.province = s;
    else bad('province', 'province must be a non-empty string (code or Thai name)');
  }
  if (given('hcode')) {
    const s = str('hcode');
    if (s && /^\d{5}$/.test(s)) out.hcode = s;
    else bad('hcode', 'hcode must be 5 digits');
  }
  if (given('hname')) {
    const s = str('hname');
    if (s) out.hname = s.toLowerCase();
    else bad('hname', 'hname must be a non-empty string');
  }
  for (const k of ['pid', 'recorderPid'] as const) {
    if (!given(k)) continue;
    const r = validateCitizenId(f[k] as string);
    if (r.valid) out[k] = r.value;
    else bad(k, r.message);
  }
  if (given('authenCode')) {
    if (isAuthenCode(f.authenCode)) out.authenCode = (f.authenCode as string).trim().toUpperCase();
    else bad('authenCode', 'authenCode is not a valid Authen Code');
  }
  if (given('serviceType')) {
    if (typeof f.serviceType === 'string' && Object.hasOwn(SERVICE_TYPES, f.serviceType)) {
      out.serviceType = f.serviceType as ServiceTypeCode;
    } else bad('serviceType', 'serviceType must be OPD or PP');
  }
  if (given('claimType')) {
    const c = typeof f.claimType === 'string' ? getClaimType(f.claimType) : undefined;
    if (c) out.claimType = c.code;
    else bad('claimType', 'claimType is not a known claim type code');
  }
  const enumCheck = <C extends string>(
    k: string,
    table: Readonly<Record<C, unknown>>,
    what: string,
  ): C | undefined => {
    if (!given(k)) return undefined;
    if (typeof f[k] === 'string' && Object.hasOwn(table, f[k] as string)) return f[k] as C;
    bad(k, `${k} must be one of: ${Object.keys(table).join(', ')} (${what})`);
    return undefined;
  };
  const channel = enumCheck<AuthenChannel>('channel', AUTHEN_CHANNELS, 'channel');
  if (channel) out.channel = channel;
  const status = enumCheck<AuthenCodeStatus>('status', AUTHEN_CODE_STATUSES, 'status');
  if (status) out.status = status;
  const certifier = enumCheck<CertifierRole>('certifier', CERTIFIER_ROLES, 'certifier role');
  if (certifier) out.certifier = certifier;
  const method = enumCheck<VerificationMethod>(
    'verificationMethod',
    VERIFICATION_METHODS,
    'verification method',
  );
  if (method) out.verificationMethod = method;

  for (const [k, fromKey, toKey] of [
    ['visitDate', 'visitFrom', 'visitTo'],
    ['recordDate', 'recordFrom', 'recordTo'],
  ] as const) {
    if (!given(k)) continue;
    const range = f[k] as DateRange;
    if (typeof range !== 'object') {
      bad(k, `${k} must be { from?, to? }`);
      continue;
    }
    let from: string | undefined;
    let to: string | undefined;
    for (const end of ['from', 'to'] as const) {
      const v = range[end];
      if (v === undefined || v === null || v === '') continue;
      try {
        const key = dayKeyOf(v);
        if (end === 'from') from = key;
        else to = key;
      } catch {
        bad(`${k}.${end}`, `${k}.${end} is not a valid date (YYYY-MM-DD or DD/MM/YYYY พ.ศ.)`);
      }
    }
    if (from && to && from > to) bad(k, `${k}.from is after ${k}.to`);
    if (from) out[fromKey] = from;
    if (to) out[toKey] = to;
  }
  if (issues.length > 0) {
    throw new AuthenCodeError(
      'INVALID_FILTER',
      `invalid report filter: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      { details: { issues } },
    );
  }
  return out;
}

/**
 * Checks a {@link ReportFilter} and reports every problem at once.
 *
 * @throws {@link AuthenCodeError} `INVALID_FILTER` with `details.issues` ({@link ReportFilterIssue}[])
 * @example
 * ```ts
 * import { validateReportFilter } from '@authenkit/authen-code';
 * validateReportFilter({ zone: 4, visitDate: { from: '2020-12-01', to: '2020-12-23' } }); // ok
 * ```
 */
export function validateReportFilter(filter: ReportFilter): void {
  normalizeFilter(filter);
}

/** A record's Bangkok day key, with a typed error naming the row (never the value). */
function recordDayKey(v: DateInput, field: string, index: number): string {
  try {
    return bangkokDateKey(v);
  } catch (e) {
    throw new AuthenCodeError('INVALID_ARGUMENT', `report record #${index} has an invalid ${field}`, {
      cause: e,
      details: { index, field },
    });
  }
}

/**
 * The service type of a record (`serviceType`, else from its claim type; unknown claim types have none).
 *
 * @example
 * ```ts
 * import { recordServiceType } from '@authenkit/authen-code';
 * console.log(recordServiceType({ claimType: 'PG0010065' })); // 'PP'
 * ```
 */
export function recordServiceType(
  record: Pick<AuthenCodeReportRecord, 'claimType' | 'serviceType'>,
): ServiceTypeCode | undefined {
  return record.serviceType ?? getClaimType(record.claimType)?.serviceType;
}

function matcher(f: NormalizedFilter): (r: AuthenCodeReportRecord, index: number) => boolean {
  const checks: ((r: AuthenCodeReportRecord, i: number) => boolean)[] = [];
  if (f.zone !== undefined) checks.push((r) => r.zone === f.zone);
  if (f.province !== undefined) {
    const p = f.province;
    checks.push((r) => r.provinceCode === p || r.provinceName?.trim() === p);
  }
  if (f.hcode !== undefined) checks.push((r) => r.hcode === f.hcode);
  if (f.hname !== undefined) {
    const h = f.hname;
    checks.push((r) => typeof r.hname === 'string' && r.hname.toLowerCase().includes(h));
  }
  if (f.pid !== undefined) {
    const p = f.pid;
    checks.push((r) => r.pid === p || validateCitizenId(r.pid).value === p);
  }
  if (f.recorderPid !== undefined) {
    const p = f.recorderPid;
    checks.push(
      (r) =>
        r.recorderPid === p || (r.recorderPid !== undefined && validateCitizenId(r.recorderPid).value === p),
    );
  }
  if (f.authenCode !== undefined) {
    const a = f.authenCode;
    checks.push((r) => typeof r.authenCode === 'string' && r.authenCode.trim().toUpperCase() === a);
  }
  if (f.serviceType !== undefined) checks.push((r) => recordServiceType(r) === f.serviceType);
  if (f.claimType !== undefined) {
    const c = f.claimType;
    checks.push((r) => typeof r.claimType === 'string' && r.claimType.trim().toUpperCase() === c);
  }
  if (f.channel !== undefined) checks.push((r) => r.channel === f.channel);
  if (f.status !== undefined) checks.push((r) => r.status === f.status);
  if (f.certifier !== undefined) checks.push((r) => r.certifier === f.certifier);
  if (f.verificationMethod !== undefined) checks.push((r) => r.verificationMethod === f.verificationMethod);
  if (f.visitFrom !== undefined || f.visitTo !== undefined) {
    const { visitFrom: from, visitTo: to } = f;
    checks.push((r, i) => {
      const k = recordDayKey(r.visitDateTime, 'visitDateTime', i);
      return (from === undefined || k >= from) && (to === undefined || k <= to);
    });
  }
  if (f.recordFrom !== undefined || f.recordTo !== undefined) {
    const { recordFrom: from, recordTo: to } = f;
    checks.push((r, i) => {
      const k = recordDayKey(r.recordDateTime, 'recordDateTime', i);
      return (from === undefined || k >= from) && (to === undefined || k <= to);
    });
  }
  return (r, i) => {
    for (const c of checks) if (!c(r, i)) return false;
    return true;
  };
}

/**
 * Records from a sync or async iterable (arrays, generators, database cursors, streams in object mode).
 *
 * @example
 * ```ts
 * import type { AuthenCodeReportRecord, RecordSource } from '@authenkit/authen-code';
 * const src: RecordSource<AuthenCodeReportRecord> = [];
 * ```
 */
export type RecordSource<T> = Iterable<T> | AsyncIterable<T>;

/**
 * Applies a {@link ReportFilter} to any (async) iterable of records, lazily. The filter is validated
 * immediately (before any record is read).
 *
 * @throws {@link AuthenCodeError} `INVALID_FILTER` at call time; `INVALID_ARGUMENT` while iterating if a
 *   record needed by a date filter has an invalid date
 * @example
 * ```ts
 * import { filterReport, generateReportRecords } from '@authenkit/authen-code';
 * const rows = filterReport(generateReportRecords({ count: 100, seed: 1 }), { status: 'cancelled' });
 * for await (const r of rows) console.log(r.authenCode);
 * ```
 */
export function filterReport<T extends AuthenCodeReportRecord>(
  records: RecordSource<T>,
  filter: ReportFilter,
): AsyncIterable<T> {
  const match = matcher(normalizeFilter(filter));
  return {
    async *[Symbol.asyncIterator]() {
      let i = 0;
      for await (const r of records) {
        if (match(r, i++)) yield r;
      }
    },
  };
}

/**
 * Counts by status.
 *
 * @example
 * ```ts
 * import type { StatusCounts } from '@authenkit/authen-code';
 * const c: StatusCounts = { issued: 1, used: 2, cancelled: 0 };
 * ```
 */
export type StatusCounts = Record<AuthenCodeStatus, number>;

/**
 * Result of {@link summarizeReport}.
 *
 * @example
 * ```ts
 * import { generateReportRecords, summarizeReport, type ReportSummary } from '@authenkit/authen-code';
 * const s: ReportSummary = await summarizeReport(generateReportRecords({ count: 10, seed: 1 }));
 * ```
 */
export interface ReportSummary {
  readonly total: number;
  readonly byStatus: StatusCounts;
  readonly byChannel: Readonly<Partial<Record<AuthenChannel, number>>>;
  readonly byVerificationMethod: Readonly<Partial<Record<VerificationMethod, number>>>;
  readonly byCertifier: Readonly<Partial<Record<CertifierRole, number>>>;
  /** Per Bangkok day (of the visit, or of the record with `by: 'recordDate'`), ascending. */
  readonly byDay: readonly {
    readonly date: string;
    readonly total: number;
    readonly byStatus: StatusCounts;
    /** Count per claim type code. */
    readonly byService: Readonly<Record<string, number>>;
  }[];
  /** Per claim type (service), most frequent first. */
  readonly byService: readonly {
    readonly claimType: string;
    readonly nameTh: string | null;
    readonly nameEn: string | null;
    readonly total: number;
    readonly byStatus: StatusCounts;
  }[];
  /** First and last day present (`YYYY-MM-DD`), `null` when empty. */
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

const zeroStatus = (): StatusCounts => ({ issued: 0, used: 0, cancelled: 0 });

/**
 * Summarises records per day and per service (claim type), with totals by status, channel, verification
 * method and certifier. Consumes the iterable once; memory grows with days × services, not with records.
 *
 * @param options.by - which date groups `byDay`: `visitDate` (default) or `recordDate`
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for a record with an invalid date
 * @example
 * ```ts
 * import { generateReportRecords, summarizeReport } from '@authenkit/authen-code';
 * const s = await summarizeReport(generateReportRecords({ count: 1000, seed: 7 }));
 * console.log(s.total, s.byService[0]?.claimType, s.byDay.length);
 * ```
 */
export async function summarizeReport(
  records: RecordSource<AuthenCodeReportRecord>,
  options: { by?: 'visitDate' | 'recordDate' } = {},
): Promise<ReportSummary> {
  const by = options.by ?? 'visitDate';
  if (by !== 'visitDate' && by !== 'recordDate') {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'options.by must be "visitDate" or "recordDate"');
  }
  let total = 0;
  const byStatus = zeroStatus();
  // Maps, not objects: record values become keys, and "__proto__" must stay data.
  const byChannel = new Map<string, number>();
  const byMethod = new Map<string, number>();
  const byCertifier = new Map<string, number>();
  const days = new Map<string, { total: number; byStatus: StatusCounts; byService: Map<string, number> }>();
  const services = new Map<string, { total: number; byStatus: StatusCounts }>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let i = 0;
  for await (const r of records) {
    const key =
      by === 'visitDate'
        ? recordDayKey(r.visitDateTime, 'visitDateTime', i)
        : recordDayKey(r.recordDateTime, 'recordDateTime', i);
    i++;
    total++;
    const st = Object.hasOwn(byStatus, r.status) ? r.status : undefined;
    if (st) byStatus[st]++;
    bump(byChannel, String(r.channel));
    bump(byMethod, String(r.verificationMethod));
    bump(byCertifier, String(r.certifier));
    let d = days.get(key);
    if (!d) {
      d = { total: 0, byStatus: zeroStatus(), byService: new Map() };
      days.set(key, d);
    }
    d.total++;
    if (st) d.byStatus[st]++;
    const svc = typeof r.claimType === 'string' ? r.claimType.trim().toUpperCase() : String(r.claimType);
    bump(d.byService, svc);
    let s = services.get(svc);
    if (!s) {
      s = { total: 0, byStatus: zeroStatus() };
      services.set(svc, s);
    }
    s.total++;
    if (st) s.byStatus[st]++;
  }
  const dayKeys = [...days.keys()].sort();
  return {
    total,
    byStatus,
    byChannel: Object.fromEntries(byChannel),
    byVerificationMethod: Object.fromEntries(byMethod),
    byCertifier: Object.fromEntries(byCertifier),
    byDay: dayKeys.map((date) => {
      const d = days.get(date)!;
      return { date, total: d.total, byStatus: d.byStatus, byService: Object.fromEntries(d.byService) };
    }),
    byService: [...services.entries()]
      .sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1))
      .map(([claimType, v]) => {
        const c = getClaimType(claimType);
        return { claimType, nameTh: c?.nameTh ?? null, nameEn: c?.nameEn ?? null, ...v };
      }),
    firstDate: dayKeys[0] ?? null,
    lastDate: dayKeys[dayKeys.length - 1] ?? null,
  };
}
