import { AuthenCodeError } from './errors.js';

/** Thailand is UTC+7 all year (no daylight saving time), so Bangkok wall time is pure arithmetic. */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
/** Years between the Buddhist era (พ.ศ.) and the Gregorian era (ค.ศ.). */
const BE_OFFSET = 543;

/**
 * Anything this package accepts as a point in time:
 * - a `Date` or epoch milliseconds (an instant);
 * - an ISO string: `YYYY-MM-DD` (a Bangkok calendar date, midnight), `YYYY-MM-DDTHH:mm[:ss[.sss]]`
 *   without an offset (Bangkok wall time — what the NHSO agent returns), or with `Z` / `±HH:MM` (an instant).
 *
 * @example
 * ```ts
 * import { toBangkok, type DateInput } from '@authenkit/authen-code';
 * const when: DateInput = '2021-03-16T13:11:56';
 * console.log(toBangkok(when).hour); // 13
 * ```
 */
export type DateInput = Date | number | string;

/**
 * A wall-clock date-time in Asia/Bangkok (UTC+7), Gregorian year.
 *
 * @example
 * ```ts
 * import { toBangkok, type BangkokDateTime } from '@authenkit/authen-code';
 * const t: BangkokDateTime = toBangkok(Date.UTC(2020, 11, 31, 17, 30));
 * console.log(t.year, t.month, t.day, t.hour); // 2021 1 1 0
 * ```
 */
export interface BangkokDateTime {
  /** Gregorian year (ค.ศ.). */
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
  /** 0–23. */
  readonly hour: number;
  /** 0–59. */
  readonly minute: number;
  /** 0–59. */
  readonly second: number;
  /** 0–999. */
  readonly millisecond: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Epoch milliseconds of this instant. */
  readonly epochMs: number;
}

function dateErr(message: string, details?: Record<string, unknown>): AuthenCodeError {
  return new AuthenCodeError('INVALID_DATE', message, details ? { details } : undefined);
}

/**
 * True for Gregorian leap years.
 *
 * @example
 * ```ts
 * import { isLeapYear } from '@authenkit/authen-code';
 * console.log(isLeapYear(2024), isLeapYear(1900)); // true false
 * ```
 */
export function isLeapYear(gregorianYear: number): boolean {
  return (gregorianYear % 4 === 0 && gregorianYear % 100 !== 0) || gregorianYear % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Number of days in a Gregorian month (`month` 1–12).
 *
 * @example
 * ```ts
 * import { daysInMonth } from '@authenkit/authen-code';
 * console.log(daysInMonth(2024, 2)); // 29
 * ```
 */
export function daysInMonth(gregorianYear: number, month: number): number {
  return month === 2 && isLeapYear(gregorianYear) ? 29 : (DAYS_IN_MONTH[month - 1] ?? Number.NaN);
}

/** Days since 1970-01-01 of a Gregorian calendar date. */
function dayNumber(y: number, m: number, d: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.floor(dt.getTime() / 86_400_000);
}

/** Epoch ms of a Bangkok wall time (works for years 0–99 too). */
function bangkokWallToEpoch(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, s, ms);
  return dt.getTime() - BANGKOK_OFFSET_MS;
}

function partsOfEpoch(epochMs: number): BangkokDateTime {
  const d = new Date(epochMs + BANGKOK_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    epochMs,
  };
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Converts a {@link DateInput} to epoch milliseconds (see {@link DateInput} for how strings are read).
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE` for unparseable or out-of-range input
 * @example
 * ```ts
 * import { toEpochMs } from '@authenkit/authen-code';
 * console.log(toEpochMs('2021-01-01') === Date.UTC(2020, 11, 31, 17)); // true
 * ```
 */
export function toEpochMs(input: DateInput): number {
  if (input instanceof Date) {
    const t = input.getTime();
    if (Number.isNaN(t)) throw dateErr('invalid Date object');
    return t;
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw dateErr('timestamp is not a finite number');
    return input;
  }
  if (typeof input !== 'string') throw dateErr('expected a Date, a timestamp or an ISO date string');
  const m = ISO_RE.exec(input.trim());
  if (!m) throw dateErr('expected an ISO date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:mm[:ss])');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (mo < 1 || mo > 12) throw dateErr(`month ${mo} is out of range`, { month: mo });
  if (d < 1 || d > daysInMonth(y, mo)) throw dateErr(`day ${d} is out of range for the month`, { day: d });
  if (h > 23 || mi > 59 || s > 59) throw dateErr('time of day is out of range');
  const wall = bangkokWallToEpoch(y, mo, d, h, mi, s, ms);
  const tz = m[8];
  if (tz === undefined) return wall;
  let offsetMin = 0;
  if (tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
  }
  // wall was computed as if the offset were +07:00; correct it to the given offset.
  return wall + BANGKOK_OFFSET_MS - offsetMin * 60_000;
}

/**
 * The Asia/Bangkok wall-clock parts of an instant or ISO string, independent of the host time zone.
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE`
 * @example
 * ```ts
 * import { toBangkok } from '@authenkit/authen-code';
 * const t = toBangkok(new Date('2020-12-06T20:00:00Z'));
 * console.log(t.day, t.hour); // 7 3
 * ```
 */
export function toBangkok(input: DateInput): BangkokDateTime {
  return partsOfEpoch(toEpochMs(input));
}

/**
 * The current Asia/Bangkok wall-clock time. Pass `now` to make it deterministic.
 *
 * @param now - clock (default `Date.now`)
 * @example
 * ```ts
 * import { bangkokNow } from '@authenkit/authen-code';
 * console.log(bangkokNow(() => Date.UTC(2024, 0, 1, 0, 0)).hour); // 7
 * ```
 */
export function bangkokNow(now: () => number | Date = Date.now): BangkokDateTime {
  const v = now();
  return partsOfEpoch(typeof v === 'number' ? v : v.getTime());
}

/**
 * The instant of a Bangkok wall-clock time (Gregorian year). Inverse of {@link toBangkok}.
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE` when a field is out of range
 * @example
 * ```ts
 * import { fromBangkok } from '@authenkit/authen-code';
 * console.log(fromBangkok({ year: 2021, month: 8, day: 3, hour: 19, minute: 2 }).toISOString());
 * // '2021-08-03T12:02:00.000Z'
 * ```
 */
export function fromBangkok(parts: {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}): Date {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = parts;
  const ints = [year, month, day, hour, minute, second, millisecond];
  if (!ints.every(Number.isInteger)) throw dateErr('date-time parts must be integers');
  if (month < 1 || month > 12) throw dateErr(`month ${month} is out of range`, { month });
  if (day < 1 || day > daysInMonth(year, month)) throw dateErr(`day ${day} is out of range`, { day });
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    throw dateErr('time of day is out of range');
  }
  if (millisecond < 0 || millisecond > 999) throw dateErr('millisecond is out of range');
  return new Date(bangkokWallToEpoch(year, month, day, hour, minute, second, millisecond));
}

/**
 * A date as written by the Thai ID card and the NHSO agent: Buddhist-era `YYYYMMDD`, where `00` month
 * or day means unknown and `99999999` means lifelong (ตลอดชีพ, e.g. a card that never expires).
 *
 * `iso` is Gregorian: `YYYY-MM-DD`, `YYYY-MM` (day unknown) or `YYYY` (month unknown); `null` when lifelong.
 *
 * @example
 * ```ts
 * import { parseBuddhistDate, type BuddhistDate } from '@authenkit/authen-code';
 * const d: BuddhistDate = parseBuddhistDate('25260800');
 * console.log(d.year, d.gregorianYear, d.month, d.day, d.iso); // 2526 1983 8 null '1983-08'
 * ```
 */
export type BuddhistDate =
  | {
      /** Buddhist-era year (พ.ศ.) as written. */
      readonly year: number;
      /** Gregorian year (`year − 543`). */
      readonly gregorianYear: number;
      /** 1–12, or `null` when unknown (`00`). */
      readonly month: number | null;
      /** 1–31, or `null` when unknown (`00`). */
      readonly day: number | null;
      readonly lifelong: false;
      /** Gregorian ISO date with the known precision. */
      readonly iso: string;
    }
  | {
      readonly year: null;
      readonly gregorianYear: null;
      readonly month: null;
      readonly day: null;
      /** `99999999`: no end date (ตลอดชีพ). */
      readonly lifelong: true;
      readonly iso: null;
    };

const LIFELONG: BuddhistDate = Object.freeze({
  year: null,
  gregorianYear: null,
  month: null,
  day: null,
  lifelong: true,
  iso: null,
});

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

/**
 * Parses a Buddhist-era `YYYYMMDD` date (card `birthDate`, issue and expiry dates, agent fields).
 * `00` day or `00` / `0000` month-day mean unknown; `99999999` means lifelong.
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE` for wrong length, non-digits, year `0000`, a month
 *   outside 1–12, a day not in the month, or a known day with an unknown month
 * @example
 * ```ts
 * import { parseBuddhistDate } from '@authenkit/authen-code';
 * console.log(parseBuddhistDate('25480320').iso); // '2005-03-20'
 * console.log(parseBuddhistDate('25260000').iso); // '1983'
 * console.log(parseBuddhistDate('99999999').lifelong); // true
 * ```
 */
export function parseBuddhistDate(input: string): BuddhistDate {
  const s = typeof input === 'string' ? input.trim() : '';
  if (!/^\d{8}$/.test(s)) throw dateErr('Buddhist-era date must be 8 digits (YYYYMMDD)');
  if (s === '99999999') return LIFELONG;
  const year = Number(s.slice(0, 4));
  const mm = Number(s.slice(4, 6));
  const dd = Number(s.slice(6, 8));
  if (year === 0) throw dateErr('year 0000 is not a valid Buddhist-era year');
  if (mm > 12) throw dateErr(`month ${mm} is out of range`, { month: mm });
  if (mm === 0 && dd !== 0) throw dateErr('a day is given but the month is unknown', { day: dd });
  const gregorianYear = year - BE_OFFSET;
  if (mm !== 0 && dd > daysInMonth(gregorianYear, mm)) {
    throw dateErr(`day ${dd} is out of range for month ${mm}`, { day: dd, month: mm });
  }
  const month = mm === 0 ? null : mm;
  const day = dd === 0 ? null : dd;
  const gy = gregorianYear < 0 ? `-${pad4(-gregorianYear)}` : pad4(gregorianYear);
  const iso =
    month === null ? gy : day === null ? `${gy}-${pad2(month)}` : `${gy}-${pad2(month)}-${pad2(day)}`;
  return { year, gregorianYear, month, day, lifelong: false, iso };
}

function isBuddhistDate(v: unknown): v is BuddhistDate {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'lifelong' in v;
}

/**
 * Formats a date as Buddhist-era `YYYYMMDD` (the card / agent form). Round-trips with
 * {@link parseBuddhistDate}; a {@link DateInput} is taken as its Asia/Bangkok calendar date (an 8-digit
 * string is read as Buddhist-era `YYYYMMDD` and validated).
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE`
 * @example
 * ```ts
 * import { parseBuddhistDate, toBuddhistDate } from '@authenkit/authen-code';
 * console.log(toBuddhistDate('2005-03-20')); // '25480320'
 * console.log(toBuddhistDate(parseBuddhistDate('25260800'))); // '25260800'
 * ```
 */
export function toBuddhistDate(input: BuddhistDate | DateInput): string {
  if (typeof input === 'string' && /^\s*\d{8}\s*$/.test(input))
    return toBuddhistDate(parseBuddhistDate(input));
  if (isBuddhistDate(input)) {
    if (input.lifelong) return '99999999';
    return `${pad4(input.year)}${pad2(input.month ?? 0)}${pad2(input.day ?? 0)}`;
  }
  const t = toBangkok(input);
  const by = t.year + BE_OFFSET;
  if (by < 1 || by > 9999) throw dateErr('year is out of the Buddhist-era 4-digit range');
  return `${pad4(by)}${pad2(t.month)}${pad2(t.day)}`;
}

/**
 * Thai month names: `long` as in "ธันวาคม", `short` as in "ธ.ค.".
 *
 * @example
 * ```ts
 * import { THAI_MONTHS } from '@authenkit/authen-code';
 * console.log(THAI_MONTHS.long[11], THAI_MONTHS.short[11]); // 'ธันวาคม' 'ธ.ค.'
 * ```
 */
export const THAI_MONTHS: { readonly long: readonly string[]; readonly short: readonly string[] } =
  Object.freeze({
    long: Object.freeze([
      'มกราคม',
      'กุมภาพันธ์',
      'มีนาคม',
      'เมษายน',
      'พฤษภาคม',
      'มิถุนายน',
      'กรกฎาคม',
      'สิงหาคม',
      'กันยายน',
      'ตุลาคม',
      'พฤศจิกายน',
      'ธันวาคม',
    ]),
    short: Object.freeze([
      'ม.ค.',
      'ก.พ.',
      'มี.ค.',
      'เม.ย.',
      'พ.ค.',
      'มิ.ย.',
      'ก.ค.',
      'ส.ค.',
      'ก.ย.',
      'ต.ค.',
      'พ.ย.',
      'ธ.ค.',
    ]),
  });

/** English month names, January first (internal; shared with the report formatter). @internal */
export const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Output style of {@link formatThaiDate} (examples for 2020-12-07 12:03 Bangkok, Thai locale):
 * - `long` — `07 ธันวาคม 2563` (the NHSO report)
 * - `medium` — `07 ธ.ค. 2563`
 * - `short` — `07/12/2563`
 * - `datetime` — `07/12/2563 12:03` (the Authen Code form)
 * - `long-datetime` — `07 ธันวาคม 2563 เวลา 12:03 น.`
 * - `month-year` — `ธันวาคม 2563` (the card's "เดือนปีเกิด")
 * - `iso` — `2020-12-07` (Gregorian, whatever the locale)
 *
 * @example
 * ```ts
 * import { formatThaiDate, type ThaiDateStyle } from '@authenkit/authen-code';
 * const style: ThaiDateStyle = 'datetime';
 * console.log(formatThaiDate('2021-08-03T19:02', { style })); // '03/08/2564 19:02'
 * ```
 */
export type ThaiDateStyle = 'long' | 'medium' | 'short' | 'datetime' | 'long-datetime' | 'month-year' | 'iso';

/**
 * Options of {@link formatThaiDate}.
 *
 * @example
 * ```ts
 * import { formatThaiDate, type FormatThaiDateOptions } from '@authenkit/authen-code';
 * const o: FormatThaiDateOptions = { style: 'long', locale: 'en' };
 * console.log(formatThaiDate('2020-12-07', o)); // '7 December 2020'
 * ```
 */
export interface FormatThaiDateOptions {
  /** Default `long`. */
  style?: ThaiDateStyle;
  /** `th` (default) or `en`. */
  locale?: 'th' | 'en';
  /** Era of the year: default `BE` for `th`, `CE` for `en`. */
  era?: 'BE' | 'CE';
  /** Zero-pad the day in `long`/`medium` styles: default `true` for `th` (as the NHSO report), `false` for `en`. */
  padDay?: boolean;
}

/**
 * Formats a date the way the NHSO screens and report do ("07 ธันวาคม 2563", "03/08/2564 19:02"),
 * or in English. Always Asia/Bangkok, whatever the host time zone. Accepts a {@link BuddhistDate} or a
 * Buddhist-era `YYYYMMDD` string too (unknown parts are left out; lifelong prints "ตลอดชีพ" / "Lifelong").
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE`
 * @example
 * ```ts
 * import { formatThaiDate, parseBuddhistDate } from '@authenkit/authen-code';
 * console.log(formatThaiDate('2020-12-07')); // '07 ธันวาคม 2563'
 * console.log(formatThaiDate(new Date('2021-08-03T12:02:00Z'), { style: 'datetime' })); // '03/08/2564 19:02'
 * console.log(formatThaiDate(parseBuddhistDate('25260800'), { style: 'month-year' })); // 'สิงหาคม 2526'
 * console.log(formatThaiDate('25480320', { style: 'short' })); // '20/03/2548'
 * ```
 */
export function formatThaiDate(input: DateInput | BuddhistDate, options: FormatThaiDateOptions = {}): string {
  const style = options.style ?? 'long';
  const locale = options.locale ?? 'th';
  const era = options.era ?? (locale === 'th' ? 'BE' : 'CE');
  const padDay = options.padDay ?? locale === 'th';
  let year: number;
  let month: number | null;
  let day: number | null;
  let hour: number | null = null;
  let minute = 0;
  if (typeof input === 'string' && /^\s*\d{8}\s*$/.test(input)) input = parseBuddhistDate(input);
  if (isBuddhistDate(input)) {
    if (input.lifelong) return locale === 'th' ? 'ตลอดชีพ' : 'Lifelong';
    year = input.gregorianYear;
    month = input.month;
    day = input.day;
  } else {
    const t = toBangkok(input);
    year = t.year;
    month = t.month;
    day = t.day;
    hour = t.hour;
    minute = t.minute;
  }
  if (style === 'iso') {
    const y = pad4(year);
    return month === null ? y : day === null ? `${y}-${pad2(month)}` : `${y}-${pad2(month)}-${pad2(day)}`;
  }
  const y = String(era === 'BE' ? year + BE_OFFSET : year);
  const monthLong =
    month === null ? '' : locale === 'th' ? THAI_MONTHS.long[month - 1]! : EN_MONTHS[month - 1]!;
  const monthShort =
    month === null ? '' : locale === 'th' ? THAI_MONTHS.short[month - 1]! : EN_MONTHS[month - 1]!.slice(0, 3);
  const dayText = day === null ? '' : padDay ? pad2(day) : String(day);
  const time = hour === null ? '' : `${pad2(hour)}:${pad2(minute)}`;
  const join = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');
  switch (style) {
    case 'long':
      return join(dayText, monthLong, y);
    case 'medium':
      return join(dayText, monthShort, y);
    case 'month-year':
      return join(monthLong, y);
    case 'short':
    case 'datetime': {
      const date = [day === null ? '' : pad2(day), month === null ? '' : pad2(month), y]
        .filter((p) => p !== '')
        .join('/');
      return style === 'datetime' && time ? `${date} ${time}` : date;
    }
    case 'long-datetime': {
      const date = join(dayText, monthLong, y);
      if (!time) return date;
      return locale === 'th' ? `${date} เวลา ${time} น.` : `${date} ${time}`;
    }
    default:
      throw new AuthenCodeError('INVALID_ARGUMENT', `unknown date style: ${String(style)}`);
  }
}

/**
 * An age as years, months and days (as the NHSO shows "29 ปี 4 เดือน 26 วัน"). Months are counted to the
 * monthly anniversary of the birth day, clamped to the month's end (born 31 Jan → 29 Feb is one month).
 * `approximate` is `true` when the birth date had an unknown month or day (taken as the 1st / January).
 *
 * @example
 * ```ts
 * import { ageAt, type Age } from '@authenkit/authen-code';
 * const a: Age = ageAt('25260308', '2012-08-03');
 * console.log(a); // { years: 29, months: 4, days: 26, approximate: false }
 * ```
 */
export interface Age {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly approximate: boolean;
}

/**
 * Age on a given day (Asia/Bangkok calendar), in completed years, months and days.
 *
 * @param birth - a {@link BuddhistDate}, a Buddhist-era `YYYYMMDD` string, or a {@link DateInput}
 *   (ISO strings are Gregorian). Unknown month/day count from January / the 1st.
 * @param at - the day of service (default: now)
 * @throws {@link AuthenCodeError} `INVALID_DATE` for a lifelong/invalid birth date or `at` before birth
 * @example
 * ```ts
 * import { ageAt, formatThaiAge } from '@authenkit/authen-code';
 * console.log(formatThaiAge(ageAt('25330307', '2021-08-03'))); // '31 ปี 4 เดือน 27 วัน'
 * ```
 */
export function ageAt(birth: BuddhistDate | DateInput, at: DateInput = Date.now()): Age {
  let by: number;
  let bm: number;
  let bd: number;
  let approximate = false;
  const b = typeof birth === 'string' && /^\s*\d{8}\s*$/.test(birth) ? parseBuddhistDate(birth) : birth;
  if (isBuddhistDate(b)) {
    if (b.lifelong) throw dateErr('a lifelong (99999999) date is not a birth date');
    by = b.gregorianYear;
    bm = b.month ?? 1;
    bd = b.day ?? 1;
    approximate = b.month === null || b.day === null;
  } else {
    const t = toBangkok(b);
    by = t.year;
    bm = t.month;
    bd = t.day;
  }
  const now = toBangkok(at);
  // Largest whole number of months whose anniversary (day clamped to the month's end) is not after `at`.
  const anniversary = (total: number): number => {
    const m0 = bm - 1 + total;
    const y = by + Math.floor(m0 / 12);
    const m = (m0 % 12) + 1;
    return dayNumber(y, m, Math.min(bd, daysInMonth(y, m)));
  };
  const today = dayNumber(now.year, now.month, now.day);
  let total = (now.year - by) * 12 + (now.month - bm);
  if (anniversary(total) > today) total -= 1;
  if (total < 0) throw dateErr('the date is before the birth date');
  const years = Math.floor(total / 12);
  const months = total % 12;
  const days = today - anniversary(total);
  return { years, months, days, approximate };
}

/**
 * Formats an age like the NHSO screens: "29 ปี 4 เดือน 26 วัน", or in English "29 years 4 months 26 days".
 *
 * @example
 * ```ts
 * import { formatThaiAge } from '@authenkit/authen-code';
 * console.log(formatThaiAge({ years: 29, months: 4, days: 26 })); // '29 ปี 4 เดือน 26 วัน'
 * console.log(formatThaiAge({ years: 1, months: 0, days: 1 }, { locale: 'en' })); // '1 year 0 months 1 day'
 * ```
 */
export function formatThaiAge(
  age: { years: number; months: number; days: number },
  options: { locale?: 'th' | 'en' } = {},
): string {
  if (options.locale === 'en') {
    const u = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    return `${u(age.years, 'year')} ${u(age.months, 'month')} ${u(age.days, 'day')}`;
  }
  return `${age.years} ปี ${age.months} เดือน ${age.days} วัน`;
}

/**
 * Parses the agent's age text ("20 ปี 7 เดือน 18 วัน") or the English form back into numbers.
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` when the text is not an age
 * @example
 * ```ts
 * import { parseThaiAge } from '@authenkit/authen-code';
 * console.log(parseThaiAge('20 ปี 7 เดือน 18 วัน')); // { years: 20, months: 7, days: 18 }
 * ```
 */
export function parseThaiAge(text: string): { years: number; months: number; days: number } {
  const m =
    /^\s*(\d+)\s*ปี\s*(\d+)\s*เดือน\s*(\d+)\s*วัน\s*$/.exec(text) ??
    /^\s*(\d+)\s*years?\s+(\d+)\s*months?\s+(\d+)\s*days?\s*$/i.exec(text);
  if (!m) throw new AuthenCodeError('INVALID_ARGUMENT', 'not an age in the form "N ปี N เดือน N วัน"');
  return { years: Number(m[1]), months: Number(m[2]), days: Number(m[3]) };
}

/**
 * Parses the date / date-time text of the NHSO screens (Buddhist era, Bangkok time):
 * `07 ธันวาคม 2563`, `07 ธ.ค. 2563`, `03/08/2564`, `03/08/2564 19:02`, `22 ธันวาคม 2563 เวลา 12:03 น.`.
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE`
 * @example
 * ```ts
 * import { parseThaiDate } from '@authenkit/authen-code';
 * console.log(parseThaiDate('03/08/2564 19:02').toISOString()); // '2021-08-03T12:02:00.000Z'
 * ```
 */
export function parseThaiDate(text: string): Date {
  const s = typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '';
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: น\.)?)?$/.exec(s);
  if (m) {
    return fromBangkok({
      year: Number(m[3]) - BE_OFFSET,
      month: Number(m[2]),
      day: Number(m[1]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
    });
  }
  m = /^(\d{1,2}) (\S+) (\d{4})(?: (?:เวลา )?(\d{1,2}):(\d{2})(?::(\d{2}))?(?: น\.)?)?$/.exec(s);
  if (m) {
    const name = m[2]!;
    let idx = THAI_MONTHS.long.indexOf(name);
    if (idx < 0) idx = THAI_MONTHS.short.indexOf(name);
    if (idx < 0) throw dateErr('unknown Thai month name');
    return fromBangkok({
      year: Number(m[3]) - BE_OFFSET,
      month: idx + 1,
      day: Number(m[1]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
    });
  }
  throw dateErr('expected a Thai date such as "07 ธันวาคม 2563" or "03/08/2564 19:02"');
}

/**
 * The Asia/Bangkok calendar date of an instant as `YYYY-MM-DD` (Gregorian).
 *
 * @throws {@link AuthenCodeError} `INVALID_DATE`
 * @example
 * ```ts
 * import { bangkokDateKey } from '@authenkit/authen-code';
 * console.log(bangkokDateKey(new Date('2020-12-06T20:00:00Z'))); // '2020-12-07'
 * ```
 */
export function bangkokDateKey(input: DateInput): string {
  const t = toBangkok(input);
  return `${pad4(t.year)}-${pad2(t.month)}-${pad2(t.day)}`;
}
