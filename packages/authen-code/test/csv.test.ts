import {
  AuthenCodeError,
  type AuthenCodeReportRecord,
  createReportRowFormatter,
  csvField,
  generateReportRecords,
  REPORT_COLUMNS,
  toCsv,
  toCsvReadableStream,
} from '@authenkit/authen-code';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * A strict RFC 4180 parser (written for the tests, independent of the writer): CRLF record separator,
 * fields quoted with `"` and `""` escapes; anything else malformed throws.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += c;
          i++;
        }
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`stray quote at ${i}`);
        field += text[i];
        i++;
      }
    }
    row.push(field);
    if (i >= n) throw new Error('missing final CRLF');
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      rows.push(row);
      row = [];
      if (i >= n) return rows;
      continue;
    }
    throw new Error(`bare line break or garbage at ${i}`);
  }
}

async function text(it: AsyncIterable<string>): Promise<{ text: string; chunks: number }> {
  let s = '';
  let chunks = 0;
  for await (const c of it) {
    s += c;
    chunks++;
  }
  return { text: s, chunks };
}

describe('the test RFC 4180 parser', () => {
  it('parses what it should and rejects malformed input', () => {
    expect(parseCsv('a,"b,""c""\r\nd",\r\n')).toEqual([['a', 'b,"c"\r\nd', '']]);
    expect(() => parseCsv('a\n')).toThrow();
    expect(() => parseCsv('"a\r\n')).toThrow();
    expect(() => parseCsv('a"b\r\n')).toThrow();
  });
});

describe('csvField', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('ก,ข')).toBe('"ก,ข"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('')).toBe('');
    expect(csvField('=1+1', true)).toBe("'=1+1");
    expect(csvField('@SUM(A1)', true)).toBe("'@SUM(A1)");
    expect(csvField('-5', true)).toBe("'-5");
    expect(csvField('+66', true)).toBe("'+66");
    expect(csvField('=1+1')).toBe('=1+1');
  });
});

const thaiChar = fc.constantFrom(
  ...'กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอฮะาิีึืุูเแโใไ่้๊๋็์ำ๐๑๙ ,"\r\n\'=+-@\tabcXYZ0189'.split(''),
);
const thaiString = fc.array(thaiChar, { maxLength: 30 }).map((a) => a.join(''));

const base: AuthenCodeReportRecord = {
  hcode: '10998',
  hname: 'รพ.',
  pid: '1101700230708',
  fullName: 'x',
  authenCode: 'PP1238504971',
  claimType: 'PG0060001',
  visitDateTime: '2020-12-07T10:00',
  recordDateTime: '2020-12-07T10:05',
  status: 'used',
  channel: 'AGENT',
  verificationMethod: 'SMART_CARD',
  certifier: 'PATIENT',
};

describe('toCsv', () => {
  it('writes BOM, deck header, CRLF and the rendered rows', async () => {
    const { text: csv } = await text(toCsv([base]));
    expect(csv.startsWith('\uFEFFรหัสหน่วยบริการที่ให้บริการ,ชื่อหน่วยบริการที่ให้บริการ,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(REPORT_COLUMNS.map((c) => c.th));
    expect(rows[1]).toEqual(createReportRowFormatter()(base));
    expect(rows).toHaveLength(2);
    const { text: bare } = await text(toCsv([base], { bom: false, header: false, language: 'en' }));
    expect(bare.startsWith('10998,')).toBe(true);
    expect(parseCsv(bare)).toHaveLength(1);
  });

  it('round-trips arbitrary Thai strings with quotes, commas and newlines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            hname: thaiString,
            fullName: thaiString,
            hn: thaiString,
            editorName: thaiString,
            cancelReason: thaiString,
          }),
          { maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 200 }),
        async (overrides, chunkSize) => {
          const records = overrides.map((o) => ({ ...base, ...o }));
          const { text: csv } = await text(toCsv(records, { escapeFormulas: false, chunkSize }));
          expect(csv.charCodeAt(0)).toBe(0xfeff);
          const rows = parseCsv(csv.slice(1));
          expect(rows.slice(1)).toEqual(records.map(createReportRowFormatter()));
          rows.slice(1).forEach((row, i) => {
            expect(row[1]).toBe(records[i]!.hname);
            expect(row[3]).toBe(records[i]!.fullName);
            expect(row[16]).toBe(records[i]!.cancelReason);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('neutralises formulas by default', async () => {
    const { text: csv } = await text(
      toCsv([{ ...base, fullName: '=HYPERLINK("http://x")' }], { header: false }),
    );
    const row = parseCsv(csv.slice(1))[0]!;
    expect(row[3]).toBe('\'=HYPERLINK("http://x")');
  });

  it('streams: chunks of about chunkSize, same text for any chunking, lazy pulling', async () => {
    const records = () => generateReportRecords({ count: 3000, seed: 3, trickyNames: 0.2 });
    const big = await text(toCsv(records()));
    const small = await text(toCsv(records(), { chunkSize: 1000 }));
    expect(small.text).toBe(big.text);
    expect(small.chunks).toBeGreaterThan(big.chunks);
    expect(parseCsv(big.text.slice(1))).toHaveLength(3001);

    let pulled = 0;
    function* counting() {
      for (const r of generateReportRecords({ count: 100_000, seed: 1 })) {
        pulled++;
        yield r;
      }
    }
    const it = toCsv(counting(), { chunkSize: 4096 })[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value!.length).toBeGreaterThanOrEqual(4096);
    expect(first.value!.length).toBeLessThan(4096 + 2000);
    expect(pulled).toBeLessThan(100);
    await it.return?.();
  });

  it('accepts async sources and reports the bad record index', async () => {
    async function* src() {
      yield base;
      yield { ...base, visitDateTime: 'garbage' };
    }
    try {
      await text(toCsv(src()));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuthenCodeError);
      expect((e as AuthenCodeError).details).toMatchObject({ index: 1, field: 'visitDateTime' });
      expect((e as AuthenCodeError).message).not.toContain('garbage');
    }
    expect(() => toCsv([], { chunkSize: 0 })).toThrowError(AuthenCodeError);
    expect(() => toCsv([], { columns: ['x' as never] })).toThrowError(AuthenCodeError);
  });

  it('toCsvReadableStream yields UTF-8 bytes with a BOM', async () => {
    const bytes = new Uint8Array(await new Response(toCsvReadableStream([base])).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(decoded).toBe((await text(toCsv([base]))).text);
    const s = toCsvReadableStream(generateReportRecords({ count: 10_000, seed: 1 }), { chunkSize: 100 });
    const reader = s.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
  });
});
