import {
  AuthenKitError,
  type AuthenKitErrorJSON,
  type AuthenKitErrorOptions,
  errorGuard,
  maskCitizenIdsInText,
  restoreError,
} from '@authenkit/authen-code';

/**
 * Stable error codes of `@authenkit/nhso-client`.
 *
 * | code | meaning |
 * |---|---|
 * | `AGENT_NOT_RUNNING` | connection to the Smart Card Agent refused (not installed / not started) |
 * | `READER_NOT_FOUND` | Agent answered 418: no smart-card reader |
 * | `CARD_NOT_PRESENT` | Agent answered 500 on a card read: no card inserted |
 * | `VALIDATION` | request rejected (400, Spring `errors[]` surfaced in `details.messages`) or invalid input |
 * | `DUPLICATE_AUTHEN_CODE` | NHSO refused a second Authen Code for the same day / transaction (released as `DUPLICATE_AUTHEN`, still accepted as an alias) |
 * | `TOKEN_EXPIRED` | token expired (UCWS `NHSO-00003`, token file past midnight, 401 after refresh) |
 * | `UNAUTHORIZED` | 401/403 |
 * | `RATE_LIMITED` | 429 (`retryAfterMs` kept) |
 * | `TIMEOUT` | the call's time budget ran out |
 * | `ABORTED` | the caller's `AbortSignal` fired |
 * | `NETWORK` | connection reset / DNS / other transport failure |
 * | `BAD_RESPONSE` | a response that fails its schema, or an unexpected status |
 * | `CROSS_ORIGIN_REDIRECT` | a POST was redirected to another origin: not followed, nothing (body, token) sent there (`details.location` is that origin) |
 * | `NOT_ISSUED` | an Authen Code request ended without a code **and** it is certain none was issued by it (`details.reason` says why) |
 * | `OUTCOME_UNKNOWN` | a send may have committed and every reconcile query failed: query `latestAuthenCode` before retrying |
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from '@authenkit/nhso-client';
 * console.log(ERROR_CODES.includes('RATE_LIMITED')); // true
 * ```
 */
export const ERROR_CODES = [
  'AGENT_NOT_RUNNING',
  'READER_NOT_FOUND',
  'CARD_NOT_PRESENT',
  'VALIDATION',
  'DUPLICATE_AUTHEN_CODE',
  'TOKEN_EXPIRED',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'TIMEOUT',
  'ABORTED',
  'NETWORK',
  'BAD_RESPONSE',
  'CROSS_ORIGIN_REDIRECT',
  'NOT_ISSUED',
  'OUTCOME_UNKNOWN',
] as const;

/**
 * One of {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import { NhsoError, type NhsoErrorCode } from '@authenkit/nhso-client';
 * const code: NhsoErrorCode = 'TIMEOUT';
 * console.log(new NhsoError(code, 'lookup timed out').code);
 * ```
 */
export type NhsoErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every stable error code.
 *
 * @deprecated Use {@link ERROR_CODES} (the same array).
 * @example
 * ```ts
 * import { NHSO_ERROR_CODES } from '@authenkit/nhso-client';
 * console.log(NHSO_ERROR_CODES.includes('RATE_LIMITED')); // true
 * ```
 */
export const NHSO_ERROR_CODES: readonly NhsoErrorCode[] = ERROR_CODES;

/**
 * Released old code names and the code each one became. {@link isNhsoError} and {@link NhsoError.fromJSON}
 * accept them; errors are always thrown with the new code.
 *
 * @example
 * ```ts
 * import { ERROR_CODE_ALIASES } from '@authenkit/nhso-client';
 * console.log(ERROR_CODE_ALIASES.DUPLICATE_AUTHEN); // 'DUPLICATE_AUTHEN_CODE'
 * ```
 */
export const ERROR_CODE_ALIASES = {
  DUPLICATE_AUTHEN: 'DUPLICATE_AUTHEN_CODE',
} as const satisfies Readonly<Record<string, NhsoErrorCode>>;

/** A released old code name (a key of {@link ERROR_CODE_ALIASES}). */
export type NhsoErrorCodeAlias = keyof typeof ERROR_CODE_ALIASES;

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
  DUPLICATE_AUTHEN_CODE: 'วันนี้ขอ Authen Code แล้ว ไม่สามารถขอซ้ำได้',
  TOKEN_EXPIRED: 'Token หมดอายุ กรุณายืนยันตัวตนใหม่',
  UNAUTHORIZED: 'ไม่มีสิทธิ์เข้าถึงบริการ สปสช. (Token ไม่ถูกต้อง)',
  RATE_LIMITED: 'เรียกใช้บริการถี่เกินไป กรุณารอสักครู่',
  TIMEOUT: 'บริการ สปสช. ไม่ตอบสนองภายในเวลาที่กำหนด',
  ABORTED: 'ยกเลิกคำขอแล้ว',
  NETWORK: 'เชื่อมต่อเครือข่ายไม่สำเร็จ',
  BAD_RESPONSE: 'ข้อมูลตอบกลับจาก สปสช. ไม่ถูกต้อง',
  CROSS_ORIGIN_REDIRECT:
    'บริการส่งต่อคำขอไปยังเซิร์ฟเวอร์อื่น ระบบไม่ได้ส่งข้อมูลต่อให้ กรุณาตรวจสอบที่อยู่บริการ (base URL) หรือ proxy',
  NOT_ISSUED: 'ยังไม่ได้รับ Authen Code (ไม่มีการออกรหัส) กรุณาลองใหม่',
  OUTCOME_UNKNOWN: 'ไม่ทราบผลการขอ Authen Code กรุณาตรวจสอบรหัสล่าสุดก่อนขอใหม่',
};

/**
 * Context carried by an {@link NhsoError}. Citizen IDs in it are masked when the error is made.
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
  /** Messages surfaced from the server (Spring `errors[].defaultMessage`, `statusMessage`, `dataError`, SOAP `faultstring`). */
  messages?: string[];
  /** Schema issues of a response that did not match (`path: message`). */
  issues?: string[];
  /** For `NOT_ISSUED`: the code the failed attempt ended with. */
  lastErrorCode?: NhsoErrorCode;
  /** Any other non-personal context. */
  [key: string]: unknown;
}

/**
 * Options of the {@link NhsoError} constructor.
 *
 * @example
 * ```ts
 * import { NhsoError, type NhsoErrorOptions } from '@authenkit/nhso-client';
 * const o: NhsoErrorOptions = { status: 429, retryAfterMs: 2000 };
 * console.log(new NhsoError('RATE_LIMITED', 'slow down', o).retryAfterMs); // 2000
 * ```
 */
export interface NhsoErrorOptions extends AuthenKitErrorOptions<NhsoErrorDetails> {
  /** HTTP status when the failure came with one. */
  status?: number;
  /** For `RATE_LIMITED` (and 503): the server's Retry-After, in milliseconds. */
  retryAfterMs?: number;
}

/**
 * The `toJSON()` form of an {@link NhsoError}.
 *
 * @example
 * ```ts
 * import type { NhsoErrorJSON } from '@authenkit/nhso-client';
 * const j: NhsoErrorJSON = { name: 'NhsoError', code: 'TIMEOUT', message: 'x', messageTh: 'y', status: 504 };
 * console.log(j.code); // 'TIMEOUT'
 * ```
 */
export interface NhsoErrorJSON extends AuthenKitErrorJSON<'NhsoError', NhsoErrorCode, NhsoErrorDetails> {
  status?: number;
  retryAfterMs?: number;
}

/**
 * The one error root of `@authenkit/nhso-client`. Every failure of every client is an `NhsoError`
 * with a stable {@link NhsoErrorCode}, a Thai `messageTh`, the HTTP `status` when there was one, the
 * Retry-After delay for `RATE_LIMITED` and the original `cause`. Citizen IDs in `message` and `details`
 * (server messages, schema issues, SOAP faults) are masked when the error is made.
 *
 * @example
 * ```ts
 * import { NhsoError, isNhsoError } from '@authenkit/nhso-client';
 * const e = new NhsoError('READER_NOT_FOUND', 'no smart-card reader', { status: 418 });
 * console.log(isNhsoError(e), e.code, e.status, e.messageTh);
 * ```
 */
export class NhsoError extends AuthenKitError<NhsoErrorCode, NhsoErrorDetails> {
  override readonly name = 'NhsoError' as const;
  /** HTTP status when the failure came with one. */
  readonly status: number | undefined;
  /** For `RATE_LIMITED` (and 503): the server's Retry-After, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(code: NhsoErrorCode, message: string, options?: NhsoErrorOptions) {
    super(
      code,
      message,
      NHSO_ERROR_MESSAGES_TH[code],
      options?.cause === undefined || options.personalData === true
        ? options
        : { ...options, cause: maskedCause(options.cause) },
    );
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** A plain object safe to log or send over IPC (no cause, citizen IDs masked, no token). */
  override toJSON(): NhsoErrorJSON {
    return {
      ...super.toJSON(),
      name: this.name,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }

  /**
   * Restores an error from its `toJSON()` form (e.g. in an Electron renderer or a worker). The released
   * code name `DUPLICATE_AUTHEN` is read as `DUPLICATE_AUTHEN_CODE`.
   *
   * @throws {@link NhsoError} `VALIDATION` when `json` is not such a form.
   * @example
   * ```ts
   * import { NhsoError } from '@authenkit/nhso-client';
   * const e = NhsoError.fromJSON(new NhsoError('TIMEOUT', 'x', { status: 504 }).toJSON());
   * console.log(e instanceof NhsoError, e.code, e.status); // true 'TIMEOUT' 504
   * ```
   */
  static fromJSON(json: unknown): NhsoError {
    const j = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    const extra: NhsoErrorOptions = {
      ...(typeof j.status === 'number' ? { status: j.status } : {}),
      ...(typeof j.retryAfterMs === 'number' ? { retryAfterMs: j.retryAfterMs } : {}),
    };
    const e = restoreError(
      json,
      ERROR_CODES,
      (c, m, o) => new NhsoError(c, m, { ...o, ...extra }),
      ERROR_CODE_ALIASES,
    );
    if (!e) throw new NhsoError('VALIDATION', 'not a serialised NhsoError');
    return e;
  }
}

/**
 * The cause kept on an error: as it is, unless a message in its chain carries a citizen ID (ky's
 * `TimeoutError` names the URL, `JSON.parse` quotes the body); then a plain `Error` of the same name and
 * `code` with the ID masked (a logger that prints `cause` shows no ID).
 */
function maskedCause(cause: unknown): unknown {
  let cur: unknown = cause;
  let leaks = false;
  for (let i = 0; i < 4 && cur instanceof Error && !leaks; i++) {
    leaks = maskCitizenIdsInText(cur.message) !== cur.message;
    cur = cur.cause;
  }
  if (!leaks || !(cause instanceof Error)) return cause;
  const copy = new Error(maskCitizenIdsInText(cause.message));
  copy.name = cause.name;
  const c = (cause as { code?: unknown }).code;
  if (c !== undefined) Object.assign(copy, { code: c });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

const guard = errorGuard(NhsoError, 'NhsoError', ERROR_CODE_ALIASES);

/**
 * True when `value` is an {@link NhsoError}, also across realms (checks `name` as well as `instanceof`).
 * Pass `code` to narrow further; a released old name (`DUPLICATE_AUTHEN`) matches its new code.
 *
 * @example
 * ```ts
 * import { isNhsoError, NhsoError } from '@authenkit/nhso-client';
 * const e: unknown = new NhsoError('DUPLICATE_AUTHEN_CODE', 'x');
 * if (isNhsoError(e, 'DUPLICATE_AUTHEN_CODE')) console.log('use the existing code', e.code);
 * console.log(isNhsoError(e, 'DUPLICATE_AUTHEN')); // true (alias)
 * ```
 */
export function isNhsoError<K extends NhsoErrorCode | NhsoErrorCodeAlias = NhsoErrorCode>(
  value: unknown,
  code?: K,
): value is NhsoError & {
  code: K extends NhsoErrorCodeAlias ? (typeof ERROR_CODE_ALIASES)[K] : K;
} {
  return guard(value, code as NhsoErrorCode | undefined);
}

/**
 * Masks every citizen ID in `text` (`1-1017-xxxxx-xx-0`): an alias of `maskCitizenIdsInText` from
 * `@authenkit/authen-code`, kept for existing callers.
 *
 * @example
 * ```ts
 * import { maskPids } from '@authenkit/nhso-client';
 * maskPids('no card for 1101700203450'); // 'no card for 1-1017-xxxxx-xx-0'
 * ```
 */
export function maskPids(text: string): string {
  return maskCitizenIdsInText(text);
}
