/**
 * The `thai-idcard` CLI: `readers`, `read`, `watch` (+ commands registered by other modules).
 * Exit codes: 0 ok, 2 usage, 3 no reader, 4 no card, 5 read failed (6/7/8 PIN, see registry.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isThaiIdCardError, ThaiIdCardError, type ThaiIdCardErrorCode } from '../errors.js';
import { toThaiIdCardJson } from '../json.js';
import { createReaderManager, type ReaderManager } from '../manager.js';
import { type ReadEvent, readThaiIdCard, type ThaiIdCardData } from '../read.js';
import type { Transport } from '../transport.js';
import { createVirtualReaderBackend } from '../virtual/backend.js';
import type { VirtualApplet } from '../virtual/card.js';
import { createVirtualCard, loadCardImage } from '../virtual/image.js';
import { extensionCommands } from './extensions.js';
import { type CliCommand, type CliContext, type CliOptionSpec, createCommandRegistry } from './registry.js';

/** @internal */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  signal?: AbortSignal;
}

const COMMON: Record<string, CliOptionSpec> = {
  virtual: {
    type: 'string',
    description: 'read a virtual card from a card-image JSON file instead of PC/SC',
  },
  reader: { type: 'string', description: 'PC/SC reader name (default: the first reader with a card)' },
  binding: { type: 'string', description: "PC/SC binding: 'pcsclite' (default) or 'smartcard'" },
  timeout: { type: 'string', description: 'seconds to wait for a reader / card (default 5)' },
};

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

/** @internal */
export function exitCodeFor(error: unknown): number {
  return isThaiIdCardError(error) ? (EXIT[error.code] ?? 5) : 5;
}

async function virtualBackend(file: string, applets: VirtualApplet[]) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', `cannot read card image ${file}`, { cause: e });
  }
  const card = createVirtualCard({ image: loadCardImage(text), applets });
  const v = createVirtualReaderBackend(['AuthenKit Virtual Reader 0']);
  v.insert('AuthenKit Virtual Reader 0', card);
  return v.backend;
}

async function openManager(values: CliContext['values'], applets: VirtualApplet[]): Promise<ReaderManager> {
  if (typeof values.virtual === 'string') {
    return createReaderManager({ backend: await virtualBackend(values.virtual, applets) });
  }
  const binding = values.binding ?? 'pcsclite';
  if (binding !== 'pcsclite' && binding !== 'smartcard') {
    throw new ThaiIdCardError('INVALID_ARGUMENT', "--binding must be 'pcsclite' or 'smartcard'");
  }
  const { createPcscBackend } = await import('../pcsc.js');
  return createReaderManager({ backend: () => createPcscBackend({ binding }) });
}

function seconds(values: CliContext['values']): number {
  const t = values.timeout === undefined ? 5 : Number(values.timeout);
  if (!Number.isFinite(t) || t <= 0)
    throw new ThaiIdCardError('INVALID_ARGUMENT', '--timeout must be a positive number');
  return t * 1000;
}

/** Waits for a reader then a card, mapping timeouts to READER_NOT_FOUND / CARD_NOT_PRESENT. */
async function waitCard(m: ReaderManager, values: CliContext['values'], signal: AbortSignal) {
  const ms = seconds(values);
  const reader = typeof values.reader === 'string' ? values.reader : undefined;
  let lastError: ThaiIdCardError | undefined;
  const off = m.on('error', (e) => {
    lastError = e;
  });
  try {
    try {
      await m.waitForReader({
        ...(reader ? { reader } : {}),
        signal: AbortSignal.any([signal, AbortSignal.timeout(ms)]),
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
    }
    try {
      return await m.waitForCard({
        ...(reader ? { reader } : {}),
        signal: AbortSignal.any([signal, AbortSignal.timeout(ms)]),
      });
    } catch (e) {
      if (isThaiIdCardError(e) && e.code === 'TIMEOUT')
        throw new ThaiIdCardError('CARD_NOT_PRESENT', 'no card in the reader');
      throw e;
    }
  } finally {
    off();
  }
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

function progressBar(io: CliIo, e: ReadEvent): void {
  if (e.type !== 'photo-progress' || !io.stderr.isTTY) return;
  const width = 30;
  const done = Math.round((e.bytesRead / e.total) * width);
  io.stderr.write(
    `\rรูปถ่าย / photo [${'#'.repeat(done)}${' '.repeat(width - done)}] ${e.bytesRead}/${e.total}`,
  );
  if (e.bytesRead >= e.total) io.stderr.write('\n');
}

async function readAndPrint(
  transport: Transport,
  values: CliContext['values'],
  io: CliIo,
  signal: AbortSignal,
): Promise<void> {
  const photoPath = typeof values.photo === 'string' ? values.photo : undefined;
  const data = await readThaiIdCard(transport, {
    photo: photoPath !== undefined,
    nhso: true,
    laser: true,
    signal,
    onEvent: (e) => progressBar(io, e),
  });
  if (photoPath && data.photo) await writeFile(photoPath, data.photo);
  if (values.json)
    io.stdout.write(`${JSON.stringify(toThaiIdCardJson(data, photoPath ? { photoPath } : {}))}\n`);
  else {
    for (const line of human(data)) io.stdout.write(`${line}\n`);
    if (photoPath) io.stdout.write(`รูปถ่าย / Photo                  : ${photoPath}\n`);
  }
}

const builtIn: CliCommand[] = [
  {
    name: 'readers',
    summary: 'list readers and whether a card is present',
    usage: 'thai-idcard readers [--binding pcsclite|smartcard] [--virtual FILE] [--json]',
    options: { ...COMMON, json: { type: 'boolean' } },
    async run(ctx) {
      const m = await openManager(ctx.values, ctx.virtualCardApplets);
      try {
        try {
          await m.waitForReader({
            signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(seconds(ctx.values))]),
          });
        } catch (e) {
          if (isThaiIdCardError(e) && e.code === 'TIMEOUT')
            throw new ThaiIdCardError('READER_NOT_FOUND', 'no smart-card reader found');
          throw e;
        }
        // give each reader its initial card status (first status arrives with the reader or right after)
        await m
          .waitForCard({ signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(600)]) })
          .catch(() => {});
        const list = m.readers();
        if (ctx.values.json)
          ctx.out(JSON.stringify(list.map((r) => ({ name: r.name, cardPresent: r.cardPresent }))));
        else for (const r of list) ctx.out(`${r.name}\t${r.cardPresent ? 'card' : 'empty'}`);
        return 0;
      } finally {
        await m.close();
      }
    },
  },
  {
    name: 'read',
    summary: 'read the card once (text; --photo FILE also writes the JPEG)',
    usage: 'thai-idcard read [--json] [--photo out.jpg] [--reader NAME] [--virtual FILE] [--timeout S]',
    options: { ...COMMON, json: { type: 'boolean' }, photo: { type: 'string' } },
    async run(ctx) {
      const m = await openManager(ctx.values, ctx.virtualCardApplets);
      try {
        const { reader } = await waitCard(m, ctx.values, ctx.signal);
        await readAndPrint(m.transport(reader), ctx.values, ctxIo(ctx), ctx.signal);
        return 0;
      } finally {
        await m.close();
      }
    },
  },
  {
    name: 'watch',
    summary: 'print every reader/card event and read each inserted card (Ctrl-C to stop)',
    usage: 'thai-idcard watch [--json] [--photo out.jpg] [--virtual FILE] [--binding pcsclite|smartcard]',
    options: { ...COMMON, json: { type: 'boolean' }, photo: { type: 'string' } },
    async run(ctx) {
      const m = await openManager(ctx.values, ctx.virtualCardApplets);
      const log = (o: Record<string, unknown>) =>
        ctx.values.json ? ctx.out(JSON.stringify(o)) : ctx.out(Object.values(o).join('\t'));
      let chain = Promise.resolve();
      m.on('reader-attached', ({ reader }) => log({ event: 'reader-attached', reader }));
      m.on('reader-detached', ({ reader }) => log({ event: 'reader-detached', reader }));
      m.on('card-removed', ({ reader }) => log({ event: 'card-removed', reader }));
      m.on('error', (e) => ctx.err(`thai-idcard: ${e.code}: ${e.message}`));
      const onCard = (reader: string, atr: Uint8Array) => {
        log({
          event: 'card-inserted',
          reader,
          atr: Array.from(atr, (b) => b.toString(16).padStart(2, '0')).join(''),
        });
        chain = chain.then(() =>
          readAndPrint(m.transport(reader), ctx.values, ctxIo(ctx), ctx.signal).catch((e) =>
            ctx.err(`thai-idcard: ${isThaiIdCardError(e) ? `${e.code}: ${e.message}` : String(e)}`),
          ),
        );
      };
      m.on('card-inserted', ({ reader, atr }) => onCard(reader, atr));
      // events only report changes after subscribing: replay the state the manager already knows
      for (const r of m.readers()) {
        log({ event: 'reader-attached', reader: r.name });
        if (r.cardPresent && r.atr) onCard(r.name, r.atr);
      }
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await chain;
      await m.close();
      return 0;
    },
  },
];

const ioOf = new WeakMap<CliContext, CliIo>();
const ctxIo = (ctx: CliContext) => ioOf.get(ctx)!;

function usage(commands: CliCommand[]): string {
  return [
    'thai-idcard — read Thai national ID cards (บัตรประจำตัวประชาชน)',
    '',
    'Usage: thai-idcard <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'Exit codes: 0 ok, 2 usage, 3 no reader, 4 no card, 5 read failed',
  ].join('\n');
}

/**
 * Runs the CLI with explicit I/O; resolves with the exit code.
 *
 * @internal
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const registry = createCommandRegistry();
  registry.register(...builtIn, ...extensionCommands);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage(registry.list())}\n`);
    return name ? 0 : 2;
  }
  const command = registry.get(name);
  if (!command) {
    io.stderr.write(`thai-idcard: unknown command "${name}" (try --help)\n`);
    return 2;
  }
  let values: CliContext['values'];
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries({ ...(command.options ?? {}), help: { type: 'boolean' } as CliOptionSpec }).map(
          ([k, v]) => [k, v.short ? { type: v.type, short: v.short } : { type: v.type }],
        ),
      ) as Record<string, { type: 'string' | 'boolean'; short?: string }>,
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values as CliContext['values'];
    positionals = parsed.positionals;
  } catch (e) {
    io.stderr.write(`thai-idcard: ${(e as Error).message.split('\n')[0]}\n${command.usage}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${command.usage}\n${command.summary}\n`);
    return 0;
  }
  const controller = new AbortController();
  const signal = io.signal ? AbortSignal.any([io.signal, controller.signal]) : controller.signal;
  const applets: VirtualApplet[] = [];
  let opened: { m: ReaderManager; t: Transport } | undefined;
  const ctx: CliContext = {
    values,
    positionals,
    out: (l) => io.stdout.write(`${l}\n`),
    err: (l) => io.stderr.write(`${l}\n`),
    write: (t) => io.stdout.write(t),
    stdin: io.stdin,
    signal,
    virtualCardApplets: applets,
    async openTransport() {
      const m = await openManager(values, applets);
      try {
        const { reader } = await waitCard(m, values, signal);
        const t = m.transport(reader);
        await t.connect({ signal });
        opened = { m, t };
        return t;
      } catch (e) {
        await m.close();
        throw e;
      }
    },
  };
  ioOf.set(ctx, io);
  try {
    return await command.run(ctx);
  } catch (e) {
    const line = isThaiIdCardError(e)
      ? `${e.code}: ${e.message} (${e.messageTh})`
      : String((e as Error)?.message ?? e);
    io.stderr.write(`thai-idcard: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
    return exitCodeFor(e);
  } finally {
    if (opened) {
      await opened.t.disconnect().catch(() => {});
      await opened.m.close().catch(() => {});
    }
  }
}
