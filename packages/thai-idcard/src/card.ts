/**
 * Card facts: applet AIDs, the MOI data-file layout, and ATR-based card profiles.
 * Sources: /work/shared/reference/thai-idcard-card.md §1, §3, §5 (community reverse-engineering).
 */

/**
 * MOI applet (personal data, address, photo): `A0 00 00 00 54 48 00 01`.
 *
 * @example
 * ```ts
 * import { MOI_AID } from '@authenkit/thai-idcard';
 * console.log(MOI_AID.length); // 8
 * ```
 */
export const MOI_AID: Uint8Array<ArrayBuffer> = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01);
/**
 * NHSO (สปสช.) applet (health-insurance rights): `A0 00 00 00 54 48 00 83`.
 *
 * @example
 * ```ts
 * import { NHSO_AID } from '@authenkit/thai-idcard';
 * console.log(NHSO_AID[7]); // 131
 * ```
 */
export const NHSO_AID: Uint8Array<ArrayBuffer> = Uint8Array.of(
  0xa0,
  0x00,
  0x00,
  0x00,
  0x54,
  0x48,
  0x00,
  0x83,
);
/**
 * ADM applet (laser code, PIN): `A0 00 00 00 84 06 00 02`.
 *
 * @example
 * ```ts
 * import { ADM_AID } from '@authenkit/thai-idcard';
 * console.log(ADM_AID[4]); // 132
 * ```
 */
export const ADM_AID: Uint8Array<ArrayBuffer> = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x02);

/**
 * Byte layout of the MOI data file (offset, length), current ("0003") cards.
 *
 * @example
 * ```ts
 * import { MOI_LAYOUT } from '@authenkit/thai-idcard';
 * console.log(MOI_LAYOUT.photo); // { offset: 379, length: 5118 }
 * ```
 */
export const MOI_LAYOUT = {
  version: { offset: 0, length: 4 },
  citizenId: { offset: 4, length: 13 },
  nameTh: { offset: 17, length: 100 },
  nameEn: { offset: 117, length: 100 },
  birthDate: { offset: 217, length: 8 },
  sex: { offset: 225, length: 1 },
  requestNumber: { offset: 226, length: 20 },
  issuer: { offset: 246, length: 100 },
  issuerCode: { offset: 346, length: 13 },
  issueDate: { offset: 359, length: 8 },
  expiryDate: { offset: 367, length: 8 },
  reserved: { offset: 375, length: 4 },
  photo: { offset: 379, length: 5118 },
  address: { offset: 5497, length: 160 },
  photoNumber: { offset: 5657, length: 14 },
  /** Size of the whole data file (cardpeek dumps 0..5949). */
  total: { offset: 0, length: 5950 },
} as const;

/**
 * Byte layout of the NHSO data file (offset, length).
 *
 * @example
 * ```ts
 * import { NHSO_LAYOUT } from '@authenkit/thai-idcard';
 * console.log(NHSO_LAYOUT.mainInscl.length); // 60
 * ```
 */
export const NHSO_LAYOUT = {
  mainInscl: { offset: 4, length: 60 },
  subInscl: { offset: 64, length: 100 },
  mainHospital: { offset: 164, length: 80 },
  subHospital: { offset: 244, length: 80 },
  paidType: { offset: 324, length: 1 },
  issueDate: { offset: 325, length: 8 },
  expiryDate: { offset: 333, length: 8 },
  updateDate: { offset: 341, length: 8 },
  changeCount: { offset: 349, length: 1 },
  /** End of the last field. */
  end: { offset: 350, length: 0 },
} as const;

/**
 * Behaviour differences between card generations, chosen from the ATR (a profile, not scattered `if`s). Every
 * APDU exchange (card reading and PIN 2 / signing alike) follows it. Not to be confused with `PkiProfile` of
 * `/pki` (the seam for a card's secure operations).
 *
 * @example
 * ```ts
 * import { profileForAtr } from '@authenkit/thai-idcard';
 * console.log(profileForAtr(Uint8Array.of(0x3b, 0x67, 0x00)).getResponseP2); // 1
 * ```
 */
export interface CardProfile {
  /** Profile id. */
  id: string;
  /** Human description. */
  description: string;
  /** P2 of GET RESPONSE (`00 C0 00 P2 Le`). */
  getResponseP2: number;
  /** Matches an ATR. */
  matches(atr: Uint8Array): boolean;
}

/**
 * Built-in profiles, in match order. The last one matches every ATR.
 *
 * @example
 * ```ts
 * import { CARD_PROFILES } from '@authenkit/thai-idcard';
 * console.log(CARD_PROFILES.map((p) => p.id)); // [ '3b67', 'default' ]
 * ```
 */
export const CARD_PROFILES: readonly CardProfile[] = Object.freeze([
  {
    id: '3b67',
    description:
      'early cards with ATR 3B 67 …: GET RESPONSE uses P2 = 01 (00 C0 00 01 Le); unverified on hardware',
    getResponseP2: 0x01,
    matches: (atr: Uint8Array) => atr[0] === 0x3b && atr[1] === 0x67,
  },
  {
    id: 'default',
    description: 'ATR 3B 68 / 3B 78 / 3B 79 (TH NID 17/18) and unknown: GET RESPONSE 00 C0 00 00 Le',
    getResponseP2: 0x00,
    matches: () => true,
  },
]);

/**
 * Picks the profile for an ATR (first match in `profiles`).
 *
 * @example
 * ```ts
 * import { profileForAtr, fromHex } from '@authenkit/thai-idcard';
 * console.log(profileForAtr(fromHex('3b79960000544820 4e494420 3138')).id); // 'default'
 * ```
 */
export function profileForAtr(atr: Uint8Array | undefined, profiles: readonly CardProfile[] = CARD_PROFILES) {
  return (
    profiles.find((p) => p.matches(atr ?? new Uint8Array(0))) ?? CARD_PROFILES[CARD_PROFILES.length - 1]!
  );
}
