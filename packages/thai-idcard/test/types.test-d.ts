import {
  type ReadEvent,
  readThaiIdCard,
  type ThaiIdCardData,
  type ThaiIdCardErrorCode,
  type ThaiIdCardJson,
  type Transport,
} from '@authenkit/thai-idcard';
import { expectTypeOf, test } from 'vitest';

test('public types', () => {
  expectTypeOf(readThaiIdCard).returns.resolves.toEqualTypeOf<ThaiIdCardData>();
  expectTypeOf<ThaiIdCardData['sex']>().toEqualTypeOf<'male' | 'female' | 'unknown'>();
  expectTypeOf<ThaiIdCardData['birthDate']>().toEqualTypeOf<string | null>();
  expectTypeOf<ThaiIdCardJson['laserCode']>().toEqualTypeOf<string | null>();
  expectTypeOf<Extract<ReadEvent, { type: 'photo-progress' }>>().toHaveProperty('bytesRead');
  expectTypeOf<'CARD_REMOVED'>().toExtend<ThaiIdCardErrorCode>();
  expectTypeOf<Transport['transmit']>().returns.resolves.toEqualTypeOf<Uint8Array>();
  // @ts-expect-error photo must be a boolean
  readThaiIdCard({} as Transport, { photo: 'yes' });
});
