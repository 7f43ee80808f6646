import type { PinInput, SecretPin, VerifyPinOptions } from './pin.js';

/**
 * Hash functions a card signature can be made over.
 *
 * @example
 * ```ts
 * import { type HashName } from '@authenkit/thai-idcard/pki';
 * const h: HashName = 'SHA-256';
 * console.log(h);
 * ```
 */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/**
 * A signature scheme for {@link PkiProfile.sign}. ECDSA signatures come back as raw `r ‖ s`
 * (as ISO 7816-8 cards return them); {@link signCms} converts them to DER for CMS.
 *
 * @example
 * ```ts
 * import { type SignatureAlgorithm } from '@authenkit/thai-idcard/pki';
 * const alg: SignatureAlgorithm = { name: 'RSA-PSS', hash: 'SHA-256' };
 * console.log(alg.name);
 * ```
 */
export type SignatureAlgorithm =
  | { name: 'RSASSA-PKCS1-v1_5'; hash: HashName }
  | { name: 'RSA-PSS'; hash: HashName }
  | { name: 'ECDSA'; hash: HashName };

/**
 * PIN state as the card reports it.
 *
 * @example
 * ```ts
 * import { type PinStatus } from '@authenkit/thai-idcard/pki';
 * const s: PinStatus = { triesLeft: 3, blocked: false, verified: false };
 * console.log(s.triesLeft); // 3
 * ```
 */
export interface PinStatus {
  /** Tries left before the PIN blocks; `null` when the card does not say. */
  triesLeft: number | null;
  /** True when the PIN is blocked (needs a reset at the issuing office). */
  blocked: boolean;
  /** True when the PIN is already verified in this card session. */
  verified: boolean;
}

/**
 * Options for {@link PkiProfile.verifyPin}.
 *
 * @example
 * ```ts
 * import { type ProfileVerifyPinOptions } from '@authenkit/thai-idcard/pki';
 * const o: ProfileVerifyPinOptions = { pinEntry: 'host', allowLastAttempt: false };
 * console.log(o.pinEntry);
 * ```
 */
export interface ProfileVerifyPinOptions extends VerifyPinOptions {
  /**
   * `auto` (default): use the reader's PIN pad when it has `FEATURE_VERIFY_PIN_DIRECT` (any PIN
   * passed in is then wiped, unused), otherwise the host PIN. `host`: always send the given PIN.
   * `pinpad`: require the PIN pad.
   */
  pinEntry?: 'auto' | 'host' | 'pinpad';
}

/**
 * The seam for a card's secure operations. A profile is bound to one transport (one card session).
 * Two profiles ship: {@link iso7816Pki} (ISO 7816-4/-8 PKI applet) and {@link thaiAdm}
 * (experimental, PIN only). The production Thai ID PKI applet protocol is not public: pick or write
 * the profile that matches your card.
 *
 * @example
 * ```ts
 * import { type PkiProfile } from '@authenkit/thai-idcard/pki';
 * async function tries(card: PkiProfile) {
 *   return (await card.pinStatus()).triesLeft;
 * }
 * console.log(typeof tries);
 * ```
 */
export interface PkiProfile {
  /** Profile identifier, e.g. `iso7816-pki`. */
  readonly name: string;
  /** True for profiles built on unverified reverse-engineering. */
  readonly experimental: boolean;
  /**
   * Verifies the PIN (always sends it, also when the card session is already verified). Throws
   * `PIN_FORMAT` (nothing sent), `PIN_LAST_ATTEMPT` (nothing sent),
   * `PIN_INCORRECT` (`details.triesLeft`), `PIN_BLOCKED`. The PIN copy is wiped in every case.
   */
  verifyPin(pin: PinInput | SecretPin | undefined, options?: ProfileVerifyPinOptions): Promise<void>;
  /** Reads the PIN state without spending a try. */
  pinStatus(options?: { signal?: AbortSignal }): Promise<PinStatus>;
  /** Reads the card's X.509 certificates (DER), signer certificate first. */
  readCertificates(options?: { signal?: AbortSignal }): Promise<Uint8Array[]>;
  /** Signs a digest with the card's signature key (PIN must be verified). */
  sign(
    digest: Uint8Array,
    algorithm: SignatureAlgorithm,
    options?: { signal?: AbortSignal },
  ): Promise<Uint8Array>;
  /** Card authentication: the card's raw private-key operation on `challenge`. */
  internalAuthenticate(challenge: Uint8Array, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
}

/** Digest length per hash. @internal */
export const HASH_LENGTH: Record<HashName, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** DER DigestInfo prefixes (RFC 8017 §9.2 note 1). @internal */
export const DIGEST_INFO_PREFIX: Record<HashName, Uint8Array> = {
  'SHA-256': Uint8Array.of(
    0x30,
    0x31,
    0x30,
    0x0d,
    0x06,
    0x09,
    0x60,
    0x86,
    0x48,
    0x01,
    0x65,
    0x03,
    0x04,
    0x02,
    0x01,
    0x05,
    0x00,
    0x04,
    0x20,
  ),
  'SHA-384': Uint8Array.of(
    0x30,
    0x41,
    0x30,
    0x0d,
    0x06,
    0x09,
    0x60,
    0x86,
    0x48,
    0x01,
    0x65,
    0x03,
    0x04,
    0x02,
    0x02,
    0x05,
    0x00,
    0x04,
    0x30,
  ),
  'SHA-512': Uint8Array.of(
    0x30,
    0x51,
    0x30,
    0x0d,
    0x06,
    0x09,
    0x60,
    0x86,
    0x48,
    0x01,
    0x65,
    0x03,
    0x04,
    0x02,
    0x03,
    0x05,
    0x00,
    0x04,
    0x40,
  ),
};

/**
 * Former name of {@link PkiProfile} (0.1). Not the same thing as the ATR-based `CardProfile` of the main
 * entry (GET RESPONSE variant).
 *
 * @deprecated Use {@link PkiProfile}; this alias goes in the next major version.
 * @example
 * ```ts
 * import { type CardProfile, type PkiProfile } from '@authenkit/thai-idcard/pki';
 * const same = (p: CardProfile): PkiProfile => p;
 * console.log(typeof same);
 * ```
 */
export type CardProfile = PkiProfile;
