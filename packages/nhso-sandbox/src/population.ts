import {
  type Age,
  ageAt,
  citizenIdCheckDigit,
  formatThaiAge,
  parseBuddhistDate,
} from '@authenkit/authen-code';
import { bangkokParts } from './clock.js';
import { SandboxError } from './errors.js';
import { createRandom, type SeededRandom } from './random.js';

/**
 * A (synthetic) hospital / service unit.
 *
 * @example
 * ```ts
 * import { SANDBOX_HOSPITALS } from '@authenkit/nhso-sandbox';
 * const h = SANDBOX_HOSPITALS[0];
 * console.log(h?.hcode, h?.hname);
 * ```
 */
export interface SandboxHospital {
  /** 5-digit NHSO unit code. */
  hcode: string;
  /** Thai name. */
  hname: string;
  /** 2-digit province code (`provinceCode` in NHSO bodies is this + `00`). */
  provinceCode: string;
  /** Province name in Thai. */
  provinceName: string;
  /** NHSO zone (เขต) 1–13. */
  zone: number;
}

/**
 * The synthetic hospitals of the sandbox (names marked "ทดสอบ" so nobody mistakes them for real units).
 *
 * @example
 * ```ts
 * import { SANDBOX_HOSPITALS } from '@authenkit/nhso-sandbox';
 * console.log(SANDBOX_HOSPITALS.map((h) => h.hcode).join(','));
 * ```
 */
export const SANDBOX_HOSPITALS: readonly SandboxHospital[] = [
  { hcode: '10699', hname: 'รพ.ทดสอบนนทบุรี', provinceCode: '12', provinceName: 'นนทบุรี', zone: 4 },
  { hcode: '10887', hname: 'รพ.ทดสอบสูงเนิน', provinceCode: '30', provinceName: 'นครราชสีมา', zone: 9 },
  { hcode: '02768', hname: 'รพ.สต.ทดสอบเหมือดแอ่', provinceCode: '30', provinceName: 'นครราชสีมา', zone: 9 },
  { hcode: '10998', hname: 'รพ.ทดสอบชุมแพ', provinceCode: '40', provinceName: 'ขอนแก่น', zone: 7 },
  { hcode: '77702', hname: 'รพ.สต.ทดสอบบางพูด', provinceCode: '12', provinceName: 'นนทบุรี', zone: 4 },
  {
    hcode: '10953',
    hname: 'รพ.ทดสอบพระนครศรีอยุธยา',
    provinceCode: '14',
    provinceName: 'พระนครศรีอยุธยา',
    zone: 4,
  },
  { hcode: '11001', hname: 'รพ.ทดสอบเชียงใหม่', provinceCode: '50', provinceName: 'เชียงใหม่', zone: 1 },
  { hcode: '11002', hname: 'รพ.ทดสอบหาดใหญ่', provinceCode: '90', provinceName: 'สงขลา', zone: 12 },
  { hcode: '11003', hname: 'คลินิกทดสอบกรุงเทพ', provinceCode: '10', provinceName: 'กรุงเทพมหานคร', zone: 13 },
  { hcode: '11004', hname: 'รพ.ทดสอบอุดรธานี', provinceCode: '41', provinceName: 'อุดรธานี', zone: 8 },
];

/**
 * Main insurance-right codes the generator assigns, with their Thai names (agent string form `(CODE) name`).
 *
 * @example
 * ```ts
 * import { MAIN_INSCL_NAMES } from '@authenkit/nhso-sandbox';
 * console.log(MAIN_INSCL_NAMES.UCS); // สิทธิหลักประกันสุขภาพแห่งชาติ
 * ```
 */
export const MAIN_INSCL_NAMES: Readonly<Record<string, string>> = {
  UCS: 'สิทธิหลักประกันสุขภาพแห่งชาติ',
  WEL: 'สิทธิหลักประกันสุขภาพแห่งชาติ (ยกเว้นการร่วมจ่ายค่าบริการ 30 บาท)',
  OFC: 'สิทธิข้าราชการ/สิทธิหน่วยงานรัฐ',
  LGO: 'สิทธิสวัสดิการพนักงานส่วนท้องถิ่น',
  SSS: 'สิทธิประกันสังคม',
  SSI: 'สิทธิประกันสังคมกรณีทุพพลภาพ',
  PVT: 'สิทธิครูเอกชน',
};

const SUB_INSCL: Readonly<Record<string, string>> = {
  '71': 'เด็กอายุไม่เกิน 12 ปีบริบูรณ์',
  '77': 'ผู้มีอายุเกิน 60 ปีบริบูรณ์',
  '89': 'ช่วงอายุ 12-59 ปี',
  '74': 'ผู้พิการ',
  O1: 'ข้าราชการพลเรือน',
  L1: 'พนักงานส่วนท้องถิ่น',
  S1: 'ผู้ประกันตนมาตรา 33',
  S6: 'ผู้ประกันตนกรณีทุพพลภาพ',
  P1: 'ครูเอกชน',
};

/** Thai title codes as the agent returns them (`titleName: "001"`). */
const TITLES = {
  boy: { code: '001', th: 'ด.ช.', en: 'Master' },
  girl: { code: '002', th: 'ด.ญ.', en: 'Miss' },
  man: { code: '003', th: 'นาย', en: 'Mr.' },
  miss: { code: '004', th: 'น.ส.', en: 'Miss' },
  mrs: { code: '005', th: 'นาง', en: 'Mrs.' },
} as const;

const MALE_NAMES: readonly [string, string][] = [
  ['สมชาย', 'Somchai'],
  ['วิชัย', 'Wichai'],
  ['ประเสริฐ', 'Prasert'],
  ['สุรชัย', 'Surachai'],
  ['อนุชา', 'Anucha'],
  ['ธนพล', 'Thanaphon'],
  ['กิตติ', 'Kitti'],
  ['ณัฐวุฒิ', 'Nattawut'],
  ['ชยพล', 'Chayaphon'],
  ['พีระพงษ์', 'Phiraphong'],
  ['บดินทร์', 'Bodin'],
  ['สว่าง', 'Sawang'],
  ['บุญมี', 'Bunmi'],
  ['ศักดิ์ชัย', 'Sakchai'],
  ['ภาณุ', 'Phanu'],
];
const FEMALE_NAMES: readonly [string, string][] = [
  ['สมหญิง', 'Somying'],
  ['มาลี', 'Mali'],
  ['ธิดา', 'Thida'],
  ['สุดารัตน์', 'Sudarat'],
  ['วรรณา', 'Wanna'],
  ['กัญญา', 'Kanya'],
  ['นภัสสร', 'Naphatson'],
  ['ปิยะนุช', 'Piyanut'],
  ['อรุณี', 'Aruni'],
  ['ชวี', 'Chawi'],
  ['พิมพ์ชนก', 'Phimchanok'],
  ['ศิริพร', 'Siriphon'],
  ['รัตนา', 'Rattana'],
  ['จันทร์เพ็ญ', 'Chanphen'],
  ['ดวงใจ', 'Duangchai'],
];
const LAST_NAMES: readonly [string, string][] = [
  ['ใจดี', 'Jaidee'],
  ['ทองคำ', 'Thongkham'],
  ['ศรีสุข', 'Srisuk'],
  ['มั่นคง', 'Mankhong'],
  ['แสงทอง', 'Saengthong'],
  ['บุญมา', 'Boonma'],
  ['วงศ์ไทย', 'Wongthai'],
  ['ไชยวงศ์', 'Chaiwong'],
  ['เทียบทอง', 'Thiapthong'],
  ['เกื้อกูล', 'Kuea-kun'],
  ['สุขสวัสดิ์', 'Suksawat'],
  ['พรหมมา', 'Phromma'],
  ['รักษ์ไทย', 'Rakthai'],
  ['คงสมบูรณ์', 'Khongsombun'],
  ['อินทร์แก้ว', 'Inkaeo'],
];
const TUMBONS: readonly [string, string][] = [
  ['บางพูด', 'ปากเกร็ด'],
  ['เสม็ด', 'สูงเนิน'],
  ['ชุมแพ', 'ชุมแพ'],
  ['ในเมือง', 'เมือง'],
  ['หาดใหญ่', 'หาดใหญ่'],
  ['ช้างเผือก', 'เมืองเชียงใหม่'],
  ['หมากแข้ง', 'เมืองอุดรธานี'],
  ['ประตูชัย', 'พระนครศรีอยุธยา'],
];

/**
 * A Thai calendar date (Buddhist Era year).
 *
 * @example
 * ```ts
 * import type { BuddhistDate } from '@authenkit/nhso-sandbox';
 * const d: BuddhistDate = { year: 2526, month: 8, day: 16 };
 * console.log(d.year - 543); // 1983
 * ```
 */
export interface BuddhistDate {
  /** Buddhist Era year (CE + 543). */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

/**
 * An insurance right (สิทธิ) as NHSO reports it.
 *
 * @example
 * ```ts
 * import { generatePopulation } from '@authenkit/nhso-sandbox';
 * const right = generatePopulation({ seed: 1, size: 5 }).people[0]?.right;
 * console.log(right?.mainInscl, right?.hospMain.hcode);
 * ```
 */
export interface SandboxRight {
  /** Main right code: `UCS`, `WEL`, `OFC`, `LGO`, `SSS`, `SSI`, `PVT`. */
  mainInscl: string;
  /** Thai name of the main right. */
  mainInsclName: string;
  /** Sub-right code, e.g. `89`. */
  subInscl: string;
  /** Thai name of the sub-right. */
  subInsclName: string;
  /** Health insurance card number. */
  cardId: string;
  /** Start of the right, `YYYY-MM-DD`. */
  startDate: string;
  /** End of the right, `YYYY-MM-DD`. */
  expireDate: string;
  /** Payment model, e.g. `1`. */
  paidModel: string;
  /** Registered main hospital (หน่วยบริการประจำ). */
  hospMain: { hcode: string; hname: string };
  /** Main outpatient unit (หน่วยบริการที่รับส่งต่อ). */
  hospMainOp: { hcode: string; hname: string };
  /** Primary unit (หน่วยบริการปฐมภูมิ). */
  hospSub: { hcode: string; hname: string };
}

/**
 * One synthetic person. Everything is invented; PIDs pass the checksum but start with `0` or `8` (categories
 * rarely held by Thai nationals), so they are unlikely to belong to a real person. See {@link generatePopulation}.
 *
 * @example
 * ```ts
 * import { generatePopulation } from '@authenkit/nhso-sandbox';
 * const p = generatePopulation({ seed: 7, size: 1 }).people[0];
 * console.log(p?.firstNameEn, p?.birthDate.year);
 * ```
 */
export interface SandboxPerson {
  /** 13-digit citizen ID with a valid check digit. */
  pid: string;
  /** Title code as on the agent (`001`…`005`). */
  titleCode: string;
  /** Thai title, e.g. `นาย`. */
  titleTh: string;
  /** English title, e.g. `Mr.`. */
  titleEn: string;
  /** Thai first name. */
  firstNameTh: string;
  /** Thai last name. */
  lastNameTh: string;
  /** English first name. */
  firstNameEn: string;
  /** English last name. */
  lastNameEn: string;
  /** `male` or `female`. */
  sex: 'male' | 'female';
  /** Birth date, Buddhist Era. */
  birthDate: BuddhistDate;
  /** Nationality code (`099` = Thai). */
  nation: string;
  /** Registered address. */
  address: {
    houseNo: string;
    moo: string;
    tumbon: string;
    amphur: string;
    province: string;
    provinceCode: string;
  };
  /** Mobile phone (10 digits). */
  phone: string;
  /** Current right; `null` = no right registered (สิทธิว่าง). */
  right: SandboxRight | null;
  /** Card issue date (BE). */
  cardIssueDate: BuddhistDate;
  /** Card expiry date (BE). */
  cardExpireDate: BuddhistDate;
  /** Card issuer text. */
  cardIssuer: string;
  /** Deceased persons answer right checks with a death date. */
  deathDate: string | null;
  /** Staff accounts may log in and receive tokens; `hcode` is where they work. */
  staff: { hcode: string } | null;
}

/**
 * A generated population with lookup helpers.
 *
 * @example
 * ```ts
 * import { generatePopulation } from '@authenkit/nhso-sandbox';
 * const pop = generatePopulation({ seed: 1, size: 50 });
 * const adultUc = pop.people.find((p) => p.right?.mainInscl === 'UCS');
 * console.log(pop.get(adultUc!.pid) === adultUc, pop.staff.length > 0);
 * ```
 */
export interface SandboxPopulation {
  /** The seed it was generated from. */
  readonly seed: number;
  /** Everyone, in generation order. */
  readonly people: readonly SandboxPerson[];
  /** The staff accounts (subset of `people`). */
  readonly staff: readonly SandboxPerson[];
  /** Look up a person by PID. */
  get(pid: string): SandboxPerson | undefined;
}

/**
 * Options of {@link generatePopulation}.
 *
 * @example
 * ```ts
 * import type { PopulationOptions } from '@authenkit/nhso-sandbox';
 * const o: PopulationOptions = { seed: 42, size: 200 };
 * console.log(o.size);
 * ```
 */
export interface PopulationOptions {
  /** Seed; the same seed and size always give the same people. Default 1. */
  seed?: number;
  /** Number of people. Default 500. */
  size?: number;
  /** Reference instant for ages (default 2026-01-01, so output never depends on the wall clock). */
  referenceTime?: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const daysInMonth = (yearCe: number, month: number): number =>
  new Date(Date.UTC(yearCe, month, 0)).getUTCDate();

function randomDate(r: SeededRandom, fromCe: number, toCe: number): { y: number; m: number; d: number } {
  const y = r.int(fromCe, toCe);
  const m = r.int(1, 12);
  return { y, m, d: r.int(1, daysInMonth(y, m)) };
}

/**
 * Full years of age of someone born on `birth` (BE) at the Bangkok date of `atMs` (`ageAt` of `@authenkit/authen-code`).
 *
 * @example
 * ```ts
 * import { ageInYears } from '@authenkit/nhso-sandbox';
 * console.log(ageInYears({ year: 2554, month: 1, day: 16 }, Date.parse('2026-01-15T12:00:00+07:00'))); // 14
 * ```
 */
export function ageInYears(birth: BuddhistDate, atMs: number): number {
  return ageOf(birth, atMs).years;
}

/** `ageAt` of `@authenkit/authen-code`; someone not yet born (a clock set before the birth date) is 0. */
function ageOf(birth: BuddhistDate, atMs: number): Age {
  try {
    return ageAt(formatBuddhistCompact(birth), atMs);
  } catch {
    return { years: 0, months: 0, days: 0, approximate: false };
  }
}

/**
 * Age as Thai free text, like the agent's `age` field: `"20 ปี 7 เดือน 18 วัน"` (`formatThaiAge` of `@authenkit/authen-code`).
 *
 * @example
 * ```ts
 * import { thaiAgeText } from '@authenkit/nhso-sandbox';
 * console.log(thaiAgeText({ year: 2548, month: 3, day: 20 }, Date.parse('2025-11-07T10:00:00+07:00')));
 * ```
 */
export function thaiAgeText(birth: BuddhistDate, atMs: number): string {
  return formatThaiAge(ageOf(birth, atMs));
}

/**
 * Format a {@link BuddhistDate} as `YYYYMMDD` (agent `birthDate` form).
 *
 * @example
 * ```ts
 * import { formatBuddhistCompact } from '@authenkit/nhso-sandbox';
 * console.log(formatBuddhistCompact({ year: 2548, month: 3, day: 20 })); // 25480320
 * ```
 */
export function formatBuddhistCompact(d: BuddhistDate): string {
  return `${d.year}${pad(d.month)}${pad(d.day)}`;
}

/**
 * @internal A {@link BuddhistDate} as a Gregorian ISO date `YYYY-MM-DD` (`parseBuddhistDate` of
 * `@authenkit/authen-code`), the form NHSO's report and flat check-authen-status answer birth dates in.
 */
export function gregorianBirthDate(d: BuddhistDate): string {
  return parseBuddhistDate(formatBuddhistCompact(d)).iso ?? '';
}

/**
 * @internal A Gregorian ISO date as the card gives it (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`; unknown parts are
 * 0) as a {@link BuddhistDate}, or `undefined` when it is not such a date.
 */
export function buddhistOfIso(iso: string | null): BuddhistDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso ?? '');
  if (!m) return undefined;
  return { year: Number(m[1]) + 543, month: Number(m[2] ?? 0), day: Number(m[3] ?? 0) };
}

function makePid(r: SeededRandom, used: Set<string>): string {
  for (;;) {
    // First digit 8 or 0: categories rarely held by Thai nationals, which keeps collisions with real people unlikely.
    let first12 = r.pick(['8', '0']);
    for (let i = 0; i < 11; i++) first12 += String(r.int(0, 9));
    const pid = first12 + String(citizenIdCheckDigit(first12));
    if (!used.has(pid)) {
      used.add(pid);
      return pid;
    }
  }
}

function makeRight(r: SeededRandom, age: number, refYear: number): SandboxRight | null {
  const roll = r.next();
  let main: string;
  if (roll < 0.05) return null;
  if (roll < 0.68) main = 'UCS';
  else if (roll < 0.73) main = 'WEL';
  else if (roll < 0.83) main = 'SSS';
  else if (roll < 0.91) main = 'OFC';
  else if (roll < 0.95) main = 'LGO';
  else if (roll < 0.98) main = 'PVT';
  else main = 'SSI';
  if (main === 'SSS' && (age < 15 || age > 60)) main = 'UCS';
  let sub: string;
  if (main === 'UCS' || main === 'WEL')
    sub = age < 12 ? '71' : age >= 60 ? '77' : main === 'WEL' ? '74' : '89';
  else if (main === 'OFC') sub = 'O1';
  else if (main === 'LGO') sub = 'L1';
  else if (main === 'SSS') sub = 'S1';
  else if (main === 'SSI') sub = 'S6';
  else sub = 'P1';
  const main1 = r.pick(SANDBOX_HOSPITALS);
  const sub1 = r.chance(0.5) ? r.pick(SANDBOX_HOSPITALS) : main1;
  const start = randomDate(r, refYear - 20, refYear - 1);
  let card = '';
  for (let i = 0; i < 10; i++) card += String(r.int(0, 9));
  return {
    mainInscl: main,
    mainInsclName: MAIN_INSCL_NAMES[main] ?? main,
    subInscl: sub,
    subInsclName: SUB_INSCL[sub] ?? sub,
    cardId: card,
    startDate: `${start.y}-${pad(start.m)}-${pad(start.d)}`,
    expireDate: '2099-12-31',
    paidModel: main === 'UCS' || main === 'WEL' ? '1' : '0',
    hospMain: { hcode: main1.hcode, hname: main1.hname },
    hospMainOp: { hcode: main1.hcode, hname: main1.hname },
    hospSub: { hcode: sub1.hcode, hname: sub1.hname },
  };
}

/**
 * Generate a reproducible synthetic population: valid PIDs, Thai and English names, Buddhist-era birth
 * dates, addresses, rights (UCS/WEL/OFC/LGO/SSS/SSI/PVT or none) and registered hospitals. The same
 * `seed` and `size` always give exactly the same people, regardless of the date it runs.
 *
 * About 5 % have no right (สิทธิว่าง), about 1 % are deceased, and a handful (at least one per
 * hospital when `size` allows) are staff accounts who can log in to the sandbox.
 *
 * @example
 * ```ts
 * import { generatePopulation } from '@authenkit/nhso-sandbox';
 * const a = generatePopulation({ seed: 42, size: 100 });
 * const b = generatePopulation({ seed: 42, size: 100 });
 * console.log(a.people[3]?.pid === b.people[3]?.pid); // true
 * ```
 */
export function generatePopulation(options: PopulationOptions = {}): SandboxPopulation {
  const seed = options.seed ?? 1;
  const size = options.size ?? 500;
  if (!Number.isInteger(size) || size < 1 || size > 1_000_000)
    throw new SandboxError('INVALID_ARGUMENT', 'population size must be an integer in 1..1000000');
  const ref = options.referenceTime ?? Date.parse('2026-01-01T00:00:00+07:00');
  const refYear = bangkokParts(ref).year;
  const r = createRandom(`population:${seed}`);
  const used = new Set<string>();
  const people: SandboxPerson[] = [];
  const staffSlots = Math.min(SANDBOX_HOSPITALS.length, Math.max(1, Math.floor(size / 10)));
  for (let i = 0; i < size; i++) {
    const sex: 'male' | 'female' = r.chance(0.5) ? 'male' : 'female';
    const isStaff = i < staffSlots;
    // Staff are adults; everyone else spans 0–95 years with adults more frequent.
    const age = isStaff ? r.int(25, 58) : r.chance(0.2) ? r.int(0, 14) : r.int(15, 95);
    const b = randomDate(r, refYear - age - 1, refYear - age - 1);
    // randomDate(y, y) picks month/day in year (refYear - age - 1); adjust so ageInYears matches `age` roughly.
    const birthDate: BuddhistDate = { year: b.y + 543 + (r.chance(0.5) ? 1 : 0), month: b.m, day: b.d };
    if (birthDate.month === 2 && birthDate.day === 29 && daysInMonth(birthDate.year - 543, 2) < 29)
      birthDate.day = 28;
    // Nobody is born after the reference day (same random draws, so PIDs and names do not move).
    if (Date.UTC(birthDate.year - 543, birthDate.month - 1, birthDate.day) > ref + 7 * 3600_000)
      birthDate.year -= 1;
    const realAge = ageInYears(birthDate, ref);
    const [fnTh, fnEn] = r.pick(sex === 'male' ? MALE_NAMES : FEMALE_NAMES);
    const [lnTh, lnEn] = r.pick(LAST_NAMES);
    const married = sex === 'female' && realAge >= 20 && r.chance(0.5);
    const title =
      realAge < 15
        ? sex === 'male'
          ? TITLES.boy
          : TITLES.girl
        : sex === 'male'
          ? TITLES.man
          : married
            ? TITLES.mrs
            : TITLES.miss;
    const hospital = isStaff ? (SANDBOX_HOSPITALS[i] as SandboxHospital) : r.pick(SANDBOX_HOSPITALS);
    const [tumbon, amphur] = r.pick(TUMBONS);
    const issue = randomDate(r, refYear - 7, refYear - 1);
    const right = makeRight(r, realAge, refYear);
    let phone = r.pick(['08', '09', '06']);
    for (let k = 0; k < 8; k++) phone += String(r.int(0, 9));
    const dead = !isStaff && r.chance(0.01);
    const dd = dead ? randomDate(r, refYear - 2, refYear - 1) : undefined;
    people.push({
      pid: makePid(r, used),
      titleCode: title.code,
      titleTh: title.th,
      titleEn: title.en,
      firstNameTh: fnTh,
      lastNameTh: lnTh,
      firstNameEn: fnEn,
      lastNameEn: lnEn,
      sex,
      birthDate,
      nation: '099',
      address: {
        houseNo: `${r.int(1, 199)}/${r.int(1, 300)}`,
        moo: String(r.int(1, 15)),
        tumbon,
        amphur,
        province: hospital.provinceName,
        provinceCode: hospital.provinceCode,
      },
      phone,
      right,
      cardIssueDate: { year: issue.y + 543, month: issue.m, day: Math.min(issue.d, 28) },
      cardExpireDate: { year: issue.y + 543 + 8, month: issue.m, day: Math.min(issue.d, 28) },
      cardIssuer: `อำเภอ${amphur}/${hospital.provinceName}`,
      deathDate: dd ? `${dd.y}-${pad(dd.m)}-${pad(dd.d)}` : null,
      staff: isStaff ? { hcode: hospital.hcode } : null,
    });
  }
  const byPid = new Map(people.map((p) => [p.pid, p]));
  return {
    seed,
    people,
    staff: people.filter((p) => p.staff !== null),
    get: (pid) => byPid.get(pid),
  };
}

/**
 * Look up a sandbox hospital by hcode.
 *
 * @example
 * ```ts
 * import { findHospital } from '@authenkit/nhso-sandbox';
 * console.log(findHospital('10699')?.provinceName); // นนทบุรี
 * ```
 */
export function findHospital(hcode: string): SandboxHospital | undefined {
  return SANDBOX_HOSPITALS.find((h) => h.hcode === hcode);
}
