import {
  AuthenKitError,
  type AuthenKitErrorJSON,
  type AuthenKitErrorOptions,
  errorGuard,
  restoreError,
} from './error-base.js';

/**
 * Stable error codes of `@authenkit/authen-code`.
 *
 * | code | thrown when |
 * |---|---|
 * | `INVALID_CITIZEN_ID` | a citizen ID has the wrong length, a non-digit or a bad check digit |
 * | `INVALID_DATE` | a Buddhist-era date, ISO date or date-time cannot be parsed or is out of range |
 * | `INVALID_AUTHEN_CODE` | an Authen Code does not match a known shape |
 * | `INVALID_INSCL` | an insurance-right (inscl) string cannot be parsed |
 * | `UNKNOWN_CLAIM_TYPE` | a claim type (service) code is not in the catalogue |
 * | `INVALID_VISIT_REQUEST` | a visit request fails validation (see `details.issues`) |
 * | `INVALID_FILTER` | a report filter is invalid (see `details.issues`) |
 * | `ILLEGAL_TRANSITION` | an Authen Code lifecycle event is not allowed in the current status |
 * | `INVALID_ARGUMENT` | any other bad argument |
 * | `MISSING_DEPENDENCY` | an optional peer dependency (e.g. `exceljs` for `/xlsx`) is not installed |
 *
 * @example
 * ```ts
 * import { AuthenCodeError } from '@authenkit/authen-code';
 * try { throw new AuthenCodeError('INVALID_CITIZEN_ID', 'checksum digit does not match') } catch (e) {
 *   if (e instanceof AuthenCodeError) console.log(e.code); // 'INVALID_CITIZEN_ID'
 * }
 * ```
 */
export const ERROR_CODES = [
  'INVALID_CITIZEN_ID',
  'INVALID_DATE',
  'INVALID_AUTHEN_CODE',
  'INVALID_INSCL',
  'UNKNOWN_CLAIM_TYPE',
  'INVALID_VISIT_REQUEST',
  'INVALID_FILTER',
  'ILLEGAL_TRANSITION',
  'INVALID_ARGUMENT',
  'MISSING_DEPENDENCY',
] as const;

/** One of {@link ERROR_CODES}. */
export type AuthenCodeErrorCode = (typeof ERROR_CODES)[number];

const MESSAGES_TH: Readonly<Record<AuthenCodeErrorCode, string>> = {
  INVALID_CITIZEN_ID: 'เลขประจำตัวประชาชนไม่ถูกต้อง',
  INVALID_DATE: 'วันที่ไม่ถูกต้อง',
  INVALID_AUTHEN_CODE: 'รหัส Authen Code ไม่ถูกต้อง',
  INVALID_INSCL: 'รหัสสิทธิการรักษาไม่ถูกต้อง',
  UNKNOWN_CLAIM_TYPE: 'ไม่รู้จักประเภทบริการ (รหัสบริการ) นี้',
  INVALID_VISIT_REQUEST: 'ข้อมูลการขอรหัส Authen Code ไม่ครบหรือไม่ถูกต้อง',
  INVALID_FILTER: 'เงื่อนไขการค้นหารายงานไม่ถูกต้อง',
  ILLEGAL_TRANSITION: 'เปลี่ยนสถานะรหัส Authen Code แบบนี้ไม่ได้',
  INVALID_ARGUMENT: 'ค่าที่ส่งให้ไลบรารีไม่ถูกต้อง',
  MISSING_DEPENDENCY: 'ยังไม่ได้ติดตั้งแพ็กเกจเสริมที่จำเป็น',
};

/** The `toJSON()` form of an {@link AuthenCodeError}. */
export type AuthenCodeErrorJSON = AuthenKitErrorJSON<'AuthenCodeError', AuthenCodeErrorCode>;

/**
 * The one error root of `@authenkit/authen-code`. Every error thrown by this package is an
 * `AuthenCodeError` with a stable {@link AuthenCodeErrorCode}, an English `message` and a Thai `messageTh`.
 * Citizen IDs in messages and details are masked (see {@link AuthenKitError}).
 *
 * @example
 * ```ts
 * import { AuthenCodeError, isAuthenCodeError } from '@authenkit/authen-code';
 * const err = new AuthenCodeError('INVALID_DATE', 'month 13 is out of range');
 * console.log(isAuthenCodeError(err, 'INVALID_DATE'), err.messageTh); // true 'วันที่ไม่ถูกต้อง'
 * ```
 */
export class AuthenCodeError extends AuthenKitError<AuthenCodeErrorCode> {
  override readonly name = 'AuthenCodeError' as const;

  constructor(code: AuthenCodeErrorCode, message: string, options?: AuthenKitErrorOptions) {
    super(code, message, MESSAGES_TH[code], options);
  }

  override toJSON(): AuthenCodeErrorJSON {
    return { ...super.toJSON(), name: this.name };
  }

  /**
   * Restores an error from its `toJSON()` form (e.g. in an Electron renderer or a worker).
   *
   * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` when `json` is not such a form.
   * @example
   * ```ts
   * import { AuthenCodeError } from '@authenkit/authen-code';
   * const e = AuthenCodeError.fromJSON(new AuthenCodeError('INVALID_DATE', 'x').toJSON());
   * console.log(e instanceof AuthenCodeError, e.code); // true 'INVALID_DATE'
   * ```
   */
  static fromJSON(json: unknown): AuthenCodeError {
    const e = restoreError(json, ERROR_CODES, (c, m, o) => new AuthenCodeError(c, m, o));
    if (!e) throw new AuthenCodeError('INVALID_ARGUMENT', 'not a serialised AuthenCodeError');
    return e;
  }
}

/**
 * True when `value` is an {@link AuthenCodeError}, also across realms (checks `name` as well as
 * `instanceof`); with `code`, also narrows by code.
 *
 * @example
 * ```ts
 * import { isAuthenCodeError } from '@authenkit/authen-code';
 * console.log(isAuthenCodeError(new Error('x'))); // false
 * ```
 */
export const isAuthenCodeError: <K extends AuthenCodeErrorCode = AuthenCodeErrorCode>(
  value: unknown,
  code?: K,
) => value is AuthenCodeError & { code: K } = errorGuard(AuthenCodeError, 'AuthenCodeError');
