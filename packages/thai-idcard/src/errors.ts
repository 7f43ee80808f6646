/**
 * Stable error codes of `@authenkit/thai-idcard`. Codes are public API: they never change meaning.
 *
 * | code | meaning |
 * |---|---|
 * | `READER_NOT_FOUND` | no PC/SC reader (or not the one asked for) |
 * | `NO_CARD` | the reader is empty |
 * | `CARD_REMOVED` | the card was pulled (or reset) during the operation |
 * | `CARD_UNRESPONSIVE` | the card is present but does not answer (mute, wrong orientation) |
 * | `UNSUPPORTED_CARD` | the card is not a Thai national ID card (MOI applet missing) |
 * | `APDU_FAILED` | the card answered with an error status word (`sw` in details) |
 * | `NOT_SUPPORTED_BY_CARD` | an optional feature (laser code, CPLC, NHSO) is refused by this card generation |
 * | `TIMEOUT` | a wait ran out of time |
 * | `ABORTED` | the caller's `AbortSignal` fired |
 * | `PCSC_UNAVAILABLE` | the PC/SC binding is not installed or pcscd/the smart-card service is not running |
 * | `PCSC_ERROR` | another PC/SC failure (`pcscCode` in details) |
 * | `INVALID_DATA` | card data that cannot be parsed |
 * | `INVALID_ARGUMENT` | a wrong argument given to this library |
 * | `INVALID_CARD_IMAGE` | a virtual card image that cannot be loaded |
 * | `REPLAY_MISMATCH` | a replayed APDU script differs from what was sent |
 * | `TRANSPORT_CLOSED` | the transport was disconnected |
 * | `PIN_FORMAT` | the PIN fails the format check; nothing was sent to the card |
 * | `PIN_INCORRECT` | wrong PIN (`details.triesLeft`) |
 * | `PIN_LAST_ATTEMPT` | not sent: only one try left and the caller did not allow the last attempt |
 * | `PIN_BLOCKED` | PIN blocked |
 * | `PIN_ENTRY_CANCELLED` | cancelled on a PIN-pad reader |
 * | `PIN_ENTRY_TIMEOUT` | PIN-pad entry timed out |
 * | `SECURITY_STATUS` | the card requires PIN verification first (`69 82`) |
 * | `CERTIFICATE_INVALID` | card certificate unparseable, expired or untrusted |
 * | `SIGNATURE_INVALID` | a signature does not verify |
 * | `ASSERTION_INVALID` | a staff log-in assertion is malformed, for another challenge, or expired |
 *
 * @example
 * ```ts
 * import { type ThaiIdCardErrorCode } from '@authenkit/thai-idcard';
 * const code: ThaiIdCardErrorCode = 'CARD_REMOVED';
 * console.log(code);
 * ```
 */
export type ThaiIdCardErrorCode =
  | 'READER_NOT_FOUND'
  | 'NO_CARD'
  | 'CARD_REMOVED'
  | 'CARD_UNRESPONSIVE'
  | 'UNSUPPORTED_CARD'
  | 'APDU_FAILED'
  | 'NOT_SUPPORTED_BY_CARD'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'PCSC_UNAVAILABLE'
  | 'PCSC_ERROR'
  | 'INVALID_DATA'
  | 'INVALID_ARGUMENT'
  | 'INVALID_CARD_IMAGE'
  | 'REPLAY_MISMATCH'
  | 'TRANSPORT_CLOSED'
  | 'PIN_FORMAT'
  | 'PIN_INCORRECT'
  | 'PIN_LAST_ATTEMPT'
  | 'PIN_BLOCKED'
  | 'PIN_ENTRY_CANCELLED'
  | 'PIN_ENTRY_TIMEOUT'
  | 'SECURITY_STATUS'
  | 'CERTIFICATE_INVALID'
  | 'SIGNATURE_INVALID'
  | 'ASSERTION_INVALID';

const THAI_MESSAGES: Record<ThaiIdCardErrorCode, string> = {
  READER_NOT_FOUND: 'ไม่พบเครื่องอ่านบัตร',
  NO_CARD: 'ไม่มีบัตรในเครื่องอ่าน',
  CARD_REMOVED: 'บัตรถูกดึงออกระหว่างอ่าน กรุณาเสียบบัตรใหม่',
  CARD_UNRESPONSIVE: 'บัตรไม่ตอบสนอง กรุณาเสียบบัตรใหม่ให้ถูกด้าน',
  UNSUPPORTED_CARD: 'ไม่ใช่บัตรประจำตัวประชาชน',
  APDU_FAILED: 'บัตรตอบกลับผิดพลาด',
  NOT_SUPPORTED_BY_CARD: 'บัตรรุ่นนี้ไม่รองรับข้อมูลนี้',
  TIMEOUT: 'หมดเวลารอ',
  ABORTED: 'ยกเลิกแล้ว',
  PCSC_UNAVAILABLE: 'ไม่พบบริการสมาร์ทการ์ด (PC/SC) ในเครื่อง',
  PCSC_ERROR: 'บริการสมาร์ทการ์ดผิดพลาด',
  INVALID_DATA: 'ข้อมูลในบัตรไม่ถูกต้อง',
  INVALID_ARGUMENT: 'ค่าที่ส่งให้ไลบรารีไม่ถูกต้อง',
  INVALID_CARD_IMAGE: 'ไฟล์บัตรจำลองไม่ถูกต้อง',
  REPLAY_MISMATCH: 'ลำดับคำสั่งไม่ตรงกับสคริปต์',
  TRANSPORT_CLOSED: 'การเชื่อมต่อกับบัตรถูกปิดแล้ว',
  PIN_FORMAT: 'รูปแบบรหัส PIN ไม่ถูกต้อง',
  PIN_INCORRECT: 'รหัส PIN ไม่ถูกต้อง',
  PIN_LAST_ATTEMPT: 'เหลือโอกาสใส่รหัส PIN ครั้งสุดท้าย จึงยังไม่ส่งรหัสไปยังบัตร',
  PIN_BLOCKED: 'รหัส PIN ถูกระงับเพราะใส่ผิดเกินจำนวนครั้ง',
  PIN_ENTRY_CANCELLED: 'ยกเลิกการใส่รหัส PIN',
  PIN_ENTRY_TIMEOUT: 'หมดเวลาใส่รหัส PIN',
  SECURITY_STATUS: 'ต้องยืนยันรหัส PIN ก่อนใช้งานบัตร',
  CERTIFICATE_INVALID: 'ใบรับรองอิเล็กทรอนิกส์ในบัตรไม่ถูกต้อง',
  SIGNATURE_INVALID: 'ลายมือชื่ออิเล็กทรอนิกส์ไม่ถูกต้อง',
  ASSERTION_INVALID: 'ข้อมูลยืนยันตัวตนเจ้าหน้าที่ไม่ถูกต้องหรือหมดอายุ',
};

/**
 * Thai staff-facing message for an error code (English is `error.message`).
 *
 * @example
 * ```ts
 * import { thaiMessage } from '@authenkit/thai-idcard';
 * console.log(thaiMessage('NO_CARD')); // 'ไม่มีบัตรในเครื่องอ่าน'
 * ```
 */
export function thaiMessage(code: ThaiIdCardErrorCode): string {
  return THAI_MESSAGES[code] ?? code;
}

/**
 * Structured context of a {@link ThaiIdCardError}. Never contains personal data unless the caller
 * opted in with `includePersonalData`.
 *
 * @example
 * ```ts
 * import { type ThaiIdCardErrorDetails } from '@authenkit/thai-idcard';
 * const d: ThaiIdCardErrorDetails = { sw: 0x6a82, reader: 'ACS ACR39U' };
 * console.log(d.sw);
 * ```
 */
export interface ThaiIdCardErrorDetails {
  /** Status word (SW1 << 8 | SW2) for `APDU_FAILED`. */
  sw?: number;
  /** PC/SC error code (e.g. `0x80100069`) when the error came from PC/SC. */
  pcscCode?: number;
  /** Reader name. */
  reader?: string;
  /** Index (0-based) of the APDU in the current read at which the error happened. */
  apduIndex?: number;
  [key: string]: unknown;
}

/**
 * The JSON form of a {@link ThaiIdCardError} (`toJSON()`), safe for Electron IPC and logs.
 *
 * @example
 * ```ts
 * import { ThaiIdCardError, type ThaiIdCardErrorJSON } from '@authenkit/thai-idcard';
 * const json: ThaiIdCardErrorJSON = new ThaiIdCardError('NO_CARD', 'reader is empty').toJSON();
 * console.log(json.code);
 * ```
 */
export interface ThaiIdCardErrorJSON {
  name: 'ThaiIdCardError';
  code: ThaiIdCardErrorCode;
  message: string;
  messageTh: string;
  details?: ThaiIdCardErrorDetails;
}

/**
 * The one error root of `@authenkit/thai-idcard`: every failure is a `ThaiIdCardError` with a stable
 * {@link ThaiIdCardErrorCode}. Serializable with `toJSON()` / {@link ThaiIdCardError.fromJSON} for
 * Electron main ↔ renderer IPC. Messages never contain a citizen ID or a name.
 *
 * @example
 * ```ts
 * import { ThaiIdCardError, isThaiIdCardError } from '@authenkit/thai-idcard';
 * const err = new ThaiIdCardError('APDU_FAILED', 'READ BINARY failed', { details: { sw: 0x6b00 } });
 * const copy = ThaiIdCardError.fromJSON(JSON.parse(JSON.stringify(err)));
 * console.log(isThaiIdCardError(copy), copy.code, copy.sw); // true 'APDU_FAILED' 27392
 * ```
 */
export class ThaiIdCardError extends Error {
  override readonly name = 'ThaiIdCardError' as const;
  /** Stable machine-readable code. */
  readonly code: ThaiIdCardErrorCode;
  /** Structured context (status word, PC/SC code, reader name). */
  readonly details: Readonly<ThaiIdCardErrorDetails> | undefined;

  constructor(
    code: ThaiIdCardErrorCode,
    message: string,
    options?: { cause?: unknown; details?: ThaiIdCardErrorDetails },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }

  /** The status word for `APDU_FAILED` errors. */
  get sw(): number | undefined {
    return this.details?.sw;
  }

  /** Thai message for staff (see {@link thaiMessage}). */
  get messageTh(): string {
    return thaiMessage(this.code);
  }

  /** A plain object safe to log or send over IPC. */
  toJSON(): ThaiIdCardErrorJSON {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      messageTh: this.messageTh,
      ...(this.details ? { details: { ...this.details } } : {}),
    };
  }

  /**
   * Rebuilds an error from its `toJSON()` form (e.g. in the Electron renderer).
   *
   * @example
   * ```ts
   * import { ThaiIdCardError } from '@authenkit/thai-idcard';
   * const json = JSON.parse(JSON.stringify(new ThaiIdCardError('INVALID_ARGUMENT', 'bad reader name')));
   * const e = ThaiIdCardError.fromJSON(json);
   * console.log(e instanceof ThaiIdCardError); // true
   * ```
   */
  static fromJSON(
    json: Pick<ThaiIdCardErrorJSON, 'code' | 'message'> & { details?: ThaiIdCardErrorDetails },
  ) {
    if (!json || typeof json !== 'object' || typeof json.code !== 'string' || !(json.code in THAI_MESSAGES)) {
      throw new ThaiIdCardError('INVALID_ARGUMENT', 'not a serialized ThaiIdCardError');
    }
    return new ThaiIdCardError(
      json.code,
      String(json.message),
      json.details ? { details: json.details } : {},
    );
  }
}

/**
 * True when `value` is a {@link ThaiIdCardError} (also across realms: checks `name` too).
 *
 * @example
 * ```ts
 * import { isThaiIdCardError } from '@authenkit/thai-idcard';
 * console.log(isThaiIdCardError(new Error('x'))); // false
 * ```
 */
export function isThaiIdCardError(value: unknown): value is ThaiIdCardError {
  return (
    value instanceof ThaiIdCardError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'ThaiIdCardError')
  );
}

/** @internal */
export function abortError(signal: AbortSignal | undefined): ThaiIdCardError {
  const reason = signal?.reason;
  if (isThaiIdCardError(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ThaiIdCardError('TIMEOUT', 'operation timed out', { cause: reason });
  }
  return new ThaiIdCardError('ABORTED', 'operation aborted', { cause: reason });
}

/** @internal */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
