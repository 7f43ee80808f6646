import type { Confidence } from './claim-types.js';
import { AuthenCodeError } from './errors.js';

/**
 * An insurance right (สิทธิ) as a code and its name, e.g. `{ code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' }`.
 * `name` is `null` when only an unknown bare code was given.
 *
 * @example
 * ```ts
 * import { parseInscl, type Inscl } from '@authenkit/authen-code';
 * const main: Inscl = parseInscl('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ');
 * ```
 */
export interface Inscl {
  readonly code: string;
  readonly name: string | null;
}

/**
 * Main insurance-right codes (mainInscl) known to this package.
 *
 * @example
 * ```ts
 * import type { MainInsclCode } from '@authenkit/authen-code';
 * const c: MainInsclCode = 'UCS';
 * ```
 */
export type MainInsclCode =
  | 'UCS'
  | 'WEL'
  | 'OFC'
  | 'LGO'
  | 'SSS'
  | 'SSI'
  | 'PVT'
  | 'DIS'
  | 'NHS'
  | 'STP'
  | 'BKK'
  | 'BMT'
  | 'OTH';

/**
 * A catalogued insurance right (main or sub) with Thai and English names.
 *
 * @example
 * ```ts
 * import { MAIN_INSCL, type InsclInfo } from '@authenkit/authen-code';
 * const ucs: InsclInfo = MAIN_INSCL.UCS;
 * console.log(ucs.en); // 'Universal Coverage Scheme (UCS, "gold card")'
 * ```
 */
export interface InsclInfo {
  readonly code: string;
  /** Thai name as the NHSO agent returns it. */
  readonly th: string;
  /** English name (translation by this package). */
  readonly en: string;
  /** For sub rights: the main right they belong to, when known. */
  readonly main?: MainInsclCode;
  readonly confidence: Confidence;
}

const MAIN: readonly InsclInfo[] = [
  {
    code: 'UCS',
    th: 'สิทธิหลักประกันสุขภาพแห่งชาติ',
    en: 'Universal Coverage Scheme (UCS, "gold card")',
    confidence: 'documented',
  },
  {
    code: 'WEL',
    th: 'สิทธิหลักประกันสุขภาพแห่งชาติ (ยกเว้นการร่วมจ่ายค่าบริการ 30 บาท)',
    en: 'Universal Coverage, exempt from the 30-baht co-payment (WEL)',
    confidence: 'documented',
  },
  {
    code: 'OFC',
    th: 'สิทธิข้าราชการ/สิทธิหน่วยงานรัฐ',
    en: 'Civil Servant / government agency scheme',
    confidence: 'documented',
  },
  {
    code: 'LGO',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น',
    en: 'Local government employee welfare',
    confidence: 'documented',
  },
  { code: 'SSS', th: 'สิทธิประกันสังคม', en: 'Social Security Scheme', confidence: 'documented' },
  {
    code: 'SSI',
    th: 'สิทธิประกันสังคมกรณีทุพพลภาพ',
    en: 'Social Security, disability (SSI)',
    confidence: 'documented',
  },
  { code: 'PVT', th: 'สิทธิครูเอกชน', en: 'Private school teachers welfare', confidence: 'documented' },
  {
    code: 'DIS',
    th: 'สิทธิหลักประกันสุขภาพแห่งชาติ (ผู้ประกันตนคนพิการ)',
    en: 'Universal Coverage for insured persons with disabilities (DIS)',
    confidence: 'documented',
  },
  { code: 'NHS', th: 'สิทธิว่าง', en: 'No right registered (NHS)', confidence: 'inferred' },
  {
    code: 'STP',
    th: 'บุคคลที่มีปัญหาสถานะและสิทธิ',
    en: 'Persons with status and rights problems (STP)',
    confidence: 'inferred',
  },
  {
    code: 'BKK',
    th: 'สิทธิพนักงานกรุงเทพมหานคร',
    en: 'Bangkok Metropolitan Administration staff (BKK)',
    confidence: 'inferred',
  },
  {
    code: 'BMT',
    th: 'สิทธิพนักงานองค์การขนส่งมวลชนกรุงเทพ',
    en: 'Bangkok Mass Transit Authority staff (BMT)',
    confidence: 'inferred',
  },
  { code: 'OTH', th: 'สิทธิอื่นๆ', en: 'Other rights', confidence: 'inferred' },
];

const SUB: readonly InsclInfo[] = [
  {
    code: '71',
    th: 'เด็กอายุไม่เกิน 12 ปีบริบูรณ์',
    en: 'Child up to 12 years',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '66',
    th: 'ผู้ได้รับพระราชทานเหรียญราชการชายแดน',
    en: 'Recipient of the Border Service Medal',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '67',
    th: 'ผู้ได้รับพระราชทานเหรียญพิทักษ์เสรีชน',
    en: 'Recipient of the Freemen Safeguarding Medal',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '68',
    th: 'สมาชิกผู้บริจาคโลหิตของสภากาชาดไทย ซึ่งบริจาคโลหิตตั้งแต่ 18 ครั้ง ขึ้นไป',
    en: 'Thai Red Cross blood donor (18 or more donations)',
    main: 'WEL',
    confidence: 'documented',
  },
  { code: '72', th: 'ผู้มีรายได้น้อย', en: 'Low-income person', main: 'WEL', confidence: 'documented' },
  {
    code: '73',
    th: 'นักเรียนมัธยมศึกษาตอนต้น',
    en: 'Lower-secondary school student',
    main: 'WEL',
    confidence: 'documented',
  },
  { code: '74', th: 'คนพิการ', en: 'Person with disabilities', main: 'WEL', confidence: 'documented' },
  {
    code: '75',
    th: 'ทหารผ่านศึกชั้น 1-3 ที่มีบัตรทหารผ่านศึก รวมถึงผู้ได้รับพระราชทานเหรียญชัยสมรภูมิ',
    en: 'Veteran class 1–3 (incl. Victory Medal recipients)',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '76',
    th: 'พระภิกษุ สามเณร แม่ชี นักบวช และนักพรตในพระพุทธศาสนาซึ่งมีหนังสือสุทธิรับรอง',
    en: 'Buddhist monk, novice, nun or ascetic with certificate',
    main: 'WEL',
    confidence: 'documented',
  },
  { code: '77', th: 'ผู้มีอายุเกิน 60 ปีบริบูรณ์', en: 'Person over 60 years', main: 'WEL', confidence: 'documented' },
  {
    code: '80',
    th: 'บุคคลในครอบครัวทหารผ่านศึกชั้น 1-3 รวมถึงผู้ได้รับพระราชทานเหรียญสมรภูมิ',
    en: 'Family of a veteran class 1–3',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '81',
    th: 'ผู้นำชุมชน (กำนัน สารวัตรกำนัน ผู้ใหญ่บ้าน ผู้ช่วยผู้ใหญ่บ้านและแพทย์ประจำตำบล)',
    en: 'Community leader (kamnan, village headman, assistants, sub-district doctor)',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '82',
    th: 'อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) อาสาสมัครสาธารณสุขกรุงเทพมหานคร',
    en: 'Village / Bangkok health volunteer',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '85',
    th: 'ผู้ได้รับพระราชทานเหรียญงานพระราชสงครามในทวีปยุโรป',
    en: 'Recipient of the European War Medal',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '86',
    th: 'บุคคลในครอบครัวของผู้ได้รับพระราชทานเหรียญงานพระราชสงครามในทวีปยุโรป',
    en: 'Family of a European War Medal recipient',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '87',
    th: 'บุคคลในครอบครัวของผู้นำชุมชน (กำนัน สารวัตรกำนัน ผู้ใหญ่บ้าน ผู้ช่วยผู้ใหญ่บ้านและแพทย์ประจำตำบล)',
    en: 'Family of a community leader',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '88',
    th: 'บุคคลในครอบครัวของอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) อาสาสมัครสาธารณสุขกรุงเทพมหานคร',
    en: 'Family of a health volunteer',
    main: 'WEL',
    confidence: 'documented',
  },
  { code: '89', th: 'ช่วงอายุ 12-59 ปี', en: 'Age 12–59 years', main: 'UCS', confidence: 'documented' },
  { code: '90', th: 'ทหารเกณฑ์', en: 'Conscript', main: 'WEL', confidence: 'documented' },
  {
    code: '91',
    th: 'ผู้ที่พำนักในสถานที่ภายใต้การดูแลของส่วนราชการ(ราชทัณฑ์)',
    en: 'Resident of a government facility (corrections)',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '92',
    th: 'ผู้ที่พำนักในสถานที่ภายใต้การดูแลของส่วนราชการ(สถานพินิจและสถานสงเคราะห์)',
    en: 'Resident of a government facility (juvenile / welfare homes)',
    main: 'WEL',
    confidence: 'documented',
  },
  { code: '93', th: 'นักเรียนทหาร', en: 'Military student', main: 'WEL', confidence: 'documented' },
  {
    code: '94',
    th: 'ทหารผ่านศึกชั้น 4 ที่มีบัตรทหารผ่านศึก รวมถึงผู้ได้รับพระราชทานเหรียญชัยสมรภูมิ',
    en: 'Veteran class 4 (incl. Victory Medal recipients)',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '95',
    th: 'บุคคลในครอบครัวทหารผ่านศึกชั้น 4 รวมถึงผู้ได้รับพระราชทานเหรียญสมรภูมิ',
    en: 'Family of a veteran class 4',
    main: 'WEL',
    confidence: 'documented',
  },
  { code: '96', th: 'ทหารพราน', en: 'Thahan Phran (ranger)', main: 'WEL', confidence: 'documented' },
  {
    code: '97',
    th: 'บุคคลในครอบครัวทหารของกรมสวัสดิการ 3 เหล่าทัพ',
    en: 'Family of armed-forces welfare members',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: '98',
    th: 'บุคคลในครอบครัวทหารผ่านศึกนอกประจำการบัตรชั้นที่ 1',
    en: 'Family of an off-duty veteran (class 1 card)',
    main: 'WEL',
    confidence: 'documented',
  },
  {
    code: 'D1',
    th: 'สิทธิหลักประกันสุขภาพแห่งชาติ (ผู้ประกันตนคนพิการ)',
    en: 'Universal Coverage for insured persons with disabilities',
    main: 'DIS',
    confidence: 'documented',
  },
  {
    code: 'S1',
    th: 'สิทธิเบิกกองทุนประกันสังคม (ผู้ประกันตน)',
    en: 'Social Security Fund (insured person)',
    main: 'SSS',
    confidence: 'documented',
  },
  {
    code: 'S2',
    th: 'สิทธิเบิกประกันสังคม (เบิกส่วนต่างกรมบัญชีกลางได้เฉพาะกรณี)',
    en: 'Social Security (difference claimable from the Comptroller General in some cases)',
    main: 'SSS',
    confidence: 'documented',
  },
  {
    code: 'S3',
    th: 'สิทธิเบิกประกันสังคม (เบิกส่วนต่างจากอปท.ได้เฉพาะกรณี)',
    en: 'Social Security (difference claimable from local government in some cases)',
    main: 'SSS',
    confidence: 'documented',
  },
  {
    code: 'S6',
    th: 'สิทธิเบิกกองทุนประกันสังคม (ทุพพลภาพ)',
    en: 'Social Security Fund (disability)',
    main: 'SSI',
    confidence: 'documented',
  },
  { code: 'P1', th: 'สิทธิครูเอกชน', en: 'Private school teacher', main: 'PVT', confidence: 'documented' },
  {
    code: 'P2',
    th: 'สิทธิครูเอกชน(เบิกส่วนเกินหนึ่งแสนบาทจากกรมบัญชีกลาง)',
    en: 'Private school teacher (excess over 100,000 baht from the Comptroller General)',
    main: 'PVT',
    confidence: 'documented',
  },
  {
    code: 'P3',
    th: 'สิทธิครูเอกชน(เบิกส่วนเกินหนึ่งแสนบาทจาก อปท.)',
    en: 'Private school teacher (excess over 100,000 baht from local government)',
    main: 'PVT',
    confidence: 'documented',
  },
  {
    code: 'E1',
    th: 'สิทธิเบิกหน่วยงานรัฐ (ตนเอง)',
    en: 'Government agency (self)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'E2',
    th: 'สิทธิเบิกหน่วยงานรัฐ (บุคคลในครอบครัว)',
    en: 'Government agency (family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'E3',
    th: 'สิทธิเบิกหน่วยงานรัฐ (ผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Government agency (pensioner)',
    main: 'OFC',
    confidence: 'documented',
  },
  { code: 'G1', th: 'หน่วยงานรัฐอื่นๆ', en: 'Other government agency', main: 'OFC', confidence: 'documented' },
  {
    code: 'G5',
    th: 'สิทธิเบิกองค์การขนส่งมวลชนกรุงเทพ (ตนเอง)',
    en: 'Bangkok Mass Transit Authority (self)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'G6',
    th: 'สิทธิเบิกองค์การขนส่งมวลชนกรุงเทพ (บุคคลในครอบครัว)',
    en: 'Bangkok Mass Transit Authority (family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'O1',
    th: 'สิทธิเบิกกรมบัญชีกลาง (ข้าราชการ)',
    en: 'Comptroller General’s Department (civil servant)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'O2',
    th: 'สิทธิเบิกกรมบัญชีกลาง (ลูกจ้างประจำ)',
    en: 'Comptroller General’s Department (permanent employee)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'O3',
    th: 'สิทธิเบิกกรมบัญชีกลาง (ผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Comptroller General’s Department (pensioner)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'O4',
    th: 'สิทธิเบิกกรมบัญชีกลาง (บุคคลในครอบครัว)',
    en: 'Comptroller General’s Department (family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'O5',
    th: 'สิทธิเบิกกรมบัญชีกลาง (บุคคลในครอบครัวผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Comptroller General’s Department (pensioner’s family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'B1',
    th: 'สิทธิเบิกข้าราชการกรุงเทพมหานคร (ข้าราชการ)',
    en: 'Bangkok Metropolitan Administration (civil servant)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'B2',
    th: 'สิทธิเบิกข้าราชการกรุงเทพมหานคร (ลูกจ้างประจำ)',
    en: 'Bangkok Metropolitan Administration (permanent employee)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'B3',
    th: 'สิทธิเบิกข้าราชการกรุงเทพมหานคร (ผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Bangkok Metropolitan Administration (pensioner)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'B4',
    th: 'สิทธิเบิกข้าราชการกรุงเทพมหานคร (บุคคลในครอบครัว)',
    en: 'Bangkok Metropolitan Administration (family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'B5',
    th: 'สิทธิเบิกข้าราชการกรุงเทพมหานคร (บุคคลในครอบครัวผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Bangkok Metropolitan Administration (pensioner’s family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'B6',
    th: 'สิทธิเบิกบุคคลในครอบครัวลูกจ้างชั่วคราวกรุงเทพมหานคร (เบิกใบเสร็จ/หนังสือรับรองสิทธิ)',
    en: 'Bangkok Metropolitan Administration temporary employee’s family (receipt / certificate)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'C1',
    th: 'สิทธิเบิกหน่วยงานรัฐหรือรัฐวิสาหกิจ (เจ้าหน้าที่)',
    en: 'Government agency or state enterprise (officer)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'C2',
    th: 'สิทธิเบิกหน่วยงานรัฐหรือรัฐวิสาหกิจ (พนักงาน)',
    en: 'Government agency or state enterprise (employee)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'C3',
    th: 'สิทธิเบิกหน่วยงานรัฐหรือรัฐวิสาหกิจ (ผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Government agency or state enterprise (pensioner)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'C4',
    th: 'สิทธิเบิกหน่วยงานรัฐหรือรัฐวิสาหกิจ (บุคคลในครอบครัว)',
    en: 'Government agency or state enterprise (family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'C5',
    th: 'สิทธิเบิกหน่วยงานรัฐหรือรัฐวิสาหกิจ (บุคคลในครอบครัวผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Government agency or state enterprise (pensioner’s family member)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'C6',
    th: 'สิทธิเบิกหน่วยงานรัฐหรือรัฐวิสาหกิจ (กรณีได้รับสิทธิเฉพาะหน่วยงาน)',
    en: 'Government agency or state enterprise (agency-specific right)',
    main: 'OFC',
    confidence: 'documented',
  },
  {
    code: 'L1',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (ตนเอง)',
    en: 'Local government employee (self)',
    main: 'LGO',
    confidence: 'documented',
  },
  {
    code: 'L2',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (บุคคลในครอบครัว)',
    en: 'Local government employee (family member)',
    main: 'LGO',
    confidence: 'documented',
  },
  {
    code: 'L3',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (ผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Local government employee (pensioner)',
    main: 'LGO',
    confidence: 'documented',
  },
  {
    code: 'L4',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (บุคคลในครอบครัวผู้รับเบี้ยหวัดบำนาญ)',
    en: 'Local government employee (pensioner’s family member)',
    main: 'LGO',
    confidence: 'documented',
  },
  {
    code: 'L5',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (ข้าราชการการเมือง)',
    en: 'Local government (political official)',
    main: 'LGO',
    confidence: 'documented',
  },
  {
    code: 'L6',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (บุคคลในครอบครัวข้าราชการการเมือง)',
    en: 'Local government (political official’s family member)',
    main: 'LGO',
    confidence: 'documented',
  },
  {
    code: 'L9',
    th: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น (ยังไม่ระบุตำแหน่ง)',
    en: 'Local government employee (position not yet specified)',
    main: 'LGO',
    confidence: 'documented',
  },
];

const freezeAll = (xs: readonly InsclInfo[]) => Object.freeze(xs.map((x) => Object.freeze({ ...x })));

/**
 * Main insurance rights by code (สิทธิหลัก). Entries marked `inferred` come from HIS code lists, not NHSO.
 *
 * @example
 * ```ts
 * import { MAIN_INSCL } from '@authenkit/authen-code';
 * console.log(MAIN_INSCL.SSS.th); // 'สิทธิประกันสังคม'
 * ```
 */
export const MAIN_INSCL: Readonly<Record<MainInsclCode, InsclInfo>> = Object.freeze(
  Object.fromEntries(freezeAll(MAIN).map((x) => [x.code, x])) as Record<MainInsclCode, InsclInfo>,
);

/**
 * Sub insurance rights (สิทธิย่อย) known to this package, in catalogue order.
 *
 * @example
 * ```ts
 * import { SUB_INSCL } from '@authenkit/authen-code';
 * console.log(SUB_INSCL.find((s) => s.code === '89')?.th); // 'ช่วงอายุ 12-59 ปี'
 * ```
 */
export const SUB_INSCL: readonly InsclInfo[] = freezeAll(SUB);

const SUB_BY_CODE = new Map(SUB_INSCL.map((s) => [s.code, s]));

/**
 * Looks up a main or sub insurance right by code (case-insensitive).
 *
 * @example
 * ```ts
 * import { getInscl } from '@authenkit/authen-code';
 * console.log(getInscl('ofc')?.th, getInscl('O1')?.main); // 'สิทธิข้าราชการ/สิทธิหน่วยงานรัฐ' 'OFC'
 * ```
 */
export function getInscl(code: string): InsclInfo | undefined {
  if (typeof code !== 'string') return undefined;
  const c = code.trim().toUpperCase();
  return (MAIN_INSCL as Record<string, InsclInfo>)[c] ?? SUB_BY_CODE.get(c);
}

const BRACKET_RE = /^\(\s*([A-Za-z0-9]{1,10})\s*\)\s*(.*)$/s;
const BARE_RE = /^[A-Za-z0-9]{1,10}$/;

/**
 * Parses an insurance right as the NHSO agent writes it — `"(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ"`,
 * `"(89) ช่วงอายุ 12-59 ปี"` — or a bare code (`"UCS"`, name from the catalogue), or an object from the
 * cloud APIs (`{ id, name }`, `{ code, name }`, `{ rightId, rightName }`, `{ inscl, insclName }`).
 *
 * @throws {@link AuthenCodeError} `INVALID_INSCL` for empty or unrecognisable input
 * @example
 * ```ts
 * import { parseInscl } from '@authenkit/authen-code';
 * console.log(parseInscl('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ')); // { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' }
 * console.log(parseInscl('sss')); // { code: 'SSS', name: 'สิทธิประกันสังคม' }
 * ```
 */
export function parseInscl(input: string | Record<string, unknown>): Inscl {
  if (typeof input === 'object' && input !== null) {
    const o = input as Record<string, unknown>;
    const code = o.code ?? o.id ?? o.rightId ?? o.inscl;
    const name = o.name ?? o.rightName ?? o.insclName;
    if (typeof code !== 'string' || !BARE_RE.test(code.trim())) {
      throw new AuthenCodeError('INVALID_INSCL', 'insurance-right object has no usable code');
    }
    const c = code.trim().toUpperCase();
    const n = typeof name === 'string' && name.trim() !== '' ? name.trim() : (getInscl(c)?.th ?? null);
    return { code: c, name: n };
  }
  if (typeof input !== 'string')
    throw new AuthenCodeError('INVALID_INSCL', 'insurance right must be a string');
  const s = input.trim();
  if (s === '') throw new AuthenCodeError('INVALID_INSCL', 'insurance right is empty');
  const m = BRACKET_RE.exec(s);
  if (m) {
    const code = m[1]!.toUpperCase();
    const name = m[2]!.trim();
    return { code, name: name === '' ? (getInscl(code)?.th ?? null) : name };
  }
  if (BARE_RE.test(s)) {
    const code = s.toUpperCase();
    return { code, name: getInscl(code)?.th ?? null };
  }
  throw new AuthenCodeError('INVALID_INSCL', 'expected "(CODE) name" or a bare insurance-right code', {
    details: { length: s.length },
  });
}

/**
 * Formats an insurance right back to the agent's `"(CODE) name"` form (just `CODE` when the name is unknown).
 *
 * @example
 * ```ts
 * import { formatInscl, parseInscl } from '@authenkit/authen-code';
 * const s = '(89) ช่วงอายุ 12-59 ปี';
 * console.log(formatInscl(parseInscl(s)) === s); // true
 * ```
 */
export function formatInscl(inscl: Inscl): string {
  return inscl.name ? `(${inscl.code}) ${inscl.name}` : inscl.code;
}
