import {
  AUTHEN_CHANNELS,
  AuthenCodeError,
  CERTIFIER_ROLES,
  cancelAuthenCode,
  canTransition,
  claimTypes,
  findClaimTypeByName,
  formatInscl,
  getClaimType,
  getInscl,
  isAuthenCode,
  isClaimTypeCode,
  issueAuthenCode,
  MAIN_INSCL,
  markAuthenCodeUsed,
  parseAuthenCode,
  parseCertifierRole,
  parseChannel,
  parseInscl,
  parseVerificationMethod,
  requireClaimType,
  SUB_INSCL,
  transitionAuthenCode,
  VERIFICATION_METHODS,
} from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const DECK_CODES = [
  'OPD',
  'PG0060001',
  'PG0010065',
  'PG0010066',
  'PG0010067',
  'PG0070001',
  'PG0080001',
  'PG0090001',
  'PG0110001',
  'PG0120001',
  'PG0130001',
  'PG0140001',
  'PG0150001',
  'PG0180001',
];

describe('claim types', () => {
  it('lists every code from the deck and the reference, with names and confidence', () => {
    expect(claimTypes.map((c) => c.code).sort()).toEqual([...DECK_CODES].sort());
    for (const c of claimTypes) {
      expect(c.nameTh.length).toBeGreaterThan(2);
      expect(c.nameEn.length).toBeGreaterThan(2);
      expect(['documented', 'inferred']).toContain(c.confidence);
      expect(c.source.length).toBeGreaterThan(5);
      expect(Object.isFrozen(c)).toBe(true);
      if (c.confidence === 'inferred') expect(c.note).toBeTruthy();
      expect(getClaimType(c.code)).toBe(c);
      expect(isClaimTypeCode(c.code)).toBe(true);
    }
    expect(Object.isFrozen(claimTypes)).toBe(true);
  });

  it('matches the deck texts', () => {
    expect(getClaimType('PG0010065')?.nameTh).toBe('คัดกรองโควิดแบบ Antigen');
    expect(getClaimType('PG0010066')?.nameTh).toBe('คัดกรองโควิดแบบ RTPCR');
    expect(getClaimType('PG0010067')?.nameTh).toBe('คัดกรองโควิดอื่นๆ');
    expect(getClaimType('PG0070001')?.nameTh).toBe('PP Fee Schedule');
    expect(getClaimType('PG0080001')?.nameTh).toBe('การดูแลรักษาใน รพ.สนามในชุมชน (Community Isolation)');
    expect(getClaimType('PG0090001')?.nameTh).toBe('การดูแลรักษาในที่พัก (Home Isolation)');
    expect(getClaimType('OPD')?.nameTh).toBe('เข้ารับการรักษาทั่วไป (OPD/IPD)');
    expect(getClaimType('PG0140001')?.confidence).toBe('inferred');
    expect(getClaimType('PG0150001')?.confidence).toBe('inferred');
  });

  it('looks up case-insensitively and by name', () => {
    expect(getClaimType(' pg0060001 ')?.code).toBe('PG0060001');
    expect(getClaimType('PG9999999')).toBeUndefined();
    expect(isClaimTypeCode('pg0060001')).toBe(false);
    expect(() => requireClaimType('nope')).toThrowError(AuthenCodeError);
    expect(findClaimTypeByName('คัดกรองโควิดแบบ RTPCR')?.code).toBe('PG0010066');
    expect(findClaimTypeByName('การดูแลรักษาในชุมชน (Community Isolation)')?.code).toBe('PG0080001');
    expect(findClaimTypeByName('haemodialysis (hd)')?.code).toBe('PG0130001');
    expect(findClaimTypeByName('unknown')).toBeUndefined();
  });
});

describe('inscl', () => {
  it('parses the agent "(CODE) name" form', () => {
    expect(parseInscl('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ')).toEqual({
      code: 'UCS',
      name: 'สิทธิหลักประกันสุขภาพแห่งชาติ',
    });
    expect(parseInscl('(89) ช่วงอายุ 12-59 ปี')).toEqual({ code: '89', name: 'ช่วงอายุ 12-59 ปี' });
    expect(parseInscl('(WEL) สิทธิหลักประกันสุขภาพแห่งชาติ (ยกเว้นการร่วมจ่ายค่าบริการ 30 บาท)').name).toBe(
      'สิทธิหลักประกันสุขภาพแห่งชาติ (ยกเว้นการร่วมจ่ายค่าบริการ 30 บาท)',
    );
    expect(parseInscl('(SSS)')).toEqual({ code: 'SSS', name: 'สิทธิประกันสังคม' });
  });

  it('parses bare codes and API objects', () => {
    expect(parseInscl('ucs')).toEqual({ code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' });
    expect(parseInscl('ZZZ')).toEqual({ code: 'ZZZ', name: null });
    expect(parseInscl({ id: 'OFC', name: 'x' })).toEqual({ code: 'OFC', name: 'x' });
    expect(parseInscl({ rightId: 'SSS' })).toEqual({ code: 'SSS', name: 'สิทธิประกันสังคม' });
    expect(parseInscl({ inscl: '89', insclName: 'ช่วงอายุ 12-59 ปี' }).code).toBe('89');
  });

  it('rejects garbage with INVALID_INSCL', () => {
    for (const bad of ['', '   ', 'สิทธิ ไม่มีรหัส', '(U C S) x']) {
      expect(() => parseInscl(bad)).toThrowError(AuthenCodeError);
    }
    expect(() => parseInscl({ name: 'x' })).toThrowError(/code/);
    expect(() => parseInscl(5 as unknown as string)).toThrowError(AuthenCodeError);
  });

  it('round-trips "(CODE) name"', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,6}$/),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== ''),
        (code, name) => {
          expect(parseInscl(formatInscl({ code, name }))).toEqual({ code, name });
        },
      ),
    );
  });

  it('has the main codes and sub codes with Thai names', () => {
    for (const c of ['UCS', 'WEL', 'OFC', 'LGO', 'SSS', 'SSI', 'PVT', 'DIS'] as const) {
      expect(MAIN_INSCL[c].th).toMatch(/สิทธิ/);
      expect(getInscl(c.toLowerCase())).toBe(MAIN_INSCL[c]);
    }
    expect(getInscl('89')?.th).toBe('ช่วงอายุ 12-59 ปี');
    expect(new Set(SUB_INSCL.map((s) => s.code)).size).toBe(SUB_INSCL.length);
  });
});

describe('Authen Code', () => {
  it('parses PP, EP and OP codes', () => {
    expect(parseAuthenCode('PP1238504971')).toEqual({
      code: 'PP1238504971',
      kind: 'PP',
      digits: '1238504971',
    });
    expect(parseAuthenCode(' op1000001444 ').kind).toBe('OP');
    expect(parseAuthenCode('EP12345678').kind).toBe('EP');
    for (const ok of ['PP1015363237', 'PP1321912142', 'OP1000001380']) expect(isAuthenCode(ok)).toBe(true);
  });

  it.each([
    ['', 'EMPTY'],
    ['XX1238504971', 'PREFIX'],
    ['PP123850497', 'SHAPE'],
    ['PP12385049711', 'SHAPE'],
    ['PP12385O4971', 'SHAPE'],
    ['EP123', 'SHAPE'],
  ])('rejects %j (%s)', (s, reason) => {
    expect(isAuthenCode(s)).toBe(false);
    try {
      parseAuthenCode(s);
      expect.unreachable();
    } catch (e) {
      expect((e as AuthenCodeError).code).toBe('INVALID_AUTHEN_CODE');
      expect((e as AuthenCodeError).details?.reason).toBe(reason);
    }
  });

  it('round-trips generated codes', () => {
    fc.assert(
      fc.property(fc.constantFrom('PP', 'EP', 'OP'), fc.stringMatching(/^\d{10}$/), (p, d) => {
        const a = parseAuthenCode(p.toLowerCase() + d);
        expect(a.code).toBe(p + d);
        expect(a.kind + a.digits).toBe(a.code);
        expect(isAuthenCode(a.code)).toBe(true);
      }),
    );
    expect(isAuthenCode(42)).toBe(false);
  });

  it('runs the lifecycle issued → used | cancelled', () => {
    const issued = issueAuthenCode({ code: 'pp1238504971', at: '2023-08-04T15:32:17' });
    expect(issued).toMatchObject({ status: 'issued', code: 'PP1238504971' });
    const used = markAuthenCodeUsed(issued, '2023-08-04T16:00');
    expect(used.status).toBe('used');
    const cancelled = cancelAuthenCode(issued, { at: '2023-08-04T16:00', reason: ' ออกรหัสซ้ำ ', by: 'staff' });
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'ออกรหัสซ้ำ', by: 'staff' });
    expect(issued.status).toBe('issued'); // immutable
    expect(Object.isFrozen(used)).toBe(true);
  });

  it('rejects illegal transitions with typed errors', () => {
    const issued = issueAuthenCode({ code: 'PP1238504971', at: 1000 });
    const used = markAuthenCodeUsed(issued, 2000);
    const cancelled = cancelAuthenCode(issued, { at: 2000, reason: 'x' });
    for (const [s, ev] of [
      [used, 'use'],
      [used, 'cancel'],
      [cancelled, 'use'],
      [cancelled, 'cancel'],
    ] as const) {
      expect(canTransition(s.status, ev)).toBe(false);
      try {
        transitionAuthenCode(
          s,
          ev === 'use' ? { type: 'use', at: 3000 } : { type: 'cancel', at: 3000, reason: 'r' },
        );
        expect.unreachable();
      } catch (e) {
        expect((e as AuthenCodeError).code).toBe('ILLEGAL_TRANSITION');
        expect((e as AuthenCodeError).details).toEqual({ from: s.status, event: ev });
      }
    }
    expect(() => cancelAuthenCode(issued, { at: 2000, reason: '  ' })).toThrowError(/reason/);
    expect(() => markAuthenCodeUsed(issued, 500)).toThrowError(/before the issue/);
    expect(() => issueAuthenCode({ code: 'bad', at: 0 })).toThrowError(AuthenCodeError);
  });
});

describe('vocabularies', () => {
  it('parses labels, report texts and aliases', () => {
    expect(parseChannel('ERM-ONLINE')).toBe('ERM_ONLINE');
    expect(parseChannel('erm online')).toBe('ERM_ONLINE');
    expect(parseChannel('API')).toBe('ENDPOINT');
    expect(parseChannel('nope')).toBeUndefined();
    expect(parseVerificationMethod('ด้วยบัตรประจำตัวประชาชน (SMART CARD)')).toBe('SMART_CARD');
    expect(parseVerificationMethod('โดยการระบุเลขประจำตัวประชาชน')).toBe('PID_ENTRY');
    expect(parseCertifierRole('ผู้ดูแลผู้รับบริการ')).toBe('CAREGIVER');
    expect(parseCertifierRole('ผู้ปกครอง')).toBe('PARENT');
    for (const t of [AUTHEN_CHANNELS, VERIFICATION_METHODS, CERTIFIER_ROLES]) {
      for (const [k, v] of Object.entries(t)) {
        expect(v.code).toBe(k);
        expect(v.th && v.en && v.report).toBeTruthy();
      }
    }
  });
});
