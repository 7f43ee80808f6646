/**
 * `@authenkit/qr-service` — per-service QR codes for NHSO (สปสช.) self-service Authen Code requests:
 * a documented, versioned, CRC-checked and optionally Ed25519-signed payload, plus a browser-safe SVG
 * renderer. Posters (PNG/PDF) live in `@authenkit/qr-service/poster`, image reading in `./read`,
 * USB HID scanners in `./hid`.
 *
 * @packageDocumentation
 */
export { authenkitQrCodecV1, type ServiceQrCodec } from './codec.js';
export {
  base45Decode,
  base45Encode,
  crc16CcittFalse,
  isQrAlphanumeric,
  QR_ALPHANUMERIC_CHARSET,
} from './codecs.js';
export {
  ERROR_CODES,
  isQrServiceError,
  QrServiceError,
  type QrServiceErrorCode,
  type QrServiceErrorJSON,
} from './errors.js';
export {
  generateQrSigningKeyPair,
  getQrPublicKey,
  type QrKeyInput,
  type QrSigningKeyPair,
  toHex,
} from './keys.js';
export {
  type DecodedServiceQr,
  type DecodeServiceQrOptions,
  decodeServiceQr,
  type EncodeServiceQrOptions,
  encodeServiceQr,
  type ServiceQrFields,
  type SignatureStatus,
  toServiceQrUrl,
  verifyServiceQr,
} from './payload.js';
export { getQrService, QR_SERVICE_CODES, type QrService } from './services.js';
export {
  type QrErrorCorrection,
  type QrMatrix,
  type QrSvgOptions,
  qrMatrix,
  qrSvgPath,
  renderQrSvg,
} from './svg.js';
