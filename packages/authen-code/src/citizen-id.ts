import { maskThirteenDigits } from './error-base.js';
import { AuthenCodeError } from './errors.js';

/**
 * Why a citizen ID is invalid (stable, machine-readable).
 *
 * - `EMPTY` — nothing but separators was given
 * - `NON_DIGIT` — a character other than a digit, `-` or a space
 * - `LENGTH` — not exactly 13 digits
 * - `CHECKSUM` — the 13th (check) digit does not match the first 12
 *
 * @example
 * ```ts
 * import { validateCitizenId, type CitizenIdInvalidReason } from '@authenkit/authen-code';
 * const r = validateCitizenId('123');
 * const reason: CitizenIdInvalidReason | undefined = r.valid ? undefined : r.reason; // 'LENGTH'
 * ```
 */
export type CitizenIdInvalidReason = 'EMPTY' | 'NON_DIGIT' | 'LENGTH' | 'CHECKSUM';

/**
 * Result of {@link validateCitizenId}. On success `value` is the normalised 13-digit string; on failure
 * `reason` says what is wrong and `message` / `messageTh` describe it without echoing the number.
 *
 * @example
 * ```ts
 * import { validateCitizenId, type CitizenIdValidation } from '@authenkit/authen-code';
 * const r: CitizenIdValidation = validateCitizenId('1-1017-00230-70-8');
 * if (r.valid) console.log(r.value); // '1101700230708'
 * ```
 */
export type CitizenIdValidation =
  | { readonly valid: true; readonly value: string; readonly reason?: undefined }
  | {
      readonly valid: false;
      readonly value?: undefined;
      readonly reason: CitizenIdInvalidReason;
      /** English description, safe to log (never contains the number). */
      readonly message: string;
      /** Thai description for staff, safe to log. */
      readonly messageTh: string;
    };

const THAI_DIGIT_0 = 0x0e50; // '๐'

/** Strips `-`/space separators and maps Thai digits to ASCII; returns null on any other character. */
function digitsOf(input: string): string | null {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) out += input[i];
    else if (c >= THAI_DIGIT_0 && c <= THAI_DIGIT_0 + 9) out += String.fromCharCode(c - THAI_DIGIT_0 + 48);
    else if (c === 45 || c === 32 || c === 0x2010 || c === 0x2011 || c === 0x2013 || c === 9) continue;
    else return null;
  }
  return out;
}

/**
 * The check digit for the first 12 digits of a Thai citizen ID:
 * `(11 − Σ d[i]·(13−i) mod 11) mod 10` for i = 0..11.
 *
 * @param first12 - exactly 12 ASCII digits
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` when `first12` is not 12 digits
 * @example
 * ```ts
 * import { citizenIdCheckDigit } from '@authenkit/authen-code';
 * console.log(citizenIdCheckDigit('110170023070')); // 8
 * ```
 */
export function citizenIdCheckDigit(first12: string): number {
  if (first12.length !== 12 || !/^\d{12}$/.test(first12)) {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'citizenIdCheckDigit needs exactly 12 digits', {
      details: { length: first12.length },
    });
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

const MESSAGES: Record<CitizenIdInvalidReason, (n: number) => [string, string]> = {
  EMPTY: () => ['citizen ID is empty', 'ไม่ได้ระบุเลขประจำตัวประชาชน'],
  NON_DIGIT: () => [
    'citizen ID may contain only digits, dashes and spaces',
    'เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น',
  ],
  LENGTH: (n) => [`citizen ID must have 13 digits, got ${n}`, `เลขประจำตัวประชาชนต้องมี 13 หลัก (ได้รับ ${n} หลัก)`],
  CHECKSUM: () => [
    'citizen ID check digit does not match (mistyped digit?)',
    'เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)',
  ],
};

function invalid(reason: CitizenIdInvalidReason, n = 0): CitizenIdValidation {
  const [message, messageTh] = MESSAGES[reason](n);
  return { valid: false, reason, message, messageTh };
}

/**
 * Validates a Thai citizen ID (เลขประจำตัวประชาชน). Accepts dashes and spaces (`1-1017-00230-70-8`,
 * `1 1017 00230 70 8`) and Thai digits. Never throws for string input and never echoes the number.
 *
 * @example
 * ```ts
 * import { validateCitizenId } from '@authenkit/authen-code';
 * console.log(validateCitizenId('1101700230708')); // { valid: true, value: '1101700230708' }
 * console.log(validateCitizenId('1101700230709').reason); // 'CHECKSUM'
 * ```
 */
export function validateCitizenId(input: string): CitizenIdValidation {
  if (typeof input !== 'string') return invalid('NON_DIGIT');
  const digits = digitsOf(input);
  if (digits === null) return invalid('NON_DIGIT');
  if (digits.length === 0) return invalid('EMPTY');
  if (digits.length !== 13) return invalid('LENGTH', digits.length);
  if (citizenIdCheckDigit(digits.slice(0, 12)) !== digits.charCodeAt(12) - 48) return invalid('CHECKSUM');
  return { valid: true, value: digits };
}

/**
 * True when `input` is a valid Thai citizen ID (separators allowed).
 *
 * @example
 * ```ts
 * import { isValidCitizenId } from '@authenkit/authen-code';
 * console.log(isValidCitizenId('1-1017-00230-70-8')); // true
 * ```
 */
export function isValidCitizenId(input: unknown): input is string {
  return typeof input === 'string' && validateCitizenId(input).valid;
}

/**
 * Returns the normalised 13-digit citizen ID or throws a typed error saying what is wrong.
 *
 * @throws {@link AuthenCodeError} `INVALID_CITIZEN_ID` with `details.reason` ({@link CitizenIdInvalidReason})
 * @example
 * ```ts
 * import { normalizeCitizenId } from '@authenkit/authen-code';
 * console.log(normalizeCitizenId(' 1-1017-00230-70-8 ')); // '1101700230708'
 * ```
 */
export function normalizeCitizenId(input: string): string {
  const r = validateCitizenId(input);
  if (r.valid) return r.value;
  throw new AuthenCodeError('INVALID_CITIZEN_ID', r.message, {
    details: { reason: r.reason, messageTh: r.messageTh },
  });
}

/**
 * First digit of a citizen ID (`'0'`–`'9'`).
 *
 * @example
 * ```ts
 * import type { CitizenIdCategoryDigit } from '@authenkit/authen-code';
 * const d: CitizenIdCategoryDigit = '1';
 * ```
 */
export type CitizenIdCategoryDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/**
 * Person category (ประเภทบุคคล) encoded by the first digit of a citizen ID.
 *
 * @example
 * ```ts
 * import { citizenIdCategory } from '@authenkit/authen-code';
 * const c = citizenIdCategory('1101700230708');
 * console.log(c.digit, c.en); // '1' 'Thai national born on or after 1 Jan 1984, birth registered on time'
 * ```
 */
export interface CitizenIdCategory {
  /** The first digit. */
  readonly digit: CitizenIdCategoryDigit;
  /** Thai description (ทะเบียนราษฎร). */
  readonly th: string;
  /** English description. */
  readonly en: string;
  /** Whether the category is a Thai national by registration (1–5; 8 covers naturalised persons too). */
  readonly thaiNational: boolean | null;
  /** `false` for digit 9, which the civil registration does not assign. */
  readonly assigned: boolean;
}

/**
 * All person categories by first digit (Department of Provincial Administration scheme).
 *
 * @example
 * ```ts
 * import { CITIZEN_ID_CATEGORIES } from '@authenkit/authen-code';
 * console.log(CITIZEN_ID_CATEGORIES['6'].th);
 * ```
 */
export const CITIZEN_ID_CATEGORIES: Readonly<Record<CitizenIdCategoryDigit, CitizenIdCategory>> =
  Object.freeze({
    '0': {
      digit: '0',
      th: 'บุคคลที่ไม่มีสถานะทางทะเบียน (บัตรประจำตัวบุคคลที่ไม่มีสัญชาติไทย)',
      en: 'Person without civil registration status (non-Thai ID card holder)',
      thaiNational: false,
      assigned: true,
    },
    '1': {
      digit: '1',
      th: 'คนที่มีสัญชาติไทยและได้แจ้งเกิดภายในกำหนดเวลา (เกิดตั้งแต่ 1 มกราคม 2527)',
      en: 'Thai national born on or after 1 Jan 1984, birth registered on time',
      thaiNational: true,
      assigned: true,
    },
    '2': {
      digit: '2',
      th: 'คนที่มีสัญชาติไทยและได้แจ้งเกิดเกินกำหนดเวลา (เกิดตั้งแต่ 1 มกราคม 2527)',
      en: 'Thai national born on or after 1 Jan 1984, birth registered late',
      thaiNational: true,
      assigned: true,
    },
    '3': {
      digit: '3',
      th: 'คนไทยและคนต่างด้าวที่มีใบสำคัญประจำตัวคนต่างด้าว ซึ่งมีชื่ออยู่ในทะเบียนบ้านก่อนวันที่ 31 พฤษภาคม 2527',
      en: 'Thai national or registered alien listed in a house registration before 31 May 1984',
      thaiNational: null,
      assigned: true,
    },
    '4': {
      digit: '4',
      th: 'คนไทยและคนต่างด้าวที่มีใบสำคัญประจำตัวคนต่างด้าว ซึ่งแจ้งย้ายเข้าโดยยังไม่มีเลขประจำตัวประชาชน',
      en: 'Thai national or registered alien who moved in before being given a citizen ID (pre-1984 registration)',
      thaiNational: null,
      assigned: true,
    },
    '5': {
      digit: '5',
      th: 'คนไทยที่ได้รับอนุมัติให้เพิ่มชื่อเข้าในทะเบียนบ้าน (ตกสำรวจหรือกรณีอื่น)',
      en: 'Thai national added to a house registration later (missed in the census or other cases)',
      thaiNational: true,
      assigned: true,
    },
    '6': {
      digit: '6',
      th: 'ผู้ที่เข้าเมืองโดยไม่ชอบด้วยกฎหมาย หรือเข้าเมืองโดยชอบด้วยกฎหมายแต่อยู่ในลักษณะชั่วคราว',
      en: 'Person who entered illegally, or legally but staying temporarily',
      thaiNational: false,
      assigned: true,
    },
    '7': {
      digit: '7',
      th: 'บุตรของบุคคลประเภท 6 ซึ่งเกิดในประเทศไทย',
      en: 'Child of a category-6 person, born in Thailand',
      thaiNational: false,
      assigned: true,
    },
    '8': {
      digit: '8',
      th: 'คนต่างด้าวที่เข้าเมืองโดยชอบด้วยกฎหมาย หรือผู้ได้สัญชาติไทยหลังวันที่ 31 พฤษภาคม 2527',
      en: 'Legally resident alien, or person naturalised as Thai after 31 May 1984',
      thaiNational: null,
      assigned: true,
    },
    '9': {
      digit: '9',
      th: 'ไม่ได้กำหนดประเภท',
      en: 'Not assigned by the civil registration',
      thaiNational: null,
      assigned: false,
    },
  });

/**
 * The person category (ประเภทบุคคล) from a citizen ID's first digit.
 *
 * @throws {@link AuthenCodeError} `INVALID_CITIZEN_ID` when the ID is invalid (length, non-digit, checksum)
 * @example
 * ```ts
 * import { citizenIdCategory } from '@authenkit/authen-code';
 * console.log(citizenIdCategory('1-1017-00230-70-8').th);
 * // 'คนที่มีสัญชาติไทยและได้แจ้งเกิดภายในกำหนดเวลา (เกิดตั้งแต่ 1 มกราคม 2527)'
 * ```
 */
export function citizenIdCategory(input: string): CitizenIdCategory {
  const pid = normalizeCitizenId(input);
  return CITIZEN_ID_CATEGORIES[pid[0] as CitizenIdCategoryDigit];
}

/**
 * Formats a citizen ID the way it is printed on the card: `1-2345-67890-12-3`.
 *
 * @throws {@link AuthenCodeError} `INVALID_CITIZEN_ID` when the ID is invalid
 * @example
 * ```ts
 * import { formatCitizenId } from '@authenkit/authen-code';
 * console.log(formatCitizenId('1101700230708')); // '1-1017-00230-70-8'
 * ```
 */
export function formatCitizenId(input: string): string {
  const p = normalizeCitizenId(input);
  return `${p[0]}-${p.slice(1, 5)}-${p.slice(5, 10)}-${p.slice(10, 12)}-${p[12]}`;
}

/**
 * Masks a citizen ID for logs and screens: `1-1017-xxxxx-xx-8` (first five and the check digit stay).
 * Never throws: anything that is not 13 digits becomes `x-xxxx-xxxxx-xx-x` so nothing leaks.
 *
 * @param options.mask - mask character (default `x`)
 * @example
 * ```ts
 * import { maskCitizenId } from '@authenkit/authen-code';
 * console.log(maskCitizenId('1101700230708')); // '1-1017-xxxxx-xx-8'
 * console.log(maskCitizenId('garbage')); // 'x-xxxx-xxxxx-xx-x'
 * ```
 */
export function maskCitizenId(input: string, options: { mask?: string } = {}): string {
  const m = (options.mask ?? 'x').slice(0, 1) || 'x';
  const digits = typeof input === 'string' ? digitsOf(input) : null;
  if (digits === null || digits.length !== 13) {
    return `${m}-${m.repeat(4)}-${m.repeat(5)}-${m.repeat(2)}-${m}`;
  }
  return maskThirteenDigits(digits, m);
}

/**
 * Random number source in `[0, 1)`, like `Math.random`.
 *
 * @example
 * ```ts
 * import { seededRandom, type RandomSource } from '@authenkit/authen-code';
 * const rng: RandomSource = seededRandom(42);
 * ```
 */
export type RandomSource = () => number;

/**
 * A small deterministic PRNG (mulberry32) for reproducible fixtures and synthetic data.
 *
 * @example
 * ```ts
 * import { seededRandom } from '@authenkit/authen-code';
 * const a = seededRandom(7), b = seededRandom(7);
 * console.log(a() === b()); // true
 * ```
 */
export function seededRandom(seed: number): RandomSource {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates a checksum-valid citizen ID for test data (never a real person's on purpose, but any valid
 * number may exist — use only in fixtures and sandboxes).
 *
 * @param rng - random source (default `Math.random`; pass {@link seededRandom} for reproducible output)
 * @param options.category - first digit (default `'1'`)
 * @example
 * ```ts
 * import { generateCitizenId, isValidCitizenId, seededRandom } from '@authenkit/authen-code';
 * const pid = generateCitizenId(seededRandom(1));
 * console.log(isValidCitizenId(pid)); // true
 * ```
 */
export function generateCitizenId(
  rng: RandomSource = Math.random,
  options: { category?: CitizenIdCategoryDigit } = {},
): string {
  const first = options.category ?? '1';
  if (!/^\d$/.test(first)) {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'category must be a single digit');
  }
  let body = first;
  for (let i = 0; i < 11; i++) body += String(Math.min(9, Math.floor(rng() * 10)));
  return body + String(citizenIdCheckDigit(body));
}
