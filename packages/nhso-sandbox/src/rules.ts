import type { ReportFilter as AuthenCodeReportFilter } from '@authenkit/authen-code';
import { SandboxError } from './errors.js';
import { ageInYears, type SandboxPerson } from './population.js';

/**
 * Longest span (in days, `to − from`) the Authen Code summary report accepts, as the NHSO web report does.
 *
 * @example
 * ```ts
 * import { REPORT_MAX_SPAN_DAYS } from '@authenkit/nhso-sandbox';
 * console.log(REPORT_MAX_SPAN_DAYS); // 14
 * ```
 */
export const REPORT_MAX_SPAN_DAYS = 14;

/**
 * Minimum full age for the LINE citizen flow (อายุ 15 ปีบริบูรณ์ขึ้นไป).
 *
 * @example
 * ```ts
 * import { CITIZEN_MIN_AGE } from '@authenkit/nhso-sandbox';
 * console.log(CITIZEN_MIN_AGE); // 15
 * ```
 */
export const CITIZEN_MIN_AGE = 15;

/** Main rights that count as UC for the LINE flow (UCS and WEL are both สิทธิหลักประกันสุขภาพแห่งชาติ). */
const UC_RIGHTS = new Set(['UCS', 'WEL']);

/**
 * Check the LINE citizen-flow eligibility rules of the NHSO deck: the person must be 15 or older (full
 * years, Bangkok date of `atMs`) and hold UC (UCS/WEL) or no right at all (สิทธิว่าง). Throws a
 * {@link SandboxError} (`CITIZEN_UNDER_15`, `CITIZEN_RIGHT_NOT_UC`) otherwise.
 *
 * @example
 * ```ts
 * import { assertCitizenEligible, generatePopulation } from '@authenkit/nhso-sandbox';
 * const adult = generatePopulation({ seed: 1, size: 100 }).people.find((p) => p.right?.mainInscl === 'UCS' && p.birthDate.year < 2530);
 * assertCitizenEligible(adult!, Date.parse('2026-01-15T09:00:00+07:00'));
 * ```
 */
export function assertCitizenEligible(person: SandboxPerson, atMs: number): void {
  if (ageInYears(person.birthDate, atMs) < CITIZEN_MIN_AGE)
    throw new SandboxError('CITIZEN_UNDER_15', 'the LINE flow is for people aged 15 and over');
  if (person.right !== null && !UC_RIGHTS.has(person.right.mainInscl))
    throw new SandboxError('CITIZEN_RIGHT_NOT_UC', 'the LINE flow is for UC or empty rights only');
}

/**
 * Filters of the Authen Code summary report (รายงานสรุปการขอรหัส Authen Code), as query parameters.
 * Dates are `YYYY-MM-DD` (Bangkok). At least one date range is required and each range may span at
 * most {@link REPORT_MAX_SPAN_DAYS} days.
 *
 * @example
 * ```ts
 * import type { ReportFilter } from '@authenkit/nhso-sandbox';
 * const f: ReportFilter = { hcode: '10699', claimDateFrom: '2026-01-01', claimDateTo: '2026-01-14' };
 * console.log(f.hcode);
 * ```
 */
export interface ReportFilter {
  /** หน่วยบริการที่ให้บริการ. */
  hcode?: string;
  /** เขต (1–13). */
  zoneCode?: string;
  /** จังหวัด (2-digit province code). */
  provinceCode?: string;
  /** เลขประจำตัวประชาชน. */
  pid?: string;
  /** รหัสการเข้ารับการรักษา (Authen Code). */
  claimCode?: string;
  /** ประเภทการเข้ารับบริการ / บริการ (claim type code). */
  claimType?: string;
  /** วันที่เข้ารับบริการ (เริ่มต้น). */
  claimDateFrom?: string;
  /** วันที่เข้ารับบริการ (สิ้นสุด). */
  claimDateTo?: string;
  /** วันที่บันทึกข้อมูล Authen Code (เริ่มต้น). */
  createDateFrom?: string;
  /** วันที่บันทึกข้อมูล Authen Code (สิ้นสุด). */
  createDateTo?: string;
  /** ช่องทางขอ Authen Code. */
  sourceChannel?: string;
  /** สถานะการใช้งาน. */
  claimStatus?: string;
  /** ผู้รับรองการเข้ารับบริการ. */
  certifier?: string;
  /** วิธีการพิสูจน์ตัวตนในการเข้ารับบริการ. */
  authenMethod?: string;
  /** PID ผู้บันทึกข้อมูล. */
  recorderPid?: string;
  /** ประเภทการเข้ารับบริการ: `OPD` or `PP`. */
  serviceType?: string;
}

const dayNumber = (d: string): number | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return undefined;
  const ms = Date.parse(`${d}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== d) return undefined;
  return ms / 86_400_000;
};

/**
 * Validate the report's date ranges (format, order, at least one range, 14-day window). Throws
 * `SandboxError('INVALID_REQUEST' | 'REPORT_WINDOW_TOO_LONG')`.
 *
 * @example
 * ```ts
 * import { validateReportWindow } from '@authenkit/nhso-sandbox';
 * validateReportWindow({ claimDateFrom: '2026-01-01', claimDateTo: '2026-01-15' }); // ok: 14 days
 * ```
 */
export function validateReportWindow(f: ReportFilter): void {
  let ranges = 0;
  for (const [from, to, label] of [
    [f.claimDateFrom, f.claimDateTo, 'claimDate'],
    [f.createDateFrom, f.createDateTo, 'createDate'],
  ] as const) {
    if (from === undefined && to === undefined) continue;
    if (from === undefined || to === undefined)
      throw new SandboxError('INVALID_REQUEST', `${label}From and ${label}To must be given together`, {
        details: { reasonTh: 'กรุณาระบุวันที่เริ่มต้นและวันที่สิ้นสุด' },
      });
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (a === undefined || b === undefined)
      throw new SandboxError('INVALID_REQUEST', `${label} dates must be YYYY-MM-DD`, {
        details: { reasonTh: 'รูปแบบวันที่ไม่ถูกต้อง' },
      });
    if (b < a)
      throw new SandboxError('INVALID_REQUEST', `${label}To is before ${label}From`, {
        details: { reasonTh: 'วันที่สิ้นสุดต้องไม่น้อยกว่าวันที่เริ่มต้น' },
      });
    if (b - a > REPORT_MAX_SPAN_DAYS)
      throw new SandboxError(
        'REPORT_WINDOW_TOO_LONG',
        `a report range may span at most ${REPORT_MAX_SPAN_DAYS} days`,
        {
          details: { days: b - a, reasonTh: `ช่วงวันที่ต้องไม่เกิน ${REPORT_MAX_SPAN_DAYS} วัน` },
        },
      );
    ranges++;
  }
  if (ranges === 0)
    throw new SandboxError(
      'INVALID_REQUEST',
      'give claimDateFrom/claimDateTo or createDateFrom/createDateTo',
      {
        details: { reasonTh: 'กรุณาระบุช่วงวันที่เข้ารับบริการหรือวันที่บันทึกข้อมูล' },
      },
    );
}

/**
 * Map the report's query filter (NHSO web-report names) onto `@authenkit/authen-code`'s `ReportFilter`,
 * whose `filterReport` then does the matching (one source of truth for the report model).
 *
 * @example
 * ```ts
 * import { toAuthenCodeFilter } from '@authenkit/nhso-sandbox';
 * console.log(toAuthenCodeFilter({ hcode: '10699', claimDateFrom: '2026-01-01', claimDateTo: '2026-01-14', zoneCode: '4' }));
 * // { hcode: '10699', zone: 4, visitDate: { from: '2026-01-01', to: '2026-01-14' } }
 * ```
 */
export function toAuthenCodeFilter(f: ReportFilter): AuthenCodeReportFilter {
  const out: AuthenCodeReportFilter = {};
  if (f.hcode) out.hcode = f.hcode;
  if (f.zoneCode) out.zone = Number(f.zoneCode);
  if (f.provinceCode) out.province = f.provinceCode.length === 2 ? `${f.provinceCode}00` : f.provinceCode;
  if (f.pid) out.pid = f.pid;
  if (f.claimCode) out.authenCode = f.claimCode;
  if (f.claimType) out.claimType = f.claimType;
  if (f.serviceType) out.serviceType = f.serviceType as AuthenCodeReportFilter['serviceType'];
  if (f.claimDateFrom || f.claimDateTo) out.visitDate = { from: f.claimDateFrom, to: f.claimDateTo };
  if (f.createDateFrom || f.createDateTo) out.recordDate = { from: f.createDateFrom, to: f.createDateTo };
  if (f.sourceChannel) out.channel = f.sourceChannel.replace('-', '_') as AuthenCodeReportFilter['channel'];
  if (f.claimStatus) out.status = f.claimStatus.toLowerCase() as AuthenCodeReportFilter['status'];
  if (f.certifier) out.certifier = f.certifier as AuthenCodeReportFilter['certifier'];
  if (f.authenMethod) out.verificationMethod = f.authenMethod as AuthenCodeReportFilter['verificationMethod'];
  if (f.recorderPid) out.recorderPid = f.recorderPid;
  return out;
}
