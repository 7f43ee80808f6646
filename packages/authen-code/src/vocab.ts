import type { Confidence } from './claim-types.js';

/**
 * A coded value with its Thai and English label and the exact text the NHSO report shows.
 *
 * @example
 * ```ts
 * import { AUTHEN_CHANNELS, type AuthenChannel, type Labelled } from '@authenkit/authen-code';
 * const erm: Labelled<AuthenChannel> = AUTHEN_CHANNELS.ERM_ONLINE;
 * console.log(erm.report); // 'ERM-ONLINE'
 * ```
 */
export interface Labelled<C extends string> {
  readonly code: C;
  /** Thai label for staff. */
  readonly th: string;
  /** English label. */
  readonly en: string;
  /** Text of the NHSO report cell (the deck's spelling where it shows one). */
  readonly report: string;
  /** Whether `report` is seen in the NHSO deck/systems or chosen by this package. */
  readonly confidence: Confidence;
}

/**
 * Channel through which an Authen Code was requested (ช่องทางขอ Authen Code).
 * `ERM_ONLINE` — the NHSO web app (ERM); `AGENT` — the Smart Card Agent on the hospital PC;
 * `KIOSK` — a self-service kiosk; `LINE` — the citizen via LINE OA `@nhso` and the unit's QR code;
 * `ENDPOINT` — the NHSO Endpoint API (close claim, `EP…` codes).
 *
 * @example
 * ```ts
 * import type { AuthenChannel } from '@authenkit/authen-code';
 * const ch: AuthenChannel = 'KIOSK';
 * ```
 */
export type AuthenChannel = 'ERM_ONLINE' | 'AGENT' | 'KIOSK' | 'LINE' | 'ENDPOINT';

/**
 * How the patient's identity was proven (วิธีการพิสูจน์ตัวตนในการเข้ารับบริการ).
 * `SMART_CARD` — ID card in a reader; `PID_ENTRY` — citizen ID typed in (with a certifier);
 * `QR_LINE` — LINE OA and the unit's QR code; `FACE` — face verification (NHSO FVS / New Authen).
 *
 * @example
 * ```ts
 * import type { VerificationMethod } from '@authenkit/authen-code';
 * const m: VerificationMethod = 'SMART_CARD';
 * ```
 */
export type VerificationMethod = 'SMART_CARD' | 'PID_ENTRY' | 'QR_LINE' | 'FACE';

/**
 * Who certified the visit (ผู้รับรองการเข้ารับบริการ).
 *
 * @example
 * ```ts
 * import type { CertifierRole } from '@authenkit/authen-code';
 * const who: CertifierRole = 'CAREGIVER';
 * ```
 */
export type CertifierRole = 'PATIENT' | 'PARENT' | 'CAREGIVER' | 'STAFF';

function table<C extends string>(rows: readonly Labelled<C>[]): Readonly<Record<C, Labelled<C>>> {
  return Object.freeze(Object.fromEntries(rows.map((r) => [r.code, Object.freeze(r)]))) as Readonly<
    Record<C, Labelled<C>>
  >;
}

/**
 * All {@link AuthenChannel}s with labels.
 *
 * @example
 * ```ts
 * import { AUTHEN_CHANNELS } from '@authenkit/authen-code';
 * console.log(AUTHEN_CHANNELS.LINE.th); // 'LINE OA สปสช. (สแกน QR Code หน่วยบริการ)'
 * ```
 */
export const AUTHEN_CHANNELS: Readonly<Record<AuthenChannel, Labelled<AuthenChannel>>> = table<AuthenChannel>(
  [
    {
      code: 'ERM_ONLINE',
      th: 'ระบบตรวจสอบสิทธิออนไลน์ (ERM)',
      en: 'NHSO ERM web',
      report: 'ERM-ONLINE',
      confidence: 'documented',
    },
    {
      code: 'AGENT',
      th: 'โปรแกรม NHSO Smart Card Agent',
      en: 'NHSO Smart Card Agent',
      report: 'AGENT',
      confidence: 'inferred',
    },
    { code: 'KIOSK', th: 'ตู้ Kiosk', en: 'Self-service kiosk', report: 'KIOSK', confidence: 'inferred' },
    {
      code: 'LINE',
      th: 'LINE OA สปสช. (สแกน QR Code หน่วยบริการ)',
      en: 'NHSO LINE OA (unit QR code)',
      report: 'LINE',
      confidence: 'inferred',
    },
    {
      code: 'ENDPOINT',
      th: 'NHSO Endpoint (ปิดสิทธิ)',
      en: 'NHSO Endpoint API (close claim)',
      report: 'ENDPOINT',
      confidence: 'documented',
    },
  ],
);

/**
 * All {@link VerificationMethod}s with labels (report texts for smart card and PID entry are the deck's).
 *
 * @example
 * ```ts
 * import { VERIFICATION_METHODS } from '@authenkit/authen-code';
 * console.log(VERIFICATION_METHODS.SMART_CARD.report); // 'ด้วยบัตรประจำตัวประชาชน (SMART CARD)'
 * ```
 */
export const VERIFICATION_METHODS: Readonly<Record<VerificationMethod, Labelled<VerificationMethod>>> =
  table<VerificationMethod>([
    {
      code: 'SMART_CARD',
      th: 'ด้วยบัตรประจำตัวประชาชน (SMART CARD)',
      en: 'Thai ID smart card',
      report: 'ด้วยบัตรประจำตัวประชาชน (SMART CARD)',
      confidence: 'documented',
    },
    {
      code: 'PID_ENTRY',
      th: 'โดยการระบุเลขประจำตัวประชาชน',
      en: 'Citizen ID entered',
      report: 'โดยการระบุเลขประจำตัวประชาชน',
      confidence: 'documented',
    },
    {
      code: 'QR_LINE',
      th: 'สแกน QR Code ผ่าน LINE OA สปสช.',
      en: 'QR code via NHSO LINE OA',
      report: 'สแกน QR Code ผ่าน LINE OA สปสช.',
      confidence: 'inferred',
    },
    {
      code: 'FACE',
      th: 'ยืนยันตัวตนด้วยใบหน้า',
      en: 'Face verification',
      report: 'ยืนยันตัวตนด้วยใบหน้า',
      confidence: 'inferred',
    },
  ]);

/**
 * All {@link CertifierRole}s with labels (report texts for parent and caregiver are the deck's).
 *
 * @example
 * ```ts
 * import { CERTIFIER_ROLES } from '@authenkit/authen-code';
 * console.log(CERTIFIER_ROLES.CAREGIVER.report); // 'ผู้ดูแลผู้รับบริการ'
 * ```
 */
export const CERTIFIER_ROLES: Readonly<Record<CertifierRole, Labelled<CertifierRole>>> = table<CertifierRole>(
  [
    { code: 'PATIENT', th: 'ผู้รับบริการ', en: 'Patient', report: 'ผู้รับบริการ', confidence: 'inferred' },
    { code: 'PARENT', th: 'ผู้ปกครอง', en: 'Parent or guardian', report: 'ผู้ปกครอง', confidence: 'documented' },
    {
      code: 'CAREGIVER',
      th: 'ผู้ดูแลผู้รับบริการ',
      en: 'Caregiver',
      report: 'ผู้ดูแลผู้รับบริการ',
      confidence: 'documented',
    },
    {
      code: 'STAFF',
      th: 'เจ้าหน้าที่หน่วยบริการ',
      en: 'Hospital staff',
      report: 'เจ้าหน้าที่',
      confidence: 'inferred',
    },
  ],
);

function lookup<C extends string>(
  tableOf: Readonly<Record<C, Labelled<C>>>,
  aliases: Record<string, C>,
): (value: string) => C | undefined {
  const index = new Map<string, C>();
  const key = (s: string) =>
    s
      .normalize('NFC')
      .replace(/[\s_-]+/g, '')
      .toUpperCase();
  for (const row of Object.values(tableOf) as Labelled<C>[]) {
    for (const t of [row.code, row.th, row.en, row.report]) index.set(key(t), row.code);
  }
  for (const [a, c] of Object.entries(aliases)) index.set(key(a), c);
  return (value) => (typeof value === 'string' ? index.get(key(value)) : undefined);
}

/**
 * Reads a channel from its code, Thai/English label, report text or a known alias
 * (`API` and the agent's `sourceChannel` values). Returns `undefined` when unknown.
 *
 * @example
 * ```ts
 * import { parseChannel } from '@authenkit/authen-code';
 * console.log(parseChannel('ERM-ONLINE'), parseChannel('API')); // 'ERM_ONLINE' 'ENDPOINT'
 * ```
 */
export const parseChannel: (value: string) => AuthenChannel | undefined = lookup(AUTHEN_CHANNELS, {
  API: 'ENDPOINT',
  ERM: 'ERM_ONLINE',
  KOS: 'KIOSK',
  'SMART CARD AGENT': 'AGENT',
  'LINE OA': 'LINE',
});

/**
 * Reads a verification method from its code, labels or report text (also `SMC` for smart card).
 *
 * @example
 * ```ts
 * import { parseVerificationMethod } from '@authenkit/authen-code';
 * console.log(parseVerificationMethod('โดยการระบุเลขประจำตัวประชาชน')); // 'PID_ENTRY'
 * ```
 */
export const parseVerificationMethod: (value: string) => VerificationMethod | undefined = lookup(
  VERIFICATION_METHODS,
  { SMC: 'SMART_CARD', PID: 'PID_ENTRY', QR: 'QR_LINE', LINE: 'QR_LINE', FVS: 'FACE' },
);

/**
 * Reads a certifier role from its code, labels or report text (also `SELF` for the patient).
 *
 * @example
 * ```ts
 * import { parseCertifierRole } from '@authenkit/authen-code';
 * console.log(parseCertifierRole('ผู้ปกครอง'), parseCertifierRole('SELF')); // 'PARENT' 'PATIENT'
 * ```
 */
export const parseCertifierRole: (value: string) => CertifierRole | undefined = lookup(CERTIFIER_ROLES, {
  SELF: 'PATIENT',
  ผู้ดูแล: 'CAREGIVER',
});
