import {
  AuthenCodeError,
  CITIZEN_ID_CATEGORIES,
  citizenIdCategory,
  citizenIdCheckDigit,
  formatCitizenId,
  generateCitizenId,
  isAuthenCodeError,
  isValidCitizenId,
  maskCitizenId,
  normalizeCitizenId,
  seededRandom,
  validateCitizenId,
} from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Independent reference implementation (different style on purpose). */
function refCheck(first12: string): number {
  const weighted = [...first12].map((d, i) => Number(d) * (13 - i)).reduce((a, b) => a + b, 0);
  return (11 - (weighted % 11)) % 10;
}

// Golden vectors cross-checked with a separate Python implementation.
const GOLDEN: [string, number][] = [
  ['1101700230708', 3], // Σ mod 11 = 3 → 8
  ['1234567890121', 0], // Σ mod 11 = 0 → 11 → 1
  ['1000000000050', 1], // Σ mod 11 = 1 → 10 → 0
  ['3100600171284', 7],
  ['1111111111119', 2],
  ['9999999999994', 7],
  ['0000000000001', 0],
];

describe('citizen ID checksum', () => {
  it.each(GOLDEN)('accepts golden vector %s', (pid) => {
    expect(validateCitizenId(pid)).toEqual({ valid: true, value: pid });
    expect(isValidCitizenId(pid)).toBe(true);
    expect(citizenIdCheckDigit(pid.slice(0, 12))).toBe(Number(pid[12]));
  });

  it('rejects every wrong check digit', () => {
    for (const [pid] of GOLDEN) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === pid[12]) continue;
        const r = validateCitizenId(pid.slice(0, 12) + d);
        expect(r.valid).toBe(false);
        expect(r.reason).toBe('CHECKSUM');
      }
    }
  });

  it('agrees with the reference implementation for any 12 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (first12) => {
        expect(citizenIdCheckDigit(first12)).toBe(refCheck(first12));
        expect(isValidCitizenId(first12 + refCheck(first12))).toBe(true);
        expect(isValidCitizenId(first12 + ((refCheck(first12) + 1) % 10))).toBe(false);
      }),
    );
  });

  it('catches any typo in the check digit; the weight-11 third digit is a known blind spot', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 1, max: 9 }), (b, delta) => {
        const pid = b + refCheck(b);
        const typo = (pos: number) =>
          pid.slice(0, pos) + ((Number(pid[pos]) + delta) % 10) + pid.slice(pos + 1);
        expect(isValidCitizenId(typo(12))).toBe(false);
        // position 2 has weight 13 − 2 = 11 ≡ 0 (mod 11): the checksum cannot see it
        expect(isValidCitizenId(typo(2))).toBe(true);
      }),
    );
  });

  it('accepts dashes, spaces and Thai digits', () => {
    expect(validateCitizenId('1-1017-00230-70-8')).toEqual({ valid: true, value: '1101700230708' });
    expect(validateCitizenId(' 1 1017 00230 70 8 ')).toEqual({ valid: true, value: '1101700230708' });
    expect(validateCitizenId('๑๑๐๑๗๐๐๒๓๐๗๐๘')).toEqual({ valid: true, value: '1101700230708' });
  });

  it('says what is wrong without echoing the number', () => {
    const cases: [string, string][] = [
      ['', 'EMPTY'],
      [' - ', 'EMPTY'],
      ['110170023070', 'LENGTH'],
      ['11017002307080', 'LENGTH'],
      ['110170023070A', 'NON_DIGIT'],
      ['1101700230709', 'CHECKSUM'],
    ];
    for (const [input, reason] of cases) {
      const r = validateCitizenId(input);
      expect(r.valid).toBe(false);
      if (r.valid) continue;
      expect(r.reason).toBe(reason);
      expect(r.message).not.toContain('1101700230');
      expect(r.messageTh.length).toBeGreaterThan(0);
    }
    expect(validateCitizenId('12345').valid === false && validateCitizenId('12345')).toMatchObject({
      message: 'citizen ID must have 13 digits, got 5',
    });
  });

  it('normalizeCitizenId throws a typed error with the reason', () => {
    try {
      normalizeCitizenId('1101700230709');
      expect.unreachable();
    } catch (e) {
      expect(isAuthenCodeError(e)).toBe(true);
      expect(e).toBeInstanceOf(AuthenCodeError);
      const err = e as AuthenCodeError;
      expect(err.code).toBe('INVALID_CITIZEN_ID');
      expect(err.details?.reason).toBe('CHECKSUM');
      expect(JSON.stringify(err.toJSON())).not.toContain('1101700230709');
    }
  });

  it('is total on non-string input', () => {
    expect(validateCitizenId(123 as unknown as string).valid).toBe(false);
    expect(isValidCitizenId(1101700230708)).toBe(false);
    expect(() => citizenIdCheckDigit('12')).toThrowError(AuthenCodeError);
  });
});

describe('format, mask, category', () => {
  it('formats as on the card and round-trips', () => {
    expect(formatCitizenId('1101700230708')).toBe('1-1017-00230-70-8');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (b) => {
        const pid = b + refCheck(b);
        const f = formatCitizenId(pid);
        expect(f).toMatch(/^\d-\d{4}-\d{5}-\d{2}-\d$/);
        expect(normalizeCitizenId(f)).toBe(pid);
        expect(formatCitizenId(f)).toBe(f);
      }),
    );
    expect(() => formatCitizenId('1101700230709')).toThrowError(/check digit/);
  });

  it('masks the middle and never leaks on bad input', () => {
    expect(maskCitizenId('1101700230708')).toBe('1-1017-xxxxx-xx-8');
    expect(maskCitizenId('1-1017-00230-70-8', { mask: '*' })).toBe('1-1017-*****-**-8');
    expect(maskCitizenId('110170023070')).toBe('x-xxxx-xxxxx-xx-x');
    expect(maskCitizenId('abc')).toBe('x-xxxx-xxxxx-xx-x');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), (pid) => {
        const m = maskCitizenId(pid);
        expect(m.replace(/\D/g, '')).toBe(pid[0]! + pid.slice(1, 5) + pid[12]);
      }),
    );
  });

  it('gives the person category in Thai and English', () => {
    const c = citizenIdCategory('1101700230708');
    expect(c.digit).toBe('1');
    expect(c.th).toContain('แจ้งเกิดภายในกำหนดเวลา');
    expect(c.en).toMatch(/Thai national/);
    expect(citizenIdCategory('3100600171284')).toBe(CITIZEN_ID_CATEGORIES['3']);
    expect(CITIZEN_ID_CATEGORIES['9'].assigned).toBe(false);
    for (const d of '0123456789') {
      const cat = CITIZEN_ID_CATEGORIES[d as '0'];
      expect(cat.digit).toBe(d);
      expect(cat.th.length).toBeGreaterThan(3);
    }
    expect(() => citizenIdCategory('12')).toThrowError(AuthenCodeError);
  });

  it('generates valid, reproducible IDs', () => {
    const a = generateCitizenId(seededRandom(5));
    expect(a).toBe(generateCitizenId(seededRandom(5)));
    const rng = seededRandom(9);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const pid = generateCitizenId(rng, { category: '3' });
      expect(isValidCitizenId(pid)).toBe(true);
      expect(pid[0]).toBe('3');
      seen.add(pid);
    }
    expect(seen.size).toBeGreaterThan(490);
    expect(isValidCitizenId(generateCitizenId())).toBe(true);
    expect(() => generateCitizenId(Math.random, { category: 'x' as '1' })).toThrowError(AuthenCodeError);
  });
});
