import {
  type DecodedServiceQr,
  type DecodeServiceQrOptions,
  decodeServiceQr,
  type EncodeServiceQrOptions,
  encodeServiceQr,
  type ServiceQrFields,
} from './payload.js';

/**
 * A pluggable service-QR payload format. AuthenKit ships {@link authenkitQrCodecV1}; if NHSO ever
 * publishes the format of its own QR, a codec for it can be passed to the poster and CLI functions instead.
 *
 * @example
 * ```ts
 * import { authenkitQrCodecV1, type ServiceQrCodec } from '@authenkit/qr-service';
 * const codec: ServiceQrCodec = authenkitQrCodecV1;
 * console.log(codec.id); // 'authenkit-v1'
 * ```
 */
export interface ServiceQrCodec {
  /** Stable identifier of the format. */
  readonly id: string;
  /** Fields → text to put in the QR symbol. */
  encode(fields: ServiceQrFields, options?: EncodeServiceQrOptions): string;
  /** Text read from a QR symbol → checked fields (throws `QrServiceError`). */
  decode(text: string, options?: DecodeServiceQrOptions): DecodedServiceQr;
}

/**
 * The AuthenKit service QR payload format, version 1 ({@link encodeServiceQr} / {@link decodeServiceQr}).
 *
 * @example
 * ```ts
 * import { authenkitQrCodecV1 } from '@authenkit/qr-service';
 * const text = authenkitQrCodecV1.encode({ hcode: '10998', serviceCode: 'OPD' });
 * console.log(authenkitQrCodecV1.decode(text).serviceCode); // 'OPD'
 * ```
 */
export const authenkitQrCodecV1: ServiceQrCodec = Object.freeze({
  id: 'authenkit-v1',
  encode: encodeServiceQr,
  decode: decodeServiceQr,
});
