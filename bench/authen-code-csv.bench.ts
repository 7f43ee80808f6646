// Benchmark: streaming CSV export of the NHSO Authen Code report (`toCsv` from @authenkit/authen-code).
// Not a test. Run: `npx tsx bench/authen-code-csv.bench.ts [--rows N]` (or `npm run bench -- authen-code-csv`).
// Each phase runs in its own child process so that peak RSS (process.resourceUsage().maxRSS) is per phase:
//   gen      — only generates 1M synthetic records with generateReportRecords (the cost of that input);
//   csv      — 1M records (a pool of 10,000 generated records, each yielded as a fresh copy with a unique
//              Authen Code and visit time) streamed through toCsv into a null sink (UTF-8 encoding,
//              backpressure via stream.pipeline). This is the measured export and the one held to the target;
//   csv-gen  — generateReportRecords → toCsv end to end (generator cost included).
// Prints one Markdown section (`## CSV export`) with rows/s, MB/s and peak RSS, and whether the target
// (≥ 300k rows/s, peak RSS ≤ 200 MB) was met.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { type AuthenCodeReportRecord, generateReportRecords, toCsv } from '@authenkit/authen-code';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg === -1 ? 1_000_000 : Number(process.argv[rowsArg + 1]);
const TARGET_ROWS_PER_S = 300_000;
const TARGET_RSS_MB = 200;

interface PhaseResult {
  rows: number;
  ms: number;
  bytes: number;
  maxRssMb: number;
}

async function runPhase(mode: string): Promise<PhaseResult> {
  let rows = 0;
  let bytes = 0;
  function* pooled(): Generator<AuthenCodeReportRecord> {
    const pool = [...generateReportRecords({ count: 10_000, seed: 42, days: 31, trickyNames: 0.01 })];
    for (let i = 0; i < ROWS; i++) {
      const r = pool[i % pool.length]!;
      rows++;
      yield {
        ...r,
        authenCode: `PP${String(1_000_000_000 + i)}`,
        visitDateTime: (r.visitDateTime as Date).getTime() + (i % 97) * 60_000,
      };
    }
  }
  function* generated(): Generator<AuthenCodeReportRecord> {
    for (const r of generateReportRecords({ count: ROWS, seed: 42, days: 31, trickyNames: 0.01 })) {
      rows++;
      yield r;
    }
  }
  const t0 = performance.now();
  if (mode === 'gen') {
    for (const _ of generated());
  } else {
    const sink = new Writable({
      highWaterMark: 1 << 16,
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const csv = toCsv(mode === 'csv' ? pooled() : generated(), { chunkSize: 1 << 16 });
    await pipeline(Readable.from(csv, { objectMode: false }), sink);
  }
  const ms = performance.now() - t0;
  return { rows, ms, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function child(mode: string): PhaseResult {
  const here = fileURLToPath(import.meta.url);
  const root = join(dirname(here), '..');
  const out = execFileSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), here, '--phase', mode, '--rows', String(ROWS)],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as PhaseResult;
}

const phaseIdx = process.argv.indexOf('--phase');
if (phaseIdx !== -1) {
  const r = await runPhase(process.argv[phaseIdx + 1]!);
  process.stdout.write(`${JSON.stringify(r)}\n`);
} else {
  const gen = child('gen');
  const csv = child('csv');
  const csvGen = child('csv-gen');
  const rate = (r: PhaseResult) => r.rows / (r.ms / 1000);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const met = rate(csv) >= TARGET_ROWS_PER_S && csv.maxRssMb <= TARGET_RSS_MB;
  const row = (name: string, r: PhaseResult) =>
    `| ${name} | ${fmt(r.rows)} | ${(r.ms / 1000).toFixed(2)} | ${fmt(rate(r))} | ${
      r.bytes ? (r.bytes / 1e6).toFixed(0) : '–'
    } | ${r.bytes ? (r.bytes / 1e6 / (r.ms / 1000)).toFixed(0) : '–'} | ${r.maxRssMb.toFixed(0)} |`;
  const lines = [
    '## CSV export',
    '',
    `\`toCsv\` from \`@authenkit/authen-code\` (built package): ${fmt(ROWS)} report records, 17 columns, Thai text, dates`,
    'as "07 ธันวาคม 2563", 1% of names needing quotes, streamed through `stream.pipeline` into a null sink that',
    'receives UTF-8 bytes. Each phase ran in its own child process; peak RSS is `process.resourceUsage().maxRSS`.',
    'The export row feeds copies of a 10,000-record generated pool (unique Authen Code and time per row) so it',
    'measures `toCsv`, not the synthetic-data generator, whose own cost is the first row.',
    '',
    '| Phase | Rows | Time (s) | Rows/s | Output (MB) | MB/s | Peak RSS (MB) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('generateReportRecords only', gen),
    row('**toCsv export** (pooled records)', csv),
    row('generateReportRecords → toCsv', csvGen),
    '',
    `Target for the export: ≥ ${fmt(TARGET_ROWS_PER_S)} rows/s and peak RSS ≤ ${TARGET_RSS_MB} MB — ${
      met ? '**met**' : '**not met**'
    } (${fmt(rate(csv))} rows/s, ${csv.maxRssMb.toFixed(0)} MB).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
