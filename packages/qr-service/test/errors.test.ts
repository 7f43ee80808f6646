import { decodeServiceQr, isQrServiceError, QrServiceError } from '@authenkit/qr-service';
import { describe, expect, it } from 'vitest';

describe('QrServiceError', () => {
  it('has a stable code, a Thai message, toJSON and a realm-safe guard', () => {
    const e = new QrServiceError('EXPIRED', 'payload has expired', { details: { validUntil: 'x' } });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('QrServiceError');
    expect(e.messageTh).toBe('QR หมดอายุแล้ว');
    expect(e.toJSON()).toEqual({
      name: 'QrServiceError',
      code: 'EXPIRED',
      message: 'payload has expired',
      messageTh: 'QR หมดอายุแล้ว',
      details: { validUntil: 'x' },
    });
    expect(isQrServiceError(e)).toBe(true);
    expect(isQrServiceError({ name: 'QrServiceError', code: 'EXPIRED' })).toBe(true);
    expect(isQrServiceError(new Error('x'))).toBe(false);
    expect(isQrServiceError(null)).toBe(false);
  });
  it('keeps the cause', () => {
    const cause = new Error('inner');
    expect(new QrServiceError('RENDER_FAILED', 'x', { cause }).cause).toBe(cause);
  });
  it('is what the decoder throws', () => {
    expect(() => decodeServiceQr('nope')).toThrow(QrServiceError);
  });
});
