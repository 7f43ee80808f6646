import {
  AuthenCodeError,
  type AuthenCodeReportRecord,
  createReportRowFormatter,
  filterReport,
  generateReportRecords,
  isAuthenCode,
  isValidCitizenId,
  REPORT_COLUMNS,
  type ReportFilter,
  recordServiceType,
  reportHeader,
  summarizeReport,
  validateReportFilter,
} from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The 17 column headers of the NHSO deck, verbatim and in order.
const DECK_HEADER =
  'รหัสหน่วยบริการที่ให้บริการ\tชื่อหน่วยบริการที่ให้บริการ\tเลขประจำตัวประชาชน\tชื่อ-สกุลประชาชน\tรหัสการเข้ารับการรักษา (Authen Code)\tประเภทการเข้ารับบริการ\tHN Code\tAN Code\tวันที่เข้ารับบริการ\tวันที่บันทึกข้อมูล Authen Code\tสถานะการใช้งาน\tช่องทางขอ Authen code\tวิธีการพิสูจน์ตัวตนในการเข้ารับบริการ\tผู้รับรองการเข้ารับบริการ\tวันที่แก้ไข Authen Code\tชื่อผู้แก้ไข Authen Code\tเหตุผลการยกเลิก';

const deckRow: AuthenCodeReportRecord = {
  hcode: '10998',
  hname: 'รพ.',
  pid: '1101700230708',
  fullName: 'ธิดา ไช',
  authenCode: 'OP1000001444',
  claimType: 'OPD',
  hn: 'HN1111',
  visitDateTime: '2020-12-07T10:00',
  recordDateTime: '2020-12-07T10:05',
  status: 'issued',
  channel: 'ERM_ONLINE',
  verificationMethod: 'PID_ENTRY',
  certifier: 'CAREGIVER',
  zone: 4,
  provinceCode: '1400',
  provinceName: 'พระนครศรีอยุธยา',
  recorderPid: '3100600171284',
};

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('REPORT_COLUMNS', () => {
  it('has the 17 deck columns in order', () => {
    expect(REPORT_COLUMNS).toHaveLength(17);
    expect(REPORT_COLUMNS.map((c) => c.th).join('\t')).toBe(DECK_HEADER);
    expect(new Set(REPORT_COLUMNS.map((c) => c.key)).size).toBe(17);
    for (const c of REPORT_COLUMNS) expect(c.en).toMatch(/^[A-Z]/);
    expect(Object.isFrozen(REPORT_COLUMNS)).toBe(true);
    expect(reportHeader()).toEqual(REPORT_COLUMNS.map((c) => c.th));
    expect(reportHeader({ language: 'en', columns: ['pid', 'status'] })).toEqual(['Citizen ID', 'Status']);
  });

  it('renders a row like the deck (long Thai dates, deck labels)', () => {
    const row = createReportRowFormatter()(deckRow);
    expect(row).toEqual([
      '10998',
      'รพ.',
      '1101700230708',
      'ธิดา ไช',
      'OP1000001444',
      'OPD',
      'HN1111',
      '',
      '07 ธันวาคม 2563',
      '07 ธันวาคม 2563',
      'ออกรหัสแล้ว',
      'ERM-ONLINE',
      'โดยการระบุเลขประจำตัวประชาชน',
      'ผู้ดูแลผู้รับบริการ',
      '',
      '',
      '',
    ]);
    const en = createReportRowFormatter({ language: 'en', dateStyle: 'datetime', maskPid: true })(deckRow);
    expect(en[2]).toBe('1-1017-xxxxx-xx-8');
    expect(en[8]).toBe('07/12/2020 10:00');
    expect(en.slice(10, 14)).toEqual(['Issued', 'NHSO ERM web', 'Citizen ID entered', 'Caregiver']);
    const iso = createReportRowFormatter({ dateStyle: 'iso', columns: ['visitDateTime'] });
    expect(iso({ ...deckRow, visitDateTime: new Date('2020-12-06T20:00:00Z') })).toEqual([
      '2020-12-07T03:00:00+07:00',
    ]);
    expect(createReportRowFormatter({ dateStyle: 'datetime', columns: ['visitDateTime'] })(deckRow)).toEqual([
      '07/12/2563 10:00',
    ]);
  });

  it('keeps unknown codes and rejects bad options / dates', () => {
    const f = createReportRowFormatter({ columns: ['status', 'channel'] });
    expect(f({ ...deckRow, status: 'weird' as never, channel: 'FAX' as never })).toEqual(['weird', 'FAX']);
    expect(() => createReportRowFormatter({ columns: ['nope' as never] })).toThrowError(AuthenCodeError);
    expect(() => createReportRowFormatter({ columns: [] })).toThrowError(AuthenCodeError);
    expect(() => createReportRowFormatter({ dateStyle: 'x' as never })).toThrowError(AuthenCodeError);
    expect(() => createReportRowFormatter({ language: 'fr' as never })).toThrowError(AuthenCodeError);
    expect(() => createReportRowFormatter()({ ...deckRow, visitDateTime: 'not a date' })).toThrowError(
      /invalid visitDateTime/,
    );
  });
});

describe('filterReport', () => {
  const rows: AuthenCodeReportRecord[] = [
    deckRow,
    {
      ...deckRow,
      pid: '3100600171284',
      authenCode: 'PP1238504971',
      claimType: 'PG0010066',
      visitDateTime: '2020-12-01T08:00',
      recordDateTime: '2020-12-23T08:00',
      status: 'cancelled',
      channel: 'AGENT',
      certifier: 'PARENT',
      verificationMethod: 'SMART_CARD',
      hcode: '10999',
      hname: 'รพ.ชุมแพ',
      zone: 7,
      provinceCode: '4000',
      provinceName: 'ขอนแก่น',
      recorderPid: '1101700230708',
    },
  ];
  const run = (f: ReportFilter) => collect(filterReport(rows, f)).then((r) => r.map((x) => x.authenCode));

  it('applies each deck filter', async () => {
    expect(await run({})).toEqual(['OP1000001444', 'PP1238504971']);
    expect(await run({ zone: 7 })).toEqual(['PP1238504971']);
    expect(await run({ province: 'พระนครศรีอยุธยา' })).toEqual(['OP1000001444']);
    expect(await run({ province: '4000' })).toEqual(['PP1238504971']);
    expect(await run({ hcode: '10998' })).toEqual(['OP1000001444']);
    expect(await run({ hname: 'ชุมแพ' })).toEqual(['PP1238504971']);
    expect(await run({ pid: '3-1006-00171-28-4' })).toEqual(['PP1238504971']);
    expect(await run({ authenCode: 'op1000001444' })).toEqual(['OP1000001444']);
    expect(await run({ serviceType: 'PP' })).toEqual(['PP1238504971']);
    expect(await run({ serviceType: 'OPD' })).toEqual(['OP1000001444']);
    expect(await run({ claimType: 'PG0010066' })).toEqual(['PP1238504971']);
    expect(await run({ visitDate: { from: '01/12/2563', to: '01/12/2563' } })).toEqual(['PP1238504971']);
    expect(await run({ visitDate: { from: '2020-12-02' } })).toEqual(['OP1000001444']);
    expect(await run({ recordDate: { from: '23/12/2563', to: '23/12/2563' } })).toEqual(['PP1238504971']);
    expect(await run({ recordDate: { to: new Date('2020-12-10T00:00:00+07:00') } })).toEqual([
      'OP1000001444',
    ]);
    expect(await run({ channel: 'ERM_ONLINE' })).toEqual(['OP1000001444']);
    expect(await run({ status: 'cancelled' })).toEqual(['PP1238504971']);
    expect(await run({ certifier: 'PARENT' })).toEqual(['PP1238504971']);
    expect(await run({ verificationMethod: 'PID_ENTRY' })).toEqual(['OP1000001444']);
    expect(await run({ recorderPid: '1101700230708' })).toEqual(['PP1238504971']);
    expect(await run({ zone: 7, status: 'issued' })).toEqual([]);
  });

  it('works lazily on async iterables', async () => {
    let pulled = 0;
    async function* src() {
      for (const r of generateReportRecords({ count: 1000, seed: 2 })) {
        pulled++;
        yield r;
      }
    }
    const it = filterReport(src(), { status: 'used' })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(first.value?.status).toBe('used');
    expect(pulled).toBeLessThan(20);
    await it.return?.();
  });

  it('validates the filter up front and lists every problem', () => {
    try {
      filterReport(rows, {
        zone: 14,
        hcode: '12',
        pid: '1101700230709',
        authenCode: 'XX',
        serviceType: 'IPD' as never,
        claimType: 'PG0',
        channel: 'FAX' as never,
        status: 'lost' as never,
        certifier: 'X' as never,
        verificationMethod: 'Y' as never,
        visitDate: { from: '2020-12-31', to: '2020-12-01' },
        recordDate: { from: 'tomorrow' },
        typo: 1,
      } as ReportFilter);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuthenCodeError);
      const err = e as AuthenCodeError;
      expect(err.code).toBe('INVALID_FILTER');
      const fields = (err.details!.issues as { field: string }[]).map((i) => i.field).sort();
      expect(fields).toEqual(
        [
          'authenCode',
          'certifier',
          'channel',
          'claimType',
          'hcode',
          'pid',
          'recordDate.from',
          'serviceType',
          'status',
          'typo',
          'verificationMethod',
          'visitDate',
          'zone',
        ].sort(),
      );
      expect(err.message).not.toContain('1101700230709');
    }
    expect(() => validateReportFilter(null as never)).toThrowError(AuthenCodeError);
    expect(() =>
      validateReportFilter({ zone: 4, visitDate: { from: '2020-12-01', to: '2020-12-23' } }),
    ).not.toThrow();
  });

  it('names the record (not the value) when a date filter meets a bad date', async () => {
    const bad = [deckRow, { ...deckRow, visitDateTime: 'garbage' }];
    await expect(collect(filterReport(bad, { visitDate: { from: '2020-01-01' } }))).rejects.toThrowError(
      /record #1 has an invalid visitDateTime/,
    );
  });
});

describe('summarizeReport', () => {
  it('counts per day, per service, per status/channel/method/certifier', async () => {
    const records = [...generateReportRecords({ count: 2000, seed: 11, days: 10 })];
    const s = await summarizeReport(records);
    expect(s.total).toBe(2000);
    const sum = (o: object) => Object.values(o).reduce((a: number, b) => a + (b as number), 0);
    expect(sum(s.byStatus)).toBe(2000);
    expect(sum(s.byChannel)).toBe(2000);
    expect(sum(s.byVerificationMethod)).toBe(2000);
    expect(sum(s.byCertifier)).toBe(2000);
    expect(s.byDay.length).toBeLessThanOrEqual(10);
    expect(s.byDay.reduce((a, d) => a + d.total, 0)).toBe(2000);
    expect([...s.byDay.map((d) => d.date)].sort()).toEqual(s.byDay.map((d) => d.date));
    expect(s.firstDate).toBe(s.byDay[0]?.date);
    expect(s.lastDate).toBe(s.byDay.at(-1)?.date);
    for (const d of s.byDay) expect(sum(d.byService)).toBe(d.total);
    expect(s.byService.reduce((a, x) => a + x.total, 0)).toBe(2000);
    for (let i = 1; i < s.byService.length; i++) {
      expect(s.byService[i - 1]!.total).toBeGreaterThanOrEqual(s.byService[i]!.total);
    }
    // cross-check one cell by brute force
    const day = s.byDay[0]!;
    const brute = records.filter(
      (r) =>
        new Date(new Date(r.visitDateTime as Date).getTime() + 7 * 3_600_000).toISOString().slice(0, 10) ===
        day.date,
    );
    expect(brute.length).toBe(day.total);
    expect(brute.filter((r) => r.status === 'cancelled').length).toBe(day.byStatus.cancelled);
    expect(s.byService.find((x) => x.claimType === 'PG0130001')?.nameTh).toBe(
      'บริการฟอกเลือดด้วยเครื่องไตเทียม (HD)',
    );
  });

  it('groups by record date when asked, and handles empty input', async () => {
    const s = await summarizeReport([{ ...deckRow, recordDateTime: '2020-12-23T08:00' }], {
      by: 'recordDate',
    });
    expect(s.byDay.map((d) => d.date)).toEqual(['2020-12-23']);
    const empty = await summarizeReport([]);
    expect(empty).toMatchObject({ total: 0, firstDate: null, lastDate: null, byDay: [], byService: [] });
    await expect(summarizeReport([], { by: 'x' as never })).rejects.toThrowError(AuthenCodeError);
  });
});

describe('generateReportRecords', () => {
  it('is deterministic and valid', () => {
    const a = [...generateReportRecords({ count: 200, seed: 5 })];
    const b = [...generateReportRecords({ count: 200, seed: 5 })];
    expect(a).toEqual(b);
    for (const r of a) {
      expect(isValidCitizenId(r.pid)).toBe(true);
      expect(isAuthenCode(r.authenCode)).toBe(true);
      expect(recordServiceType(r)).toBeDefined();
      if (r.status === 'cancelled') expect(r.cancelReason).toBeTruthy();
    }
    expect(new Set(a.map((r) => r.authenCode)).size).toBe(200);
    expect(() => [...generateReportRecords({ count: -1 })]).toThrowError(AuthenCodeError);
  });
});

describe('summarizeReport with hostile values', () => {
  it('keeps "__proto__" and friends as data', async () => {
    const r = {
      ...generateReportRecords({ count: 1, seed: 1 }).next().value!,
      claimType: '__proto__',
      channel: '__proto__' as never,
    };
    const s = await summarizeReport([r, r]);
    expect(Object.getPrototypeOf(s.byChannel)).toBe(Object.prototype);
    expect(Object.hasOwn(s.byChannel, '__proto__')).toBe(true);
    expect(Object.hasOwn(s.byDay[0]!.byService, '__PROTO__')).toBe(true);
    expect(s.byService[0]).toMatchObject({ claimType: '__PROTO__', total: 2, nameTh: null });
  });
});

describe('filterReport agrees with a brute-force filter', () => {
  const records = [...generateReportRecords({ count: 400, seed: 21, days: 20 })].map((r, i) => ({
    ...r,
    zone: (i % 3) + 3,
    hcode: i % 2 ? '10998' : '10999',
    hname: i % 2 ? 'รพ.ตัวอย่าง' : 'รพ.ชุมแพ',
  }));
  const dayOf = (d: unknown) => new Date((d as Date).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const days = [...new Set(records.map((r) => dayOf(r.visitDateTime)))].sort();
  const rdays = [...new Set(records.map((r) => dayOf(r.recordDateTime)))].sort();

  it('for random combinations of filters', async () => {
    const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          zone: opt(fc.constantFrom(3, 4, 5)),
          hcode: opt(fc.constantFrom('10998', '10999')),
          hname: opt(fc.constantFrom('ชุมแพ', 'ตัวอย่าง', 'รพ.')),
          status: opt(fc.constantFrom('issued' as const, 'used' as const, 'cancelled' as const)),
          channel: opt(fc.constantFrom(...(['ERM_ONLINE', 'AGENT', 'KIOSK', 'LINE', 'ENDPOINT'] as const))),
          certifier: opt(fc.constantFrom(...(['PATIENT', 'PARENT', 'CAREGIVER', 'STAFF'] as const))),
          verificationMethod: opt(
            fc.constantFrom(...(['SMART_CARD', 'PID_ENTRY', 'QR_LINE', 'FACE'] as const)),
          ),
          serviceType: opt(fc.constantFrom('OPD' as const, 'PP' as const)),
          claimType: opt(fc.constantFrom('OPD', 'PG0060001', 'PG0130001', 'PG0010065')),
          pid: opt(fc.constantFrom(records[0]!.pid, records[7]!.pid)),
          visit: opt(fc.tuple(fc.constantFrom(...days), fc.constantFrom(...days))),
          record: opt(fc.tuple(fc.constantFrom(...rdays), fc.constantFrom(...rdays))),
        }),
        async (f) => {
          const visit =
            f.visit && f.visit[0] <= f.visit[1] ? { from: f.visit[0], to: f.visit[1] } : undefined;
          const record =
            f.record && f.record[0] <= f.record[1] ? { from: f.record[0], to: f.record[1] } : undefined;
          const { visit: _v, record: _r, ...rest } = f;
          const filter: ReportFilter = { ...rest, visitDate: visit, recordDate: record };
          const got = (await collect(filterReport(records, filter))).map((r) => r.authenCode);
          const want = records
            .filter(
              (r) =>
                (f.zone === undefined || r.zone === f.zone) &&
                (f.hcode === undefined || r.hcode === f.hcode) &&
                (f.hname === undefined || r.hname.includes(f.hname)) &&
                (f.status === undefined || r.status === f.status) &&
                (f.channel === undefined || r.channel === f.channel) &&
                (f.certifier === undefined || r.certifier === f.certifier) &&
                (f.verificationMethod === undefined || r.verificationMethod === f.verificationMethod) &&
                (f.serviceType === undefined || r.serviceType === f.serviceType) &&
                (f.claimType === undefined || r.claimType === f.claimType) &&
                (f.pid === undefined || r.pid === f.pid) &&
                (visit === undefined ||
                  (dayOf(r.visitDateTime) >= visit.from && dayOf(r.visitDateTime) <= visit.to)) &&
                (record === undefined ||
                  (dayOf(r.recordDateTime) >= record.from && dayOf(r.recordDateTime) <= record.to)),
            )
            .map((r) => r.authenCode);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});
