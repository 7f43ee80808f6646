import { AuthenCodeError } from './errors.js';

/**
 * How sure the catalogue is about an entry: `documented` — the code and name appear in the NHSO deck or
 * in values returned by NHSO systems (as quoted by public client code); `inferred` — the meaning is deduced
 * (conflicting or indirect sources). See each entry's `source` and `note`.
 *
 * @example
 * ```ts
 * import { claimTypes, type Confidence } from '@authenkit/authen-code';
 * const inferred = claimTypes.filter((c) => c.confidence === ('inferred' satisfies Confidence));
 * ```
 */
export type Confidence = 'documented' | 'inferred';

/**
 * The "ประเภทการเข้ารับบริการ" (service type) level above a claim type, as in the NHSO Authen Code form:
 * `OPD` — general treatment (เข้ารับการรักษาทั่วไป); `PP` — health promotion and prevention and other services.
 *
 * @example
 * ```ts
 * import { SERVICE_TYPES, type ServiceTypeCode } from '@authenkit/authen-code';
 * const t: ServiceTypeCode = 'PP';
 * console.log(SERVICE_TYPES[t].th);
 * ```
 */
export type ServiceTypeCode = 'OPD' | 'PP';

/**
 * A service type with its Thai and English label.
 *
 * @example
 * ```ts
 * import { SERVICE_TYPES, type ServiceType } from '@authenkit/authen-code';
 * const s: ServiceType = SERVICE_TYPES.OPD;
 * ```
 */
export interface ServiceType {
  readonly code: ServiceTypeCode;
  readonly th: string;
  readonly en: string;
}

/**
 * The two service types of the NHSO Authen Code form and report filter.
 *
 * @example
 * ```ts
 * import { SERVICE_TYPES } from '@authenkit/authen-code';
 * console.log(SERVICE_TYPES.PP.th); // 'บริการด้านสร้างเสริมสุขภาพและป้องกันโรค (PP) และบริการอื่นๆ'
 * ```
 */
export const SERVICE_TYPES: Readonly<Record<ServiceTypeCode, ServiceType>> = Object.freeze({
  OPD: { code: 'OPD', th: 'เข้ารับการรักษาทั่วไป (OPD/IPD)', en: 'General treatment (OPD/IPD)' },
  PP: {
    code: 'PP',
    th: 'บริการด้านสร้างเสริมสุขภาพและป้องกันโรค (PP) และบริการอื่นๆ',
    en: 'Health promotion and disease prevention (PP) and other services',
  },
});

/**
 * Every claim-type (service) code in the catalogue.
 *
 * @example
 * ```ts
 * import type { ClaimTypeCode } from '@authenkit/authen-code';
 * const code: ClaimTypeCode = 'PG0060001';
 * ```
 */
export type ClaimTypeCode =
  | 'OPD'
  | 'PG0060001'
  | 'PG0010065'
  | 'PG0010066'
  | 'PG0010067'
  | 'PG0070001'
  | 'PG0080001'
  | 'PG0090001'
  | 'PG0110001'
  | 'PG0120001'
  | 'PG0130001'
  | 'PG0140001'
  | 'PG0150001'
  | 'PG0180001';

/**
 * A claim type (บริการ / service) that an Authen Code is requested for.
 *
 * @example
 * ```ts
 * import { getClaimType, type ClaimType } from '@authenkit/authen-code';
 * const hd: ClaimType | undefined = getClaimType('PG0130001');
 * console.log(hd?.nameEn); // 'Haemodialysis (HD)'
 * ```
 */
export interface ClaimType {
  /** The code sent as `claimType` / `serviceCode` / `claimServiceCode`. */
  readonly code: ClaimTypeCode;
  /** Thai name as NHSO shows or returns it. */
  readonly nameTh: string;
  /** English name (translation by this package). */
  readonly nameEn: string;
  /** Service type this claim type is listed under. */
  readonly serviceType: ServiceTypeCode;
  /** Other Thai labels seen for the same code. */
  readonly aliases: readonly string[];
  /** How sure the catalogue is about the code's meaning. */
  readonly confidence: Confidence;
  /** Where the entry comes from. */
  readonly source: string;
  /** Caveats (conflicts, inferred parts). */
  readonly note?: string;
  /** `true` for COVID-19-era services that may no longer be offered. */
  readonly legacy: boolean;
}

const DECK = 'NHSO deck "IT for Claim" (QR code service list)';
const AGENT = 'claimTypes returned by the NHSO Smart Card Agent (public client code, nhso-services.md §3.1)';

const CATALOGUE: readonly ClaimType[] = [
  {
    code: 'OPD',
    nameTh: 'เข้ารับการรักษาทั่วไป (OPD/IPD)',
    nameEn: 'General treatment (OPD/IPD)',
    serviceType: 'OPD',
    aliases: ['OPD'],
    confidence: 'documented',
    source: `${DECK}; report column ประเภทการเข้ารับบริการ shows "OPD"`,
    legacy: false,
  },
  {
    code: 'PG0060001',
    nameTh: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)',
    nameEn: 'General treatment (OPD/IPD/PP)',
    serviceType: 'OPD',
    aliases: ['เข้ารับบริการรักษาทั่วไป (OPD/IPD/PP)'],
    confidence: 'documented',
    source: AGENT,
    note: 'The default claim type of agent confirm-save and of NHSO Endpoint close-claim.',
    legacy: false,
  },
  {
    code: 'PG0010065',
    nameTh: 'คัดกรองโควิดแบบ Antigen',
    nameEn: 'COVID-19 screening (antigen test)',
    serviceType: 'PP',
    aliases: ['ATK สำหรับประชาชน'],
    confidence: 'documented',
    source: DECK,
    legacy: true,
  },
  {
    code: 'PG0010066',
    nameTh: 'คัดกรองโควิดแบบ RTPCR',
    nameEn: 'COVID-19 screening (RT-PCR)',
    serviceType: 'PP',
    aliases: ['คัดกรองโควิดแบบ RT-PCR'],
    confidence: 'documented',
    source: `${DECK}; nirun-life/nirun mock`,
    legacy: true,
  },
  {
    code: 'PG0010067',
    nameTh: 'คัดกรองโควิดอื่นๆ',
    nameEn: 'COVID-19 screening (other methods)',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: DECK,
    legacy: true,
  },
  {
    code: 'PG0070001',
    nameTh: 'PP Fee Schedule',
    nameEn: 'Health promotion and prevention, fee schedule (PP Fee Schedule)',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: DECK,
    note: 'The deck gives only the English label; the English expansion is this package’s.',
    legacy: false,
  },
  {
    code: 'PG0080001',
    nameTh: 'การดูแลรักษาใน รพ.สนามในชุมชน (Community Isolation)',
    nameEn: 'Community Isolation care',
    serviceType: 'PP',
    aliases: ['การดูแลรักษาในชุมชน (Community Isolation)'],
    confidence: 'documented',
    source: `${DECK}; ${AGENT}`,
    legacy: true,
  },
  {
    code: 'PG0090001',
    nameTh: 'การดูแลรักษาในที่พัก (Home Isolation)',
    nameEn: 'Home Isolation care',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: `${DECK}; ${AGENT}`,
    legacy: true,
  },
  {
    code: 'PG0110001',
    nameTh: 'Self Isolation',
    nameEn: 'Self Isolation care',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: AGENT,
    note: 'NHSO returns the English label "Self Isolation" as the Thai name.',
    legacy: true,
  },
  {
    code: 'PG0120001',
    nameTh: 'UCEP PLUS (ผู้ป่วยกลุ่มอาการสีเหลืองและสีแดง)',
    nameEn: 'UCEP PLUS (patients with yellow and red symptoms)',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: AGENT,
    legacy: true,
  },
  {
    code: 'PG0130001',
    nameTh: 'บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)',
    nameEn: 'Haemodialysis (HD)',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: AGENT,
    legacy: false,
  },
  {
    code: 'PG0140001',
    nameTh: 'การดูแลผู้ป่วยในที่บ้าน (Home Ward)',
    nameEn: 'Inpatient care at home (Home Ward)',
    serviceType: 'PP',
    aliases: ['Homeward'],
    confidence: 'inferred',
    source:
      'HIS report code that pairs this code with "Homeward" (public client code, nhso-services.md §3.1)',
    note: 'No NHSO-issued name seen; the Thai and English names are inferred.',
    legacy: false,
  },
  {
    code: 'PG0150001',
    nameTh: 'บริการดูแลอาการเจ็บป่วยเบื้องต้น',
    nameEn: 'Primary care for minor illnesses',
    serviceType: 'PP',
    aliases: [],
    confidence: 'inferred',
    source: 'Go constant in public client code (nhso-services.md §3.1)',
    note: 'Conflict: a mock server labels this code "คัดกรองโควิดแบบ Antigen".',
    legacy: false,
  },
  {
    code: 'PG0180001',
    nameTh: 'บริการตรวจสุขภาพที่จำเป็นตามกลุ่มวัย (เฉพาะเขต กทม)',
    nameEn: 'Age-appropriate health check-up (Bangkok only)',
    serviceType: 'PP',
    aliases: [],
    confidence: 'documented',
    source: 'claimTypeName seen in public client code (nhso-services.md §3.1)',
    legacy: false,
  },
];

for (const c of CATALOGUE) {
  Object.freeze(c.aliases);
  Object.freeze(c);
}

/**
 * The claim-type (service) catalogue, in the order of the NHSO deck. Uncertain entries say so in
 * `confidence`, `source` and `note`.
 *
 * @example
 * ```ts
 * import { claimTypes } from '@authenkit/authen-code';
 * for (const c of claimTypes) console.log(c.code, c.nameTh, c.confidence);
 * ```
 */
export const claimTypes: readonly ClaimType[] = Object.freeze([...CATALOGUE]);

const BY_CODE = new Map<string, ClaimType>(CATALOGUE.map((c) => [c.code, c]));
const BY_NAME = new Map<string, ClaimType>();
const nameKey = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();
for (const c of CATALOGUE) {
  for (const n of [c.nameTh, c.nameEn, ...c.aliases])
    if (!BY_NAME.has(nameKey(n))) BY_NAME.set(nameKey(n), c);
}

/**
 * True when `code` is exactly (same case, no spaces) a catalogued claim-type code.
 *
 * @example
 * ```ts
 * import { isClaimTypeCode } from '@authenkit/authen-code';
 * console.log(isClaimTypeCode('PG0060001'), isClaimTypeCode('XX')); // true false
 * ```
 */
export function isClaimTypeCode(code: unknown): code is ClaimTypeCode {
  return typeof code === 'string' && BY_CODE.has(code);
}

/**
 * Looks up a claim type by code (case-insensitive, trimmed). Returns `undefined` for unknown codes.
 *
 * @example
 * ```ts
 * import { getClaimType } from '@authenkit/authen-code';
 * console.log(getClaimType('pg0090001')?.nameTh); // 'การดูแลรักษาในที่พัก (Home Isolation)'
 * ```
 */
export function getClaimType(code: string): ClaimType | undefined {
  if (typeof code !== 'string') return undefined;
  return BY_CODE.get(code.trim().toUpperCase());
}

/**
 * Like {@link getClaimType} but throws for unknown codes.
 *
 * @throws {@link AuthenCodeError} `UNKNOWN_CLAIM_TYPE`
 * @example
 * ```ts
 * import { requireClaimType } from '@authenkit/authen-code';
 * console.log(requireClaimType('PG0130001').serviceType); // 'PP'
 * ```
 */
export function requireClaimType(code: string): ClaimType {
  const c = getClaimType(code);
  if (!c) {
    throw new AuthenCodeError('UNKNOWN_CLAIM_TYPE', 'claim type code is not in the catalogue', {
      details: { code: typeof code === 'string' ? code.slice(0, 20) : typeof code },
    });
  }
  return c;
}

/**
 * Finds a claim type by its Thai or English name or an alias (whitespace and case ignored),
 * e.g. to read the NHSO report back.
 *
 * @example
 * ```ts
 * import { findClaimTypeByName } from '@authenkit/authen-code';
 * console.log(findClaimTypeByName('คัดกรองโควิดแบบ RTPCR')?.code); // 'PG0010066'
 * ```
 */
export function findClaimTypeByName(name: string): ClaimType | undefined {
  if (typeof name !== 'string') return undefined;
  return BY_NAME.get(nameKey(name));
}
