import { bangkokDateKey, fromBangkok, toBangkok } from '@authenkit/authen-code';
/**
 * Injectable time source. Everything date-dependent in the sandbox (token expiry at midnight Bangkok, the
 * same-day duplicate rule, ages) reads the clock through this interface so tests can move time.
 *
 * @example
 * ```ts
 * import { systemClock, type Clock } from '@authenkit/nhso-sandbox';
 * const fixed: Clock = { now: () => Date.parse('2026-01-15T03:00:00Z') };
 * console.log(systemClock.now() > 0, fixed.now());
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * The real wall clock.
 *
 * @example
 * ```ts
 * import { systemClock } from '@authenkit/nhso-sandbox';
 * console.log(new Date(systemClock.now()).toISOString());
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock you move by hand, for tests.
 *
 * @example
 * ```ts
 * import { createManualClock } from '@authenkit/nhso-sandbox';
 * const clock = createManualClock('2026-01-15T08:00:00+07:00');
 * clock.advance(24 * 3600_000);
 * console.log(new Date(clock.now()).toISOString()); // 2026-01-16T01:00:00.000Z
 * ```
 */
export function createManualClock(start: string | number | Date): Clock & {
  /** Move forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jump to an absolute time. */
  set(time: string | number | Date): void;
} {
  const toMs = (t: string | number | Date): number =>
    t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
  let current = toMs(start);
  if (Number.isNaN(current)) throw new RangeError('invalid start time');
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (t) => {
      current = toMs(t);
    },
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * Bangkok (UTC+7, no DST) calendar parts of an instant.
 *
 * @example
 * ```ts
 * import { bangkokParts } from '@authenkit/nhso-sandbox';
 * console.log(bangkokParts(Date.parse('2026-01-15T20:00:00Z')).date); // '2026-01-16'
 * ```
 */
export function bangkokParts(ms: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** `YYYY-MM-DD` (Gregorian). */
  date: string;
  /** `YYYY-MM-DDTHH:mm:ss` local Bangkok time, no zone (NHSO style). */
  dateTime: string;
} {
  const { year, month, day, hour, minute, second } = toBangkok(ms);
  const date = bangkokDateKey(ms);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    date,
    dateTime: `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`,
  };
}

/**
 * The next midnight in Bangkok strictly after `ms` (when NHSO tokens expire).
 *
 * @example
 * ```ts
 * import { nextBangkokMidnight } from '@authenkit/nhso-sandbox';
 * console.log(new Date(nextBangkokMidnight(Date.parse('2026-01-15T08:00:00+07:00'))).toISOString()); // 2026-01-15T17:00:00.000Z
 * ```
 */
export function nextBangkokMidnight(ms: number): number {
  const { year, month, day } = toBangkok(ms);
  return fromBangkok({ year, month, day }).getTime() + 86_400_000; // no DST in Thailand
}

/**
 * Parse a Bangkok-local `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]` (no zone) into epoch ms; `undefined` if invalid.
 *
 * @example
 * ```ts
 * import { parseBangkokLocal } from '@authenkit/nhso-sandbox';
 * console.log(parseBangkokLocal('2026-01-15T07:00:00') === Date.parse('2026-01-15T00:00:00Z')); // true
 * ```
 */
export function parseBangkokLocal(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
  try {
    return fromBangkok({
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
      second: Number(s),
    }).getTime();
  } catch {
    return undefined; // out-of-range month, day, hour… (fromBangkok validates)
  }
}
