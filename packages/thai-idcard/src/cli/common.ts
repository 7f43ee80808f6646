/**
 * What the `thai-idcard` commands share: common options, opening the reader manager (PC/SC or `--virtual`),
 * waiting for a reader / card with the CLI's error mapping, exit codes, the one-line error format.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isThaiIdCardError, ThaiIdCardError, type ThaiIdCardErrorCode } from '../errors.js';
import { toThaiIdCardJson } from '../json.js';
import { createReaderManager, type ReaderManager } from '../manager.js';
import { type ReadEvent, readThaiIdCard, type ThaiIdCardData } from '../read.js';
import type { Transport } from '../transport.js';
import { createVirtualReaderBackend } from '../virtual/backend.js';
import type { VirtualApplet } from '../virtual/card.js';
import { createVirtualCard, loadCardImage } from '../virtual/image.js';
import type { CliContext, CliOptionSpec } from './registry.js';

/** @internal */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  signal?: AbortSignal;
}

/** Options every card command takes. @internal */
export const COMMON: Record<string, CliOptionSpec> = {
  virtual: {
    type: 'string',
    description: 'read a virtual card from a card-image JSON file instead of PC/SC',
  },
  reader: { type: 'string', description: 'PC/SC reader name (default: the first reader with a card)' },
  binding: { type: 'string', description: "PC/SC binding: 'pcsclite' (default) or 'smartcard'" },
  timeout: { type: 'string', description: 'seconds to wait for a reader / card (default 5)' },
};

/** The reader name of the `--virtual` card. @internal */
export const VIRTUAL_READER = 'AuthenKit Virtual Reader 0';

/** Exit codes by error code. Everything else: 5. */
const EXIT: Partial<Record<ThaiIdCardErrorCode, number>> = {
  INVALID_ARGUMENT: 2,
  INVALID_CARD_IMAGE: 2,
  READER_NOT_FOUND: 3,
  PCSC_UNAVAILABLE: 3,
  CARD_NOT_PRESENT: 4,
  CARD_REMOVED: 4,
  PIN_INCORRECT: 6,
  PIN_BLOCKED: 7,
  PIN_LAST_ATTEMPT: 8,
};

/** Exit code of a usage error (unknown option / command, bad value, missing argument). @internal */
export const USAGE_EXIT = 2;

/** @internal */
export function exitCodeFor(error: unknown): number {
  return isThaiIdCardError(error) ? (EXIT[error.code] ?? 5) : 5;
}

/** One line for stderr: `CODE: message (Thai)`; PCSC_UNAVAILABLE carries its own Thai install hint. @internal */
export function errorLine(e: unknown): string {
  if (!isThaiIdCardError(e)) return String((e as Error)?.message ?? e).replace(/\s*\n\s*/g, ' ');
  const th = typeof e.details?.hintTh === 'string' ? e.details.hintTh : e.messageTh;
  return `${e.code}: ${e.message} (${th})`.replace(/\s*\n\s*/g, ' ');
}

/** A usage error (exit 2). @internal */
export function usageError(message: string): ThaiIdCardError {
  return new ThaiIdCardError('INVALID_ARGUMENT', message);
}

async function virtualBackend(file: string, applets: VirtualApplet[]) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', `cannot read card image ${file}`, { cause: e });
  }
  const card = createVirtualCard({ image: loadCardImage(text), applets });
  const v = createVirtualReaderBackend([VIRTUAL_READER]);
  v.insert(VIRTUAL_READER, card);
  return v.backend;
}

/** The `--binding` value, checked. @internal */
export function bindingOf(values: CliContext['values']): 'pcsclite' | 'smartcard' {
  const binding = values.binding ?? 'pcsclite';
  if (binding !== 'pcsclite' && binding !== 'smartcard') {
    throw usageError("--binding must be 'pcsclite' or 'smartcard'");
  }
  return binding;
}

/**
 * A reader manager for `--virtual FILE` or PC/SC. For PC/SC the binding is loaded first, so a missing
 * binding fails at once with `PCSC_UNAVAILABLE` (and the install hint) instead of retrying forever.
 *
 * @internal
 */
export async function openManager(
  values: CliContext['values'],
  applets: VirtualApplet[],
): Promise<ReaderManager> {
  if (typeof values.virtual === 'string') {
    return createReaderManager({ backend: await virtualBackend(values.virtual, applets) });
  }
  const binding = bindingOf(values);
  const { createPcscBackend, loadPcscBinding } = await import('../pcsc.js');
  await loadPcscBinding(binding);
  return createReaderManager({ backend: () => createPcscBackend({ binding }) });
}

/** `--timeout` in ms (default 5 s). @internal */
export function timeoutMs(values: CliContext['values']): number {
  const t = values.timeout === undefined ? 5 : Number(values.timeout);
  if (!Number.isFinite(t) || t <= 0) throw usageError('--timeout must be a positive number');
  return t * 1000;
}

/**
 * Waits for a reader (the named one with `--reader`); a timeout becomes `READER_NOT_FOUND`, or the
 * `PCSC_UNAVAILABLE` the backend reported meanwhile (service not running).
 *
 * @internal
 */
export async function waitReader(
  m: ReaderManager,
  values: CliContext['values'],
  signal: AbortSignal,
): Promise<string> {
  const reader = typeof values.reader === 'string' ? values.reader : undefined;
  let lastError: ThaiIdCardError | undefined;
  const off = m.on('error', (e) => {
    lastError = e;
  });
  try {
    return await m.waitForReader({
      ...(reader ? { reader } : {}),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs(values))]),
    });
  } catch (e) {
    if (isThaiIdCardError(e) && e.code === 'TIMEOUT') {
      if (lastError?.code === 'PCSC_UNAVAILABLE') throw lastError;
      throw new ThaiIdCardError(
        'READER_NOT_FOUND',
        reader ? `reader "${reader}" not found` : 'no smart-card reader found',
      );
    }
    throw e;
  } finally {
    off();
  }
}

/** Waits for a reader then a card, mapping timeouts to READER_NOT_FOUND / no card. @internal */
export async function waitCard(m: ReaderManager, values: CliContext['values'], signal: AbortSignal) {
  await waitReader(m, values, signal);
  const reader = typeof values.reader === 'string' ? values.reader : undefined;
  try {
    return await m.waitForCard({
      ...(reader ? { reader } : {}),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs(values))]),
    });
  } catch (e) {
    if (isThaiIdCardError(e) && e.code === 'TIMEOUT')
      throw new ThaiIdCardError('CARD_NOT_PRESENT', 'no card in the reader');
    throw e;
  }
}

/** Rejects positional arguments a command does not take. @internal */
export function noPositionals(ctx: CliContext, usage: string): void {
  if (ctx.positionals.length) throw usageError(`unexpected argument "${ctx.positionals[0]}" (${usage})`);
}

function human(d: ThaiIdCardData): string[] {
  const name = (t: string, f: string, m: string, l: string) => [t + f, m, l].filter(Boolean).join(' ');
  return [
    `เลขประจำตัวประชาชน / Citizen ID : ${d.citizenId}${d.citizenIdValid ? '' : ' (checksum mismatch)'}`,
    `ชื่อ / Name (TH)                 : ${name(d.titleTh, d.firstNameTh, d.middleNameTh, d.lastNameTh)}`,
    `Name (EN)                        : ${name(d.titleEn ? `${d.titleEn} ` : '', d.firstNameEn, d.middleNameEn, d.lastNameEn)}`,
    `วันเกิด / Birth date             : ${d.birthDate ?? '-'}`,
    `เพศ / Sex                        : ${d.sex}`,
    `ที่อยู่ / Address                : ${d.address.full}`,
    `ออกบัตร / Issued                 : ${d.issueDate ?? '-'} (${d.issuer})`,
    `หมดอายุ / Expires                : ${d.lifelong ? 'ตลอดชีพ / lifelong' : (d.expiryDate ?? '-')}`,
    `เลขหลังบัตร / Laser code         : ${d.laserCode ?? '-'}`,
    ...(d.nhso ? [`สิทธิ สปสช. / NHSO right       : ${d.nhso.mainInscl} ${d.nhso.subInscl}`.trimEnd()] : []),
  ];
}

/** A photo progress bar on a terminal's stderr. @internal */
export function progressBar(io: CliIo, e: ReadEvent): void {
  if (e.type !== 'photo-progress' || !io.stderr.isTTY) return;
  const width = 30;
  const done = Math.round((e.bytesRead / e.total) * width);
  io.stderr.write(
    `\rรูปถ่าย / photo [${'#'.repeat(done)}${' '.repeat(width - done)}] ${e.bytesRead}/${e.total}`,
  );
  if (e.bytesRead >= e.total) io.stderr.write('\n');
}

/** Prints a read (human or `--json`); `--photo FILE` writes the JPEG. @internal */
export async function printCard(
  data: ThaiIdCardData,
  values: CliContext['values'],
  io: CliIo,
): Promise<void> {
  const photoPath = typeof values.photo === 'string' ? values.photo : undefined;
  if (photoPath && data.photo) await writeFile(photoPath, data.photo);
  if (values.json)
    io.stdout.write(`${JSON.stringify(toThaiIdCardJson(data, photoPath ? { photoPath } : {}))}\n`);
  else {
    for (const line of human(data)) io.stdout.write(`${line}\n`);
    if (photoPath) io.stdout.write(`รูปถ่าย / Photo                  : ${photoPath}\n`);
  }
}

/** Reads the card and prints it (human or `--json`); `--photo FILE` writes the JPEG. @internal */
export async function readAndPrint(
  transport: Transport,
  values: CliContext['values'],
  io: CliIo,
  signal: AbortSignal,
): Promise<void> {
  const data = await readThaiIdCard(transport, {
    photo: typeof values.photo === 'string',
    nhso: true,
    laser: true,
    signal,
    onEvent: (e) => progressBar(io, e),
  });
  await printCard(data, values, io);
}
