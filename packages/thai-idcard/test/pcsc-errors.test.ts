import { mapPcscError } from '@authenkit/thai-idcard/pcsc';
import { describe, expect, it } from 'vitest';

describe('mapPcscError: both bindings give the same codes', () => {
  it('maps SCARD codes (pcsclite: number or hex in the message)', () => {
    expect(mapPcscError(Object.assign(new Error('x'), { code: 0x80100069 })).code).toBe('CARD_REMOVED');
    expect(mapPcscError(new Error('Card was removed (0x80100069)')).code).toBe('CARD_REMOVED');
    expect(mapPcscError(new Error('SCardTransmit error: 0x80100016')).code).toBe('CARD_REMOVED');
    expect(mapPcscError(new Error('SCardConnect error: 0x8010000C')).code).toBe('CARD_REMOVED');
    expect(mapPcscError(new Error('SCardEstablishContext error: 0x8010001D')).code).toBe('PCSC_UNAVAILABLE');
  });
  it('maps message-only errors of the smartcard binding', () => {
    const e = mapPcscError(new Error('PC/SC service not running'));
    expect(e.code).toBe('PCSC_UNAVAILABLE');
    expect(mapPcscError(new Error('something odd happened')).code).toBe('PCSC_ERROR');
  });
});
