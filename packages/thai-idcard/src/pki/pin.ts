import { ThaiIdCardError } from '../errors.js';

/**
 * A PIN as the caller has it: a string of digits or the ASCII bytes. It is copied once into a
 * {@link SecretPin} and that copy is zeroed after use; a `Uint8Array` you pass is never modified, so
 * wipe your own copy (`buf.fill(0)`) when you are done with it.
 *
 * @example
 * ```ts
 * import { type PinInput } from '@authenkit/thai-idcard/pki';
 * const pin: PinInput = new TextEncoder().encode('1234');
 * console.log(pin.length); // 4
 * ```
 */
export type PinInput = string | Uint8Array;

/**
 * Format rules checked before any APDU is sent (a malformed PIN must never cost a try).
 *
 * @example
 * ```ts
 * import { type PinPolicy } from '@authenkit/thai-idcard/pki';
 * const policy: PinPolicy = { minLength: 4, maxLength: 8, digitsOnly: true };
 * console.log(policy.maxLength); // 8
 * ```
 */
export interface PinPolicy {
  /** Fewest characters accepted. */
  minLength: number;
  /** Most characters accepted. */
  maxLength: number;
  /** Accept only ASCII digits `0`–`9` (default true). */
  digitsOnly?: boolean;
}

const REDACTED = '[PIN redacted]';
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Holds the one copy of a PIN. Its bytes sit in a private field, are lent to a callback with
 * {@link SecretPin.use}, and are zeroed by {@link SecretPin.wipe}. `toString`, `toJSON` and
 * `util.inspect` all print `[PIN redacted]`.
 *
 * @example
 * ```ts
 * import { SecretPin } from '@authenkit/thai-idcard/pki';
 * const pin = SecretPin.from('1234');
 * console.log(String(pin), JSON.stringify({ pin })); // [PIN redacted] {"pin":"[PIN redacted]"}
 * pin.wipe();
 * console.log(pin.wiped); // true
 * ```
 */
export class SecretPin {
  #bytes: Uint8Array;
  #wiped = false;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * Copies `input` (once). Strings must be ASCII; anything else is rejected with `PIN_FORMAT`.
   *
   * @example
   * ```ts
   * import { SecretPin } from '@authenkit/thai-idcard/pki';
   * const pin = SecretPin.from(new Uint8Array([0x31, 0x32, 0x33, 0x34]));
   * console.log(pin.length); // 4
   * ```
   */
  static from(input: PinInput | SecretPin): SecretPin {
    if (input instanceof SecretPin) return input;
    if (typeof input === 'string') {
      const out = new Uint8Array(input.length);
      for (let i = 0; i < input.length; i++) {
        const c = input.charCodeAt(i);
        if (c > 0x7e || c < 0x20) {
          out.fill(0);
          throw new ThaiIdCardError('PIN_FORMAT', 'PIN must contain printable ASCII characters only');
        }
        out[i] = c;
      }
      return new SecretPin(out);
    }
    if (input instanceof Uint8Array) return new SecretPin(Uint8Array.from(input));
    throw new ThaiIdCardError('PIN_FORMAT', 'PIN must be a string or a Uint8Array');
  }

  /** Number of PIN characters (0 after {@link SecretPin.wipe}). */
  get length(): number {
    return this.#wiped ? 0 : this.#bytes.length;
  }

  /** True once {@link SecretPin.wipe} ran. */
  get wiped(): boolean {
    return this.#wiped;
  }

  /**
   * Lends the PIN bytes to `fn`. Do not keep a reference to them past `fn`.
   *
   * @example
   * ```ts
   * import { SecretPin } from '@authenkit/thai-idcard/pki';
   * const pin = SecretPin.from('1234');
   * console.log(pin.use((b) => b.length)); // 4
   * ```
   */
  use<T>(fn: (bytes: Uint8Array) => T): T {
    if (this.#wiped) throw new ThaiIdCardError('INVALID_ARGUMENT', 'this PIN was already used and wiped');
    return fn(this.#bytes);
  }

  /**
   * Zeroes the PIN bytes. Idempotent.
   *
   * @example
   * ```ts
   * import { SecretPin } from '@authenkit/thai-idcard/pki';
   * const pin = SecretPin.from('1234');
   * pin.wipe();
   * console.log(pin.length); // 0
   * ```
   */
  wipe(): void {
    this.#bytes.fill(0);
    this.#wiped = true;
  }

  /** Always `[PIN redacted]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `[PIN redacted]`. */
  toJSON(): string {
    return REDACTED;
  }

  /** Node `util.inspect` hook: `[PIN redacted]`. */
  [INSPECT](): string {
    return REDACTED;
  }
}

/**
 * Checks a PIN against a {@link PinPolicy} without revealing it; throws `PIN_FORMAT`. The error
 * message names the rule, never the PIN.
 *
 * @example
 * ```ts
 * import { SecretPin, checkPinFormat } from '@authenkit/thai-idcard/pki';
 * checkPinFormat(SecretPin.from('1234'), { minLength: 4, maxLength: 8 }); // ok
 * try { checkPinFormat(SecretPin.from('12a4'), { minLength: 4, maxLength: 8 }) } catch (e) {
 *   console.log((e as { code: string }).code); // 'PIN_FORMAT'
 * }
 * ```
 */
export function checkPinFormat(pin: SecretPin, policy: PinPolicy): void {
  const digitsOnly = policy.digitsOnly ?? true;
  const problem = pin.use((b) => {
    if (b.length < policy.minLength || b.length > policy.maxLength) {
      return `PIN must be ${policy.minLength}–${policy.maxLength} characters long`;
    }
    if (digitsOnly) {
      for (const c of b) if (c < 0x30 || c > 0x39) return 'PIN must contain digits 0–9 only';
    }
    return undefined;
  });
  if (problem) {
    throw new ThaiIdCardError('PIN_FORMAT', problem, {
      details: { minLength: policy.minLength, maxLength: policy.maxLength },
    });
  }
}

/**
 * Options shared by every PIN verification.
 *
 * @example
 * ```ts
 * import { type VerifyPinOptions } from '@authenkit/thai-idcard/pki';
 * const opts: VerifyPinOptions = { allowLastAttempt: false };
 * console.log(opts.allowLastAttempt); // false
 * ```
 */
export interface VerifyPinOptions {
  /**
   * Send the VERIFY even when only one try is left (a wrong PIN then blocks the card). Default
   * `false`: the library refuses with `PIN_LAST_ATTEMPT` and sends nothing.
   */
  allowLastAttempt?: boolean;
  /** Abort the exchange. */
  signal?: AbortSignal;
}
