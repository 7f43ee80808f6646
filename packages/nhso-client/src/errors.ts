import { maskCitizenId } from '@authenkit/authen-code';

/**
 * Stable error codes of `@authenkit/nhso-client`.
 *
 * | code | meaning |
 * |---|---|
 * | `AGENT_NOT_RUNNING` | connection to the Smart Card Agent refused (not installed / not started) |
 * | `READER_NOT_FOUND` | Agent answered 418: no smart-card reader |
 * | `CARD_NOT_PRESENT` | Agent answered 500 on a card read: no card inserted |
 * | `VALIDATION` | request rejected (400, Spring `errors[]` surfaced in `details.messages`) or invalid input |
 * | `DUPLICATE_AUTHEN` | NHSO refused a second Authen Code for the same day / transaction |
 * | `TOKEN_EXPIRED` | token expired (UCWS `NHSO-00003`, token file past midnight, 401 after refresh) |
 * | `UNAUTHORIZED` | 401/403 |
 * | `RATE_LIMITED` | 429 (`retryAfterMs` kept) |
 * | `TIMEOUT` | the call's time budget ran out |
 * | `ABORTED` | the caller's `AbortSignal` fired |
 * | `NETWORK` | connection reset / DNS / other transport failure |
 * | `BAD_RESPONSE` | a response that fails its schema, or an unexpected status |
 * | `NOT_ISSUED` | an Authen Code request ended without a code **and** it is certain none was issued by it (`details.reason` says why) |
 * | `OUTCOME_UNKNOWN` | a send may have committed and every reconcile query failed: query `latestAuthenCode` before retrying |
 *
 * @example
 * ```ts
 * import { NhsoError, type NhsoErrorCode } from '@authenkit/nhso-client';
 * const code: NhsoErrorCode = 'TIMEOUT';
 * console.log(new NhsoError(code, 'lookup timed out').code);
 * ```
 */
export type NhsoErrorCode =
  | 'AGENT_NOT_RUNNING'
  | 'READER_NOT_FOUND'
  | 'CARD_NOT_PRESENT'
  | 'VALIDATION'
  | 'DUPLICATE_AUTHEN'
  | 'TOKEN_EXPIRED'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NETWORK'
  | 'BAD_RESPONSE'
  | 'NOT_ISSUED'
  | 'OUTCOME_UNKNOWN';

/**
 * Every stable error code, for exhaustive handling and tests.
 *
 * @example
 * ```ts
 * import { NHSO_ERROR_CODES } from '@authenkit/nhso-client';
 * console.log(NHSO_ERROR_CODES.includes('RATE_LIMITED')); // true
 * ```
 */
export const NHSO_ERROR_CODES: readonly NhsoErrorCode[] = [
  'AGENT_NOT_RUNNING',
  'READER_NOT_FOUND',
  'CARD_NOT_PRESENT',
  'VALIDATION',
  'DUPLICATE_AUTHEN',
  'TOKEN_EXPIRED',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'TIMEOUT',
  'ABORTED',
  'NETWORK',
  'BAD_RESPONSE',
  'NOT_ISSUED',
  'OUTCOME_UNKNOWN',
];

/**
 * Staff-facing Thai message for each code (show these on a kiosk or HIS screen).
 *
 * @example
 * ```ts
 * import { NHSO_ERROR_MESSAGES_TH } from '@authenkit/nhso-client';
 * console.log(NHSO_ERROR_MESSAGES_TH.CARD_NOT_PRESENT); // 'กรุณาเสียบบัตรประชาชนของผู้ป่วย'
 * ```
 */
export const NHSO_ERROR_MESSAGES_TH: Readonly<Record<NhsoErrorCode, string>> = {
  AGENT_NOT_RUNNING: 'ไม่พบโปรแกรม NHSO Smart Card Agent กรุณาเปิดโปรแกรม (http://localhost:8189)',
  READER_NOT_FOUND: 'ไม่พบเครื่องอ่านบัตร Smart Card',
  CARD_NOT_PRESENT: 'กรุณาเสียบบัตรประชาชนของผู้ป่วย',
  VALIDATION: 'ข้อมูลที่ส่งไม่ถูกต้อง',
  DUPLICATE_AUTHEN: 'วันนี้ขอ Authen Code แล้ว ไม่สามารถขอซ้ำได้',
  TOKEN_EXPIRED: 'Token หมดอายุ กรุณายืนยันตัวตนใหม่',
  UNAUTHORIZED: 'ไม่มีสิทธิ์เข้าถึงบริการ สปสช. (Token ไม่ถูกต้อง)',
  RATE_LIMITED: 'เรียกใช้บริการถี่เกินไป กรุณารอสักครู่',
  TIMEOUT: 'บริการ สปสช. ไม่ตอบสนองภายในเวลาที่กำหนด',
  ABORTED: 'ยกเลิกคำขอแล้ว',
  NETWORK: 'เชื่อมต่อเครือข่ายไม่สำเร็จ',
  BAD_RESPONSE: 'ข้อมูลตอบกลับจาก สปสช. ไม่ถูกต้อง',
  NOT_ISSUED: 'ยังไม่ได้รับ Authen Code (ไม่มีการออกรหัส) กรุณาลองใหม่',
  OUTCOME_UNKNOWN: 'ไม่ทราบผลการขอ Authen Code กรุณาตรวจสอบรหัสล่าสุดก่อนขอใหม่',
};

/**
 * Context carried by an {@link NhsoError}. Never contains a full PID or a token.
 *
 * @example
 * ```ts
 * import type { NhsoErrorDetails } from '@authenkit/nhso-client';
 * const d: NhsoErrorDetails = { messages: ['mobile must be 10 digits'], operation: 'agent.confirmSave' };
 * ```
 */
export interface NhsoErrorDetails {
  /** Client operation, e.g. `agent.confirmSave`, `nhso.checkAuthenStatus`. */
  operation?: string;
  /** Messages surfaced from the server (Spring `errors[].defaultMessage`, `statusMessage`, `dataError`). */
  messages?: string[];
  /** For `NOT_ISSUED`: the code the failed attempt ended with. */
  lastErrorCode?: NhsoErrorCode;
  /** Any other non-personal context. */
  [key: string]: unknown;
}

/**
 * The one error root of `@authenkit/nhso-client`. Every failure of every client is an `NhsoError`
 * with a stable {@link NhsoErrorCode}, the HTTP `status` when there was one, the Retry-After delay for
 * `RATE_LIMITED`, the original `cause`, and a message in which any PID is masked.
 *
 * @example
 * ```ts
 * import { NhsoError, isNhsoError } from '@authenkit/nhso-client';
 * const e = new NhsoError('READER_NOT_FOUND', 'no smart-card reader', { status: 418 });
 * console.log(isNhsoError(e), e.code, e.status, e.messageTh);
 * ```
 */
export class NhsoError extends Error {
  override readonly name = 'NhsoError' as const;
  /** Stable machine-readable code. */
  readonly code: NhsoErrorCode;
  /** HTTP status when the failure came with one. */
  readonly status: number | undefined;
  /** For `RATE_LIMITED` (and 503): the server's Retry-After, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** Structured, non-personal context. */
  readonly details: Readonly<NhsoErrorDetails> | undefined;

  constructor(
    code: NhsoErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number; retryAfterMs?: number; details?: NhsoErrorDetails },
  ) {
    super(maskPids(message), options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
    this.details = options?.details;
  }

  /** Thai staff-facing message for {@link NhsoError.code}. */
  get messageTh(): string {
    return NHSO_ERROR_MESSAGES_TH[this.code];
  }

  /** A plain object safe to log or send over IPC (no cause, no personal data). */
  toJSON(): {
    name: 'NhsoError';
    code: NhsoErrorCode;
    message: string;
    status?: number;
    retryAfterMs?: number;
    details?: NhsoErrorDetails;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.details ? { details: { ...this.details } } : {}),
    };
  }
}

/**
 * True when `value` is an {@link NhsoError}, also across realms (checks `name` as well as `instanceof`).
 * Pass `code` to narrow further.
 *
 * @example
 * ```ts
 * import { isNhsoError, NhsoError } from '@authenkit/nhso-client';
 * const e: unknown = new NhsoError('TIMEOUT', 'x');
 * if (isNhsoError(e, 'TIMEOUT')) console.log('retry later');
 * ```
 */
export function isNhsoError(value: unknown, code?: NhsoErrorCode): value is NhsoError {
  const ok =
    value instanceof NhsoError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'NhsoError');
  return ok && (code === undefined || (value as { code?: unknown }).code === code);
}

/**
 * Masks every 13-digit run (a citizen ID) in `text` with `maskCitizenId` from `@authenkit/authen-code`
 * (`1-1017-xxxxx-xx-0`).
 *
 * @example
 * ```ts
 * import { maskPids } from '@authenkit/nhso-client';
 * maskPids('no card for 1101700203450'); // 'no card for 1-1017-xxxxx-xx-0'
 * ```
 */
export function maskPids(text: string): string {
  return text.replace(/(?<!\d)\d{13}(?!\d)/g, (m) => maskCitizenId(m));
}
