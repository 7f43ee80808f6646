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
 * @example
 * ```ts
 * import { QrServiceError } from '@authenkit/qr-service';
 * const err = new QrServiceError('BAD_CHECKSUM', 'CRC mismatch');
 * console.log(err.code); // 'BAD_CHECKSUM'
 * ```
 */
export type QrServiceErrorCode =
  | 'MALFORMED_PAYLOAD'
  | 'BAD_CHECKSUM'
  | 'BAD_SIGNATURE'
  | 'SIGNATURE_REQUIRED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'UNKNOWN_VERSION'
  | 'UNKNOWN_SERVICE'
  | 'INVALID_ARGUMENT'
  | 'INVALID_KEY'
  | 'NO_QR_FOUND'
  | 'HID_UNAVAILABLE'
  | 'RENDER_FAILED';

const thaiMessages: Record<QrServiceErrorCode, string> = {
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
 * The one error root of `@authenkit/qr-service`. Every error this package throws is a `QrServiceError`
 * with a stable {@link QrServiceErrorCode}, an English `message` and a Thai `messageTh` for staff.
 * Messages never contain a citizen's personal data (payloads carry none) nor key material.
 *
 * @example
 * ```ts
 * import { decodeServiceQr, isQrServiceError } from '@authenkit/qr-service';
 * try {
 *   decodeServiceQr('not a payload');
 * } catch (e) {
 *   if (isQrServiceError(e)) console.log(e.code, e.messageTh); // 'MALFORMED_PAYLOAD' …
 * }
 * ```
 */
export class QrServiceError extends Error {
  override readonly name = 'QrServiceError' as const;
  /** Stable machine-readable code. */
  readonly code: QrServiceErrorCode;
  /** A short Thai explanation for staff (same meaning as `code`). */
  readonly messageTh: string;
  /** Extra structured context (never personal data, never key material). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: QrServiceErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messageTh = thaiMessages[code];
    this.details = options?.details;
  }

  /** A plain object safe to log or send over IPC. */
  toJSON(): {
    name: 'QrServiceError';
    code: QrServiceErrorCode;
    message: string;
    messageTh: string;
    details?: Record<string, unknown>;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      messageTh: this.messageTh,
      ...(this.details ? { details: { ...this.details } } : {}),
    };
  }
}

/**
 * True when `value` is a {@link QrServiceError}, also across realms (checks `name` as well as `instanceof`).
 *
 * @example
 * ```ts
 * import { isQrServiceError } from '@authenkit/qr-service';
 * console.log(isQrServiceError(new Error('x'))); // false
 * ```
 */
export function isQrServiceError(value: unknown): value is QrServiceError {
  return (
    value instanceof QrServiceError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'QrServiceError')
  );
}
