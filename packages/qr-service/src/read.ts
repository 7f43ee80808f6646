/**
 * Read QR codes back from pixels (browser-safe): for tests, and for counters that point a webcam at a
 * poster or a phone screen. Uses the pure-JS `jsqr` decoder.
 *
 * @packageDocumentation
 */
import { QrServiceError } from './errors.js';
import { type DecodedServiceQr, type DecodeServiceQrOptions, decodeServiceQr } from './payload.js';
import jsQR from './vendor/jsqr.js';

/**
 * RGBA pixels, 4 bytes per pixel, row-major — the shape of the browser's `ImageData` and of `pngjs` output.
 *
 * @example
 * ```ts
 * import type { RgbaImage } from '@authenkit/qr-service/read';
 * const img: RgbaImage = { data: new Uint8ClampedArray(4 * 2 * 2), width: 2, height: 2 };
 * ```
 */
export interface RgbaImage {
  /** `width * height * 4` bytes (R, G, B, A). */
  readonly data: Uint8ClampedArray | Uint8Array;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

/**
 * Find and read one QR symbol in an RGBA image; returns its text. Tries normal and inverted images.
 *
 * @throws `QrServiceError` `NO_QR_FOUND` when no symbol can be read, `INVALID_ARGUMENT` on a bad buffer.
 * @example
 * ```ts no-run
 * import { decodeQrFromImage } from '@authenkit/qr-service/read';
 * // In a browser: const img = ctx.getImageData(0, 0, w, h);
 * declare const img: ImageData;
 * console.log(decodeQrFromImage(img));
 * ```
 */
export function decodeQrFromImage(image: RgbaImage): string {
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    throw new QrServiceError('INVALID_ARGUMENT', 'width and height must be positive integers');
  if (!data || data.length !== width * height * 4)
    throw new QrServiceError('INVALID_ARGUMENT', 'data must hold width * height * 4 RGBA bytes', {
      details: { expected: width * height * 4, actual: data?.length },
    });
  const clamped =
    data instanceof Uint8ClampedArray
      ? data
      : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const found = jsQR(clamped, width, height, { inversionAttempts: 'attemptBoth' });
  if (!found) throw new QrServiceError('NO_QR_FOUND', 'no readable QR code in the image');
  return found.data;
}

/**
 * Read a QR symbol from an image and decode it as a service QR payload ({@link decodeServiceQr} checks).
 *
 * @example
 * ```ts no-run
 * import { readServiceQrFromImage } from '@authenkit/qr-service/read';
 * declare const img: ImageData;
 * const qr = readServiceQrFromImage(img, { allowUnknownService: false });
 * console.log(qr.hcode, qr.serviceCode);
 * ```
 */
export function readServiceQrFromImage(image: RgbaImage, options?: DecodeServiceQrOptions): DecodedServiceQr {
  return decodeServiceQr(decodeQrFromImage(image), options);
}
