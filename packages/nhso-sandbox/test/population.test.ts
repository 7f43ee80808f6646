import { isValidCitizenId } from '@authenkit/authen-code';
import { ageInYears, generatePopulation, personToCardSpec, thaiAgeText } from '@authenkit/nhso-sandbox';
import { readThaiIdCard } from '@authenkit/thai-idcard';
import { createVirtualCard } from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';

describe('generatePopulation', () => {
  it('is reproducible by seed and differs across seeds', () => {
    const a = generatePopulation({ seed: 42, size: 300 });
    const b = generatePopulation({ seed: 42, size: 300 });
    const c = generatePopulation({ seed: 43, size: 300 });
    expect(JSON.stringify(a.people)).toBe(JSON.stringify(b.people));
    expect(a.people[0]?.pid).not.toBe(c.people[0]?.pid);
  });

  it('gives unique PIDs with valid check digits (agrees with @authenkit/authen-code)', () => {
    const pop = generatePopulation({ seed: 7, size: 2000 });
    const pids = new Set(pop.people.map((p) => p.pid));
    expect(pids.size).toBe(2000);
    for (const p of pop.people) {
      expect(isValidCitizenId(p.pid)).toBe(true);
      expect(p.pid[0] === '0' || p.pid[0] === '8').toBe(true);
    }
  });

  it('covers the rights, ages and staff the flows need', () => {
    const pop = generatePopulation({ seed: 1, size: 1000 });
    const at = Date.parse('2026-01-01T00:00:00+07:00');
    const mains = new Set(pop.people.map((p) => p.right?.mainInscl ?? 'NONE'));
    for (const m of ['UCS', 'OFC', 'SSS', 'NONE']) expect(mains.has(m)).toBe(true);
    expect(pop.people.some((p) => ageInYears(p.birthDate, at) < 15)).toBe(true);
    expect(pop.people.some((p) => ageInYears(p.birthDate, at) >= 60)).toBe(true);
    expect(pop.people.some((p) => p.deathDate !== null)).toBe(true);
    expect(pop.staff.length).toBeGreaterThan(0);
    for (const s of pop.staff) expect(s.staff?.hcode).toMatch(/^\d{5}$/);
    for (const p of pop.people) {
      expect(p.birthDate.year).toBeGreaterThan(2400);
      expect(p.firstNameTh).toMatch(/[\u0E00-\u0E7F]/);
      expect(p.firstNameEn).toMatch(/^[A-Za-z-]+$/);
      expect(p.phone).toMatch(/^0\d{9}$/);
      if (p.right) expect(p.right.hospMain.hcode).toMatch(/^\d{5}$/);
    }
  });

  it('nobody is born after the reference day (default 2026-01-01 Bangkok)', () => {
    const ref = Date.parse('2026-01-01T00:00:00+07:00');
    for (const p of generatePopulation({ seed: 4, size: 3000 }).people) {
      const born = Date.parse(
        `${p.birthDate.year - 543}-${String(p.birthDate.month).padStart(2, '0')}-${String(p.birthDate.day).padStart(2, '0')}T00:00:00+07:00`,
      );
      expect(born).toBeLessThanOrEqual(ref);
      expect(ageInYears(p.birthDate, ref)).toBeGreaterThanOrEqual(0);
    }
    // the documented example person of seed 1 is stable
    expect(generatePopulation({ seed: 1, size: 500 }).get('8583292976562')?.right?.mainInscl).toBe('UCS');
  });

  it('rejects a bad size', () => {
    expect(() => generatePopulation({ size: 0 })).toThrow(/size/);
  });

  it('formats Thai ages like the Agent', () => {
    expect(thaiAgeText({ year: 2548, month: 3, day: 20 }, Date.parse('2025-11-07T10:00:00+07:00'))).toBe(
      '20 ปี 7 เดือน 18 วัน',
    );
    expect(ageInYears({ year: 2554, month: 1, day: 16 }, Date.parse('2026-01-15T12:00:00+07:00'))).toBe(14);
    expect(ageInYears({ year: 2554, month: 1, day: 15 }, Date.parse('2026-01-15T00:30:00+07:00'))).toBe(15);
  });

  it('turns a person into a thai-idcard card image the card reader reads back', async () => {
    const pop = generatePopulation({ seed: 3, size: 30 });
    for (const person of pop.people.slice(0, 5)) {
      const card = createVirtualCard({ image: personToCardSpec(person) });
      const d = await readThaiIdCard(card.transport());
      expect(d.citizenId).toBe(person.pid);
      expect(d.firstNameTh).toBe(person.firstNameTh);
      expect(d.lastNameEn).toBe(person.lastNameEn);
      expect(d.sex).toBe(person.sex);
      expect(d.birthDate).toBe(
        `${person.birthDate.year - 543}-${String(person.birthDate.month).padStart(2, '0')}-${String(person.birthDate.day).padStart(2, '0')}`,
      );
    }
  });
});
