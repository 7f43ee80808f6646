/**
 * `@authenkit/authen-code/xlsx` — Node-only XLSX export of the NHSO Authen Code report, streamed with
 * exceljs' `WorkbookWriter` (rows are committed as they are written, so memory stays flat).
 *
 * `exceljs` is an optional peer dependency: install it next to this package (`npm install exceljs`). Without
 * it, {@link toXlsx} fails with `AuthenCodeError('MISSING_DEPENDENCY')`.
 *
 * @packageDocumentation
 */
/// <reference types="node" />
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AuthenCodeError, type AuthenCodeReportRecord, type RecordSource } from './index.js';
import { createReportRowFormatter, type ReportRowOptions, reportHeader } from './report-format.js';

/**
 * Options of {@link toXlsx}: where to write (exactly one of `stream` or `file`) and how to render cells.
 *
 * @example
 * ```ts
 * import type { XlsxOptions } from '@authenkit/authen-code/xlsx';
 * const o: XlsxOptions = { file: '/tmp/authen-report.xlsx', sheetName: 'Authen Code', language: 'th' };
 * ```
 */
export interface XlsxOptions extends ReportRowOptions {
  /** A writable stream to receive the .xlsx bytes (it is ended when the workbook is complete). */
  stream?: Writable;
  /** A file path to write the .xlsx to. */
  file?: string;
  /** Worksheet name (default `รายงาน Authen Code`; max 31 characters). */
  sheetName?: string;
  /** An optional title row above the header, e.g. the deck's "รายงานสรุปการขอรหัส claim code ของ… ช่วงวันที่ …". */
  title?: string;
}

/**
 * Result of {@link toXlsx}.
 *
 * @example
 * ```ts
 * import type { XlsxResult } from '@authenkit/authen-code/xlsx';
 * const r: XlsxResult = { rows: 0 };
 * ```
 */
export interface XlsxResult {
  /** Number of data rows written (header and title not counted). */
  readonly rows: number;
}

const WIDTHS: Record<string, number> = {
  hcode: 12,
  hname: 28,
  pid: 17,
  fullName: 26,
  authenCode: 18,
  claimType: 14,
  hn: 12,
  an: 12,
  visitDateTime: 20,
  recordDateTime: 20,
  status: 14,
  channel: 14,
  verificationMethod: 36,
  certifier: 20,
  editedAt: 20,
  editorName: 22,
  cancelReason: 30,
};

/** exceljs, loaded when first needed; a missing optional peer becomes `MISSING_DEPENDENCY`. */
async function loadExcelJs(): Promise<typeof ExcelJS> {
  let mod: { default?: typeof ExcelJS } & typeof ExcelJS;
  try {
    mod = await import('exceljs');
  } catch (cause) {
    const code = (cause as { code?: unknown })?.code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && /exceljs/.test(String(cause)))
      throw new AuthenCodeError(
        'MISSING_DEPENDENCY',
        'toXlsx needs the optional peer dependency exceljs: run `npm install exceljs`',
        { cause, details: { dependency: 'exceljs', install: 'npm install exceljs' } },
      );
    throw cause;
  }
  return mod.default ?? mod;
}

/**
 * Writes the NHSO Authen Code report as an .xlsx workbook, streaming (exceljs `stream.xlsx.WorkbookWriter`).
 * Every cell is text, so citizen IDs keep all 13 digits and Thai is intact. Columns and labels are the
 * same as `toCsv`.
 *
 * @throws `AuthenCodeError` `INVALID_ARGUMENT` when not exactly one of `stream`/`file` is given, for bad
 *   options, or for a record with an invalid date (`details.index`); `MISSING_DEPENDENCY` when the optional
 *   peer dependency `exceljs` is not installed (`npm install exceljs`)
 * @example
 * ```ts
 * import { generateReportRecords } from '@authenkit/authen-code';
 * import { toXlsx } from '@authenkit/authen-code/xlsx';
 * const { rows } = await toXlsx(generateReportRecords({ count: 100, seed: 1 }), { file: '/tmp/report.xlsx' });
 * console.log(rows); // 100
 * ```
 */
export async function toXlsx(
  records: RecordSource<AuthenCodeReportRecord>,
  options: XlsxOptions,
): Promise<XlsxResult> {
  if (
    typeof options !== 'object' ||
    options === null ||
    (options.stream === undefined) === (options.file === undefined)
  ) {
    throw new AuthenCodeError(
      'INVALID_ARGUMENT',
      'toXlsx needs exactly one of options.stream or options.file',
    );
  }
  const format = createReportRowFormatter(options);
  const header = reportHeader(options);
  const keys = (options.columns ?? Object.keys(WIDTHS)) as string[];
  const sheetName = (options.sheetName ?? 'รายงาน Authen Code').replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  const excel = await loadExcelJs();
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    ...(options.file !== undefined ? { filename: options.file } : { stream: options.stream }),
    useStyles: true,
    useSharedStrings: false,
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: options.title ? 2 : 1 }],
  });
  sheet.columns = keys.map((k) => ({ key: k, width: WIDTHS[k] ?? 16, style: { numFmt: '@' } }));
  if (options.title) {
    const t = sheet.addRow([options.title]);
    t.font = { bold: true, size: 14 };
    t.commit();
  }
  const h = sheet.addRow(header);
  h.font = { bold: true };
  h.commit();
  let rows = 0;
  try {
    for await (const r of records) {
      let cells: string[];
      try {
        cells = format(r);
      } catch (e) {
        if (e instanceof AuthenCodeError) {
          throw new AuthenCodeError(e.code, `record #${rows}: ${e.message}`, {
            cause: e,
            details: { ...e.details, index: rows },
          });
        }
        throw e;
      }
      sheet.addRow(cells).commit();
      rows++;
    }
  } catch (e) {
    // Finish the container so the stream/file is closed, then report the original error.
    try {
      sheet.commit();
      await workbook.commit();
    } catch {
      /* the original error matters more */
    }
    throw e;
  }
  sheet.commit();
  await workbook.commit();
  return { rows };
}
