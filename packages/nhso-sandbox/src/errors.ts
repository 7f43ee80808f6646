import {
  AuthenKitError,
  type AuthenKitErrorJSON,
  type AuthenKitErrorOptions,
  errorGuard,
  restoreError,
} from '@authenkit/authen-code';

/**
 * Stable error codes of `@authenkit/nhso-sandbox`. Every error body the sandbox and the Agent answer carries
 * one of them as `code`.
 *
 * | code | HTTP | thrown when |
 * |---|---|---|
 * | `INVALID_ARGUMENT` | 400 | a programmatic option or fault config is invalid |
 * | `INVALID_REQUEST` | 400 | a request's body, query or path parameter is malformed |
 * | `PERSON_NOT_FOUND` | 404 | the PID is not in the synthetic population |
 * | `DUPLICATE_AUTHEN_CODE` | 409 | the same service was already authenticated today |
 * | `IDEMPOTENCY_MISMATCH` | 422 | an idempotency key is reused for a different request |
 * | `CONSENT_REQUIRED` | 403 | the LINE user has not accepted the consent |
 * | `NOT_REGISTERED` | 403 | the LINE user has not registered PID and phone |
 * | `ALREADY_REGISTERED` | 409 | the LINE account or the PID is already registered to someone else |
 * | `CITIZEN_UNDER_15` | 403 | the citizen is under 15 (LINE self-service) |
 * | `CITIZEN_RIGHT_NOT_UC` | 403 | the citizen's right is not UC / empty (LINE self-service) |
 * | `INVALID_QR` | 400 | the clinic QR is not a valid (or validly signed) service QR |
 * | `REPORT_WINDOW_TOO_LONG` | 400 | a report date window is missing, reversed or too long |
 * | `UNAUTHORIZED` | 401 | missing, unknown or expired token, or a failed staff log-in |
 * | `FORBIDDEN` | 403 | the caller may not do this (other unit, not staff, not admin, deceased patient) |
 * | `CODE_NOT_FOUND` | 404 | no such Authen Code |
 * | `INVALID_STATUS_CHANGE` | 409 | the code's status cannot change that way |
 * | `CARD_NOT_PRESENT` | 500 | no card in the (simulated) reader, or it could not be read |
 * | `READER_NOT_FOUND` | 418 | no smart-card reader (see `details.reason`) |
 * | `UPSTREAM_ERROR` | 502 | NHSO is not reachable, or an injected fault |
 * | `STORAGE_ERROR` | 500 | the SQLite database cannot be opened or written |
 * | `MISSING_DEPENDENCY` | 500 | an optional dependency (better-sqlite3 on Node 20) is not installed |
 * | `NOT_FOUND` | 404 | no such path |
 * | `METHOD_NOT_ALLOWED` | 405 | the path exists but not with this method |
 * | `PAYLOAD_TOO_LARGE` | 413 | the request body is over 1 MB |
 * | `HEADERS_TOO_LARGE` | 431 | the request headers are over Node's limit |
 * | `HOST_NOT_ALLOWED` | 403 | the `Host` header is not loopback (or configured) — DNS-rebinding guard |
 * | `ORIGIN_NOT_ALLOWED` | 403 | a browser `Origin` that is not allowed |
 * | `RATE_LIMITED` | 429 | too many requests (an injected fault) |
 * | `INTERNAL_ERROR` | 500 | a bug in the sandbox (the body never carries a stack) |
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from '@authenkit/nhso-sandbox';
 * console.log(ERROR_CODES.includes('DUPLICATE_AUTHEN_CODE')); // true
 * ```
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'INVALID_REQUEST',
  'PERSON_NOT_FOUND',
  'DUPLICATE_AUTHEN_CODE',
  'IDEMPOTENCY_MISMATCH',
  'CONSENT_REQUIRED',
  'NOT_REGISTERED',
  'ALREADY_REGISTERED',
  'CITIZEN_UNDER_15',
  'CITIZEN_RIGHT_NOT_UC',
  'INVALID_QR',
  'REPORT_WINDOW_TOO_LONG',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CODE_NOT_FOUND',
  'INVALID_STATUS_CHANGE',
  'CARD_NOT_PRESENT',
  'READER_NOT_FOUND',
  'UPSTREAM_ERROR',
  'STORAGE_ERROR',
  'MISSING_DEPENDENCY',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'HOST_NOT_ALLOWED',
  'ORIGIN_NOT_ALLOWED',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const;

/**
 * One of {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import { SandboxError, type SandboxErrorCode } from '@authenkit/nhso-sandbox';
 * const code: SandboxErrorCode = 'PERSON_NOT_FOUND';
 * console.log(new SandboxError(code, 'no such person in the population').status); // 404
 * ```
 */
export type SandboxErrorCode = (typeof ERROR_CODES)[number];

/**
 * Released code names kept as aliases (none: the sandbox's names are the canonical ones).
 *
 * @example
 * ```ts
 * import { ERROR_CODE_ALIASES } from '@authenkit/nhso-sandbox';
 * console.log(Object.keys(ERROR_CODE_ALIASES).length); // 0
 * ```
 */
export const ERROR_CODE_ALIASES: Readonly<Record<string, SandboxErrorCode>> = Object.freeze({});

/** Thai message and default HTTP status of every code: the one table. */
const TABLE: Readonly<Record<SandboxErrorCode, readonly [th: string, status: number]>> = {
  INVALID_ARGUMENT: ['ค่าที่ส่งให้ไลบรารีไม่ถูกต้อง', 400],
  INVALID_REQUEST: ['ข้อมูลที่ส่งมาไม่ถูกต้อง', 400],
  PERSON_NOT_FOUND: ['ไม่พบข้อมูลบุคคล', 404],
  DUPLICATE_AUTHEN_CODE: ['วันนี้ขอ Authen Code สำหรับบริการนี้แล้ว', 409],
  IDEMPOTENCY_MISMATCH: ['รหัสอ้างอิงนี้ถูกใช้กับคำขออื่นแล้ว', 422],
  CONSENT_REQUIRED: ['หากไม่ยินยอม จะไม่สามารถใช้งาน Line Official Account สปสช. ได้', 403],
  NOT_REGISTERED: ['กรุณาลงทะเบียนเลขประจำตัวประชาชนและเบอร์โทรศัพท์', 403],
  ALREADY_REGISTERED: ['ลงทะเบียนด้วยตนเองเท่านั้น ไม่สามารถลงทะเบียนแทนบุคคลอื่นได้', 409],
  CITIZEN_UNDER_15: ['ผู้ใช้งานต้องมีอายุ 15 ปีบริบูรณ์ขึ้นไป', 403],
  CITIZEN_RIGHT_NOT_UC: ['ผู้ใช้งานต้องมีสิทธิหลักประกันสุขภาพแห่งชาติ หรือสิทธิว่าง', 403],
  INVALID_QR: ['QR Code ไม่ถูกต้องหรือหมดอายุ', 400],
  // 14 = REPORT_MAX_SPAN_DAYS (the contract test checks they agree)
  REPORT_WINDOW_TOO_LONG: ['ช่วงวันที่ของรายงานต้องไม่เกิน 14 วัน', 400],
  UNAUTHORIZED: ['ไม่พบ TOKEN หรือ TOKEN ไม่ถูกต้องหรือหมดอายุ', 401],
  FORBIDDEN: ['ไม่มีสิทธิ์ทำรายการนี้', 403],
  CODE_NOT_FOUND: ['ไม่พบ Authen Code', 404],
  INVALID_STATUS_CHANGE: ['เปลี่ยนสถานะ Authen Code แบบนี้ไม่ได้', 409],
  CARD_NOT_PRESENT: ['กรุณาเสียบบัตรประชาชนของผู้ป่วย', 500],
  READER_NOT_FOUND: ['ไม่พบเครื่องอ่าน Smart card', 418],
  UPSTREAM_ERROR: ['ไม่สามารถเชื่อมต่อ สปสช. ได้', 502],
  STORAGE_ERROR: ['ไม่สามารถเปิดหรือบันทึกฐานข้อมูล SQLite ได้', 500],
  MISSING_DEPENDENCY: ['ยังไม่ได้ติดตั้งแพ็กเกจเสริมที่จำเป็น', 500],
  NOT_FOUND: ['ไม่พบบริการที่เรียก', 404],
  METHOD_NOT_ALLOWED: ['ไม่รองรับวิธีเรียกนี้', 405],
  PAYLOAD_TOO_LARGE: ['ข้อมูลที่ส่งมามีขนาดเกิน 1 MB', 413],
  HEADERS_TOO_LARGE: ['ส่วนหัวของคำขอมีขนาดใหญ่เกินไป', 431],
  HOST_NOT_ALLOWED: ['ไม่อนุญาตให้เรียกผ่านชื่อโฮสต์นี้', 403],
  ORIGIN_NOT_ALLOWED: ['ไม่อนุญาตให้เว็บไซต์นี้เรียกใช้งาน', 403],
  RATE_LIMITED: ['มีการเรียกใช้งานมากเกินไป กรุณารอสักครู่', 429],
  INTERNAL_ERROR: ['ระบบจำลองเกิดข้อผิดพลาดภายใน', 500],
};

/**
 * Options of the {@link SandboxError} constructor.
 *
 * @example
 * ```ts
 * import type { SandboxErrorOptions } from '@authenkit/nhso-sandbox';
 * const o: SandboxErrorOptions = { status: 400, details: { reasonTh: 'ผู้รับบริการมีสถานะเสียชีวิต' } };
 * console.log(o.status);
 * ```
 */
export interface SandboxErrorOptions extends AuthenKitErrorOptions {
  /** HTTP status to answer with (default: the code's status in the {@link ERROR_CODES} table). */
  status?: number;
}

/**
 * The `toJSON()` form of a {@link SandboxError} (also the `error` member of sandbox-style error bodies).
 *
 * @example
 * ```ts
 * import type { SandboxErrorJSON } from '@authenkit/nhso-sandbox';
 * const j: SandboxErrorJSON = { name: 'SandboxError', code: 'FORBIDDEN', status: 403, message: 'no', messageTh: 'ไม่มีสิทธิ์ทำรายการนี้' };
 * console.log(j.status);
 * ```
 */
export type SandboxErrorJSON = AuthenKitErrorJSON<'SandboxError', SandboxErrorCode> & { status: number };

/**
 * The one error root of `@authenkit/nhso-sandbox` (extends `AuthenKitError` of `@authenkit/authen-code`):
 * a stable `code`, an English `message`, a Thai `messageTh` from one table, the HTTP `status` the sandbox
 * answers with, and `details` (a throw site's more specific Thai text is `details.reasonTh`). Citizen IDs in
 * `message` and `details` are masked.
 *
 * @example
 * ```ts
 * import { SandboxError, isSandboxError } from '@authenkit/nhso-sandbox';
 * const err = new SandboxError('DUPLICATE_AUTHEN_CODE', 'already issued today');
 * console.log(isSandboxError(err, 'DUPLICATE_AUTHEN_CODE'), err.status, err.messageTh);
 * ```
 */
export class SandboxError extends AuthenKitError<SandboxErrorCode> {
  override readonly name = 'SandboxError' as const;
  /** HTTP status the sandbox answers with for this error. */
  readonly status: number;

  constructor(code: SandboxErrorCode, message: string, options?: SandboxErrorOptions) {
    const [th, status] = TABLE[code] ?? TABLE.INTERNAL_ERROR;
    super(code, message, th, options);
    this.status = options?.status ?? status;
  }

  /** A plain object safe to log or send over HTTP or IPC (no `cause`, no stack). */
  override toJSON(): SandboxErrorJSON {
    return { ...super.toJSON(), name: this.name, status: this.status };
  }

  /**
   * Restores an error from its `toJSON()` form.
   *
   * @throws {@link SandboxError} `INVALID_ARGUMENT` when `json` is not such a form.
   * @example
   * ```ts
   * import { SandboxError } from '@authenkit/nhso-sandbox';
   * const e = SandboxError.fromJSON(new SandboxError('FORBIDDEN', 'x').toJSON());
   * console.log(e instanceof SandboxError, e.code, e.status); // true 'FORBIDDEN' 403
   * ```
   */
  static fromJSON(json: unknown): SandboxError {
    const st = (json as { status?: unknown } | null)?.status;
    const status = typeof st === 'number' && Number.isInteger(st) && st >= 100 && st <= 599 ? st : undefined;
    const e = restoreError(
      json,
      ERROR_CODES,
      (c, m, o) => new SandboxError(c, m, { ...o, ...(status === undefined ? {} : { status }) }),
      ERROR_CODE_ALIASES,
    );
    if (!e) throw new SandboxError('INVALID_ARGUMENT', 'not a serialised SandboxError');
    return e;
  }
}

/**
 * True when `value` is a {@link SandboxError}, also across realms (checks `name` as well as `instanceof`);
 * with `code`, also narrows by code.
 *
 * @example
 * ```ts
 * import { isSandboxError } from '@authenkit/nhso-sandbox';
 * console.log(isSandboxError(new Error('x'))); // false
 * ```
 */
export const isSandboxError: <K extends SandboxErrorCode = SandboxErrorCode>(
  value: unknown,
  code?: K,
) => value is SandboxError & { code: K } = errorGuard(SandboxError, 'SandboxError', ERROR_CODE_ALIASES);

/**
 * The Thai text to show staff for an error: the throw site's specific `details.reasonTh` when it has one,
 * else the code's `messageTh`.
 * @internal
 */
export function thaiText(e: SandboxError): string {
  const r = e.details?.reasonTh;
  return typeof r === 'string' && r !== '' ? r : e.messageTh;
}
