import { AuthenKitError } from '@authenkit/authen-code';
import {
  decodeServiceQr,
  ERROR_CODES,
  isQrServiceError,
  QrServiceError,
  type QrServiceErrorCode,
} from '@authenkit/qr-service';
import { describe, expect, expectTypeOf, it } from 'vitest';

const PID = '1101700203450';

describe('QrServiceError: the error contract', () => {
  it('every code has a Thai message and round-trips through toJSON/fromJSON', () => {
    expect(ERROR_CODES.length).toBe(new Set(ERROR_CODES).size);
    expect(ERROR_CODES).toContain('INVALID_KEY');
    const thai = new Set<string>();
    for (const code of ERROR_CODES) {
      const e = new QrServiceError(code, `failed: ${code}`, { details: { field: 'x' } });
      expect(e).toBeInstanceOf(AuthenKitError);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe('QrServiceError');
      expect(e.messageTh, code).toMatch(/[\u0E00-\u0E7F]/);
      thai.add(e.messageTh);
      const json = JSON.parse(JSON.stringify(e));
      expect(json).toEqual({
        name: 'QrServiceError',
        code,
        message: `failed: ${code}`,
        messageTh: e.messageTh,
        details: { field: 'x' },
      });
      const back = QrServiceError.fromJSON(json);
      expect(back).toBeInstanceOf(QrServiceError);
      expect(back.code).toBe(code);
      expect(back.messageTh).toBe(e.messageTh);
      expect(back.toJSON()).toEqual(json);
    }
    expect(thai.size, 'one Thai message per code').toBe(ERROR_CODES.length);
  });

  it('fromJSON refuses what is not a serialised QrServiceError with INVALID_ARGUMENT', () => {
    for (const bad of [null, 1, 'x', {}, { code: 'NOPE', message: 'x' }, { code: '__proto__' }]) {
      let thrown: unknown;
      try {
        QrServiceError.fromJSON(bad);
      } catch (e) {
        thrown = e;
      }
      expect(isQrServiceError(thrown, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('the guard narrows by code and works across realms (by name)', () => {
    const e: unknown = new QrServiceError('EXPIRED', 'payload has expired');
    expect(isQrServiceError(e)).toBe(true);
    expect(isQrServiceError(e, 'EXPIRED')).toBe(true);
    expect(isQrServiceError(e, 'BAD_SIGNATURE')).toBe(false);
    if (isQrServiceError(e, 'EXPIRED')) expectTypeOf(e.code).toEqualTypeOf<'EXPIRED'>();
    expectTypeOf<QrServiceErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expect(isQrServiceError(structuredClone((e as QrServiceError).toJSON()), 'EXPIRED')).toBe(true);
    expect(isQrServiceError(new Error('x'))).toBe(false);
    expect(isQrServiceError(null)).toBe(false);
  });

  it('keeps the cause, never serialises it', () => {
    const cause = new Error('inner');
    const e = new QrServiceError('RENDER_FAILED', 'x', { cause });
    expect(e.cause).toBe(cause);
    expect(JSON.stringify(e)).not.toContain('inner');
  });

  it('masks a citizen ID in message and details unless the thrower opted in', () => {
    const e = new QrServiceError('INVALID_ARGUMENT', `bad name ${PID}`, { details: { name: `x ${PID}` } });
    expect(JSON.stringify(e)).not.toContain(PID);
    expect(e.message).toBe('bad name 1-1017-xxxxx-xx-0');
    const opted = new QrServiceError('INVALID_ARGUMENT', PID, { personalData: true });
    expect(opted.message).toBe(PID);
  });

  it('is what the decoder throws', () => {
    let thrown: unknown;
    try {
      decodeServiceQr('nope');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(QrServiceError);
    expect(isQrServiceError(thrown, 'MALFORMED_PAYLOAD')).toBe(true);
  });
});
