import {
  encodeCommand,
  exchange,
  formatSw,
  getResponseCommand,
  isThaiIdCardError,
  MOI_AID,
  parseCommand,
  parseResponse,
  readBinaryCommand,
  selectCommand,
  statusText,
  ThaiIdCardError,
  toHex,
  withLe,
} from '@authenkit/thai-idcard';
import { createReplayTransport } from '@authenkit/thai-idcard/replay';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('APDU builders (ISO 7816-4 short form)', () => {
  it('encodes the four cases and parses them back', () => {
    expect(toHex(selectCommand(MOI_AID))).toBe('00a4040008a000000054480001');
    expect(toHex(readBinaryCommand(0x1579, 0xae))).toBe('80b0157902' + '00ae');
    expect(toHex(getResponseCommand(0x0a, 1))).toBe('00c000010a');
    expect(toHex(withLe(Uint8Array.of(0x80, 0, 0, 0, 0x07), 0x17))).toBe('8000000017');
    fc.assert(
      fc.property(
        fc.record({
          cla: fc.integer({ min: 0, max: 255 }),
          ins: fc.integer({ min: 0, max: 255 }),
          p1: fc.integer({ min: 0, max: 255 }),
          p2: fc.integer({ min: 0, max: 255 }),
          data: fc.uint8Array({ minLength: 0, maxLength: 255 }),
          le: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
        }),
        (c) => {
          const back = parseCommand(encodeCommand(c));
          expect(back).toEqual({ ...c, data: Uint8Array.from(c.data) });
        },
      ),
    );
  });
  it('rejects out-of-range input with typed errors', () => {
    expect(() => readBinaryCommand(-1, 1)).toThrow(ThaiIdCardError);
    expect(() => readBinaryCommand(0, 256)).toThrow(/length/);
    expect(() =>
      encodeCommand({ cla: 256, ins: 0, p1: 0, p2: 0, data: new Uint8Array(0), le: undefined }),
    ).toThrow(/CLA/);
    expect(() => parseResponse(Uint8Array.of(0x90))).toThrow(ThaiIdCardError);
  });
  it('names status words', () => {
    expect(statusText(0x9000)).toBe('OK');
    expect(statusText(0x6a82)).toBe('FILE_NOT_FOUND');
    expect(statusText(0x63c1)).toBe('PIN_REMAINING_ATTEMPTS_1');
    expect(statusText(0x6110)).toBe('BYTES_AVAILABLE');
    expect(formatSw(0x6c17)).toBe('6C17');
  });
});

describe('exchange(): T=0 status words', () => {
  it('61xx → GET RESPONSE with exactly xx', async () => {
    const t = createReplayTransport(`
      => 8000000017
      <= 6117
      => 00c0000017
      <= ${'00'.repeat(23)}9000
    `);
    await t.connect();
    const r = await exchange(t, Uint8Array.of(0x80, 0, 0, 0, 0x17));
    expect(r.data.length).toBe(23);
    expect(r.sw).toBe(0x9000);
    t.assertDone();
  });
  it('6Cxx → resend with Le = xx (laser code on older chips)', async () => {
    const t = createReplayTransport(`
      => 8000000007
      <= 6c17
      => 8000000017
      <= ${'41'.repeat(23)}9000
    `);
    await t.connect();
    expect((await exchange(t, Uint8Array.of(0x80, 0, 0, 0, 0x07))).data.length).toBe(23);
    t.assertDone();
  });
  it('chained 61xx are concatenated and the GET RESPONSE P2 variant is used', async () => {
    const t = createReplayTransport(`
      => 80b00000020004
      <= 6104
      => 00c0000104
      <= 01026102
      => 00c0000102
      <= 03049000
    `);
    await t.connect();
    const r = await exchange(t, readBinaryCommand(0, 4), { getResponseP2: 1 });
    expect(toHex(r.data)).toBe('01020304');
    t.assertDone();
  });
  it('replay reports a mismatching APDU with a typed error', async () => {
    const t = createReplayTransport('=> 00a4040008a000000054480001\n<= 9000');
    await t.connect();
    const err = await t.transmit(Uint8Array.of(0, 0xa4, 4, 0)).catch((e) => e);
    expect(isThaiIdCardError(err) && err.code).toBe('REPLAY_MISMATCH');
    expect(() => t.assertDone()).toThrow(/not sent/);
  });
});

describe('ThaiIdCardError', () => {
  it('survives JSON (Electron IPC) and carries a Thai message', () => {
    const e = new ThaiIdCardError('APDU_FAILED', 'READ failed', { details: { sw: 0x6b00, reader: 'R' } });
    const back = ThaiIdCardError.fromJSON(JSON.parse(JSON.stringify(e)));
    expect(back).toBeInstanceOf(ThaiIdCardError);
    expect(back.code).toBe('APDU_FAILED');
    expect(back.sw).toBe(0x6b00);
    expect(back.messageTh).toBe('บัตรตอบกลับผิดพลาด');
    expect(isThaiIdCardError({ name: 'ThaiIdCardError' })).toBe(true);
    expect(() => ThaiIdCardError.fromJSON({ code: 'NOPE' as never, message: '' })).toThrow(ThaiIdCardError);
  });
});
