import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  AuthenCodeError,
  type AuthenCodeReportRecord,
  createReportRowFormatter,
  generateReportRecords,
  REPORT_COLUMNS,
} from '@authenkit/authen-code';
import { toXlsx } from '@authenkit/authen-code/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'authen-code-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readBack(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const vals: string[] = [];
    for (let c = 1; c <= REPORT_COLUMNS.length; c++) {
      const v = row.getCell(c).value;
      vals.push(v === null || v === undefined ? '' : String(v));
    }
    rows.push(vals);
  });
  return rows;
}

describe('toXlsx', () => {
  it('writes the report to a file with Thai headers and text cells', async () => {
    const records = [...generateReportRecords({ count: 300, seed: 4, trickyNames: 0.2 })];
    records[0] = { ...records[0]!, pid: '0000000000001', fullName: 'สมชาย "ต้น", ใจดี\nบรรทัดสอง' };
    const file = join(dir, 'r.xlsx');
    const { rows } = await toXlsx(records, { file, title: 'รายงานสรุปการขอรหัส Authen Code' });
    expect(rows).toBe(300);
    const back = await readBack(file);
    expect(back[0]![0]).toBe('รายงานสรุปการขอรหัส Authen Code');
    expect(back[1]).toEqual(REPORT_COLUMNS.map((c) => c.th));
    const fmt = createReportRowFormatter();
    expect(back.slice(2)).toEqual(records.map(fmt));
    expect(back[2]![2]).toBe('0000000000001'); // leading zeros kept
  });

  it('writes to a stream, in English, with chosen columns', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => stream.on('end', r));
    const { rows } = await toXlsx(generateReportRecords({ count: 5, seed: 1 }), {
      stream,
      language: 'en',
      columns: ['authenCode', 'status'],
      sheetName: 'Report/2020',
    });
    await done;
    expect(rows).toBe(5);
    const buf = Buffer.concat(chunks);
    expect(buf.subarray(0, 2).toString()).toBe('PK'); // a zip container
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Report 2020');
    expect(ws.getRow(1).values).toEqual([undefined, 'Authen Code', 'Status']);
    expect(ws.rowCount).toBe(6);
  });

  it('rejects bad options and reports the bad record', async () => {
    await expect(toXlsx([], {} as never)).rejects.toThrowError(AuthenCodeError);
    await expect(toXlsx([], { file: join(dir, 'a.xlsx'), stream: new PassThrough() })).rejects.toThrowError(
      /exactly one/,
    );
    const bad: AuthenCodeReportRecord[] = [
      ...generateReportRecords({ count: 2, seed: 1 }),
      { ...[...generateReportRecords({ count: 1, seed: 2 })][0]!, recordDateTime: 'nope' },
    ];
    await expect(toXlsx(bad, { file: join(dir, 'bad.xlsx') })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { index: 2, field: 'recordDateTime' },
    });
  });
});
