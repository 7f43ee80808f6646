import { AuthenKitError } from '@authenkit/authen-code';
import {
  ERROR_CODE_ALIASES,
  ERROR_CODES,
  isNhsoError,
  maskPids,
  NHSO_ERROR_CODES,
  NHSO_ERROR_MESSAGES_TH,
  NhsoError,
} from '@authenkit/nhso-client';
import { describe, expect, expectTypeOf, it } from 'vitest';

const PID = '1101700203450';

describe('NhsoError: the error contract', () => {
  it('extends AuthenKitError; every code has a Thai message and round-trips through toJSON/fromJSON', () => {
    expect(NHSO_ERROR_CODES).toBe(ERROR_CODES);
    expect(Object.keys(NHSO_ERROR_MESSAGES_TH).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const e = new NhsoError(code, `failed: ${code}`, {
        status: 503,
        retryAfterMs: 1500,
        details: { operation: 'op', messages: ['m'] },
      });
      expect(e).toBeInstanceOf(AuthenKitError);
      expect(e.messageTh, code).toMatch(/[\u0E00-\u0E7F]/);
      expect(e.messageTh).toBe(NHSO_ERROR_MESSAGES_TH[code]);
      const json = JSON.parse(JSON.stringify(e));
      expect(json).toEqual({
        name: 'NhsoError',
        code,
        message: `failed: ${code}`,
        messageTh: e.messageTh,
        status: 503,
        retryAfterMs: 1500,
        details: { operation: 'op', messages: ['m'] },
      });
      const back = NhsoError.fromJSON(json);
      expect(back).toBeInstanceOf(NhsoError);
      expect(back.code).toBe(code);
      expect(back.messageTh).toBe(e.messageTh);
      expect(back.status).toBe(503);
      expect(back.toJSON()).toEqual(json);
    }
  });

  it('fromJSON refuses what is not a serialised NhsoError (VALIDATION)', () => {
    for (const bad of [null, 1, 'x', {}, { code: 'NOPE', message: 'x' }, { code: '__proto__' }]) {
      expect(() => NhsoError.fromJSON(bad)).toThrow(NhsoError);
      try {
        NhsoError.fromJSON(bad);
      } catch (e) {
        expect(isNhsoError(e, 'VALIDATION')).toBe(true);
      }
    }
  });

  it('the released name DUPLICATE_AUTHEN is an alias: accepted by fromJSON and the guard, never thrown', () => {
    expect(ERROR_CODE_ALIASES).toEqual({ DUPLICATE_AUTHEN: 'DUPLICATE_AUTHEN_CODE' });
    expect(ERROR_CODES).not.toContain('DUPLICATE_AUTHEN');
    const old = NhsoError.fromJSON({ name: 'NhsoError', code: 'DUPLICATE_AUTHEN', message: 'dup' });
    expect(old.code).toBe('DUPLICATE_AUTHEN_CODE');
    expect(old.messageTh).toBe(NHSO_ERROR_MESSAGES_TH.DUPLICATE_AUTHEN_CODE);
    const e: unknown = new NhsoError('DUPLICATE_AUTHEN_CODE', 'dup');
    expect(isNhsoError(e, 'DUPLICATE_AUTHEN')).toBe(true);
    expect(isNhsoError(e, 'DUPLICATE_AUTHEN_CODE')).toBe(true);
    if (isNhsoError(e, 'DUPLICATE_AUTHEN')) expectTypeOf(e.code).toEqualTypeOf<'DUPLICATE_AUTHEN_CODE'>();
  });

  it('the guard narrows by code and works across realms (by name)', () => {
    const e: unknown = new NhsoError('TIMEOUT', 'slow');
    expect(isNhsoError(e)).toBe(true);
    expect(isNhsoError(e, 'TIMEOUT')).toBe(true);
    expect(isNhsoError(e, 'NETWORK')).toBe(false);
    if (isNhsoError(e, 'TIMEOUT')) expectTypeOf(e.code).toEqualTypeOf<'TIMEOUT'>();
    expect(isNhsoError(structuredClone((e as NhsoError).toJSON()), 'TIMEOUT')).toBe(true);
    expect(isNhsoError(new Error('x'))).toBe(false);
    expect(isNhsoError(null)).toBe(false);
  });

  it('a citizen ID in message or details never survives into message / toJSON()', () => {
    const e = new NhsoError('BAD_RESPONSE', `no person ${PID}`, {
      details: {
        messages: [`PID ${PID} not found`],
        issues: [`pid: received ${Number(PID)}`],
        n: Number(PID),
      },
    });
    expect(e.message).toBe('no person 1-1017-xxxxx-xx-0');
    expect(JSON.stringify(e)).not.toMatch(/(?<!\d)\d{13}(?!\d)/);
    expect(JSON.stringify(e)).not.toContain('00203');
    expect(maskPids(`x ${PID}`)).toBe('x 1-1017-xxxxx-xx-0');
  });
});
