import {
  AuthenCodeError,
  assertVisitRequest,
  normalizeThaiMobile,
  type VisitRequest,
  validateVisitRequest,
} from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOW = Date.UTC(2021, 7, 3, 12, 30); // 19:30 Bangkok, 3 Aug 2021
const now = () => NOW;
const good: VisitRequest = {
  claimType: 'PG0060001',
  visitDateTime: '2021-08-03T19:02',
  hn: 'HN1111',
  mobile: '081-234-5678',
  certifier: 'PATIENT',
  method: 'SMART_CARD',
};

describe('normalizeThaiMobile', () => {
  it('accepts 06/08/09 mobiles in common notations', () => {
    expect(normalizeThaiMobile('0812345678')).toBe('0812345678');
    expect(normalizeThaiMobile('081-234-5678')).toBe('0812345678');
    expect(normalizeThaiMobile('+66 81 234 5678')).toBe('0812345678');
    expect(normalizeThaiMobile('66912345678')).toBe('0912345678');
    expect(normalizeThaiMobile('(06) 1234-5678')).toBe('0612345678');
  });
  it('rejects landlines, short and long numbers', () => {
    for (const bad of ['021234567', '0212345678', '081234567', '08123456789', '1812345678', 'abc', '']) {
      expect(normalizeThaiMobile(bad)).toBeNull();
    }
    expect(normalizeThaiMobile(812345678 as unknown as string)).toBeNull();
  });
  it('round-trips any valid mobile with separators', () => {
    fc.assert(
      fc.property(fc.constantFrom('06', '08', '09'), fc.stringMatching(/^\d{8}$/), (p, rest) => {
        const m = p + rest;
        expect(normalizeThaiMobile(`${m.slice(0, 3)}-${m.slice(3, 6)}-${m.slice(6)}`)).toBe(m);
        expect(normalizeThaiMobile(`+66${m.slice(1)}`)).toBe(m);
      }),
    );
  });
});

describe('validateVisitRequest', () => {
  it('normalises a good request', () => {
    const r = validateVisitRequest(
      { ...good, pid: '1-1017-00230-70-8', hcode: '10998', channel: 'AGENT' },
      { now },
    );
    expect(r.valid).toBe(true);
    if (!r.valid) return;
    expect(r.value.claimType.code).toBe('PG0060001');
    expect(r.value.visitDateTime.toISOString()).toBe('2021-08-03T12:02:00.000Z');
    expect(r.value.mobile).toBe('0812345678');
    expect(r.value.pid).toBe('1101700230708');
    expect(r.value).toMatchObject({ hn: 'HN1111', hcode: '10998', channel: 'AGENT' });
  });

  it('lists every bad field at once without echoing values', () => {
    const r = validateVisitRequest(
      {
        claimType: 'PG9999999',
        visitDateTime: '2021-08-04T09:00',
        hn: '#bad hn#',
        mobile: '0212345678',
        certifier: 'NEIGHBOUR' as never,
        method: 'TELEPATHY' as never,
        pid: '1101700230709',
        hcode: '123',
        channel: 'FAX' as never,
      },
      { now },
    );
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'claimType:UNKNOWN_CLAIM_TYPE',
      'visitDateTime:IN_FUTURE',
      'hn:INVALID_HN',
      'mobile:INVALID_MOBILE',
      'certifier:INVALID_CERTIFIER',
      'method:INVALID_METHOD',
      'pid:INVALID_PID',
      'hcode:INVALID_HCODE',
      'channel:INVALID_CHANNEL',
    ]);
    const text = JSON.stringify(r.issues);
    for (const secret of ['1101700230709', '0212345678', 'bad hn', 'NEIGHBOUR'])
      expect(text).not.toContain(secret);
    for (const i of r.issues) expect(i.messageTh.length).toBeGreaterThan(3);
  });

  it('reports missing required fields', () => {
    const r = validateVisitRequest({} as VisitRequest, { now, requireHn: true });
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.issues.map((i) => i.field).sort()).toEqual(
      ['certifier', 'claimType', 'hn', 'method', 'mobile', 'visitDateTime'].sort(),
    );
    expect(r.issues.every((i) => i.code === 'REQUIRED')).toBe(true);
    expect(validateVisitRequest(null as unknown as VisitRequest).valid).toBe(false);
  });

  it('applies the future tolerance with an injected clock', () => {
    const at = (iso: string, tol?: number) =>
      validateVisitRequest(
        { ...good, visitDateTime: iso },
        { now, ...(tol === undefined ? {} : { futureToleranceMs: tol }) },
      ).valid;
    expect(at('2021-08-03T19:34')).toBe(true); // +4 min, default tolerance 5 min
    expect(at('2021-08-03T19:36')).toBe(false);
    expect(at('2021-08-03T19:31', 0)).toBe(false);
    expect(at('2021-08-03T20:29', 3_600_000)).toBe(true);
    expect(at('2020-01-01T00:00')).toBe(true); // past is fine
    expect(validateVisitRequest({ ...good, visitDateTime: 'soon' }, { now }).issues?.[0]?.code).toBe(
      'INVALID_DATE',
    );
    expect(validateVisitRequest(good, { now: () => new Date(NOW) }).valid).toBe(true);
  });

  it('assertVisitRequest throws INVALID_VISIT_REQUEST with the issues', () => {
    expect(assertVisitRequest(good, { now }).mobile).toBe('0812345678');
    try {
      assertVisitRequest({ ...good, mobile: '12' }, { now });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuthenCodeError);
      expect((e as AuthenCodeError).code).toBe('INVALID_VISIT_REQUEST');
      expect((e as AuthenCodeError).details?.issues).toHaveLength(1);
      expect((e as AuthenCodeError).message).toContain('mobile (INVALID_MOBILE)');
    }
  });
});
