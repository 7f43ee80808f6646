import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuthenCodeError,
  ageAt,
  bangkokDateKey,
  bangkokNow,
  daysInMonth,
  formatThaiAge,
  formatThaiDate,
  fromBangkok,
  parseBuddhistDate,
  parseThaiAge,
  parseThaiDate,
  toBangkok,
  toBuddhistDate,
  toEpochMs,
} from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('parseBuddhistDate', () => {
  it('parses full, partial and lifelong dates', () => {
    expect(parseBuddhistDate('25480320')).toEqual({
      year: 2548,
      gregorianYear: 2005,
      month: 3,
      day: 20,
      lifelong: false,
      iso: '2005-03-20',
    });
    expect(parseBuddhistDate('25260800')).toMatchObject({ month: 8, day: null, iso: '1983-08' });
    expect(parseBuddhistDate('25260000')).toMatchObject({ month: null, day: null, iso: '1983' });
    expect(parseBuddhistDate('99999999')).toEqual({
      year: null,
      gregorianYear: null,
      month: null,
      day: null,
      lifelong: true,
      iso: null,
    });
    expect(parseBuddhistDate('25430229').iso).toBe('2000-02-29'); // 2000 is a leap year
  });

  it.each([
    ['2548032', 'wrong length'],
    ['2548-03-20', 'separators'],
    ['25481320', 'month 13'],
    ['25480230', 'Feb 30'],
    ['25440229', 'Feb 29 in 2001'],
    ['25480015', 'day without month'],
    ['00000101', 'year 0'],
  ])('rejects %s (%s) with INVALID_DATE', (s) => {
    expect(() => parseBuddhistDate(s)).toThrowError(AuthenCodeError);
    try {
      parseBuddhistDate(s);
    } catch (e) {
      expect((e as AuthenCodeError).code).toBe('INVALID_DATE');
    }
  });

  it('round-trips through toBuddhistDate', () => {
    const be = fc
      .tuple(
        fc.integer({ min: 2400, max: 2700 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 31 }),
      )
      .filter(([y, m, d]) => (m === 0 ? d === 0 : d <= daysInMonth(y - 543, m)))
      .map(([y, m, d]) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(be, (s) => {
        const p = parseBuddhistDate(s);
        expect(toBuddhistDate(p)).toBe(s);
        if (p.month !== null && p.day !== null) expect(toBuddhistDate(p.iso)).toBe(s);
      }),
    );
    expect(toBuddhistDate(parseBuddhistDate('99999999'))).toBe('99999999');
  });
});

describe('Bangkok time (UTC+7, no DST)', () => {
  it('converts instants to Bangkok wall time', () => {
    const t = toBangkok(new Date('2020-12-31T17:30:00Z'));
    expect([t.year, t.month, t.day, t.hour, t.minute]).toEqual([2021, 1, 1, 0, 30]);
    expect(toBangkok('2021-03-16T13:11:56').hour).toBe(13); // agent style: wall time, no offset
    expect(toBangkok('2021-03-16T13:11:56Z').hour).toBe(20);
    expect(toBangkok('2021-03-16T13:11:56+09:00').hour).toBe(11);
    expect(toBangkok('2021-03-16T13:11:56.5-0300').hour).toBe(23);
    expect(toEpochMs('2021-01-01')).toBe(Date.UTC(2020, 11, 31, 17));
    expect(bangkokNow(() => Date.UTC(2024, 0, 1, 0, 0)).hour).toBe(7);
    expect(bangkokNow(() => new Date(Date.UTC(2024, 0, 1, 20, 0))).day).toBe(2);
    expect(bangkokDateKey(new Date('2020-12-06T20:00:00Z'))).toBe('2020-12-07');
  });

  it('fromBangkok inverts toBangkok', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
        const t = toBangkok(ms);
        expect(fromBangkok(t).getTime()).toBe(ms);
      }),
    );
    expect(() => fromBangkok({ year: 2021, month: 2, day: 29 })).toThrowError(AuthenCodeError);
  });

  it('rejects bad inputs', () => {
    for (const bad of ['2021-13-01', '2021-02-30', '2021-01-01T25:00', 'yesterday', '']) {
      expect(() => toEpochMs(bad)).toThrowError(AuthenCodeError);
    }
    expect(() => toEpochMs(new Date(Number.NaN))).toThrowError(AuthenCodeError);
    expect(() => toEpochMs(Number.POSITIVE_INFINITY)).toThrowError(AuthenCodeError);
  });

  it('gives the same answers under another host time zone (child process, TZ=America/New_York)', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const script = join(here, 'fixtures', 'tz-probe.ts');
    const root = join(here, '..', '..', '..');
    const run = (tz: string) =>
      execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
    const ny = run('America/New_York');
    const bkk = run('Asia/Bangkok');
    const utc = run('UTC');
    expect(JSON.parse(ny).tzOffset).not.toBe(JSON.parse(bkk).tzOffset);
    const strip = (s: string) => {
      const { tzOffset: _, ...rest } = JSON.parse(s);
      return rest;
    };
    expect(strip(ny)).toEqual(strip(bkk));
    expect(strip(utc)).toEqual(strip(bkk));
    expect(strip(ny).long).toBe('07 ธันวาคม 2563');
    expect(strip(ny).datetime).toBe('03/08/2564 19:02');
  });
});

describe('formatThaiDate', () => {
  const dec7 = new Date('2020-12-07T05:03:00Z'); // 12:03 in Bangkok
  it('formats like the NHSO deck', () => {
    expect(formatThaiDate('2020-12-07')).toBe('07 ธันวาคม 2563');
    expect(formatThaiDate(dec7, { style: 'medium' })).toBe('07 ธ.ค. 2563');
    expect(formatThaiDate(dec7, { style: 'short' })).toBe('07/12/2563');
    expect(formatThaiDate(new Date('2021-08-03T12:02:00Z'), { style: 'datetime' })).toBe('03/08/2564 19:02');
    expect(formatThaiDate('2020-12-22T12:03', { style: 'long-datetime' })).toBe(
      '22 ธันวาคม 2563 เวลา 12:03 น.',
    );
    expect(formatThaiDate(parseBuddhistDate('25260815'), { style: 'month-year' })).toBe('สิงหาคม 2526');
    expect(formatThaiDate(dec7, { style: 'iso' })).toBe('2020-12-07');
  });

  it('formats in English and CE', () => {
    expect(formatThaiDate(dec7, { locale: 'en' })).toBe('7 December 2020');
    expect(formatThaiDate(dec7, { locale: 'en', style: 'medium' })).toBe('7 Dec 2020');
    expect(formatThaiDate(dec7, { locale: 'en', style: 'datetime' })).toBe('07/12/2020 12:03');
    expect(formatThaiDate(dec7, { locale: 'en', style: 'long-datetime' })).toBe('7 December 2020 12:03');
    expect(formatThaiDate(dec7, { era: 'CE' })).toBe('07 ธันวาคม 2020');
    expect(formatThaiDate(dec7, { locale: 'en', era: 'BE', padDay: true })).toBe('07 December 2563');
  });

  it('formats partial and lifelong Buddhist dates', () => {
    expect(formatThaiDate(parseBuddhistDate('25260800'))).toBe('สิงหาคม 2526');
    expect(formatThaiDate(parseBuddhistDate('25260000'))).toBe('2526');
    expect(formatThaiDate(parseBuddhistDate('25260800'), { style: 'short' })).toBe('08/2526');
    expect(formatThaiDate(parseBuddhistDate('25260800'), { style: 'iso' })).toBe('1983-08');
    expect(formatThaiDate(parseBuddhistDate('99999999'))).toBe('ตลอดชีพ');
    expect(formatThaiDate(parseBuddhistDate('99999999'), { locale: 'en' })).toBe('Lifelong');
  });

  it('round-trips with parseThaiDate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), (ms) => {
        const minute = Math.floor(ms / 60000) * 60000;
        for (const style of ['datetime', 'long-datetime'] as const) {
          expect(parseThaiDate(formatThaiDate(minute, { style })).getTime()).toBe(minute);
        }
        const day = fromBangkok({
          ...toBangkok(ms),
          hour: 0,
          minute: 0,
          second: 0,
          millisecond: 0,
        }).getTime();
        for (const style of ['long', 'medium', 'short'] as const) {
          expect(parseThaiDate(formatThaiDate(ms, { style })).getTime()).toBe(day);
        }
      }),
    );
    expect(() => parseThaiDate('07 Foo 2563')).toThrowError(AuthenCodeError);
    expect(() => parseThaiDate('nonsense')).toThrowError(AuthenCodeError);
  });
});

describe('ageAt / formatThaiAge', () => {
  it('computes completed years, months and days', () => {
    expect(ageAt('25260308', '2012-08-03')).toEqual({ years: 29, months: 4, days: 26, approximate: false });
    expect(formatThaiAge(ageAt('25330307', '2021-08-03'))).toBe('31 ปี 4 เดือน 27 วัน');
    expect(ageAt('2000-02-29', '2001-02-28')).toMatchObject({ years: 1, months: 0, days: 0 });
    expect(ageAt('2000-02-29', '2001-02-27')).toMatchObject({ years: 0, months: 11, days: 29 });
    expect(ageAt('2000-02-29', '2001-03-01')).toMatchObject({ years: 1, months: 0, days: 1 });
    expect(ageAt('2020-01-31', '2020-03-01')).toMatchObject({ years: 0, months: 1, days: 1 });
    expect(ageAt('2020-05-05', '2020-05-05')).toMatchObject({ years: 0, months: 0, days: 0 });
    expect(ageAt(parseBuddhistDate('25260000'), '2020-01-01')).toEqual({
      years: 37,
      months: 0,
      days: 0,
      approximate: true,
    });
  });

  it('uses the Bangkok calendar day of `at`', () => {
    // 2021-08-02T18:00Z is already 3 Aug in Bangkok
    expect(ageAt('2000-08-03', new Date('2021-08-02T18:00:00Z')).years).toBe(21);
    expect(ageAt('2000-08-03', new Date('2021-08-02T16:00:00Z')).years).toBe(20);
  });

  it('is consistent: adding the age to the birth date gives `at`', () => {
    const day = fc.integer({ min: 0, max: 50_000 }).map((n) => n * 86_400_000 - 1e12);
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, at] = a <= b ? [a, b] : [b, a];
        const age = ageAt(bangkokDateKey(birth), bangkokDateKey(at));
        const bp = toBangkok(birth);
        let y = bp.year + age.years;
        let m = bp.month + age.months;
        if (m > 12) {
          m -= 12;
          y += 1;
        }
        // birth + years + months (clamped to month end) + days == at
        const base = fromBangkok({ year: y, month: m, day: Math.min(bp.day, daysInMonth(y, m)) });
        expect(age.months).toBeLessThan(12);
        expect(age.days).toBeLessThan(31);
        expect(bangkokDateKey(base.getTime() + age.days * 86_400_000)).toBe(bangkokDateKey(at));
      }),
    );
  });

  it('rejects impossible ages', () => {
    expect(() => ageAt('2020-01-02', '2020-01-01')).toThrowError(AuthenCodeError);
    expect(() => ageAt('99999999', '2020-01-01')).toThrowError(/lifelong/);
  });

  it('formats and parses ages in Thai and English', () => {
    expect(formatThaiAge({ years: 29, months: 4, days: 26 })).toBe('29 ปี 4 เดือน 26 วัน');
    expect(formatThaiAge({ years: 1, months: 0, days: 1 }, { locale: 'en' })).toBe('1 year 0 months 1 day');
    expect(parseThaiAge('20 ปี 7 เดือน 18 วัน')).toEqual({ years: 20, months: 7, days: 18 });
    expect(parseThaiAge('2 years 1 month 0 days')).toEqual({ years: 2, months: 1, days: 0 });
    fc.assert(
      fc.property(
        fc.nat(150),
        fc.nat(11),
        fc.nat(30),
        fc.constantFrom('th' as const, 'en' as const),
        (y, m, d, l) => {
          expect(parseThaiAge(formatThaiAge({ years: y, months: m, days: d }, { locale: l }))).toEqual({
            years: y,
            months: m,
            days: d,
          });
        },
      ),
    );
    expect(() => parseThaiAge('old')).toThrowError(AuthenCodeError);
  });
});

describe('Buddhist-era strings as input', () => {
  it('formatThaiDate and toBuddhistDate accept YYYYMMDD', () => {
    expect(formatThaiDate('25480320')).toBe('20 มีนาคม 2548');
    expect(formatThaiDate('25480300', { locale: 'en' })).toBe('March 2005');
    expect(toBuddhistDate('25480320')).toBe('25480320');
    expect(() => toBuddhistDate('25481320')).toThrowError(AuthenCodeError);
  });
});
