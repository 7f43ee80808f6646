/** The error contract of @authenkit/thai-idcard (the same one every AuthenKit package offers). */
import { AuthenKitError } from '@authenkit/authen-code';
import {
  ERROR_CODE_ALIASES,
  ERROR_CODES,
  isThaiIdCardError,
  readThaiIdCard,
  ThaiIdCardError,
  type ThaiIdCardErrorCode,
} from '@authenkit/thai-idcard';
import { createVirtualCard, sampleCardImage, sampleCardSpec } from '@authenkit/thai-idcard/virtual';
import { describe, expect, expectTypeOf, it } from 'vitest';

const PID = '1101700203450';

describe('ThaiIdCardError: the error contract', () => {
  it('every code has a Thai message and round-trips through toJSON/fromJSON', () => {
    expect(ERROR_CODES.length).toBe(new Set(ERROR_CODES).size);
    for (const code of ERROR_CODES) {
      const e = new ThaiIdCardError(code, `failed: ${code}`, { details: { sw: 0x6a82, reader: 'R' } });
      expect(e).toBeInstanceOf(AuthenKitError);
      expect(e.messageTh, code).toMatch(/[\u0E00-\u0E7F]/);
      const json = JSON.parse(JSON.stringify(e));
      expect(json).toEqual({
        name: 'ThaiIdCardError',
        code,
        message: `failed: ${code}`,
        messageTh: e.messageTh,
        details: { sw: 0x6a82, reader: 'R' },
      });
      const back = ThaiIdCardError.fromJSON(json);
      expect(back).toBeInstanceOf(ThaiIdCardError);
      expect(back.code).toBe(code);
      expect(back.messageTh).toBe(e.messageTh);
      expect(back.sw).toBe(0x6a82);
      expect(back.toJSON()).toEqual(json);
    }
  });

  it('fromJSON refuses what is not a serialised ThaiIdCardError', () => {
    for (const bad of [null, 1, 'x', {}, { code: 'NOPE', message: 'x' }, { code: '__proto__' }]) {
      expect(() => ThaiIdCardError.fromJSON(bad)).toThrow(ThaiIdCardError);
      try {
        ThaiIdCardError.fromJSON(bad);
      } catch (e) {
        expect(isThaiIdCardError(e, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
  });

  it('the guard narrows by code and works across realms (by name)', () => {
    const e: unknown = new ThaiIdCardError('PIN_INCORRECT', 'wrong PIN', { details: { triesLeft: 2 } });
    expect(isThaiIdCardError(e)).toBe(true);
    expect(isThaiIdCardError(e, 'PIN_INCORRECT')).toBe(true);
    expect(isThaiIdCardError(e, 'PIN_BLOCKED')).toBe(false);
    if (isThaiIdCardError(e, 'PIN_INCORRECT')) expectTypeOf(e.code).toEqualTypeOf<'PIN_INCORRECT'>();
    expect(isThaiIdCardError(structuredClone((e as ThaiIdCardError).toJSON()), 'PIN_INCORRECT')).toBe(true);
    expect(isThaiIdCardError(new Error('x'))).toBe(false);
    expect(isThaiIdCardError(null)).toBe(false);
  });

  it('NO_CARD is a documented alias of CARD_NOT_PRESENT: accepted by the guard and fromJSON, never thrown', async () => {
    expect(ERROR_CODE_ALIASES).toEqual({ NO_CARD: 'CARD_NOT_PRESENT' });
    expect((ERROR_CODES as readonly string[]).includes('NO_CARD')).toBe(false);
    const card = createVirtualCard({ image: sampleCardImage() });
    card.remove();
    const e = await readThaiIdCard(card.transport()).catch((x: unknown) => x);
    expect(isThaiIdCardError(e, 'CARD_NOT_PRESENT')).toBe(true);
    expect(isThaiIdCardError(e, 'NO_CARD')).toBe(true);
    if (isThaiIdCardError(e, 'NO_CARD')) expectTypeOf(e.code).toEqualTypeOf<'CARD_NOT_PRESENT'>();
    const old = ThaiIdCardError.fromJSON({ name: 'ThaiIdCardError', code: 'NO_CARD', message: 'empty' });
    expect(old.code).toBe('CARD_NOT_PRESENT');
    expectTypeOf<'NO_CARD'>().not.toMatchTypeOf<ThaiIdCardErrorCode>();
  });

  it('a citizen ID in a message or details never survives unless the caller opted in', async () => {
    const e = new ThaiIdCardError('INVALID_DATA', `bad record of ${PID}`, { details: { citizenId: PID } });
    expect(e.message).not.toContain(PID);
    expect(JSON.stringify(e)).not.toContain(PID);
    const opted = new ThaiIdCardError('INVALID_DATA', 'x', {
      details: { citizenId: PID },
      personalData: true,
    });
    expect(JSON.stringify(opted)).toContain(PID);

    // includePersonalData: a read that fails after the identity carries the citizen ID, only when asked
    const cid = sampleCardSpec().fields.citizenId;
    const failAfterIdentity = (index: number) => (index === 4 ? ('remove' as const) : undefined);
    for (const includePersonalData of [false, true]) {
      const card = createVirtualCard({ image: sampleCardImage(), onApdu: failAfterIdentity });
      const err = await readThaiIdCard(card.transport(), { includePersonalData }).catch((x: unknown) => x);
      expect(isThaiIdCardError(err, 'CARD_REMOVED')).toBe(true);
      expect(JSON.stringify(err).includes(cid)).toBe(includePersonalData);
    }
  });
});
