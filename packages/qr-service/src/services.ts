import { type ClaimType, getClaimType } from '@authenkit/authen-code';

/**
 * A service that can go on a QR poster: the `@authenkit/authen-code`
 * `ClaimType` entry (code, Thai `nameTh`, English `nameEn`, confidence, source).
 *
 * @example
 * ```ts
 * import { getQrService, type QrService } from '@authenkit/qr-service';
 * const s: QrService | undefined = getQrService('PG0090001');
 * console.log(s?.nameTh); // 'การดูแลรักษาในที่พัก (Home Isolation)'
 * ```
 */
export type QrService = ClaimType;

/**
 * The services offered by NHSO's "สร้าง QR Code" screen for clinics and units, in that screen's order
 * (OPD, the three COVID-19 screenings, PP Fee Schedule, Community Isolation, Home Isolation).
 *
 * @example
 * ```ts
 * import { QR_SERVICE_CODES } from '@authenkit/qr-service';
 * console.log(QR_SERVICE_CODES.length, QR_SERVICE_CODES.includes('PG0090001')); // 7 true
 * ```
 */
export const QR_SERVICE_CODES: readonly string[] = Object.freeze([
  'OPD',
  'PG0010065',
  'PG0010066',
  'PG0010067',
  'PG0070001',
  'PG0080001',
  'PG0090001',
]);

/**
 * Names of a service code, from `@authenkit/authen-code`'s claim-type catalogue; `undefined` when the
 * code is unknown (the payload decoder then fails with `UNKNOWN_SERVICE` unless told otherwise).
 *
 * @example
 * ```ts
 * import { getQrService } from '@authenkit/qr-service';
 * console.log(getQrService('PG0010066')?.code, getQrService('NOPE')); // 'PG0010066' undefined
 * ```
 */
export function getQrService(code: string): QrService | undefined {
  return getClaimType(code);
}
