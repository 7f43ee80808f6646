/**
 * Virtual secure applets for the AuthenKit virtual card: an ISO 7816-4/-8 PKI applet (PIN 2, MSE,
 * PSO:CDS, INTERNAL AUTHENTICATE, certificate EFs) and the ADM applet's experimental PIN flow, both
 * backed by a test PKI generated when the card is created. Everything is synthetic; no production
 * card behaves like this for certain (its PKI applet is not public).
 */

import type { CommandApdu } from '../apdu.js';
import { ADM_AID } from '../card.js';
import { ThaiIdCardError } from '../errors.js';
import { admAnswerWithKey, admDeriveKey } from '../pki/adm.js';
import { bytesEqual, fromBase64 } from '../pki/bytes.js';
import { TEST_PKI_AID } from '../pki/iso7816.js';
import { SecretPin } from '../pki/pin.js';
import type { Transport } from '../transport.js';
import { createAdmApplet } from './applets.js';
import type { VirtualApplet, VirtualCard, VirtualResponse } from './card.js';
import {
  bytesToBigInt,
  ecdsaP256Sign,
  type RsaPrivate,
  rsaFromJwk,
  rsaPkcs1Sign,
  rsaPssSign,
} from './crypto.js';
import { type CardImage, type CardImageSpec, createVirtualCard, sampleCardImage } from './image.js';
import { generateTestPki, type TestPki, type TestPkiKind } from './test-pki.js';

/**
 * Options of {@link createPkiApplets}; the same keys a card image JSON may carry (`pin2`, `pinTries`, `pki`).
 *
 * @example
 * ```ts
 * import { type VirtualPkiOptions } from '@authenkit/thai-idcard/virtual';
 * const o: VirtualPkiOptions = { pin2: '1234', pinTries: 3, pki: 'p256' };
 * console.log(o.pinTries); // 3
 * ```
 */
export interface VirtualPkiOptions {
  /** The signature PIN ("PIN 2"), 4–8 digits (default `1234`). Also the ADM applet's PIN. */
  pin2?: string;
  /** Tries before the PIN blocks (default 3). */
  pinTries?: number;
  /** Key type of the generated PKI, or a ready {@link TestPki} (default `p256`, faster than RSA). */
  pki?: TestPkiKind | TestPki;
  /** Laser code the ADM applet also answers with `80 00 00 00` (kept from the card image). */
  laser?: string;
  /** Subject serialNumber of the card certificate (e.g. the synthetic citizen ID). */
  serialNumber?: string;
  /** Card holder name in the certificate. */
  holderName?: string;
  /**
   * Validity start of the generated PKI (default: now − 1 day; certificates last 2 years). Tests that verify
   * at a fixed `now` pass `now − 1 day` here, so the clock and the certificates come from one source.
   */
  pkiNotBefore?: Date;
}

/**
 * PIN counter state of one virtual PIN.
 *
 * @example
 * ```ts
 * import { type VirtualPinState } from '@authenkit/thai-idcard/virtual';
 * const s: VirtualPinState = { triesLeft: 3, maxTries: 3, verified: false, blocked: false };
 * console.log(s.blocked); // false
 * ```
 */
export interface VirtualPinState {
  triesLeft: number;
  maxTries: number;
  verified: boolean;
  blocked: boolean;
}

/**
 * The secure side of a virtual card: applets to pass to `createVirtualCard({ applets })`, the test
 * PKI behind them, and controls for the PIN counters.
 *
 * @example
 * ```ts
 * import { createPkiApplets } from '@authenkit/thai-idcard/virtual';
 * const v = await createPkiApplets({ pin2: '1234', pki: 'p256' });
 * console.log(v.applets.length, v.pinState().triesLeft); // 2 3
 * ```
 */
export interface VirtualPkiCard {
  /** ISO PKI applet + ADM applet. */
  applets: VirtualApplet[];
  /** The generated PKI (trust `pki.root.certificate`). */
  pki: TestPki;
  /** State of PIN 2 on the PKI applet. */
  pinState(): VirtualPinState;
  /** State of the ADM applet's PIN (separate counter). */
  admPinState(): VirtualPinState;
  /** Unblocks both PINs and restores the full tries count (the issuing office's reset). */
  resetPins(): void;
}

const ok = (data?: Uint8Array): VirtualResponse => (data ? { data, sw: 0x9000 } : { sw: 0x9000 });
const err = (sw: number): VirtualResponse => ({ sw });

class PinCounter {
  triesLeft: number;
  verified = false;
  constructor(readonly maxTries: number) {
    this.triesLeft = maxTries;
  }
  get blocked() {
    return this.triesLeft === 0;
  }
  state(): VirtualPinState {
    return {
      triesLeft: this.triesLeft,
      maxTries: this.maxTries,
      verified: this.verified,
      blocked: this.blocked,
    };
  }
  /** Applies a comparison result; returns the ISO status word. */
  check(match: boolean, wrongSw: (left: number) => number): number {
    if (this.blocked) return 0x6983;
    if (match) {
      this.triesLeft = this.maxTries;
      this.verified = true;
      return 0x9000;
    }
    this.verified = false;
    this.triesLeft--;
    return wrongSw(this.triesLeft);
  }
}

/**
 * Creates the virtual secure applets (generating a test PKI unless one is given).
 *
 * ISO PKI applet (AID {@link TEST_PKI_AID}): `VERIFY 00 20 00 02` (PIN block = ASCII PIN padded with
 * `FF` to 8 bytes; empty VERIFY → `9000`/`63Cx`/`6983`), `SELECT 00 A4 02 0C` of EF `4301` (card
 * certificate) / `4302` (intermediate) / `4303` (root), `READ BINARY 00 B0`, `MSE:SET 00 22 41 B6|A4`,
 * `PSO:CDS 00 2A 9E 9A` (alg `02` PKCS#1 v1.5 over a DigestInfo, `05` PSS-SHA-256 over a digest,
 * `04` ECDSA over a digest → raw r‖s; needs PIN 2), `INTERNAL AUTHENTICATE 00 88` (no PIN).
 * ADM applet: `80 00 00 00` laser info, `80 B4 00 00` challenge, `80 20 01 00 20` verify (`63 0x`).
 *
 * @example
 * ```ts
 * import { createPkiApplets, createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const v = await createPkiApplets({ pki: 'p256' });
 * const card = createVirtualCard({ image: sampleCardImage(), applets: v.applets });
 * console.log(card.atr.length > 0); // true
 * ```
 */
export async function createPkiApplets(options: VirtualPkiOptions = {}): Promise<VirtualPkiCard> {
  const pinText = options.pin2 ?? '1234';
  if (!/^\d{4,8}$/.test(pinText))
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'virtual pin2 must be 4–8 digits');
  const maxTries = options.pinTries ?? 3;
  if (!Number.isInteger(maxTries) || maxTries < 1 || maxTries > 15) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'virtual pinTries must be an integer 1–15');
  }
  const pki =
    typeof options.pki === 'object'
      ? options.pki
      : await generateTestPki({
          kind: options.pki ?? 'p256',
          ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
          ...(options.holderName ? { holderName: options.holderName } : {}),
          ...(options.pkiNotBefore ? { notBefore: options.pkiNotBefore } : {}),
        });
  const pinBlock = new Uint8Array(8).fill(0xff);
  pinBlock.set(new TextEncoder().encode(pinText));
  const admKey = await admDeriveKey(SecretPin.from(pinText));

  const isEc = pki.kind === 'p256';
  const rsa: RsaPrivate | undefined = isEc ? undefined : rsaFromJwk(pki.card.privateJwk);
  const ecD = isEc ? bytesToBigInt(fromBase64(pki.card.privateJwk.d ?? '')) : 0n;
  const files = new Map<number, Uint8Array>([
    [0x4301, pki.card.certificate],
    [0x4302, pki.intermediate.certificate],
    [0x4303, pki.root.certificate],
  ]);

  const pin = new PinCounter(maxTries);
  let currentEf: Uint8Array | undefined;
  let mse: { template: 'DST' | 'AT'; alg: number } | undefined;

  const signRaw = (alg: number, input: Uint8Array): VirtualResponse => {
    if (isEc) {
      if (alg !== 0x04) return err(0x6a80);
      if (input.length < 16 || input.length > 64) return err(0x6a80);
      return ok(ecdsaP256Sign(ecD, input));
    }
    const sig = alg === 0x02 ? rsaPkcs1Sign(rsa!, input) : alg === 0x05 ? rsaPssSign(rsa!, input) : null;
    return sig ? ok(sig) : err(0x6a80);
  };

  const pkiApplet: VirtualApplet = {
    aid: TEST_PKI_AID,
    name: 'PKI',
    select: () => ok(),
    reset() {
      pin.verified = false;
      currentEf = undefined;
      mse = undefined;
    },
    process(cmd: CommandApdu): VirtualResponse {
      if (cmd.cla !== 0x00) return err(0x6e00);
      switch (cmd.ins) {
        case 0xa4: {
          if (cmd.p1 !== 0x02 || cmd.data.length !== 2) return err(0x6a86);
          const f = files.get((cmd.data[0]! << 8) | cmd.data[1]!);
          if (!f) return err(0x6a82);
          currentEf = f;
          return ok();
        }
        case 0xb0: {
          if (!currentEf) return err(0x6986);
          const off = ((cmd.p1 & 0x7f) << 8) | cmd.p2;
          if (off >= currentEf.length) return err(0x6b00);
          const want = cmd.le === undefined || cmd.le === 0 ? 256 : cmd.le;
          const end = Math.min(currentEf.length, off + want);
          return { data: currentEf.slice(off, end), sw: end - off < want ? 0x6282 : 0x9000 };
        }
        case 0x20: {
          if (cmd.p1 !== 0x00) return err(0x6a86);
          if (cmd.p2 !== 0x02) return err(0x6a88);
          if (cmd.data.length === 0) {
            if (pin.blocked) return err(0x6983);
            return err(pin.verified ? 0x9000 : 0x63c0 | pin.triesLeft);
          }
          if (cmd.data.length !== 8) return err(0x6700);
          return err(pin.check(bytesEqual(cmd.data, pinBlock), (left) => 0x63c0 | left));
        }
        case 0x22: {
          if (cmd.p1 !== 0x41 || (cmd.p2 !== 0xb6 && cmd.p2 !== 0xa4)) return err(0x6a86);
          const d = cmd.data;
          if (d.length !== 6 || d[0] !== 0x80 || d[1] !== 0x01 || d[3] !== 0x84 || d[4] !== 0x01)
            return err(0x6a80);
          if (d[5] !== 0x01 && d[5] !== 0x02) return err(0x6a88);
          mse = { template: cmd.p2 === 0xb6 ? 'DST' : 'AT', alg: d[2]! };
          return ok();
        }
        case 0x2a: {
          if (cmd.p1 !== 0x9e || cmd.p2 !== 0x9a) return err(0x6a86);
          if (!pin.verified) return err(0x6982);
          if (mse?.template !== 'DST') return err(0x6985);
          return signRaw(mse.alg, cmd.data);
        }
        case 0x88: {
          if (cmd.data.length === 0) return err(0x6700);
          if (isEc) return ok(ecdsaP256Sign(ecD, cmd.data));
          const sig = rsaPkcs1Sign(rsa!, cmd.data);
          return sig ? ok(sig) : err(0x6700);
        }
        default:
          return err(0x6d00);
      }
    },
  };

  const admPin = new PinCounter(maxTries);
  const laserApplet = options.laser !== undefined ? createAdmApplet(options.laser, ADM_AID) : undefined;
  let challenge: Uint8Array | undefined;
  const admApplet: VirtualApplet = {
    aid: ADM_AID,
    name: 'ADM',
    select: () => ok(),
    reset() {
      admPin.verified = false;
      challenge = undefined;
      laserApplet?.reset();
    },
    process(cmd, ctx): VirtualResponse {
      if (cmd.cla === 0x80 && cmd.ins === 0xb4 && cmd.p1 === 0 && cmd.p2 === 0) {
        challenge = new Uint8Array(32);
        globalThis.crypto.getRandomValues(challenge);
        return ok(challenge.slice());
      }
      if (cmd.cla === 0x80 && cmd.ins === 0x20) {
        if (cmd.p1 !== 0x01 || cmd.p2 !== 0x00) return err(0x6a86);
        if (admPin.blocked) return err(0x6983);
        const ch = challenge;
        challenge = undefined;
        if (!ch) return err(0x6985);
        if (cmd.data.length !== 32) return err(0x6700);
        const expected = admAnswerWithKey(admKey, ch);
        return err(admPin.check(bytesEqual(cmd.data, expected), (left) => 0x6300 | left));
      }
      if (laserApplet) return laserApplet.process(cmd, ctx);
      return err(0x6d00);
    },
  };

  return {
    applets: [pkiApplet, admApplet],
    pki,
    pinState: () => pin.state(),
    admPinState: () => admPin.state(),
    resetPins() {
      pin.triesLeft = pin.maxTries;
      admPin.triesLeft = admPin.maxTries;
    },
  };
}

/**
 * A card image (either form) plus the optional PKI keys `pin2`, `pinTries`, `pki`.
 *
 * @example
 * ```ts
 * import { type PkiCardImage, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const img: PkiCardImage = { ...sampleCardImage(), pin2: '1234', pinTries: 3, pki: 'rsa2048' };
 * console.log(img.pki);
 * ```
 */
export type PkiCardImage = (CardImage | CardImageSpec) & {
  pin2?: string;
  pinTries?: number;
  pki?: TestPkiKind;
};

/**
 * Options of {@link createVirtualTransport}.
 *
 * @example
 * ```ts
 * import { type VirtualTransportOptions } from '@authenkit/thai-idcard/virtual';
 * const o: VirtualTransportOptions = { pin2: '1234', protocol: 'T1' };
 * console.log(o.protocol);
 * ```
 */
export interface VirtualTransportOptions extends VirtualPkiOptions {
  /** Card image (default: the synthetic sample card). May carry `pin2` / `pinTries` / `pki`. */
  image?: PkiCardImage;
  /** T=0 (default) or T=1 behaviour of the virtual card. */
  protocol?: 'T0' | 'T1';
}

/**
 * One-call setup for tests, examples and the CLI: a virtual card (sample image unless given) with the
 * secure applets, and a connected in-process transport.
 *
 * @example
 * ```ts
 * import { iso7816Pki } from '@authenkit/thai-idcard/pki';
 * import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
 * const { transport, controller } = await createVirtualTransport({ pin2: '4321', pinTries: 5 });
 * console.log((await iso7816Pki(transport).pinStatus()).triesLeft, controller.pinState().maxTries); // 5 5
 * ```
 */
export async function createVirtualTransport(
  options: VirtualTransportOptions = {},
): Promise<{ card: VirtualCard; transport: Transport; pki: TestPki; controller: VirtualPkiCard }> {
  const { pin2, pinTries, pki, ...image } = (options.image ?? sampleCardImage()) as PkiCardImage &
    Record<string, unknown>;
  const laser =
    typeof (image as { laser?: unknown }).laser === 'string' ? (image as { laser: string }).laser : undefined;
  const controller = await createPkiApplets({
    ...(pin2 !== undefined ? { pin2 } : {}),
    ...(pinTries !== undefined ? { pinTries } : {}),
    ...(pki !== undefined ? { pki } : {}),
    ...(laser !== undefined ? { laser } : {}),
    ...citizenIdOf(image),
    ...stripUndefined(options),
  });
  const card = createVirtualCard({
    image: image as CardImage | CardImageSpec,
    applets: controller.applets,
    protocol: options.protocol ?? 'T0',
  });
  const transport = card.transport();
  await transport.connect();
  return { card, transport, pki: controller.pki, controller };
}

function stripUndefined(o: VirtualTransportOptions): VirtualPkiOptions {
  const out: VirtualPkiOptions = {};
  if (o.pin2 !== undefined) out.pin2 = o.pin2;
  if (o.pinTries !== undefined) out.pinTries = o.pinTries;
  if (o.pki !== undefined) out.pki = o.pki;
  if (o.laser !== undefined) out.laser = o.laser;
  if (o.serialNumber !== undefined) out.serialNumber = o.serialNumber;
  if (o.holderName !== undefined) out.holderName = o.holderName;
  if (o.pkiNotBefore !== undefined) out.pkiNotBefore = o.pkiNotBefore;
  return out;
}

/** The certificate serialNumber for a card image: its citizen ID (spec `fields.citizenId` or MOI bytes 4–16). @internal */
export function citizenIdOf(image: Record<string, unknown>): { serialNumber?: string } {
  const fields = image.fields as { citizenId?: unknown } | undefined;
  if (typeof fields?.citizenId === 'string') return { serialNumber: fields.citizenId };
  if (typeof image.moi === 'string' && image.moi.length >= 34) {
    const hex = image.moi.slice(8, 34);
    let id = '';
    for (let i = 0; i < hex.length; i += 2)
      id += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
    if (/^\d{13}$/.test(id)) return { serialNumber: id };
  }
  return {};
}
