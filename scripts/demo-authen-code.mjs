#!/usr/bin/env node
// Demo of @authenkit/authen-code, run with plain Node against the BUILT package (dist):
//   npx turbo run build --filter=@authenkit/authen-code && node scripts/demo-authen-code.mjs
// Validates sample citizen IDs, prints the claim-type catalogue, builds a small synthetic report,
// summarises it and writes CSV and XLSX files to a fresh temp folder (printed at the end).
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ageAt,
  citizenIdCategory,
  claimTypes,
  filterReport,
  formatThaiAge,
  formatThaiDate,
  generateCitizenId,
  generateReportRecords,
  maskCitizenId,
  parseAuthenCode,
  parseBuddhistDate,
  parseInscl,
  seededRandom,
  summarizeReport,
  toCsv,
  validateCitizenId,
} from '@authenkit/authen-code';
import { toXlsx } from '@authenkit/authen-code/xlsx';

const line = (s = '') => process.stdout.write(`${s}\n`);

line('== Citizen IDs (masked in output) ==');
const rng = seededRandom(2026);
const samples = [generateCitizenId(rng), '1-1017-00230-70-8', '1101700230709', '12345', '11017OO230708'];
for (const pid of samples) {
  const r = validateCitizenId(pid);
  line(
    `${maskCitizenId(pid).padEnd(18)} ${r.valid ? `valid   ${citizenIdCategory(r.value).en}` : `invalid ${r.reason}: ${r.message} / ${r.messageTh}`}`,
  );
}

line('\n== Thai dates and ages (Asia/Bangkok) ==');
const birth = parseBuddhistDate('25260308');
line(
  `birthDate 25260308 → ${birth.iso} · ${formatThaiDate(birth)} · ${formatThaiDate(birth, { locale: 'en' })}`,
);
line(`age on 3 Aug 2012: ${formatThaiAge(ageAt(birth, '2012-08-03'))}`);
line(`card expiry 99999999 → ${formatThaiDate(parseBuddhistDate('99999999'))}`);
line(`visit 2021-08-03T12:02Z → ${formatThaiDate(new Date('2021-08-03T12:02:00Z'), { style: 'datetime' })}`);
line(`rights: ${JSON.stringify(parseInscl('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ'))}`);
line(`authen code: ${JSON.stringify(parseAuthenCode('PP1238504971'))}`);

line('\n== Claim types (บริการ) ==');
line(`${'code'.padEnd(10)} ${'type'.padEnd(4)} ${'confidence'.padEnd(10)} name`);
for (const c of claimTypes) {
  line(
    `${c.code.padEnd(10)} ${c.serviceType.padEnd(4)} ${c.confidence.padEnd(10)} ${c.nameTh} — ${c.nameEn}`,
  );
}

line('\n== Report (500 synthetic records, Dec 2563) ==');
const records = [
  ...generateReportRecords({ count: 500, seed: 7, start: '2020-12-01', days: 14, trickyNames: 0.02 }),
];
const summary = await summarizeReport(records);
line(`total ${summary.total}, by status ${JSON.stringify(summary.byStatus)}`);
line(`days ${summary.firstDate} … ${summary.lastDate} (${summary.byDay.length} days)`);
for (const s of summary.byService)
  line(`  ${s.claimType.padEnd(10)} ${String(s.total).padStart(4)}  ${s.nameTh ?? ''}`);
let cancelled = 0;
for await (const _ of filterReport(records, {
  status: 'cancelled',
  visitDate: { from: '01/12/2563', to: '07/12/2563' },
})) {
  cancelled++;
}
line(`cancelled in the first week (filterReport): ${cancelled}`);

const dir = mkdtempSync(join(tmpdir(), 'authen-code-demo-'));
const csvFile = join(dir, 'authen-code-report.csv');
const xlsxFile = join(dir, 'authen-code-report.xlsx');
await pipeline(Readable.from(toCsv(records), { objectMode: false }), createWriteStream(csvFile));
const { rows } = await toXlsx(records, {
  file: xlsxFile,
  title: `รายงานสรุปการขอรหัส Authen Code ช่วงวันที่ ${formatThaiDate(summary.firstDate)} ถึง ${formatThaiDate(summary.lastDate)}`,
});
line('\n== Files ==');
line(`CSV  ${csvFile} (${statSync(csvFile).size} bytes, UTF-8 with BOM, CRLF)`);
line(`XLSX ${xlsxFile} (${rows} rows, ${statSync(xlsxFile).size} bytes)`);
