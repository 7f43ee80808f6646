/**
 * `thai-idcard doctor`: one report a counter clerk or an HIS support engineer can paste into a bug report —
 * system, PC/SC binding and service, readers (PIN pad), the card's ATR / profile / applets, per-APDU timing and
 * a timed read. It never prints a value read from the card: only status words, lengths and times.
 */
import { existsSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { describeReadStructure } from '../anonymize.js';
import { exchange, selectCommand, toHex } from '../apdu.js';
import { ADM_AID, MOI_AID, NHSO_AID, profileForAtr } from '../card.js';
import { isThaiIdCardError, type ThaiIdCardError } from '../errors.js';
import type { ReaderManager } from '../manager.js';
import { TEST_PKI_AID } from '../pki/iso7816.js';
import { PCSC_FEATURE, readReaderFeatures } from '../pki/pinpad.js';
import { type ReadEvent, readThaiIdCard } from '../read.js';
import { wrapTransport } from '../replay.js';
import type { Transport } from '../transport.js';
import {
  bindingOf,
  COMMON,
  errorLine,
  exitCodeFor,
  noPositionals,
  openManager,
  timeoutMs,
  waitCard,
} from './common.js';
import { packageInfo } from './package-info.js';
import type { CliCommand, CliContext } from './registry.js';

/** One APDU as doctor reports it: the command (no personal data), status word, response length, time. */
interface ApduTiming {
  command: string;
  sw: string;
  responseLength: number;
  ms: number;
}

type Failure = { code: string; message: string };
const failure = (e: unknown): Failure =>
  isThaiIdCardError(e)
    ? { code: e.code, message: e.message }
    : { code: 'ERROR', message: String((e as Error)?.message ?? e) };

/** A transport wrapper that times every APDU and logs its command, SW and response length. */
function timed(inner: Transport, log: ApduTiming[]): Transport {
  return wrapTransport(inner, {
    async transmit(apdu, o) {
      const start = performance.now();
      const r = await inner.transmit(apdu, o);
      log.push({
        command: toHex(apdu),
        sw: toHex(r.subarray(Math.max(0, r.length - 2))),
        responseLength: Math.max(0, r.length - 2),
        ms: Math.round((performance.now() - start) * 1000) / 1000,
      });
      return r;
    },
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function stats(values: number[]) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return {
    count: s.length,
    minMs: s[0]!,
    medianMs: s[Math.floor(s.length / 2)]!,
    maxMs: s[s.length - 1]!,
  };
}

const APPLETS: Array<[string, Uint8Array]> = [
  ['MOI', MOI_AID],
  ['NHSO', NHSO_AID],
  ['ADM', ADM_AID],
  ['PKI', TEST_PKI_AID],
];

const FEATURE_NAMES = new Map<number, string>(Object.entries(PCSC_FEATURE).map(([k, v]) => [v, k]));

async function examineCard(m: ReaderManager, reader: string, atr: Uint8Array, signal: AbortSignal) {
  const log: ApduTiming[] = [];
  const t = timed(m.transport(reader), log);
  const profile = profileForAtr(atr);
  const card: Record<string, unknown> = {
    reader,
    atr: toHex(atr),
    profile: { id: profile.id, getResponseP2: profile.getResponseP2, description: profile.description },
  };
  const problems: string[] = [];
  // 1. reader features and which applets answer SELECT
  const release = await t.lock({ signal });
  try {
    await t.connect({ signal });
    const features = await readReaderFeatures(t, { signal });
    card.readerFeatures = [...features.keys()].map((k) => FEATURE_NAMES.get(k) ?? `0x${k.toString(16)}`);
    card.pinPad = features.has(PCSC_FEATURE.VERIFY_PIN_DIRECT);
    const applets = [];
    for (const [name, aid] of APPLETS) {
      const first = log.length;
      try {
        const r = await exchange(t, selectCommand(aid), { signal, getResponseP2: profile.getResponseP2 });
        applets.push({
          name,
          aid: toHex(aid),
          sw: log[first]?.sw ?? '',
          finalSw: r.sw.toString(16).padStart(4, '0'),
          fciLength: r.data.length,
          answers: r.sw === 0x9000,
        });
      } catch (e) {
        applets.push({ name, aid: toHex(aid), error: failure(e) });
      }
    }
    card.applets = applets;
  } finally {
    await t.disconnect().catch(() => {});
    release();
  }
  // 2. the timed default read (+ optional parts); the values are never kept
  const readLog = log.length;
  const start = performance.now();
  const at: Record<string, number> = {};
  try {
    const data = await readThaiIdCard(t, {
      photo: true,
      nhso: true,
      laser: true,
      chip: true,
      signal,
      onEvent: (e: ReadEvent) => {
        if (e.type === 'identity' || e.type === 'text' || e.type === 'photo' || e.type === 'extras')
          at[e.type] ??= round(performance.now() - start);
      },
    });
    const unavailable = Object.fromEntries(
      Object.entries(data.unavailable).map(([k, e]) => [k, e ? failure(e) : undefined]),
    );
    card.read = {
      ok: true,
      identityMs: at.identity,
      textMs: at.text,
      photoMs: at.photo,
      extrasMs: at.extras,
      totalMs: round(performance.now() - start),
      apdus: log.length - readLog,
      photoBytes: data.photo?.length ?? 0,
      unavailable,
      structure: describeReadStructure(data),
    };
    if ((at.photo ?? 0) - (at.text ?? 0) > 5000)
      problems.push(
        'the photo took over 5 s: the reader runs at the default 9600 bit/s (try another reader)',
      );
  } catch (e) {
    card.read = { ok: false, error: failure(e), apdus: log.length - readLog, ...at };
    problems.push(`the read failed (${errorLine(e)}): please also send "thai-idcard record --anonymize"`);
    card.error = e;
  }
  card.roundTrip = stats(log.map((l) => l.ms));
  card.apdus = log;
  if (profile.id !== 'default')
    problems.push(`card profile ${profile.id} is unverified on hardware: please send a record trace`);
  const moi = (card.applets as Array<{ name: string; answers?: boolean }>).find((a) => a.name === 'MOI');
  if (!moi?.answers)
    problems.push('the MOI applet does not answer: not a Thai ID card, or inserted the wrong way');
  return { card, problems };
}

async function pcscSection(values: CliContext['values']) {
  const { probePcscBinding, PCSC_INSTALL_HINT } = await import('../pcsc.js');
  const chosen = bindingOf(values);
  const bindings = [];
  for (const b of ['pcsclite', 'smartcard'] as const) {
    const p = await probePcscBinding(b);
    bindings.push({
      name: b,
      version: p.version,
      loaded: p.loaded,
      chosen: b === chosen,
      ...(p.error ? { error: p.error.message } : {}),
    });
  }
  const socket = platform() === 'linux' ? existsSync('/run/pcscd/pcscd.comm') : undefined;
  return { bindings, chosen, socket, hint: PCSC_INSTALL_HINT };
}

/** Builds the doctor report and the exit code. @internal */
export async function doctorReport(ctx: CliContext) {
  const values = ctx.values;
  const report: Record<string, unknown> = {
    schema: 'authenkit.thai-idcard.doctor.v1',
    system: { os: `${platform()} ${release()}`, arch: arch(), node: process.version },
    package: { name: packageInfo().name, version: packageInfo().version },
  };
  const problems: string[] = [];
  let exit = 0;
  let blocking: unknown;
  if (typeof values.virtual === 'string') report.pcsc = { virtual: true };
  else {
    const pcsc = await pcscSection(values);
    report.pcsc = {
      bindings: pcsc.bindings,
      chosen: pcsc.chosen,
      ...(pcsc.socket === undefined ? {} : { socket: pcsc.socket }),
    };
    if (!pcsc.bindings.find((b) => b.chosen)?.loaded) problems.push(`no PC/SC binding: ${pcsc.hint.en}`);
  }
  let m: ReaderManager | undefined;
  try {
    m = await openManager(values, ctx.virtualCardApplets);
    const errors: ThaiIdCardError[] = [];
    const off = m.on('error', (e) => errors.push(e));
    let card: { reader: string; atr: Uint8Array } | undefined;
    try {
      card = await waitCard(m, values, ctx.signal);
    } catch (e) {
      blocking = e;
    } finally {
      off();
    }
    const service = errors.find((e) => e.code === 'PCSC_UNAVAILABLE');
    report.service = service
      ? { running: false, error: failure(service) }
      : { running: m.readers().length > 0 ? true : 'unknown' };
    if (service)
      problems.push('the PC/SC service does not run: start pcscd (Linux) / the Smart Card service (Windows)');
    if (!card) {
      // let every reader report its first status before listing them
      await m
        .waitForCard({ signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(600)]) })
        .catch(() => {});
    }
    report.readers = m.readers().map((r) => ({ name: r.name, cardPresent: r.cardPresent }));
    if (card) {
      const r = await examineCard(m, card.reader, card.atr, ctx.signal);
      const { error, ...rest } = r.card;
      report.card = rest;
      // features need a connection (SCardControl): known for the reader with the card
      for (const rd of report.readers as Array<Record<string, unknown>>)
        if (rd.name === card.reader)
          Object.assign(rd, { pinPad: rest.pinPad, features: rest.readerFeatures });
      problems.push(...r.problems);
      if (error) blocking = error;
    }
  } catch (e) {
    blocking = e;
  } finally {
    await m?.close();
  }
  if (blocking) {
    report.error = failure(blocking);
    exit = exitCodeFor(blocking);
    if (isThaiIdCardError(blocking) && blocking.code === 'READER_NOT_FOUND')
      problems.push('no reader: plug the reader in (and check its driver)');
    if (exit === 4) problems.push('no card in the reader: insert the card, chip first, chip facing up');
  }
  report.problems = [...new Set(problems)];
  return { report, exit };
}

function human(report: Record<string, unknown>): string[] {
  // biome-ignore lint/suspicious/noExplicitAny: a report of plain JSON values
  const r = report as any;
  const lines = [
    `thai-idcard doctor — ${r.package.name} ${r.package.version}`,
    `system    : ${r.system.os} ${r.system.arch}, Node ${r.system.node}`,
  ];
  if (r.pcsc?.virtual) lines.push('PC/SC     : not used (--virtual card image)');
  else if (r.pcsc) {
    for (const b of r.pcsc.bindings)
      lines.push(
        `binding   : ${b.name} ${b.version ?? '(not installed)'}${b.chosen ? ' [chosen]' : ''}: ${b.loaded ? 'loads' : `does not load — ${b.error}`}`,
      );
    if (r.pcsc.socket !== undefined)
      lines.push(`pcscd     : socket /run/pcscd/pcscd.comm ${r.pcsc.socket ? 'present' : 'missing'}`);
  }
  if (r.service)
    lines.push(
      `service   : ${r.service.running === false ? `not running (${r.service.error.code})` : r.service.running === true ? 'running' : 'no reader seen'}`,
    );
  for (const rd of r.readers ?? [])
    lines.push(
      `reader    : ${rd.name} — ${rd.cardPresent ? 'card' : 'empty'}${rd.pinPad === undefined ? '' : `, PIN pad ${rd.pinPad ? 'yes' : 'no'}`}`,
    );
  const c = r.card;
  if (c) {
    lines.push(`card      : in "${c.reader}"`, `  ATR     : ${c.atr}`);
    lines.push(
      `  profile : ${c.profile.id} (GET RESPONSE 00 C0 00 ${c.profile.getResponseP2.toString(16).padStart(2, '0')})`,
    );
    lines.push(
      `  reader  : PIN pad ${c.pinPad ? 'yes' : 'no'}${c.readerFeatures?.length ? ` (features: ${c.readerFeatures.join(', ')})` : ''}`,
    );
    for (const a of c.applets)
      lines.push(
        `  applet  : ${a.name.padEnd(4)} SELECT → ${a.error ? `${a.error.code}: ${a.error.message}` : `${a.sw}${a.sw !== a.finalSw ? ` … ${a.finalSw}` : ''}, FCI ${a.fciLength} bytes`}`,
      );
    if (c.roundTrip)
      lines.push(
        `  APDUs   : ${c.roundTrip.count}, round trip min ${c.roundTrip.minMs} / median ${c.roundTrip.medianMs} / max ${c.roundTrip.maxMs} ms`,
      );
    const rd = c.read;
    if (rd.ok) {
      lines.push(
        `  read    : identity ${rd.identityMs} ms, text ${rd.textMs} ms, photo ${rd.photoMs} ms (${rd.photoBytes} bytes), all ${rd.totalMs} ms, ${rd.apdus} APDUs`,
      );
      const parts = Object.entries(rd.unavailable as Record<string, Failure | undefined>).filter(
        ([, e]) => e,
      );
      for (const [k, e] of parts) lines.push(`  ${k.padEnd(8)}: unavailable — ${e!.code}: ${e!.message}`);
    } else lines.push(`  read    : FAILED after ${rd.apdus} APDUs — ${rd.error.code}: ${rd.error.message}`);
  }
  if (r.error) lines.push(`result    : ${r.error.code}: ${r.error.message}`);
  for (const p of r.problems) lines.push(`problem   : ${p}`);
  if (!r.problems.length) lines.push('result    : everything works');
  return lines;
}

/** @internal */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'check PC/SC, readers and the card; a report without personal data to paste into a bug report',
  usage:
    'thai-idcard doctor [--json] [--reader NAME] [--virtual FILE] [--binding pcsclite|smartcard] [--timeout S]',
  options: { ...COMMON, json: { type: 'boolean', description: 'print the report as JSON' } },
  async run(ctx) {
    noPositionals(ctx, this.usage);
    if (ctx.values.timeout !== undefined) timeoutMs(ctx.values); // a usage error before anything runs
    const { report, exit } = await doctorReport(ctx);
    if (ctx.values.json) ctx.out(JSON.stringify(report, null, 2));
    else for (const l of human(report)) ctx.out(l);
    return exit;
  },
};
