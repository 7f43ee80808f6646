/**
 * Pure parsers for the card's data files. No I/O; every function accepts bytes and returns plain data,
 * throwing only `ThaiIdCardError('INVALID_DATA')` for input that is too short.
 */
import { isValidCitizenId } from '@authenkit/authen-code';
import { toHex } from './apdu.js';
import { MOI_LAYOUT, NHSO_LAYOUT } from './card.js';
import { parseCardDate } from './dates.js';
import { ThaiIdCardError } from './errors.js';
import { decodeTis620 } from './tis620.js';

/**
 * A name split into its four slots (`title#first#middle#last` on the card).
 *
 * @example
 * ```ts
 * import { parseName } from '@authenkit/thai-idcard';
 * const n: import('@authenkit/thai-idcard').PersonName = parseName('Mr.#Somchai##Jaidee');
 * console.log(n.last); // 'Jaidee'
 * ```
 */
export interface PersonName {
  title: string;
  first: string;
  middle: string;
  last: string;
}

/**
 * The address (160 bytes, 8 `#`-separated slots) split into slots; Thai prefixes (หมู่ที่, ตำบล, …) stay
 * in the values exactly as on the card. `full` joins the non-empty slots with single spaces.
 *
 * @example
 * ```ts
 * import { parseAddressText } from '@authenkit/thai-idcard';
 * const a = parseAddressText('1/2#หมู่ที่ 3####ตำบลหนึ่ง#อำเภอสอง#จังหวัดสาม');
 * console.log(a.moo, a.province); // 'หมู่ที่ 3' 'จังหวัดสาม'
 * ```
 */
export interface ThaiAddress {
  houseNo: string;
  moo: string;
  trok: string;
  soi: string;
  road: string;
  subdistrict: string;
  district: string;
  province: string;
  full: string;
}

/**
 * The identity part of the card, available after the first READ (offsets 0..216).
 *
 * @example
 * ```ts
 * import { type ThaiIdIdentity } from '@authenkit/thai-idcard';
 * const show = (i: ThaiIdIdentity) => `${i.titleTh}${i.firstNameTh} ${i.lastNameTh}`;
 * console.log(typeof show);
 * ```
 */
export interface ThaiIdIdentity {
  /** Data version, e.g. `"0003"`. */
  cardVersion: string;
  /** 13-digit citizen ID (เลขประจำตัวประชาชน). */
  citizenId: string;
  /** True when the citizen ID's check digit is right. */
  citizenIdValid: boolean;
  titleTh: string;
  firstNameTh: string;
  middleNameTh: string;
  lastNameTh: string;
  titleEn: string;
  firstNameEn: string;
  middleNameEn: string;
  lastNameEn: string;
}

/**
 * Everything in the MOI header (offsets 0..378): identity + dates, sex, issuer.
 *
 * @example
 * ```ts
 * import { type ThaiIdHeader } from '@authenkit/thai-idcard';
 * const f = (h: ThaiIdHeader) => (h.lifelong ? 'ตลอดชีพ' : h.expiryDate);
 * console.log(typeof f);
 * ```
 */
export interface ThaiIdHeader extends ThaiIdIdentity {
  /** `YYYY-MM-DD`, `YYYY-MM`, `YYYY` (unknown day / month), or null. Gregorian. */
  birthDate: string | null;
  sex: 'male' | 'female' | 'unknown';
  /** Request number (เลขคำขอ / BP1 no.), 20 characters on the card. */
  requestNumber: string;
  /** Issuing office (Thai). */
  issuer: string;
  /** Issuer (office / officer) code. */
  issuerCode: string;
  issueDate: string | null;
  /** Null when lifelong (see `lifelong`) or blank. */
  expiryDate: string | null;
  lifelong: boolean;
}

/**
 * The parsed MOI data file.
 *
 * @example
 * ```ts
 * import { parseMoiData } from '@authenkit/thai-idcard';
 * import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * import { fromHex } from '@authenkit/thai-idcard';
 * const data = parseMoiData(fromHex(sampleCardImage().moi));
 * console.log(data.address.full.length > 0, data.photo?.[0]); // true 255
 * ```
 */
export interface MoiData extends ThaiIdHeader {
  address: ThaiAddress;
  /** Number printed under the photo (เลขใต้รูป), 14 characters. */
  photoNumber: string;
  /** The JPEG (padding after the end of the image removed), or undefined when not read. */
  photo: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * What a card field holds, for code that must handle personal data (the trace anonymiser): `code` (format
 * data, kept), `reserved` (unknown bytes, kept), `citizenId`, `name` (`title#first#middle#last`), `date`
 * (`YYYYMMDD` BE), `sex`, `text`, `address` (`#` slots), `photo` (JPEG + padding), `binary`.
 *
 * @example
 * ```ts
 * import { type CardFieldKind } from '@authenkit/thai-idcard';
 * const k: CardFieldKind = 'date';
 * console.log(k);
 * ```
 */
export type CardFieldKind =
  | 'code'
  | 'reserved'
  | 'citizenId'
  | 'name'
  | 'date'
  | 'sex'
  | 'text'
  | 'address'
  | 'photo'
  | 'binary';

/**
 * The kind of every field of the MOI file ({@link MOI_LAYOUT}); every kind but `code` and `reserved` is
 * personal data.
 *
 * @example
 * ```ts
 * import { MOI_FIELD_KINDS } from '@authenkit/thai-idcard';
 * console.log(MOI_FIELD_KINDS.birthDate); // 'date'
 * ```
 */
export const MOI_FIELD_KINDS: Readonly<Record<Exclude<keyof typeof MOI_LAYOUT, 'total'>, CardFieldKind>> = {
  version: 'code',
  citizenId: 'citizenId',
  nameTh: 'name',
  nameEn: 'name',
  birthDate: 'date',
  sex: 'sex',
  requestNumber: 'text',
  issuer: 'text',
  issuerCode: 'text',
  issueDate: 'date',
  expiryDate: 'date',
  reserved: 'reserved',
  photo: 'photo',
  address: 'address',
  photoNumber: 'text',
};

/**
 * The kind of every field of the NHSO file ({@link NHSO_LAYOUT}).
 *
 * @example
 * ```ts
 * import { NHSO_FIELD_KINDS } from '@authenkit/thai-idcard';
 * console.log(NHSO_FIELD_KINDS.mainHospital); // 'text'
 * ```
 */
export const NHSO_FIELD_KINDS: Readonly<Record<Exclude<keyof typeof NHSO_LAYOUT, 'end'>, CardFieldKind>> = {
  mainInscl: 'text',
  subInscl: 'text',
  mainHospital: 'text',
  subHospital: 'text',
  paidType: 'text',
  issueDate: 'date',
  expiryDate: 'date',
  updateDate: 'date',
  changeCount: 'text',
};

/**
 * Administrative labels that start address slots (kept by the anonymiser: they are not personal data and tell
 * a Bangkok address — แขวง / เขต — from a provincial one — ตำบล / อำเภอ / จังหวัด). Place names, including
 * `กรุงเทพมหานคร` (Bangkok's province slot has no label), are values.
 *
 * @example
 * ```ts
 * import { ADDRESS_LABELS } from '@authenkit/thai-idcard';
 * console.log(ADDRESS_LABELS.includes('แขวง')); // true
 * ```
 */
export const ADDRESS_LABELS: readonly string[] = Object.freeze([
  'หมู่ที่',
  'หมู่',
  'ตรอก',
  'ซอย',
  'ถนน',
  'ตำบล',
  'แขวง',
  'อำเภอ',
  'เขต',
  'จังหวัด',
]);

/** Text of a field: TIS-620 decoded; NULs and padding spaces at the ends removed. */
function text(bytes: Uint8Array): string {
  return decodeTis620(bytes).replace(/\0/g, ' ').trim();
}

function field(data: Uint8Array, f: { offset: number; length: number }): Uint8Array {
  return data.subarray(f.offset, f.offset + f.length);
}

function need(data: Uint8Array, length: number, what: string): void {
  if (!(data instanceof Uint8Array))
    throw new ThaiIdCardError('INVALID_ARGUMENT', `${what}: expected a Uint8Array`);
  if (data.length < length) {
    throw new ThaiIdCardError('INVALID_DATA', `${what}: need ${length} bytes, got ${data.length}`, {
      details: { expected: length, actual: data.length },
    });
  }
}

/**
 * Splits a decoded `title#first#middle#last` name. Splits on `#` BEFORE trimming; tolerates 3 slots
 * (`title#first#last`) and extra slots (joined into `last`).
 *
 * @example
 * ```ts
 * import { parseName } from '@authenkit/thai-idcard';
 * console.log(parseName('นาย#สมชาย##ใจดี      ').first); // 'สมชาย'
 * ```
 */
export function parseName(decoded: string): PersonName {
  const parts = decoded
    .replace(/\0/g, ' ')
    .split('#')
    .map((s) => s.trim());
  if (parts.length === 1) return { title: '', first: parts[0] ?? '', middle: '', last: '' };
  if (parts.length === 2) return { title: parts[0]!, first: parts[1]!, middle: '', last: '' };
  if (parts.length === 3) return { title: parts[0]!, first: parts[1]!, middle: '', last: parts[2]! };
  return {
    title: parts[0]!,
    first: parts[1]!,
    middle: parts[2]!,
    last: parts
      .slice(3)
      .filter((s) => s)
      .join(' '),
  };
}

/** The 8 address slots in card order. @internal */
export const ADDRESS_SLOTS = [
  'houseNo',
  'moo',
  'trok',
  'soi',
  'road',
  'subdistrict',
  'district',
  'province',
] as const;

/**
 * Splits a decoded address into its 8 slots (house no., moo, trok, soi, road, subdistrict, district,
 * province). With fewer than 8 slots the last three are subdistrict/district/province.
 *
 * @example
 * ```ts
 * import { parseAddressText } from '@authenkit/thai-idcard';
 * console.log(parseAddressText('99#หมู่ที่ 1###ถนนสุขุมวิท#แขวงคลองเตย#เขตคลองเตย#กรุงเทพมหานคร').road); // 'ถนนสุขุมวิท'
 * ```
 */
export function parseAddressText(decoded: string): ThaiAddress {
  const parts = decoded
    .replace(/\0/g, ' ')
    .split('#')
    .map((s) => s.trim());
  const a: ThaiAddress = {
    houseNo: '',
    moo: '',
    trok: '',
    soi: '',
    road: '',
    subdistrict: '',
    district: '',
    province: '',
    full: '',
  };
  if (parts.length >= 8) {
    ADDRESS_SLOTS.forEach((k, i) => {
      a[k] = i === 7 ? parts.slice(7).filter(Boolean).join(' ') : parts[i]!;
    });
  } else if (parts.length >= 4) {
    const n = parts.length;
    a.houseNo = parts[0]!;
    const middle = parts.slice(1, n - 3);
    const keys = ['moo', 'trok', 'soi', 'road'] as const;
    middle.forEach((v, i) => {
      a[keys[i]!] = v;
    });
    a.subdistrict = parts[n - 3]!;
    a.district = parts[n - 2]!;
    a.province = parts[n - 1]!;
  } else {
    a.houseNo = parts.join(' ').trim();
  }
  a.full = parts.filter(Boolean).join(' ');
  return a;
}

/**
 * Parses the 160-byte address field (TIS-620).
 *
 * @example
 * ```ts
 * import { parseAddress, encodeTis620 } from '@authenkit/thai-idcard';
 * console.log(parseAddress(encodeTis620('1#####ต#อ#จ')).district); // 'อ'
 * ```
 */
export function parseAddress(bytes: Uint8Array): ThaiAddress {
  return parseAddressText(decodeTis620(bytes));
}

/**
 * Parses the identity (version, citizen ID, Thai and English names) from the first 217 bytes of the MOI file.
 *
 * @example
 * ```ts
 * import { parseIdentity, fromHex } from '@authenkit/thai-idcard';
 * import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * console.log(parseIdentity(fromHex(sampleCardImage().moi)).citizenIdValid); // true
 * ```
 */
export function parseIdentity(data: Uint8Array): ThaiIdIdentity {
  need(data, MOI_LAYOUT.birthDate.offset, 'MOI identity');
  const th = parseName(decodeTis620(field(data, MOI_LAYOUT.nameTh)));
  const en = parseName(decodeTis620(field(data, MOI_LAYOUT.nameEn)));
  const citizenId = text(field(data, MOI_LAYOUT.citizenId));
  return {
    cardVersion: text(field(data, MOI_LAYOUT.version)),
    citizenId,
    citizenIdValid: /^\d{13}$/.test(citizenId) && safeValid(citizenId),
    titleTh: th.title,
    firstNameTh: th.first,
    middleNameTh: th.middle,
    lastNameTh: th.last,
    titleEn: en.title,
    firstNameEn: en.first,
    middleNameEn: en.middle,
    lastNameEn: en.last,
  };
}

function safeValid(id: string): boolean {
  try {
    return isValidCitizenId(id);
  } catch {
    return false;
  }
}

/**
 * Parses the MOI header (the first 379 bytes: identity, dates, sex, request number, issuer).
 *
 * @example
 * ```ts
 * import { parseMoiHeader, fromHex } from '@authenkit/thai-idcard';
 * import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * console.log(parseMoiHeader(fromHex(sampleCardImage().moi)).sex); // 'female'
 * ```
 */
export function parseMoiHeader(data: Uint8Array): ThaiIdHeader {
  need(data, MOI_LAYOUT.reserved.offset, 'MOI header');
  const sex = text(field(data, MOI_LAYOUT.sex));
  const expiry = parseCardDate(text(field(data, MOI_LAYOUT.expiryDate)));
  return {
    ...parseIdentity(data),
    birthDate: parseCardDate(text(field(data, MOI_LAYOUT.birthDate))).date,
    sex: sex === '1' ? 'male' : sex === '2' ? 'female' : 'unknown',
    requestNumber: text(field(data, MOI_LAYOUT.requestNumber)),
    issuer: text(field(data, MOI_LAYOUT.issuer)),
    issuerCode: text(field(data, MOI_LAYOUT.issuerCode)),
    issueDate: parseCardDate(text(field(data, MOI_LAYOUT.issueDate))).date,
    expiryDate: expiry.date,
    lifelong: expiry.lifelong,
  };
}

/**
 * Extracts the JPEG from the 5118-byte photo area: removes the space/NUL padding AFTER the image as a
 * whole (never per chunk, so image bytes equal to 0x20 survive). Returns an empty array for a blank area.
 *
 * @example
 * ```ts
 * import { parsePhoto } from '@authenkit/thai-idcard';
 * console.log(parsePhoto(Uint8Array.of(0xff, 0xd8, 0x20, 0xff, 0xd9, 0x20, 0x20)).length); // 5
 * ```
 */
export function parsePhoto(area: Uint8Array): Uint8Array<ArrayBuffer> {
  let end = area.length;
  while (end > 0 && (area[end - 1] === 0x20 || area[end - 1] === 0x00)) end--;
  return area.slice(0, end);
}

/**
 * Parses the MOI data file read from offset 0. Needs at least 5671 bytes (through the photo number);
 * the photo is returned only when `photo` is true (the default when the buffer holds it).
 *
 * @example
 * ```ts
 * import { parseMoiData, fromHex } from '@authenkit/thai-idcard';
 * import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const d = parseMoiData(fromHex(sampleCardImage().moi), { photo: false });
 * console.log(d.photo, d.lifelong); // undefined false
 * ```
 */
export function parseMoiData(data: Uint8Array, options: { photo?: boolean } = {}): MoiData {
  need(data, MOI_LAYOUT.photoNumber.offset + MOI_LAYOUT.photoNumber.length, 'MOI data');
  return {
    ...parseMoiHeader(data),
    address: parseAddress(field(data, MOI_LAYOUT.address)),
    photoNumber: text(field(data, MOI_LAYOUT.photoNumber)),
    photo: options.photo === false ? undefined : parsePhoto(field(data, MOI_LAYOUT.photo)),
  };
}

/**
 * Health-insurance rights from the NHSO (สปสช.) applet. Field formats are not publicly documented:
 * values are the trimmed text on the card.
 *
 * @example
 * ```ts
 * import { type NhsoData } from '@authenkit/thai-idcard';
 * const f = (n: NhsoData) => n.mainInscl;
 * console.log(typeof f);
 * ```
 */
export interface NhsoData {
  /** Main right (สิทธิหลัก / maininscl). */
  mainInscl: string;
  /** Sub right (สิทธิย่อย / subinscl). */
  subInscl: string;
  mainHospital: string;
  subHospital: string;
  paidType: string;
  issueDate: string | null;
  expiryDate: string | null;
  updateDate: string | null;
  /** Hospital change count, or null when blank / not a digit. */
  changeCount: number | null;
}

/**
 * Parses the NHSO data file read from offset 0 (needs ≥ 350 bytes).
 *
 * @example
 * ```ts
 * import { parseNhsoData, fromHex } from '@authenkit/thai-idcard';
 * import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * console.log(parseNhsoData(fromHex(sampleCardImage().nhso!)).changeCount); // 1
 * ```
 */
export function parseNhsoData(data: Uint8Array): NhsoData {
  need(data, NHSO_LAYOUT.end.offset, 'NHSO data');
  const cc = text(field(data, NHSO_LAYOUT.changeCount));
  return {
    mainInscl: text(field(data, NHSO_LAYOUT.mainInscl)),
    subInscl: text(field(data, NHSO_LAYOUT.subInscl)),
    mainHospital: text(field(data, NHSO_LAYOUT.mainHospital)),
    subHospital: text(field(data, NHSO_LAYOUT.subHospital)),
    paidType: text(field(data, NHSO_LAYOUT.paidType)),
    issueDate: parseCardDate(text(field(data, NHSO_LAYOUT.issueDate))).date,
    expiryDate: parseCardDate(text(field(data, NHSO_LAYOUT.expiryDate))).date,
    updateDate: parseCardDate(text(field(data, NHSO_LAYOUT.updateDate))).date,
    changeCount: /^\d+$/.test(cc) ? Number(cc) : null,
  };
}

/**
 * Parsed ADM applet info (`80 00 00 00 17` → 23 bytes).
 *
 * @example
 * ```ts
 * import { parseAdmInfo } from '@authenkit/thai-idcard';
 * const bytes = new Uint8Array(23);
 * bytes.set(new TextEncoder().encode('ME1120913419'), 7);
 * console.log(parseAdmInfo(bytes).laserCode); // 'ME1120913419'
 * ```
 */
export interface AdmInfo {
  /** ADM version `major.minor`. */
  version: string;
  state: number;
  authorize: number;
  /** Laser code (เลขหลังบัตร), e.g. `ME1120913419`. */
  laserCode: string;
}

/**
 * Byte layout of the ADM info answer (`80 00 00 00 17` → exactly 23 bytes).
 *
 * @example
 * ```ts
 * import { ADM_INFO_LAYOUT } from '@authenkit/thai-idcard';
 * console.log(ADM_INFO_LAYOUT.laserCode); // { offset: 7, length: 16 }
 * ```
 */
export const ADM_INFO_LAYOUT = {
  version: { offset: 0, length: 2 },
  state: { offset: 2, length: 1 },
  authorize: { offset: 3, length: 1 },
  laserCode: { offset: 7, length: 16 },
  total: { offset: 0, length: 23 },
} as const;

function exactly(data: Uint8Array, length: number, what: string): void {
  need(data, length, what);
  if (data.length !== length) {
    throw new ThaiIdCardError('INVALID_DATA', `${what}: expected ${length} bytes, got ${data.length}`, {
      details: { expected: length, actual: data.length },
    });
  }
}

/**
 * Parses the 23-byte ADM info: version [0..1], state [2], authorize [3], laser [7..22] NUL-padded. Any other
 * length is `INVALID_DATA` (a longer answer is not an ADM info with extra bytes: its laser code would be garbage).
 *
 * @example
 * ```ts
 * import { parseAdmInfo } from '@authenkit/thai-idcard';
 * console.log(parseAdmInfo(new Uint8Array(23)).laserCode); // ''
 * ```
 */
export function parseAdmInfo(bytes: Uint8Array): AdmInfo {
  exactly(bytes, ADM_INFO_LAYOUT.total.length, 'ADM info');
  return {
    version: `${bytes[0]}.${bytes[1]}`,
    state: bytes[ADM_INFO_LAYOUT.state.offset]!,
    authorize: bytes[ADM_INFO_LAYOUT.authorize.offset]!,
    laserCode: new TextDecoder('latin1')
      .decode(field(bytes, ADM_INFO_LAYOUT.laserCode))
      .replace(/\0/g, '')
      .trim(),
  };
}

/**
 * Parsed GlobalPlatform CPLC (`80 CA 9F 7F`).
 *
 * @example
 * ```ts
 * import { parseCplc } from '@authenkit/thai-idcard';
 * console.log(parseCplc(new Uint8Array(42)).chipSerial); // '0000000000000000'
 * ```
 */
export interface CplcInfo {
  /** IC fabrication date + IC serial number + IC batch (8 bytes, hex): the "chip number". */
  chipSerial: string;
  /** The 42 CPLC data bytes as hex. */
  raw: string;
}

/**
 * Byte layout of the GlobalPlatform CPLC data (42 bytes after the `9F 7F 2A` tag header): `chipSerial` is IC
 * fabrication date + IC serial number + IC batch identifier.
 *
 * @example
 * ```ts
 * import { CPLC_LAYOUT } from '@authenkit/thai-idcard';
 * console.log(CPLC_LAYOUT.chipSerial); // { offset: 10, length: 8 }
 * ```
 */
export const CPLC_LAYOUT = {
  chipSerial: { offset: 10, length: 8 },
  total: { offset: 0, length: 42 },
} as const;

/**
 * Parses CPLC data: exactly 42 bytes, or 45 with the `9F 7F 2A` tag header. Any other length is `INVALID_DATA`.
 *
 * @example
 * ```ts
 * import { parseCplc } from '@authenkit/thai-idcard';
 * console.log(parseCplc(Uint8Array.of(0x9f, 0x7f, 0x2a, ...new Uint8Array(42))).raw.length); // 84
 * ```
 */
export function parseCplc(bytes: Uint8Array): CplcInfo {
  const n = CPLC_LAYOUT.total.length;
  const tagged = bytes instanceof Uint8Array && bytes[0] === 0x9f && bytes[1] === 0x7f;
  if (tagged && bytes[2] !== n) {
    throw new ThaiIdCardError('INVALID_DATA', `CPLC: tag length ${bytes[2]}, expected ${n}`, {
      details: { expected: n, actual: bytes[2] },
    });
  }
  const data = tagged ? bytes.subarray(3) : bytes;
  exactly(data, n, 'CPLC');
  return { chipSerial: toHex(field(data, CPLC_LAYOUT.chipSerial)), raw: toHex(data) };
}
