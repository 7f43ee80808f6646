import {
  AuthenCodeError,
  AuthenKitError,
  ERROR_CODES,
  errorGuard,
  isAuthenCodeError,
  maskCitizenIdsDeep,
  maskCitizenIdsInText,
} from '@authenkit/authen-code';
import { describe, expect, expectTypeOf, it } from 'vitest';

const PID = '1101700203450';

describe('AuthenCodeError: the error contract', () => {
  it('every code has a Thai message and round-trips through toJSON/fromJSON', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(5);
    for (const code of ERROR_CODES) {
      const e = new AuthenCodeError(code, `failed: ${code}`, { details: { field: 'x' } });
      expect(e.messageTh, code).toMatch(/[\u0E00-\u0E7F]/);
      expect(e).toBeInstanceOf(AuthenKitError);
      const json = JSON.parse(JSON.stringify(e));
      expect(json).toEqual({
        name: 'AuthenCodeError',
        code,
        message: `failed: ${code}`,
        messageTh: e.messageTh,
        details: { field: 'x' },
      });
      const back = AuthenCodeError.fromJSON(json);
      expect(back).toBeInstanceOf(AuthenCodeError);
      expect(back.toJSON()).toEqual(json);
    }
  });

  it('fromJSON refuses what is not a serialised AuthenCodeError', () => {
    for (const bad of [null, 1, 'x', {}, { code: 'NOPE', message: 'x' }, { code: '__proto__' }]) {
      expect(() => AuthenCodeError.fromJSON(bad)).toThrow(AuthenCodeError);
    }
  });

  it('the guard narrows by code and works across realms (by name)', () => {
    const e: unknown = new AuthenCodeError('INVALID_DATE', 'bad month');
    expect(isAuthenCodeError(e)).toBe(true);
    expect(isAuthenCodeError(e, 'INVALID_DATE')).toBe(true);
    expect(isAuthenCodeError(e, 'INVALID_INSCL')).toBe(false);
    if (isAuthenCodeError(e, 'INVALID_DATE')) expectTypeOf(e.code).toEqualTypeOf<'INVALID_DATE'>();
    expect(isAuthenCodeError(structuredClone((e as AuthenCodeError).toJSON()), 'INVALID_DATE')).toBe(true);
    expect(isAuthenCodeError(new Error('x'))).toBe(false);
    expect(isAuthenCodeError(null)).toBe(false);
  });

  it('a released old code name given to the guard matches its new code', () => {
    class OldNames extends AuthenKitError<'CARD_NOT_PRESENT'> {
      override readonly name = 'OldNames';
      constructor() {
        super('CARD_NOT_PRESENT', 'x', 'ไม่มีบัตร');
      }
    }
    const guard = errorGuard(OldNames, 'OldNames', { NO_CARD: 'CARD_NOT_PRESENT' });
    expect(guard(new OldNames(), 'NO_CARD' as 'CARD_NOT_PRESENT')).toBe(true);
  });

  it('masks citizen IDs in message and details unless the thrower opted in', () => {
    const e = new AuthenCodeError('INVALID_CITIZEN_ID', `bad id ${PID}`, {
      details: { pid: Number(PID), issues: [{ message: `got 1-1017-00203-45-0` }], bytes: new Uint8Array(2) },
    });
    const text = JSON.stringify(e);
    expect(text).not.toContain(PID);
    expect(text).not.toContain('00203');
    expect(e.message).toBe('bad id 1-1017-xxxxx-xx-0');
    expect(e.details).toMatchObject({ pid: '1-1017-xxxxx-xx-0' });
    const opted = new AuthenCodeError('INVALID_CITIZEN_ID', `bad id ${PID}`, {
      details: { pid: PID },
      personalData: true,
    });
    expect(JSON.stringify(opted)).toContain(PID);
  });

  it('maskCitizenIdsDeep copes with cycles and leaves other numbers alone', () => {
    const o: Record<string, unknown> = { n: 42, s: `${PID}0`, t: PID };
    o.self = o;
    const m = maskCitizenIdsDeep(o);
    expect(m).toMatchObject({ n: 42, s: `${PID}0`, t: '1-1017-xxxxx-xx-0', self: '[…]' });
    expect(maskCitizenIdsInText(`a${PID}b`)).toBe('a1-1017-xxxxx-xx-0b');
  });
});
