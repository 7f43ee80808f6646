import { exchange, parseResponse, selectCommand, statusError } from '../apdu.js';
import { ThaiIdCardError } from '../errors.js';
import type { PcscPlatform } from '../transport.js';
import {
  internalAuthenticateApdu,
  isoReadBinary,
  mseSetAt,
  mseSetDst,
  type PkiLogger,
  type PkiTransport,
  psoComputeSignature,
  selectEf,
  tracedTransport,
  verifyApdu,
} from './apdu.js';
import { concatBytes } from './bytes.js';
import { checkPinFormat, type PinInput, type PinPolicy, SecretPin } from './pin.js';
import {
  buildPinVerifyStructure,
  defaultPlatform,
  PCSC_FEATURE,
  pinPadStatusError,
  readReaderFeatures,
} from './pinpad.js';
import {
  DIGEST_INFO_PREFIX,
  HASH_LENGTH,
  type PinStatus,
  type PkiProfile,
  type ProfileVerifyPinOptions,
  type SignatureAlgorithm,
} from './profile.js';

/**
 * AID of the AuthenKit test PKI applet on the virtual card (`F0` = proprietary, unregistered).
 * Production Thai ID cards do not answer it: set {@link Iso7816PkiOptions.aid} for a real card.
 *
 * @example
 * ```ts
 * import { TEST_PKI_AID } from '@authenkit/thai-idcard/pki';
 * console.log(TEST_PKI_AID.length); // 10
 * ```
 */
export const TEST_PKI_AID: Uint8Array = Uint8Array.of(
  0xf0,
  0x41,
  0x55,
  0x54,
  0x48,
  0x4b,
  0x49,
  0x54,
  0x50,
  0x4b,
);

/**
 * Options of {@link iso7816Pki}. Defaults match the AuthenKit virtual card.
 *
 * @example
 * ```ts
 * import { type Iso7816PkiOptions } from '@authenkit/thai-idcard/pki';
 * const o: Iso7816PkiOptions = { pinReference: 0x02, certificateFiles: [0x4301, 0x4302] };
 * console.log(o.pinReference); // 2
 * ```
 */
export interface Iso7816PkiOptions {
  /** AID of the PKI applet, selected before each operation (default {@link TEST_PKI_AID}); `null` = no SELECT. */
  aid?: Uint8Array | null;
  /** VERIFY P2 of the signature PIN ("PIN 2"), default `0x02`. */
  pinReference?: number;
  /** PIN format (default 4–8 digits). */
  pinPolicy?: PinPolicy;
  /** PIN block length: ASCII PIN right-padded with `padByte` (default 8). `0` = no padding. */
  pinBlockLength?: number;
  /** Padding byte of the PIN block (default `0xFF`). */
  padByte?: number;
  /** Private key reference for MSE:SET DST (default `0x01`). */
  signatureKeyReference?: number;
  /** Private key reference for MSE:SET AT / INTERNAL AUTHENTICATE (default `0x02`). */
  authenticationKeyReference?: number;
  /** Algorithm references in MSE:SET (defaults: PKCS#1 v1.5 `0x02`, PSS `0x05`, ECDSA `0x04`). */
  algorithmReferences?: Partial<Record<SignatureAlgorithm['name'], number>>;
  /**
   * File identifiers of the certificate EFs, signer certificate first (default `[0x4301, 0x4302, 0x4303]`:
   * card, intermediate, root on the virtual card). Reading stops at the first missing file after the first.
   */
  certificateFiles?: number[];
  /** PC/SC stack for the PIN-pad control code (default: from `process.platform`). */
  platform?: PcscPlatform;
  /** APDU trace sink (headers, lengths and status words only; never data). */
  logger?: PkiLogger;
}

const DEFAULT_ALGS: Record<SignatureAlgorithm['name'], number> = {
  'RSASSA-PKCS1-v1_5': 0x02,
  'RSA-PSS': 0x05,
  ECDSA: 0x04,
};

/**
 * The ISO 7816-4/-8 PKI profile: `VERIFY 00 20 00 <ref>` (PIN 2 by default), tries left from `63Cx`
 * and from an empty VERIFY, `MSE:SET` + `PSO:COMPUTE DIGITAL SIGNATURE`, `READ BINARY` of the
 * certificate EFs, PIN-pad entry through PC/SC part 10 when the reader offers it. Proven end to end
 * on the virtual card; not verified on a production Thai ID card (its PKI applet is not public).
 *
 * @example
 * ```ts
 * import { iso7816Pki } from '@authenkit/thai-idcard/pki';
 * import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
 * const { transport } = await createVirtualTransport({ pin2: '1234', pki: 'p256' });
 * const card = iso7816Pki(transport);
 * console.log((await card.pinStatus()).triesLeft); // 3
 * await card.verifyPin('1234');
 * ```
 */
export function iso7816Pki(rawTransport: PkiTransport, options: Iso7816PkiOptions = {}): PkiProfile {
  const transport = tracedTransport(rawTransport, options.logger);
  const aid = options.aid === undefined ? TEST_PKI_AID : options.aid;
  const pinRef = options.pinReference ?? 0x02;
  const policy = options.pinPolicy ?? { minLength: 4, maxLength: 8, digitsOnly: true };
  const blockLen = options.pinBlockLength ?? 8;
  const pad = options.padByte ?? 0xff;
  const sigKey = options.signatureKeyReference ?? 0x01;
  const authKey = options.authenticationKeyReference ?? 0x02;
  const algs = { ...DEFAULT_ALGS, ...options.algorithmReferences };
  const certFiles = options.certificateFiles ?? [0x4301, 0x4302, 0x4303];
  if (blockLen > 0 && blockLen < policy.maxLength) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'pinBlockLength is shorter than pinPolicy.maxLength');
  }

  async function select(signal?: AbortSignal) {
    if (!aid) return;
    const r = await exchange(transport, selectCommand(aid), { signal: signal });
    if (r.sw !== 0x9000) {
      throw new ThaiIdCardError('NOT_SUPPORTED_BY_CARD', 'the card has no PKI applet with this AID', {
        details: { sw: r.sw },
      });
    }
  }

  async function status(signal?: AbortSignal): Promise<PinStatus> {
    await select(signal);
    const r = await exchange(transport, verifyApdu(pinRef), { signal: signal });
    if (r.ok) return { triesLeft: null, blocked: false, verified: true };
    // an empty VERIFY answers with the PIN status words: 63Cx tries left, 6983/6984 blocked
    const e = statusError(r.sw, 'VERIFY (status)');
    const triesLeft = e.details?.triesLeft;
    if (typeof triesLeft === 'number') return { triesLeft, blocked: triesLeft === 0, verified: false };
    throw e;
  }

  function pinBlock(pin: SecretPin): Uint8Array {
    return pin.use((b) => {
      const out = new Uint8Array(blockLen > 0 ? blockLen : b.length).fill(pad);
      out.set(b);
      return out;
    });
  }

  return {
    name: 'iso7816-pki',
    experimental: false,

    async verifyPin(input: PinInput | SecretPin | undefined, opts: ProfileVerifyPinOptions = {}) {
      const pin = input === undefined ? undefined : SecretPin.from(input);
      let block: Uint8Array | undefined;
      try {
        const mode = opts.pinEntry ?? 'auto';
        if (pin) checkPinFormat(pin, policy);
        // The status is read only for the blocked / last-attempt checks. A given PIN is always sent, also
        // when the card session is already verified: verifyPin must prove knowledge of the PIN.
        const st = await status(opts.signal);
        if (st.blocked)
          throw new ThaiIdCardError('PIN_BLOCKED', 'PIN is blocked', { details: { triesLeft: 0 } });
        if (st.triesLeft !== null && st.triesLeft <= 1 && !opts.allowLastAttempt) {
          throw new ThaiIdCardError(
            'PIN_LAST_ATTEMPT',
            'only one PIN try is left; pass allowLastAttempt: true to use it',
            {
              details: { triesLeft: st.triesLeft },
            },
          );
        }
        let verifyDirect: number | undefined;
        if (mode !== 'host') {
          const features = await readReaderFeatures(transport, {
            platform: options.platform ?? defaultPlatform(),
            signal: opts.signal,
          });
          verifyDirect = features.get(PCSC_FEATURE.VERIFY_PIN_DIRECT);
          if (mode === 'pinpad' && verifyDirect === undefined) {
            throw new ThaiIdCardError(
              'NOT_SUPPORTED_BY_CARD',
              'the reader has no PIN pad (FEATURE_VERIFY_PIN_DIRECT)',
            );
          }
        }
        let sw: number;
        if (verifyDirect !== undefined && transport.control) {
          pin?.wipe();
          const template = verifyApdu(pinRef, new Uint8Array(blockLen || policy.maxLength).fill(pad));
          const structure = buildPinVerifyStructure(template, {
            minLength: policy.minLength,
            maxLength: policy.maxLength,
            pinBlockLength: blockLen || policy.maxLength,
            timeoutSeconds: 30,
          });
          const res = await transport.control(verifyDirect, structure, { signal: opts.signal });
          if (res.length < 2) throw new ThaiIdCardError('INVALID_DATA', 'PIN pad returned no status word');
          sw = parseResponse(res).sw;
          if (sw !== 0x9000) throw pinPadStatusError(sw);
        } else {
          if (!pin)
            throw new ThaiIdCardError('INVALID_ARGUMENT', 'no PIN given and the reader has no PIN pad');
          block = pinBlock(pin);
          pin.wipe();
          const apdu = verifyApdu(pinRef, block);
          block.fill(0);
          try {
            sw = (await exchange(transport, apdu, { signal: opts.signal })).sw;
          } finally {
            apdu.fill(0);
          }
        }
        if (sw !== 0x9000) throw statusError(sw, 'VERIFY');
      } finally {
        pin?.wipe();
        block?.fill(0);
      }
    },

    pinStatus(opts = {}) {
      return status(opts.signal);
    },

    async readCertificates(opts = {}) {
      await select(opts.signal);
      const out: Uint8Array[] = [];
      for (const fid of certFiles) {
        const sel = await exchange(transport, selectEf(fid), { signal: opts.signal });
        if (sel.sw === 0x6a82 && out.length > 0) break;
        if (sel.sw !== 0x9000) throw statusError(sel.sw, 'SELECT certificate file');
        out.push(await readDerFile(transport, opts.signal));
      }
      return out;
    },

    async sign(digest, algorithm, opts = {}) {
      const expected = HASH_LENGTH[algorithm?.hash];
      if (!(digest instanceof Uint8Array) || expected === undefined || digest.length !== expected) {
        throw new ThaiIdCardError('INVALID_ARGUMENT', 'digest length does not match the hash algorithm');
      }
      const algRef = algs[algorithm.name];
      if (algRef === undefined)
        throw new ThaiIdCardError('INVALID_ARGUMENT', 'unsupported signature algorithm');
      await select(opts.signal);
      const mse = await exchange(transport, mseSetDst(sigKey, algRef), { signal: opts.signal });
      if (mse.sw !== 0x9000) throw statusError(mse.sw, 'MSE:SET DST');
      const input =
        algorithm.name === 'RSASSA-PKCS1-v1_5'
          ? concatBytes(DIGEST_INFO_PREFIX[algorithm.hash], digest)
          : digest;
      const r = await exchange(transport, psoComputeSignature(input), { signal: opts.signal });
      if (r.sw !== 0x9000) throw statusError(r.sw, 'PSO:COMPUTE DIGITAL SIGNATURE');
      if (r.data.length === 0) throw new ThaiIdCardError('INVALID_DATA', 'card returned an empty signature');
      return r.data;
    },

    async internalAuthenticate(challenge, opts = {}) {
      if (!(challenge instanceof Uint8Array) || challenge.length === 0 || challenge.length > 128) {
        throw new ThaiIdCardError('INVALID_ARGUMENT', 'challenge must be 1–128 bytes');
      }
      await select(opts.signal);
      const mse = await exchange(transport, mseSetAt(authKey, algs['RSASSA-PKCS1-v1_5']), {
        signal: opts.signal,
      });
      if (mse.sw !== 0x9000) throw statusError(mse.sw, 'MSE:SET AT');
      const r = await exchange(transport, internalAuthenticateApdu(challenge), { signal: opts.signal });
      if (r.sw !== 0x9000) throw statusError(r.sw, 'INTERNAL AUTHENTICATE');
      return r.data;
    },
  };
}

/** Reads a DER object from the selected EF: the first chunk gives its total length. @internal */
async function readDerFile(transport: PkiTransport, signal?: AbortSignal): Promise<Uint8Array> {
  const first = await exchange(transport, isoReadBinary(0, 0xf0), { signal: signal });
  if (first.sw !== 0x9000 && first.sw !== 0x6282) throw statusError(first.sw, 'READ BINARY');
  const d = first.data;
  if (d.length < 2 || d[0] !== 0x30)
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate file does not hold DER', {
      details: { reason: 'not-der' },
    });
  let total: number;
  const l0 = d[1]!;
  if (l0 < 0x80) total = 2 + l0;
  else {
    const n = l0 & 0x7f;
    if (n === 0 || n > 3 || d.length < 2 + n)
      throw new ThaiIdCardError('CERTIFICATE_INVALID', 'bad DER length', {
        details: { reason: 'der-length' },
      });
    let len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + d[2 + i]!;
    total = 2 + n + len;
  }
  if (total > 0x7fff)
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate larger than 32 KiB', {
      details: { reason: 'too-large' },
    });
  const chunks: Uint8Array[] = [d.subarray(0, Math.min(d.length, total))];
  let have = chunks[0]!.length;
  while (have < total) {
    const r = await exchange(transport, isoReadBinary(have, Math.min(0xf0, total - have)), {
      signal: signal,
    });
    if (r.sw !== 0x9000) throw statusError(r.sw, 'READ BINARY');
    if (r.data.length === 0)
      throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate file shorter than its DER length', {
        details: { reason: 'truncated' },
      });
    chunks.push(r.data.subarray(0, total - have));
    have += r.data.length;
  }
  return concatBytes(...chunks);
}
