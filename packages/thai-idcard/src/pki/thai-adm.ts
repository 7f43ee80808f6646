import { exchange, selectCommand, statusError } from '../apdu.js';
import { ADM_AID } from '../card.js';
import { ThaiIdCardError } from '../errors.js';
import { admPinAnswer } from './adm.js';
import {
  admChallengeApdu,
  admVerifyApdu,
  type PkiLogger,
  type PkiTransport,
  tracedTransport,
} from './apdu.js';
import { checkPinFormat, type PinInput, type PinPolicy, SecretPin } from './pin.js';
import type { PinStatus, PkiProfile, ProfileVerifyPinOptions } from './profile.js';

/**
 * Options of {@link thaiAdm}.
 *
 * @example
 * ```ts
 * import { type ThaiAdmOptions } from '@authenkit/thai-idcard/pki';
 * const o: ThaiAdmOptions = { pinId: 1 };
 * console.log(o.pinId); // 1
 * ```
 */
export interface ThaiAdmOptions {
  /** VERIFY P1 (PIN id); Advanced-Logic uses `0x01`. */
  pinId?: number;
  /** PIN format (default: exactly 4 digits, as in the public source). */
  pinPolicy?: PinPolicy;
  /** APDU trace sink (headers, lengths and status words only; never data). */
  logger?: PkiLogger;
}

/**
 * **Experimental.** The publicly reverse-engineered ADM-applet PIN flow of the Thai ID card
 * (`A0 00 00 00 84 06 00 02`): `80 B4 00 00` challenge, SHA-1 + 3DES answer, `VERIFY 80 20 <pinId> 00 20 …`,
 * `63xx` = tries left. Only PIN verification is known: `readCertificates`, `sign` and
 * `internalAuthenticate` throw `NOT_SUPPORTED_BY_CARD`. `pinStatus` has no public command, so it
 * reports the tries left learnt from the last failed VERIFY in this session (else `null`).
 * The flow comes from one community source whose author marked it unfinished; it has not been
 * verified on a production card by this project. A wrong answer costs a real PIN try.
 *
 * @example
 * ```ts
 * import { thaiAdm } from '@authenkit/thai-idcard/pki';
 * import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
 * const { transport } = await createVirtualTransport({ pin2: '1234' });
 * const adm = thaiAdm(transport);
 * await adm.verifyPin('1234');
 * console.log((await adm.pinStatus()).verified); // true
 * ```
 */
export function thaiAdm(rawTransport: PkiTransport, options: ThaiAdmOptions = {}): PkiProfile {
  const transport = tracedTransport(rawTransport, options.logger);
  const pinId = options.pinId ?? 0x01;
  const policy = options.pinPolicy ?? { minLength: 4, maxLength: 4, digitsOnly: true };
  const known: PinStatus = { triesLeft: null, blocked: false, verified: false };
  const unsupported = () =>
    Promise.reject(
      new ThaiIdCardError('NOT_SUPPORTED_BY_CARD', 'the thaiAdm profile only supports PIN verification'),
    );

  return {
    name: 'thai-adm',
    experimental: true,

    async verifyPin(input: PinInput | SecretPin | undefined, opts: ProfileVerifyPinOptions = {}) {
      if (input === undefined)
        throw new ThaiIdCardError(
          'INVALID_ARGUMENT',
          'the thaiAdm profile needs the PIN (no PIN-pad support)',
        );
      const pin = SecretPin.from(input);
      try {
        checkPinFormat(pin, policy);
        if (known.blocked)
          throw new ThaiIdCardError('PIN_BLOCKED', 'PIN is blocked', { details: { triesLeft: 0 } });
        if (known.triesLeft !== null && known.triesLeft <= 1 && !opts.allowLastAttempt) {
          throw new ThaiIdCardError(
            'PIN_LAST_ATTEMPT',
            'only one PIN try is left; pass allowLastAttempt: true to use it',
            {
              details: { triesLeft: known.triesLeft },
            },
          );
        }
        const sel = await exchange(transport, selectCommand(ADM_AID), { signal: opts.signal });
        if (sel.sw !== 0x9000)
          throw new ThaiIdCardError('NOT_SUPPORTED_BY_CARD', 'the card has no ADM applet', {
            details: { sw: sel.sw },
          });
        const ch = await exchange(transport, admChallengeApdu(), { signal: opts.signal });
        if (ch.sw !== 0x9000) throw statusError(ch.sw, 'ADM challenge');
        if (ch.data.length !== 32) throw new ThaiIdCardError('INVALID_DATA', 'ADM challenge is not 32 bytes');
        const answer = await admPinAnswer(pin, ch.data);
        pin.wipe();
        const apdu = admVerifyApdu(pinId, answer);
        answer.fill(0);
        let sw: number;
        try {
          sw = (await exchange(transport, apdu, { signal: opts.signal })).sw;
        } finally {
          apdu.fill(0);
        }
        if (sw === 0x9000) {
          Object.assign(known, { verified: true, blocked: false, triesLeft: null });
          return;
        }
        // the ADM applet counts tries in 63 0x (not the ISO 63 Cx)
        if (sw >> 8 === 0x63) {
          const triesLeft = sw & 0x0f;
          Object.assign(known, { verified: false, blocked: triesLeft === 0, triesLeft });
          if (triesLeft === 0)
            throw new ThaiIdCardError('PIN_BLOCKED', 'PIN is blocked', { details: { sw, triesLeft: 0 } });
          throw new ThaiIdCardError(
            'PIN_INCORRECT',
            `wrong PIN, ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left`,
            {
              details: { sw, triesLeft },
            },
          );
        }
        const err = statusError(sw, 'ADM VERIFY');
        if (err.code === ('PIN_BLOCKED' as string)) Object.assign(known, { blocked: true, triesLeft: 0 });
        throw err;
      } finally {
        pin.wipe();
      }
    },

    async pinStatus() {
      return { ...known };
    },
    readCertificates: unsupported,
    sign: unsupported,
    internalAuthenticate: unsupported,
  };
}
