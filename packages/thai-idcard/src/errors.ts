import {
  AuthenKitError,
  type AuthenKitErrorJSON,
  type AuthenKitErrorOptions,
  errorGuard,
  restoreError,
} from '@authenkit/authen-code';

/**
 * Stable error codes of `@authenkit/thai-idcard`. Codes are public API: they never change meaning.
 *
 * | code | meaning |
 * |---|---|
 * | `READER_NOT_FOUND` | no PC/SC reader (or not the one asked for) |
 * | `CARD_NOT_PRESENT` | the reader is empty (was `NO_CARD` in 0.1, see {@link ERROR_CODE_ALIASES}) |
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
export type ThaiIdCardErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every stable error code of `@authenkit/thai-idcard` (see {@link ThaiIdCardErrorCode} for their meaning).
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from '@authenkit/thai-idcard';
 * console.log(ERROR_CODES.includes('CARD_NOT_PRESENT')); // true
 * ```
 */
export const ERROR_CODES = [
  'READER_NOT_FOUND',
  'CARD_NOT_PRESENT',
  'CARD_REMOVED',
  'CARD_UNRESPONSIVE',
  'UNSUPPORTED_CARD',
  'APDU_FAILED',
  'NOT_SUPPORTED_BY_CARD',
  'TIMEOUT',
  'ABORTED',
  'PCSC_UNAVAILABLE',
  'PCSC_ERROR',
  'INVALID_DATA',
  'INVALID_ARGUMENT',
  'INVALID_CARD_IMAGE',
  'REPLAY_MISMATCH',
  'TRANSPORT_CLOSED',
  'PIN_FORMAT',
  'PIN_INCORRECT',
  'PIN_LAST_ATTEMPT',
  'PIN_BLOCKED',
  'PIN_ENTRY_CANCELLED',
  'PIN_ENTRY_TIMEOUT',
  'SECURITY_STATUS',
  'CERTIFICATE_INVALID',
  'SIGNATURE_INVALID',
  'ASSERTION_INVALID',
] as const;

/**
 * Released old code names and the code that replaced them. The guard ({@link isThaiIdCardError}) and
 * {@link ThaiIdCardError.fromJSON} accept them; errors are always thrown with the new code.
 *
 * | old (0.1) | now |
 * |---|---|
 * | `NO_CARD` | `CARD_NOT_PRESENT` |
 *
 * @example
 * ```ts
 * import { ERROR_CODE_ALIASES } from '@authenkit/thai-idcard';
 * console.log(ERROR_CODE_ALIASES.NO_CARD); // 'CARD_NOT_PRESENT'
 * ```
 */
export const ERROR_CODE_ALIASES: Readonly<{ NO_CARD: 'CARD_NOT_PRESENT' }> = Object.freeze({
  NO_CARD: 'CARD_NOT_PRESENT',
});

const THAI_MESSAGES: Readonly<Record<ThaiIdCardErrorCode, string>> = {
  READER_NOT_FOUND: 'ไม่พบเครื่องอ่านบัตร',
  CARD_NOT_PRESENT: 'ไม่มีบัตรในเครื่องอ่าน',
  CARD_REMOVED: 'บัตรถูกดึงออกระหว่างอ่าน กรุณาเสียบบัตรใหม่',
  CARD_UNRESPONSIVE: 'บัตรไม่ตอบสนอง กรุณาเสียบบัตรใหม่ให้ถูกด้าน',
  UNSUPPORTED_CARD: 'ไม่ใช่บัตรประจำตัวประชาชน',
  APDU_FAILED: 'บัตรตอบกลับผิดพลาด',
  NOT_SUPPORTED_BY_CARD: 'บัตรรุ่นนี้ไม่รองรับข้อมูลนี้',
  TIMEOUT: 'หมดเวลารอ',
  ABORTED: 'ยกเลิกแล้ว',
  PCSC_UNAVAILABLE:
    'ไม่พบบริการสมาร์ทการ์ด (PC/SC) หรือยังไม่ได้ติดตั้ง: ติดตั้ง pcsclite หรือ smartcard; บน Linux ติดตั้ง pcscd และ libpcsclite-dev ด้วย',
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
 * console.log(thaiMessage('CARD_NOT_PRESENT')); // 'ไม่มีบัตรในเครื่องอ่าน'
 * ```
 */
export function thaiMessage(code: ThaiIdCardErrorCode): string {
  return THAI_MESSAGES[code] ?? code;
}

/**
 * Structured context of a {@link ThaiIdCardError}. Never contains personal data unless the caller
 * opted in with `includePersonalData` (citizen IDs are masked otherwise).
 *
 * @example
 * ```ts
 * import { type ThaiIdCardErrorDetails } from '@authenkit/thai-idcard';
 * const d: ThaiIdCardErrorDetails = { sw: 0x6a82, reader: 'ACS ACR39U' };
 * console.log(d.sw);
 * ```
 */
export interface ThaiIdCardErrorDetails {
  /** Status word (SW1 << 8 | SW2) for `APDU_FAILED` and the PIN codes. */
  sw?: number;
  /** PC/SC error code (e.g. `0x80100069`) when the error came from PC/SC. */
  pcscCode?: number;
  /** Reader name. */
  reader?: string;
  /** Index (0-based) of the APDU in the current read at which the error happened. */
  apduIndex?: number;
  /** PIN tries left for `PIN_INCORRECT` / `PIN_BLOCKED` / `PIN_LAST_ATTEMPT`. */
  triesLeft?: number;
  [key: string]: unknown;
}

/**
 * The JSON form of a {@link ThaiIdCardError} (`toJSON()`), safe for Electron IPC and logs.
 *
 * @example
 * ```ts
 * import { ThaiIdCardError, type ThaiIdCardErrorJSON } from '@authenkit/thai-idcard';
 * const json: ThaiIdCardErrorJSON = new ThaiIdCardError('CARD_NOT_PRESENT', 'reader is empty').toJSON();
 * console.log(json.code);
 * ```
 */
export type ThaiIdCardErrorJSON = AuthenKitErrorJSON<
  'ThaiIdCardError',
  ThaiIdCardErrorCode,
  ThaiIdCardErrorDetails
>;

/**
 * The one error root of `@authenkit/thai-idcard`: every failure is a `ThaiIdCardError` with a stable
 * {@link ThaiIdCardErrorCode} (one of {@link ERROR_CODES}), an English `message`, a Thai `messageTh` and
 * `details`. It extends `AuthenKitError` of `@authenkit/authen-code`, so it serialises with `toJSON()` /
 * {@link ThaiIdCardError.fromJSON} (Electron IPC, workers) like every AuthenKit error. Citizen IDs in the
 * message and details are masked unless the caller opted in (`includePersonalData`).
 *
 * @example
 * ```ts
 * import { ThaiIdCardError, isThaiIdCardError } from '@authenkit/thai-idcard';
 * const err = new ThaiIdCardError('APDU_FAILED', 'READ BINARY failed', { details: { sw: 0x6b00 } });
 * const copy = ThaiIdCardError.fromJSON(JSON.parse(JSON.stringify(err)));
 * console.log(isThaiIdCardError(copy, 'APDU_FAILED'), copy.sw); // true 27392
 * ```
 */
export class ThaiIdCardError extends AuthenKitError<ThaiIdCardErrorCode, ThaiIdCardErrorDetails> {
  override readonly name = 'ThaiIdCardError' as const;

  constructor(
    code: ThaiIdCardErrorCode,
    message: string,
    options?: AuthenKitErrorOptions<ThaiIdCardErrorDetails>,
  ) {
    super(code, message, thaiMessage(code), options);
  }

  /** The status word for `APDU_FAILED` and the PIN errors. */
  get sw(): number | undefined {
    return this.details?.sw;
  }

  override toJSON(): ThaiIdCardErrorJSON {
    return { ...super.toJSON(), name: this.name };
  }

  /**
   * Rebuilds an error from its `toJSON()` form (e.g. in the Electron renderer). Accepts the released old code
   * names of {@link ERROR_CODE_ALIASES} (a `NO_CARD` comes back as `CARD_NOT_PRESENT`).
   *
   * @throws {@link ThaiIdCardError} `INVALID_ARGUMENT` when `json` is not such a form.
   * @example
   * ```ts
   * import { ThaiIdCardError } from '@authenkit/thai-idcard';
   * const e = ThaiIdCardError.fromJSON({ name: 'ThaiIdCardError', code: 'NO_CARD', message: 'empty', messageTh: '' });
   * console.log(e instanceof ThaiIdCardError, e.code); // true 'CARD_NOT_PRESENT'
   * ```
   */
  static fromJSON(json: unknown): ThaiIdCardError {
    const e = restoreError(json, ERROR_CODES, (c, m, o) => new ThaiIdCardError(c, m, o), ERROR_CODE_ALIASES);
    if (!e) throw new ThaiIdCardError('INVALID_ARGUMENT', 'not a serialised ThaiIdCardError');
    return e;
  }
}

/**
 * True when `value` is a {@link ThaiIdCardError} (also across realms: checks `name` too); with `code`, also
 * narrows by code. A released old code name (`NO_CARD`, see {@link ERROR_CODE_ALIASES}) matches its new code.
 *
 * @example
 * ```ts
 * import { isThaiIdCardError, ThaiIdCardError } from '@authenkit/thai-idcard';
 * const e: unknown = new ThaiIdCardError('CARD_NOT_PRESENT', 'reader is empty');
 * console.log(isThaiIdCardError(new Error('x')), isThaiIdCardError(e, 'CARD_NOT_PRESENT')); // false true
 * ```
 */
export function isThaiIdCardError<
  K extends ThaiIdCardErrorCode | keyof typeof ERROR_CODE_ALIASES = ThaiIdCardErrorCode,
>(value: unknown, code?: K): value is ThaiIdCardError & { code: CanonicalCode<K> } {
  return guard(value, code as ThaiIdCardErrorCode | undefined);
}

/**
 * The current code for a code or a released old name (`'NO_CARD'` → `'CARD_NOT_PRESENT'`).
 *
 * @example
 * ```ts
 * import { type CanonicalCode } from '@authenkit/thai-idcard';
 * const c: CanonicalCode<'NO_CARD'> = 'CARD_NOT_PRESENT';
 * console.log(c);
 * ```
 */
export type CanonicalCode<K extends string> = K extends keyof typeof ERROR_CODE_ALIASES
  ? (typeof ERROR_CODE_ALIASES)[K]
  : K;

const guard = errorGuard(ThaiIdCardError, 'ThaiIdCardError', ERROR_CODE_ALIASES);

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
