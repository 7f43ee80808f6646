import { validateCitizenId } from './citizen-id.js';
import { type ClaimType, getClaimType } from './claim-types.js';
import { AuthenCodeError } from './errors.js';
import { type DateInput, toEpochMs } from './thai-time.js';
import {
  AUTHEN_CHANNELS,
  type AuthenChannel,
  CERTIFIER_ROLES,
  type CertifierRole,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from './vocab.js';

/**
 * What a HIS sends to ask for an Authen Code for one visit (the fields of the NHSO Authen Code form).
 *
 * @example
 * ```ts
 * import type { VisitRequest } from '@authenkit/authen-code';
 * const req: VisitRequest = {
 *   claimType: 'PG0060001',
 *   visitDateTime: '2021-08-03T19:02',
 *   hn: 'HN1111',
 *   mobile: '081-234-5678',
 *   certifier: 'PATIENT',
 *   method: 'SMART_CARD',
 * };
 * ```
 */
export interface VisitRequest {
  /** Claim type (service) code, e.g. `PG0060001`. */
  claimType: string;
  /** When the patient came for the visit (วันที่เข้ารับการรักษา). */
  visitDateTime: DateInput;
  /** Hospital number (HN CODE); optional unless `requireHn` is set. */
  hn?: string | undefined;
  /** The patient's, parent's or caregiver's Thai mobile number (10 digits, 06/08/09…). */
  mobile: string;
  /** Who certifies the visit. */
  certifier: CertifierRole;
  /** How identity was proven. */
  method: VerificationMethod;
  /** Patient citizen ID, when the caller wants it checked too. */
  pid?: string | undefined;
  /** 5-digit service unit code (hcode), when given. */
  hcode?: string | undefined;
  /** Request channel, when given. */
  channel?: AuthenChannel | undefined;
}

/**
 * A visit request that passed {@link validateVisitRequest}, normalised.
 *
 * @example
 * ```ts
 * import { validateVisitRequest, type ValidVisitRequest } from '@authenkit/authen-code';
 * const r = validateVisitRequest({ claimType: 'PG0060001', visitDateTime: 0, mobile: '0812345678',
 *   certifier: 'PATIENT', method: 'SMART_CARD' }, { now: () => 0 });
 * if (r.valid) { const v: ValidVisitRequest = r.value; console.log(v.mobile); }
 * ```
 */
export interface ValidVisitRequest {
  readonly claimType: ClaimType;
  /** Visit instant as a `Date`. */
  readonly visitDateTime: Date;
  readonly hn: string | undefined;
  /** 10 digits, no separators, leading `0`. */
  readonly mobile: string;
  readonly certifier: CertifierRole;
  readonly method: VerificationMethod;
  /** Normalised 13-digit citizen ID when one was given. */
  readonly pid: string | undefined;
  readonly hcode: string | undefined;
  readonly channel: AuthenChannel | undefined;
}

/**
 * Machine-readable problem with one field.
 *
 * @example
 * ```ts
 * import type { VisitRequestIssueCode } from '@authenkit/authen-code';
 * const c: VisitRequestIssueCode = 'IN_FUTURE';
 * ```
 */
export type VisitRequestIssueCode =
  | 'REQUIRED'
  | 'UNKNOWN_CLAIM_TYPE'
  | 'INVALID_DATE'
  | 'IN_FUTURE'
  | 'INVALID_HN'
  | 'INVALID_MOBILE'
  | 'INVALID_CERTIFIER'
  | 'INVALID_METHOD'
  | 'INVALID_PID'
  | 'INVALID_HCODE'
  | 'INVALID_CHANNEL';

/**
 * One problem found by {@link validateVisitRequest}. Messages never echo the value (no PII).
 *
 * @example
 * ```ts
 * import type { VisitRequestIssue } from '@authenkit/authen-code';
 * const i: VisitRequestIssue = { field: 'mobile', code: 'INVALID_MOBILE', message: '…', messageTh: '…' };
 * ```
 */
export interface VisitRequestIssue {
  readonly field: keyof VisitRequest;
  readonly code: VisitRequestIssueCode;
  readonly message: string;
  readonly messageTh: string;
}

/**
 * Result of {@link validateVisitRequest}: the normalised request, or EVERY problem at once.
 *
 * @example
 * ```ts
 * import { validateVisitRequest, type VisitRequestValidation } from '@authenkit/authen-code';
 * const r: VisitRequestValidation = validateVisitRequest({} as never);
 * if (!r.valid) console.log(r.issues.map((i) => i.field));
 * ```
 */
export type VisitRequestValidation =
  | { readonly valid: true; readonly value: ValidVisitRequest; readonly issues?: undefined }
  | { readonly valid: false; readonly issues: readonly VisitRequestIssue[] };

/**
 * Options of {@link validateVisitRequest}.
 *
 * @example
 * ```ts
 * import type { VisitRequestOptions } from '@authenkit/authen-code';
 * const o: VisitRequestOptions = { now: () => Date.now(), futureToleranceMs: 60_000, requireHn: true };
 * ```
 */
export interface VisitRequestOptions {
  /** Clock (default `Date.now`). */
  now?: () => number | Date;
  /** How far in the future a visit time may be (clock skew), default 5 minutes. */
  futureToleranceMs?: number;
  /** Require `hn` (default `false`; the NHSO form fills it in when the HIS has it). */
  requireHn?: boolean;
}

const DEFAULT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Normalises a Thai mobile number: strips spaces, dashes, dots and brackets, turns `+66…`/`66…` into `0…`,
 * and returns the 10-digit form if it is a mobile number (`06`, `08`, `09` prefixes), else `null`.
 *
 * @example
 * ```ts
 * import { normalizeThaiMobile } from '@authenkit/authen-code';
 * console.log(normalizeThaiMobile('+66 81-234-5678')); // '0812345678'
 * console.log(normalizeThaiMobile('02-123-4567')); // null (landline)
 * ```
 */
export function normalizeThaiMobile(input: string): string | null {
  if (typeof input !== 'string') return null;
  let s = input.replace(/[\s\-.()]/g, '');
  if (s.startsWith('+66')) s = `0${s.slice(3)}`;
  else if (s.startsWith('66') && s.length === 11) s = `0${s.slice(2)}`;
  return /^0[689]\d{8}$/.test(s) ? s : null;
}

const HN_RE = /^[A-Za-z0-9][A-Za-z0-9/\-.]{0,19}$/;

/**
 * Validates a visit request and reports every bad field at once (never echoing values).
 *
 * Rules: `claimType` must be in the catalogue; `visitDateTime` a valid {@link DateInput} not later than
 * `now + futureToleranceMs`; `mobile` a Thai mobile number; `certifier`, `method` and `channel` known codes;
 * `hn` 1–20 of `A–Z a–z 0–9 / - .` starting with a letter or digit; `pid` a valid citizen ID; `hcode` 5 digits.
 *
 * @example
 * ```ts
 * import { validateVisitRequest } from '@authenkit/authen-code';
 * const r = validateVisitRequest(
 *   { claimType: 'XX', visitDateTime: '2999-01-01', mobile: '12', certifier: 'PATIENT', method: 'SMART_CARD' },
 *   { now: () => Date.UTC(2024, 0, 1) },
 * );
 * if (!r.valid) console.log(r.issues.map((i) => `${i.field}:${i.code}`));
 * // ['claimType:UNKNOWN_CLAIM_TYPE', 'visitDateTime:IN_FUTURE', 'mobile:INVALID_MOBILE']
 * ```
 */
export function validateVisitRequest(
  request: VisitRequest,
  options: VisitRequestOptions = {},
): VisitRequestValidation {
  const issues: VisitRequestIssue[] = [];
  const add = (field: keyof VisitRequest, code: VisitRequestIssueCode, message: string, messageTh: string) =>
    issues.push({ field, code, message, messageTh });
  const req = (typeof request === 'object' && request !== null ? request : {}) as Partial<VisitRequest>;
  const missing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

  let claimType: ClaimType | undefined;
  if (missing(req.claimType))
    add('claimType', 'REQUIRED', 'claim type is required', 'กรุณาเลือกประเภทการเข้ารับบริการ');
  else {
    claimType = typeof req.claimType === 'string' ? getClaimType(req.claimType) : undefined;
    if (!claimType) add('claimType', 'UNKNOWN_CLAIM_TYPE', 'unknown claim type code', 'ไม่พบรหัสบริการนี้');
  }

  let visitMs: number | undefined;
  if (missing(req.visitDateTime)) {
    add('visitDateTime', 'REQUIRED', 'visit date-time is required', 'กรุณาระบุวันที่และเวลาที่เข้ารับการรักษา');
  } else {
    try {
      visitMs = toEpochMs(req.visitDateTime as DateInput);
    } catch {
      add('visitDateTime', 'INVALID_DATE', 'visit date-time is not a valid date', 'วันที่เข้ารับการรักษาไม่ถูกต้อง');
    }
    if (visitMs !== undefined) {
      const clock = options.now ?? Date.now;
      const n = clock();
      const nowMs = typeof n === 'number' ? n : n.getTime();
      const tolerance = options.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS;
      if (visitMs > nowMs + tolerance) {
        add(
          'visitDateTime',
          'IN_FUTURE',
          'visit date-time is in the future',
          'วันที่เข้ารับการรักษาต้องไม่เป็นเวลาในอนาคต',
        );
        visitMs = undefined;
      }
    }
  }

  let hn: string | undefined;
  if (missing(req.hn)) {
    if (options.requireHn) add('hn', 'REQUIRED', 'HN is required', 'กรุณาระบุ HN');
  } else if (typeof req.hn !== 'string' || !HN_RE.test(req.hn.trim())) {
    add('hn', 'INVALID_HN', 'HN must be 1–20 letters, digits, "/", "-" or "."', 'HN ไม่ถูกต้อง');
  } else hn = req.hn.trim();

  let mobile: string | null = null;
  if (missing(req.mobile)) {
    add('mobile', 'REQUIRED', 'mobile number is required', 'กรุณาระบุหมายเลขโทรศัพท์มือถือ');
  } else {
    mobile = normalizeThaiMobile(req.mobile as string);
    if (mobile === null) {
      add(
        'mobile',
        'INVALID_MOBILE',
        'mobile number must be a 10-digit Thai mobile number (06/08/09…)',
        'หมายเลขโทรศัพท์มือถือต้องมี 10 หลัก ขึ้นต้นด้วย 06, 08 หรือ 09',
      );
    }
  }

  if (missing(req.certifier))
    add('certifier', 'REQUIRED', 'certifier is required', 'กรุณาระบุผู้รับรองการเข้ารับบริการ');
  else if (!Object.hasOwn(CERTIFIER_ROLES, req.certifier as string)) {
    add('certifier', 'INVALID_CERTIFIER', 'unknown certifier role', 'ผู้รับรองการเข้ารับบริการไม่ถูกต้อง');
  }

  if (missing(req.method))
    add('method', 'REQUIRED', 'verification method is required', 'กรุณาระบุวิธีการพิสูจน์ตัวตน');
  else if (!Object.hasOwn(VERIFICATION_METHODS, req.method as string)) {
    add('method', 'INVALID_METHOD', 'unknown verification method', 'วิธีการพิสูจน์ตัวตนไม่ถูกต้อง');
  }

  let pid: string | undefined;
  if (!missing(req.pid)) {
    const r = validateCitizenId(req.pid as string);
    if (r.valid) pid = r.value;
    else add('pid', 'INVALID_PID', r.message, r.messageTh);
  }

  let hcode: string | undefined;
  if (!missing(req.hcode)) {
    if (typeof req.hcode === 'string' && /^\d{5}$/.test(req.hcode.trim())) hcode = req.hcode.trim();
    else add('hcode', 'INVALID_HCODE', 'hcode must be 5 digits', 'รหัสหน่วยบริการต้องเป็นตัวเลข 5 หลัก');
  }

  if (!missing(req.channel) && !Object.hasOwn(AUTHEN_CHANNELS, req.channel as string)) {
    add('channel', 'INVALID_CHANNEL', 'unknown channel', 'ช่องทางขอ Authen Code ไม่ถูกต้อง');
  }

  if (issues.length > 0) return { valid: false, issues };
  return {
    valid: true,
    value: Object.freeze({
      claimType: claimType!,
      visitDateTime: new Date(visitMs!),
      hn,
      mobile: mobile!,
      certifier: req.certifier!,
      method: req.method!,
      pid,
      hcode,
      channel: req.channel ?? undefined,
    }),
  };
}

/**
 * Like {@link validateVisitRequest} but returns the normalised request or throws.
 *
 * @throws {@link AuthenCodeError} `INVALID_VISIT_REQUEST` with `details.issues` (every problem, no values)
 * @example
 * ```ts
 * import { assertVisitRequest } from '@authenkit/authen-code';
 * const v = assertVisitRequest({ claimType: 'PG0060001', visitDateTime: '2021-08-03T19:02', mobile: '0812345678',
 *   certifier: 'PARENT', method: 'PID_ENTRY' });
 * console.log(v.claimType.code); // 'PG0060001'
 * ```
 */
export function assertVisitRequest(
  request: VisitRequest,
  options: VisitRequestOptions = {},
): ValidVisitRequest {
  const r = validateVisitRequest(request, options);
  if (r.valid) return r.value;
  throw new AuthenCodeError(
    'INVALID_VISIT_REQUEST',
    `invalid visit request: ${r.issues.map((i) => `${i.field} (${i.code})`).join(', ')}`,
    { details: { issues: r.issues } },
  );
}
