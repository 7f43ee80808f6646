import {
  type DecodedServiceQr,
  decodeServiceQr,
  encodeServiceQr,
  type QrServiceErrorCode,
  type SignatureStatus,
  verifyServiceQr,
} from '@authenkit/qr-service';
import { type HidScanner, openHidScanner } from '@authenkit/qr-service/hid';
import { type RenderedPoster, renderPosterPdf, renderPosterPng } from '@authenkit/qr-service/poster';
import { decodeQrFromImage } from '@authenkit/qr-service/read';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types', () => {
  it('encode/decode', () => {
    expectTypeOf(encodeServiceQr).returns.toEqualTypeOf<string>();
    expectTypeOf(decodeServiceQr).returns.toEqualTypeOf<DecodedServiceQr>();
    expectTypeOf(verifyServiceQr).returns.toEqualTypeOf<DecodedServiceQr>();
    expectTypeOf<DecodedServiceQr['signature']>().toEqualTypeOf<SignatureStatus>();
    expectTypeOf<DecodedServiceQr['version']>().toEqualTypeOf<1>();
    expectTypeOf<'BAD_CHECKSUM'>().toExtend<QrServiceErrorCode>();
    // @ts-expect-error hcode is required
    encodeServiceQr({ serviceCode: 'OPD' });
  });
  it('posters, reading and HID', () => {
    expectTypeOf(renderPosterPng).returns.toEqualTypeOf<RenderedPoster>();
    expectTypeOf(renderPosterPdf).returns.toEqualTypeOf<Promise<RenderedPoster>>();
    expectTypeOf(decodeQrFromImage).returns.toEqualTypeOf<string>();
    expectTypeOf(openHidScanner).returns.toEqualTypeOf<Promise<HidScanner>>();
  });
});
