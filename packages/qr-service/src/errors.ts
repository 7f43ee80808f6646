import {
  AuthenKitError,
  type AuthenKitErrorJSON,
  type AuthenKitErrorOptions,
  errorGuard,
  restoreError,
} from '@authenkit/authen-code';

/**
 * Stable error codes of `@authenkit/qr-service`.
 *
 * | code | meaning |
 * | --- | --- |
 * | `MALFORMED_PAYLOAD` | not a well-formed AuthenKit service QR payload (bad TLV, bad field value) |
 * | `BAD_CHECKSUM` | the CRC-16 does not match: the text was altered or misread |
 * | `BAD_SIGNATURE` | the Ed25519 signature does not verify with the given public key |
 * | `SIGNATURE_REQUIRED` | a public key or `requireSignature` was given but the payload is unsigned |
 * | `EXPIRED` | `now` is after the payload's `validUntil` |
 * | `NOT_YET_VALID` | `now` is before the payload's `validFrom` |
 * | `UNKNOWN_VERSION` | an AuthenKit payload of a version this library does not read |
 * | `UNKNOWN_SERVICE` | the service code is not a known NHSO claim type / service |
 * | `INVALID_ARGUMENT` | a caller passed a bad value to an encoder or renderer |
 * | `INVALID_KEY` | a signing or verification key has the wrong size or format |
 * | `NO_QR_FOUND` | no QR symbol could be read from the image |
 * | `HID_UNAVAILABLE` | the optional `node-hid` peer dependency is missing or no device matched |
 * | `RENDER_FAILED` | the PNG/PDF/SVG renderer failed |
 *
 * The `authen-qr` CLI reports its usage errors (unknown option, missing `--hcode` …) as `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { ERROR_CODES } from '@authenkit/qr-service';
 * console.log(ERROR_CODES.includes('BAD_CHECKSUM')); // true
 * ```
 */
export const ERROR_CODES = [
  'MALFORMED_PAYLOAD',
  'BAD_CHECKSUM',
  'BAD_SIGNATURE',
  'SIGNATURE_REQUIRED',
  'EXPIRED',
  'NOT_YET_VALID',
  'UNKNOWN_VERSION',
  'UNKNOWN_SERVICE',
  'INVALID_ARGUMENT',
  'INVALID_KEY',
  'NO_QR_FOUND',
  'HID_UNAVAILABLE',
  'RENDER_FAILED',
] as const;

/**
 * One of {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { QrServiceErrorCode } from '@authenkit/qr-service';
 * const code: QrServiceErrorCode = 'BAD_SIGNATURE';
 * ```
 */
export type QrServiceErrorCode = (typeof ERROR_CODES)[number];

const MESSAGES_TH: Readonly<Record<QrServiceErrorCode, string>> = {
  MALFORMED_PAYLOAD: 'ข้อมูลใน QR ไม่ใช่รูปแบบ QR บริการของ AuthenKit',
  BAD_CHECKSUM: 'QR ถูกแก้ไขหรืออ่านผิด (ค่าตรวจสอบ CRC ไม่ตรง)',
  BAD_SIGNATURE: 'ลายมือชื่อดิจิทัลของ QR ไม่ถูกต้อง อาจเป็นโปสเตอร์ปลอม',
  SIGNATURE_REQUIRED: 'QR นี้ไม่มีลายมือชื่อดิจิทัล',
  EXPIRED: 'QR หมดอายุแล้ว',
  NOT_YET_VALID: 'QR ยังไม่ถึงวันเริ่มใช้งาน',
  UNKNOWN_VERSION: 'QR เป็นรุ่นที่โปรแกรมนี้ยังไม่รองรับ',
  UNKNOWN_SERVICE: 'ไม่รู้จักรหัสบริการใน QR',
  INVALID_ARGUMENT: 'ข้อมูลที่ส่งให้ไม่ถูกต้อง',
  INVALID_KEY: 'กุญแจสำหรับลงนามหรือตรวจสอบไม่ถูกต้อง',
  NO_QR_FOUND: 'ไม่พบ QR ในภาพ',
  HID_UNAVAILABLE: 'ไม่พบเครื่องสแกน USB HID หรือยังไม่ได้ติดตั้ง node-hid',
  RENDER_FAILED: 'สร้างภาพ QR/โปสเตอร์ไม่สำเร็จ',
};

/**
 * The `toJSON()` form of a {@link QrServiceError}.
 *
 * @example
 * ```ts
 * import { QrServiceError, type QrServiceErrorJSON } from '@authenkit/qr-service';
 * const j: QrServiceErrorJSON = new QrServiceError('EXPIRED', 'payload has expired').toJSON();
 * console.log(j.name, j.code); // 'QrServiceError' 'EXPIRED'
 * ```
 */
export type QrServiceErrorJSON = AuthenKitErrorJSON<'QrServiceError', QrServiceErrorCode>;

/**
 * The one error root of `@authenkit/qr-service` (extends `AuthenKitError` of `@authenkit/authen-code`).
 * Every error this package throws is a `QrServiceError` with a stable {@link QrServiceErrorCode}, an English
 * `message` and a Thai `messageTh` for staff. Messages never contain key material; payloads carry no
 * personal data, and a citizen ID in a message or in `details` is masked anyway.
 *
 * @example
 * ```ts
 * import { decodeServiceQr, isQrServiceError } from '@authenkit/qr-service';
 * try {
 *   decodeServiceQr('not a payload');
 * } catch (e) {
 *   if (isQrServiceError(e, 'MALFORMED_PAYLOAD')) console.log(e.code, e.messageTh); // 'MALFORMED_PAYLOAD' …
 * }
 * ```
 */
export class QrServiceError extends AuthenKitError<QrServiceErrorCode> {
  override readonly name = 'QrServiceError' as const;

  constructor(code: QrServiceErrorCode, message: string, options?: AuthenKitErrorOptions) {
    super(code, message, MESSAGES_TH[code], options);
  }

  override toJSON(): QrServiceErrorJSON {
    return { ...super.toJSON(), name: this.name };
  }

  /**
   * Restores an error from its `toJSON()` form (e.g. in an Electron renderer or a worker).
   *
   * @throws {@link QrServiceError} `INVALID_ARGUMENT` when `json` is not such a form.
   * @example
   * ```ts
   * import { QrServiceError } from '@authenkit/qr-service';
   * const e = QrServiceError.fromJSON(new QrServiceError('BAD_SIGNATURE', 'x').toJSON());
   * console.log(e instanceof QrServiceError, e.code); // true 'BAD_SIGNATURE'
   * ```
   */
  static fromJSON(json: unknown): QrServiceError {
    const e = restoreError(json, ERROR_CODES, (c, m, o) => new QrServiceError(c, m, o));
    if (!e) throw new QrServiceError('INVALID_ARGUMENT', 'not a serialised QrServiceError');
    return e;
  }
}

/**
 * True when `value` is a {@link QrServiceError}, also across realms (checks `name` as well as `instanceof`);
 * with `code`, also narrows by code.
 *
 * @example
 * ```ts
 * import { isQrServiceError, QrServiceError } from '@authenkit/qr-service';
 * console.log(isQrServiceError(new Error('x'))); // false
 * console.log(isQrServiceError(new QrServiceError('EXPIRED', 'x'), 'EXPIRED')); // true
 * ```
 */
export const isQrServiceError: <K extends QrServiceErrorCode = QrServiceErrorCode>(
  value: unknown,
  code?: K,
) => value is QrServiceError & { code: K } = errorGuard(QrServiceError, 'QrServiceError');
