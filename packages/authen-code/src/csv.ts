import { AuthenCodeError } from './errors.js';
import type { AuthenCodeReportRecord, RecordSource } from './report.js';
import { buildCellRenderers, type ReportRowOptions, reportHeader } from './report-format.js';

/**
 * Options of {@link toCsv}.
 *
 * @example
 * ```ts
 * import type { CsvOptions } from '@authenkit/authen-code';
 * const o: CsvOptions = { language: 'th', bom: true, escapeFormulas: true, chunkSize: 1 << 16 };
 * ```
 */
export interface CsvOptions extends ReportRowOptions {
  /** Start with a UTF-8 byte order mark so Excel opens Thai text correctly (default `true`). */
  bom?: boolean;
  /** Write the header row (default `true`). */
  header?: boolean;
  /**
   * Neutralise spreadsheet formulas: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
   * (CSV injection defence; default `true`). Set `false` for an exact round trip.
   */
  escapeFormulas?: boolean;
  /** Approximate size of each yielded chunk in UTF-16 code units (default 65 536). */
  chunkSize?: number;
}

const NEEDS_QUOTE = /[",\r\n]/;

/**
 * Encodes one CSV field per RFC 4180: quoted (with `"` doubled) only when it contains `"`, `,`, CR or LF.
 *
 * @param escapeFormulas - prefix `'` to values starting with `= + - @`, tab or CR (default `false` here)
 * @example
 * ```ts
 * import { csvField } from '@authenkit/authen-code';
 * console.log(csvField('สมชาย "ต้น", ใจดี')); // '"สมชาย ""ต้น"", ใจดี"'
 * ```
 */
export function csvField(value: string, escapeFormulas = false): string {
  let v = value;
  if (escapeFormulas && v.length > 0) {
    const c = v.charCodeAt(0);
    // = + - @ \t \r
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) v = `'${v}`;
  }
  if (!NEEDS_QUOTE.test(v)) return v;
  return `"${v.replaceAll('"', '""')}"`;
}

function isAsync<T>(src: RecordSource<T>): src is AsyncIterable<T> {
  return typeof (src as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/**
 * Streams the NHSO Authen Code report as CSV: UTF-8 BOM, RFC 4180 quoting, CRLF line ends, the deck's Thai
 * headers (or English). Pulls records lazily from any (async) iterable and yields string chunks of about
 * `chunkSize` characters, so memory stays flat for millions of rows; the consumer's pace is the
 * backpressure. Write the chunks as UTF-8 (Node: `Readable.from(toCsv(...)).pipe(fs.createWriteStream(f))`;
 * browser: {@link toCsvReadableStream}).
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for bad options (at call time) or a record with an
 *   invalid date (while iterating; `details.index` is the record's position)
 * @example
 * ```ts
 * import { generateReportRecords, toCsv } from '@authenkit/authen-code';
 * let csv = '';
 * for await (const chunk of toCsv(generateReportRecords({ count: 3, seed: 1 }))) csv += chunk;
 * console.log(csv.split('\r\n')[0]); // '\uFEFFรหัสหน่วยบริการที่ให้บริการ,ชื่อหน่วยบริการที่ให้บริการ,…'
 * ```
 */
export function toCsv(
  records: RecordSource<AuthenCodeReportRecord>,
  options: CsvOptions = {},
): AsyncIterable<string> {
  const esc = options.escapeFormulas ?? true;
  const field = esc ? (v: string) => csvField(v, true) : (v: string) => csvField(v, false);
  const cells = buildCellRenderers(options, field);
  const header = reportHeader(options).map(field).join(',') + '\r\n';
  const bom = options.bom ?? true;
  const withHeader = options.header ?? true;
  const chunkSize = options.chunkSize ?? 65_536;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'chunkSize must be a positive integer');
  }
  const n = cells.length;
  const first = cells[0]!;
  const line = (r: AuthenCodeReportRecord): string => {
    let s = first(r);
    for (let i = 1; i < n; i++) s += `,${cells[i]!(r)}`;
    return `${s}\r\n`;
  };
  const row = (r: AuthenCodeReportRecord, index: number): string => {
    try {
      return line(r);
    } catch (e) {
      if (e instanceof AuthenCodeError) {
        throw new AuthenCodeError(e.code, `record #${index}: ${e.message}`, {
          cause: e,
          details: { ...e.details, index },
        });
      }
      throw e;
    }
  };
  return {
    async *[Symbol.asyncIterator]() {
      let buf = bom ? '\uFEFF' : '';
      if (withHeader) buf += header;
      let i = 0;
      if (isAsync(records)) {
        for await (const r of records) {
          buf += row(r, i++);
          if (buf.length >= chunkSize) {
            yield buf;
            buf = '';
          }
        }
      } else {
        for (const r of records) {
          buf += row(r, i++);
          if (buf.length >= chunkSize) {
            yield buf;
            buf = '';
          }
        }
      }
      if (buf.length > 0) yield buf;
    },
  };
}

/**
 * {@link toCsv} as a web `ReadableStream` of UTF-8 bytes (pull-based, so it respects backpressure) — for
 * browser downloads (`new Response(stream)`) or `fetch` bodies.
 *
 * @example
 * ```ts
 * import { generateReportRecords, toCsvReadableStream } from '@authenkit/authen-code';
 * const stream = toCsvReadableStream(generateReportRecords({ count: 10, seed: 1 }));
 * const blob = await new Response(stream).blob();
 * ```
 */
export function toCsvReadableStream(
  records: RecordSource<AuthenCodeReportRecord>,
  options: CsvOptions = {},
): ReadableStream<Uint8Array> {
  const it = toCsv(records, options)[Symbol.asyncIterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(enc.encode(value));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
