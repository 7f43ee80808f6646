import {
  buildPinVerifyStructure,
  getFeatureRequestCode,
  iso7816Pki,
  PCSC_FEATURE,
  type PkiTransport,
  parseFeatureList,
  readReaderFeatures,
  scardCtlCode,
} from '@authenkit/thai-idcard/pki';
import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// A GET_FEATURE_REQUEST answer in the form libccid (pcsc-lite) produces for a PIN-pad reader:
// control code = SCARD_CTL_CODE(CLASS2_IOCTL_MAGIC 0x330000 + tag) = 0x42330000 + tag, for
// VERIFY_PIN_DIRECT, MODIFY_PIN_DIRECT, IFD_PIN_PROPERTIES, GET_TLV_PROPERTIES. Built from libccid's
// formula, not captured from a physical reader (this project has none).
const RECORDED = Uint8Array.from([
  0x06, 0x04, 0x42, 0x33, 0x00, 0x06, 0x07, 0x04, 0x42, 0x33, 0x00, 0x07, 0x0a, 0x04, 0x42, 0x33, 0x00, 0x0a,
  0x12, 0x04, 0x42, 0x33, 0x00, 0x12,
]);

describe('PC/SC part 10 feature discovery', () => {
  it('computes CM_IOCTL_GET_FEATURE_REQUEST per platform', () => {
    expect(getFeatureRequestCode('pcsclite')).toBe(0x42000d48);
    expect(getFeatureRequestCode('windows')).toBe(0x00313520);
    expect(scardCtlCode(1, 'windows')).toBe((0x31 << 16) | 4);
  });

  it('parses a recorded TLV feature list', () => {
    const f = parseFeatureList(RECORDED);
    expect(f.get(PCSC_FEATURE.VERIFY_PIN_DIRECT)).toBe(0x42330006);
    expect(f.get(PCSC_FEATURE.MODIFY_PIN_DIRECT)).toBe(0x42330007);
    expect(f.get(PCSC_FEATURE.GET_TLV_PROPERTIES)).toBe(0x42330012);
    expect(f.size).toBe(4);
    expect(parseFeatureList(new Uint8Array()).size).toBe(0);
  });

  it('rejects malformed lists with a typed error; fuzzed lists never throw anything else', () => {
    expect(() => parseFeatureList(Uint8Array.of(0x06, 0x04, 0x42))).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA' }),
    );
    expect(() => parseFeatureList(Uint8Array.of(0x06, 0x02, 0x42, 0x33))).toThrow(
      expect.objectContaining({ code: 'INVALID_DATA' }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          parseFeatureList(bytes);
        } catch (e) {
          expect((e as { code?: string }).code).toBe('INVALID_DATA');
        }
      }),
    );
  });

  it('builds PIN_VERIFY_STRUCTURE per part 10 §2.5.2', () => {
    const apdu = Uint8Array.of(0x00, 0x20, 0x00, 0x02, 0x08, ...new Array(8).fill(0xff));
    const s = buildPinVerifyStructure(apdu, {
      minLength: 4,
      maxLength: 8,
      pinBlockLength: 8,
      timeoutSeconds: 30,
      langId: 0x041e,
    });
    expect(Array.from(s.subarray(0, 19))).toEqual([
      30, 30, 0x82, 0x08, 0x00, 8, 4, 0x02, 0x01, 0x1e, 0x04, 0, 0, 0, 0, 13, 0, 0, 0,
    ]);
    expect(Array.from(s.subarray(19))).toEqual(Array.from(apdu));
  });

  it('no control() or a refusing reader means "no PIN pad"', async () => {
    const plain: PkiTransport = { transmit: async () => Uint8Array.of(0x90, 0x00) };
    expect((await readReaderFeatures(plain)).size).toBe(0);
    const refusing: PkiTransport = {
      ...plain,
      control: async () => Promise.reject(new Error('SCARD_E_UNSUPPORTED_FEATURE')),
    };
    expect((await readReaderFeatures(refusing)).size).toBe(0);
  });
});

/**
 * A simulated PIN-pad reader in front of the virtual card: answers GET_FEATURE_REQUEST with the recorded
 * list and, for VERIFY_PIN_DIRECT, "types" the PIN the user entered on its keypad into the APDU template.
 */
function pinPadReader(inner: PkiTransport, keypad: () => string | 'cancel') {
  const calls: number[] = [];
  const t: PkiTransport = {
    transmit: (apdu, o) => inner.transmit(apdu, o),
    async control(code, data) {
      calls.push(code);
      if (code === getFeatureRequestCode('pcsclite')) return RECORDED;
      if (code !== 0x42330006) throw new Error('unsupported control code');
      const typed = keypad();
      if (typed === 'cancel') return Uint8Array.of(0x64, 0x01);
      const apdu = data.slice(19);
      apdu.set(new TextEncoder().encode(typed), 5);
      return inner.transmit(apdu);
    },
  };
  return { t, calls };
}

describe('secure PIN entry', () => {
  it('uses FEATURE_VERIFY_PIN_DIRECT when the reader has it (host PIN is not sent)', async () => {
    const { transport, controller } = await createVirtualTransport({ pin2: '5678' });
    const sent: Uint8Array[] = [];
    const spy: PkiTransport = {
      transmit: (a, o) => {
        sent.push(a);
        return transport.transmit(a, o);
      },
    };
    const { t, calls } = pinPadReader(spy, () => '5678');
    const card = iso7816Pki(t, { platform: 'pcsclite' });
    await card.verifyPin('0000'); // a host PIN is ignored when the pad is present
    expect(calls).toEqual([0x42000d48, 0x42330006]);
    expect(controller.pinState().verified).toBe(true);
    // the wrong host PIN never reached the card
    expect(sent.some((a) => a[1] === 0x20 && a.length > 5 && a[5] === 0x30)).toBe(false);
  });

  it('maps keypad cancel (64 01) and wrong keypad PIN', async () => {
    const { transport } = await createVirtualTransport({ pin2: '5678' });
    let next: string = 'cancel';
    const { t } = pinPadReader(transport, () => next);
    const card = iso7816Pki(t, { platform: 'pcsclite' });
    await expect(card.verifyPin(undefined)).rejects.toMatchObject({ code: 'PIN_ENTRY_CANCELLED' });
    next = '1111';
    await expect(card.verifyPin(undefined)).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      details: { triesLeft: 2 },
    });
  });

  it('falls back to the host PIN on the virtual reader (no control), and pinEntry "pinpad" refuses', async () => {
    const { transport, controller } = await createVirtualTransport({ pin2: '5678' });
    const card = iso7816Pki(transport);
    await expect(card.verifyPin(undefined)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(card.verifyPin('5678', { pinEntry: 'pinpad' })).rejects.toMatchObject({
      code: 'NOT_SUPPORTED_BY_CARD',
    });
    expect(controller.pinState().triesLeft).toBe(3);
    await card.verifyPin('5678');
    expect(controller.pinState().verified).toBe(true);
  });
});
