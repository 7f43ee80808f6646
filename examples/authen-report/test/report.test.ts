import { maskCitizenId, REPORT_COLUMNS } from '@authenkit/authen-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReportFixture } from './fixture.js';

let fx: Awaited<ReturnType<typeof startReportFixture>>;
const get = async (path: string) => {
  const res = await fetch(new URL(path, fx.app.url));
  return res;
};
const report = async (query = '') => {
  const res = await get(`/api/report?${query}`);
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  fx = await startReportFixture();
});
afterAll(() => fx?.close());

describe('authen-report API', () => {
  it('lists every code of the unit in the last 7 days, 17 masked columns, in Thai and English', async () => {
    const { status, body } = await report();
    expect(status).toBe(200);
    const inWindow = fx.plan.filter((p) => p.hoursAgo < 6 * 24).length;
    expect(body.total).toBe(inWindow);
    expect(body.rows[0].th).toHaveLength(17);
    expect(body.rows[0].en).toHaveLength(17);
    const pidColumn = REPORT_COLUMNS.findIndex((c) => c.key === 'pid');
    for (const row of body.rows) expect(row.th[pidColumn]).toMatch(/^\d-\d{4}-x{5}-x{2}-\d$/);
    expect(JSON.stringify(body)).not.toContain(fx.plan[0]!.person.pid);
    expect(body.caption.th).toContain('รายงานสรุปการขอรหัส Authen Code ของรพ.ทดสอบนนทบุรี ช่วงวันที่');
    expect(body.rows.every((r: { th: string[] }) => r.th[0] === '10699')).toBe(true);
  });

  it('applies the deck filters: service, status, channel, certifier, citizen ID, Authen Code', async () => {
    const count = async (q: string) => (await report(q)).body.total;
    const recent = fx.plan.filter((p) => p.hoursAgo < 6 * 24);
    expect(await count('claimType=PG0010065')).toBe(recent.filter((p) => p.claimType === 'PG0010065').length);
    expect(await count('status=cancelled')).toBe(1);
    expect(await count('channel=LINE')).toBe(recent.filter((p) => p.channel === 'LINE').length);
    expect(await count('certifier=CAREGIVER')).toBe(recent.filter((p) => p.certifier === 'CAREGIVER').length);
    expect(await count('verification=QR_LINE')).toBe(recent.filter((p) => p.method === 'QR_LINE').length);
    const who = recent[3]!.person;
    const byPid = await report(`pid=${who.pid}`);
    expect(byPid.body.total).toBe(1);
    expect(byPid.body.rows[0].th).toContain(maskCitizenId(who.pid));
    expect(await count(`claimCode=${fx.issued[0]!.claimCode.toLowerCase()}`)).toBe(1);
    expect(await count('zone=4&province=1200&hcode=10699')).toBe(recent.length);
    expect(await count('zone=5')).toBe(0);
  });

  it('shows the cancel reason and the editor date of a cancelled code', async () => {
    const { body } = await report('status=cancelled');
    const cols = REPORT_COLUMNS.map((c) => c.key);
    const row = body.rows[0].th;
    expect(row[cols.indexOf('authenCode')]).toBe(fx.cancelled.claimCode);
    expect(row[cols.indexOf('status')]).toBe('ยกเลิก');
    expect(row[cols.indexOf('cancelReason')]).toBe('ผู้ป่วยไม่มารับบริการ');
  });

  it('downloads CSV with the deck header row, Thai names and full citizen IDs', async () => {
    const res = await get('/api/report.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="authen-code-report-10699-/);
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(REPORT_COLUMNS.map((c) => c.th).join(','));
    const p = fx.plan[0]!.person;
    expect(text).toContain(p.pid);
    expect(text).toContain(p.firstNameTh);
    const en = await (await get('/api/report.csv?lang=en&status=cancelled')).text();
    expect(en.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(REPORT_COLUMNS.map((c) => c.en).join(','));
    expect(en.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('downloads an Excel workbook', async () => {
    const res = await get('/api/report.xlsx');
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip (xlsx) container
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('refuses a window longer than 14 days and bad filters, in Thai and English', async () => {
    const long = await report('serviceFrom=2026-01-01&serviceTo=2026-02-01');
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({
      code: 'REPORT_WINDOW_TOO_LONG',
      message: { th: expect.stringContaining('14 วัน') },
    });
    const bad = await report('zone=99');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_FILTER');
  });
});
