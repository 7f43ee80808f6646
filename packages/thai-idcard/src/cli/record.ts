/**
 * `thai-idcard record` (an anonymised APDU trace of the whole read) and `thai-idcard replay` (read from a
 * trace as if from a card): the field kit that turns a card that does not read into a regression test.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import { anonymizeApduTrace, describeReadStructure } from '../anonymize.js';
import { toHex } from '../apdu.js';
import { ADM_AID, MOI_LAYOUT, NHSO_AID } from '../card.js';
import { isThaiIdCardError, type ThaiIdCardError } from '../errors.js';
import { type ReadOptions, readThaiIdCard, type ThaiIdCardData } from '../read.js';
import {
  type ApduExchange,
  createRecordingTransport,
  createReplayTransport,
  formatApduScript,
  parseApduTrace,
} from '../replay.js';
import type { Transport } from '../transport.js';
import { COMMON, errorLine, exitCodeFor, openManager, printCard, usageError, waitCard } from './common.js';
import { packageInfo } from './package-info.js';
import type { CliCommand } from './registry.js';

/**
 * The read `record` makes: the default read plus every optional part (photo with `photo: true`).
 *
 * @internal
 */
export function recordReadOptions(photo: boolean): ReadOptions {
  return { photo, nhso: true, laser: true, chip: true };
}

/** A recorded (and, unless `raw`, anonymised) trace of one read. @internal */
export interface RecordedTrace {
  /** The script text (`atr` line, exchanges, header comments). */
  script: string;
  exchanges: ApduExchange[];
  atr: Uint8Array | undefined;
  /** The card fields that were replaced. */
  replaced: string[];
  /** The read's failure, when it failed (the trace shows where). */
  error: ThaiIdCardError | undefined;
}

/**
 * Records one read on `transport` and anonymises it (unless `raw`). A read that fails still gives its trace.
 *
 * @internal
 */
export async function recordTrace(
  transport: Transport,
  options: {
    photo?: boolean;
    raw?: boolean;
    random?: () => number;
    signal?: AbortSignal;
    comments?: string[];
  } = {},
): Promise<RecordedTrace> {
  const rec = createRecordingTransport(transport);
  let error: ThaiIdCardError | undefined;
  try {
    await readThaiIdCard(rec, {
      ...recordReadOptions(options.photo === true),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if (!isThaiIdCardError(e) || rec.exchanges.length === 0) throw e;
    error = e;
  }
  const atr = transport.atr;
  const anonymized = options.raw
    ? { exchanges: [...rec.exchanges], report: { fields: [] as string[] } }
    : anonymizeApduTrace(rec.exchanges, options.random ? { random: options.random } : {});
  const comments = [
    options.raw
      ? 'thai-idcard record --raw: THIS TRACE HOLDS PERSONAL DATA. Never send or commit it.'
      : 'thai-idcard record --anonymize: personal bytes replaced by synthetic data of the same length and class',
    `read: text${options.photo ? ' + photo' : ''} + NHSO + laser + chip; result: ${error ? errorLine(error) : 'ok'}`,
    ...(options.comments ?? []),
  ];
  return {
    script: formatApduScript(anonymized.exchanges, { ...(atr ? { atr } : {}), comments }),
    exchanges: anonymized.exchanges,
    atr,
    replaced: anonymized.report.fields,
    error,
  };
}

const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The read options a trace was recorded with, from its commands (photo READs, the NHSO / ADM / card-manager
 * SELECTs), so a replay sends exactly the same APDUs.
 *
 * @internal
 */
export function readOptionsOfTrace(exchanges: readonly ApduExchange[]): ReadOptions {
  const selects = exchanges
    .map((x) => x.command)
    .filter((c) => c[0] === 0x00 && c[1] === 0xa4 && c[2] === 0x04)
    .map((c) => c.subarray(5, 5 + (c[4] ?? 0)));
  const photoRest = MOI_LAYOUT.birthDate.offset + 255; // the first READ of the photo rest
  return {
    photo: exchanges.some(
      (x) =>
        x.command[0] === 0x80 &&
        x.command[1] === 0xb0 &&
        ((x.command[2]! << 8) | x.command[3]!) === photoRest,
    ),
    nhso: selects.some((a) => eq(a, NHSO_AID)),
    laser: selects.some((a) => eq(a, ADM_AID)),
    chip: selects.some((a) => a.length === 0), // the card manager: SELECT with no AID
  };
}

/**
 * Reads from a trace as if from a card (options taken from the trace). `remaining`: APDUs the read did not use.
 *
 * @internal
 */
export async function readTrace(
  script: string,
  signal?: AbortSignal,
): Promise<{ data: ThaiIdCardData; remaining: number }> {
  const trace = parseApduTrace(script);
  const transport = createReplayTransport(script);
  const data = await readThaiIdCard(transport, {
    ...readOptionsOfTrace(trace.exchanges),
    ...(signal ? { signal } : {}),
  });
  return { data, remaining: transport.remaining };
}

/** @internal */
export const recordCommand: CliCommand = {
  name: 'record',
  summary:
    'record the whole read as an APDU trace for a bug report; --anonymize replaces every personal byte (send only such traces)',
  usage:
    'thai-idcard record --anonymize --out card.apdu [--photo] [--json] [--reader NAME] [--virtual FILE] [--timeout S]',
  options: {
    ...COMMON,
    anonymize: { type: 'boolean', description: 'replace every personal byte with synthetic data (required)' },
    raw: { type: 'boolean', description: 'keep personal data (for your own debugging only; never send it)' },
    out: { type: 'string', description: 'the trace file to write' },
    photo: { type: 'boolean', description: 'also read the photo (replaced by a synthetic JPEG)' },
    json: { type: 'boolean', description: 'print the summary as JSON' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (ctx.positionals.length) throw usageError(`unexpected argument "${ctx.positionals[0]}"`);
    if (typeof v.out !== 'string' || !v.out) throw usageError('--out FILE is required');
    if (v.anonymize === v.raw) throw usageError('pass --anonymize (or --raw to keep personal data)');
    const m = await openManager(v, ctx.virtualCardApplets);
    try {
      const { reader } = await waitCard(m, v, ctx.signal);
      const trace = await recordTrace(m.transport(reader), {
        photo: v.photo === true,
        raw: v.raw === true,
        signal: ctx.signal,
        comments: [
          `reader: ${reader}`,
          `thai-idcard ${packageInfo().version}, Node ${process.version}, ${platform()} ${release()} ${arch()}`,
        ],
      });
      await writeFile(v.out, trace.script);
      const summary = {
        out: v.out,
        apdus: trace.exchanges.length,
        anonymized: !v.raw,
        replaced: trace.replaced,
        atr: trace.atr ? toHex(trace.atr) : null,
        read: trace.error
          ? { ok: false, code: trace.error.code, message: trace.error.message }
          : { ok: true },
      };
      if (v.json) ctx.out(JSON.stringify(summary));
      else {
        ctx.out(`wrote ${v.out}: ${summary.apdus} APDUs, ATR ${summary.atr ?? '-'}`);
        ctx.out(
          v.raw
            ? 'WARNING: --raw keeps personal data in the trace: never send or commit it'
            : `anonymised: ${trace.replaced.join(', ') || 'nothing personal was read'}`,
        );
        if (trace.error) ctx.out(`the read failed: ${errorLine(trace.error)} (the trace shows where)`);
      }
      return trace.error ? exitCodeFor(trace.error) : 0;
    } finally {
      await m.close();
    }
  },
};

/** @internal */
export const replayCommand: CliCommand = {
  name: 'replay',
  summary:
    'read from an APDU trace (thai-idcard record) as if from a card; --structure prints its shape only',
  usage: 'thai-idcard replay card.apdu [--json] [--photo out.jpg] [--structure]',
  options: {
    json: { type: 'boolean', description: 'print the read as JSON (the read --json schema)' },
    photo: { type: 'string', description: 'write the photo (when the trace has it) to this file' },
    structure: { type: 'boolean', description: 'print the structure of the read (no values) as JSON' },
  },
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw usageError('replay takes one trace file');
    const file = ctx.positionals[0]!;
    let script: string;
    try {
      script = await readFile(file, 'utf8');
    } catch (e) {
      throw usageError(`cannot read trace ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    const { data, remaining } = await readTrace(script, ctx.signal);
    if (ctx.values.structure) ctx.out(JSON.stringify(describeReadStructure(data), null, 2));
    else
      await printCard(data, ctx.values, {
        stdout: { write: (s: string) => ctx.write(s) },
        stderr: { write: (s: string) => ctx.err(s.replace(/\n$/, '')) },
        stdin: ctx.stdin,
      });
    if (remaining) ctx.err(`thai-idcard: note: ${remaining} APDU(s) of the trace were not used by the read`);
    return 0;
  },
};
