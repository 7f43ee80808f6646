/**
 * The `thai-idcard` CLI: `readers`, `read`, `watch`, `doctor`, `record`, `replay` (+ commands registered by
 * other modules). Exit codes: 0 ok, 2 usage, 3 no reader / no PC/SC, 4 no card, 5 read failed (6/7/8 PIN,
 * see registry.ts).
 */
import { parseArgs } from 'node:util';
import type { ReaderManager } from '../manager.js';
import type { Transport } from '../transport.js';
import type { VirtualApplet } from '../virtual/card.js';
import {
  type CliIo,
  COMMON,
  errorLine,
  exitCodeFor,
  noPositionals,
  openManager,
  readAndPrint,
  USAGE_EXIT,
  waitCard,
  waitReader,
} from './common.js';
import { doctorCommand } from './doctor.js';
import { extensionCommands } from './extensions.js';
import { packageInfo } from './package-info.js';
import { recordCommand, replayCommand } from './record.js';
import { type CliCommand, type CliContext, type CliOptionSpec, createCommandRegistry } from './registry.js';

export { type CliIo, exitCodeFor } from './common.js';

const builtIn: CliCommand[] = [
  {
    name: 'readers',
    summary: 'list readers and whether a card is present',
    usage: 'thai-idcard readers [--binding pcsclite|smartcard] [--virtual FILE] [--json]',
    options: { ...COMMON, json: { type: 'boolean' } },
    async run(ctx) {
      noPositionals(ctx, this.usage);
      const m = await openManager(ctx.values, ctx.virtualCardApplets);
      try {
        await waitReader(m, { ...ctx.values, reader: undefined }, ctx.signal);
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
      noPositionals(ctx, this.usage);
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
      noPositionals(ctx, this.usage);
      // A missing binding fails here, once (exit 3); it is not retried every second.
      const m = await openManager(ctx.values, ctx.virtualCardApplets);
      const log = (o: Record<string, unknown>) =>
        ctx.values.json ? ctx.out(JSON.stringify(o)) : ctx.out(Object.values(o).join('\t'));
      let chain = Promise.resolve();
      // The manager keeps retrying a lost PC/SC service: say so once, again only when something changed.
      let lastError = '';
      m.on('reader-attached', ({ reader }) => {
        lastError = '';
        log({ event: 'reader-attached', reader });
      });
      m.on('reader-detached', ({ reader }) => log({ event: 'reader-detached', reader }));
      m.on('card-removed', ({ reader }) => log({ event: 'card-removed', reader }));
      m.on('error', (e) => {
        const line = errorLine(e);
        if (line === lastError) return;
        lastError = line;
        ctx.err(`thai-idcard: ${line}`);
      });
      const onCard = (reader: string, atr: Uint8Array) => {
        log({
          event: 'card-inserted',
          reader,
          atr: Array.from(atr, (b) => b.toString(16).padStart(2, '0')).join(''),
        });
        chain = chain.then(() =>
          readAndPrint(m.transport(reader), ctx.values, ctxIo(ctx), ctx.signal).catch((e) =>
            ctx.err(`thai-idcard: ${errorLine(e)}`),
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
  doctorCommand,
  recordCommand,
  replayCommand,
];

const ioOf = new WeakMap<CliContext, CliIo>();
const ctxIo = (ctx: CliContext) => ioOf.get(ctx)!;

function usage(commands: CliCommand[]): string {
  return [
    `thai-idcard ${packageInfo().version} — read Thai national ID cards (บัตรประจำตัวประชาชน)`,
    '',
    'Usage: thai-idcard <command> [options]      thai-idcard <command> --help',
    '       thai-idcard --version | --help',
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'Exit codes: 0 ok, 2 usage, 3 no reader / PC/SC unavailable, 4 no card, 5 read failed',
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  const opts = Object.entries(c.options ?? {}).map(
    ([k, o]) => `  --${k}${o.type === 'string' ? ' VALUE' : ''}${o.description ? `  ${o.description}` : ''}`,
  );
  return [c.usage, c.summary, ...(opts.length ? ['', 'Options:', ...opts] : [])].join('\n');
}

/** First line of a `parseArgs` error, without its hints. */
function parseErrorLine(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .split('\n')[0]!
    .replace(/\. To specify a positional argument.*$/, '');
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
  if (name === '--version' || name === '-v' || name === '-V') {
    io.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(`${usage(registry.list())}\n`);
    return 0;
  }
  if (name === 'help') {
    const c = registry.get(rest[0]!);
    if (!c) {
      io.stderr.write(`thai-idcard: unknown command "${rest[0]}" (see thai-idcard --help)\n`);
      return USAGE_EXIT;
    }
    io.stdout.write(`${commandHelp(c)}\n`);
    return 0;
  }
  if (!name) {
    io.stderr.write(`${usage(registry.list())}\n`);
    return USAGE_EXIT;
  }
  if (name.startsWith('-')) {
    io.stderr.write(`thai-idcard: unknown option '${name}' (see thai-idcard --help)\n`);
    return USAGE_EXIT;
  }
  const command = registry.get(name);
  if (!command) {
    io.stderr.write(`thai-idcard: unknown command "${name}" (see thai-idcard --help)\n`);
    return USAGE_EXIT;
  }
  let values: CliContext['values'];
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries({
          ...(command.options ?? {}),
          help: { type: 'boolean', short: 'h' } as CliOptionSpec,
        }).map(([k, v]) => [k, v.short ? { type: v.type, short: v.short } : { type: v.type }]),
      ) as Record<string, { type: 'string' | 'boolean'; short?: string }>,
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values as CliContext['values'];
    positionals = parsed.positionals;
  } catch (e) {
    io.stderr.write(`thai-idcard ${name}: ${parseErrorLine(e)} (see thai-idcard ${name} --help)\n`);
    return USAGE_EXIT;
  }
  if (values.help) {
    io.stdout.write(`${commandHelp(command)}\n`);
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
    io.stderr.write(`thai-idcard: ${errorLine(e)}\n`);
    return exitCodeFor(e);
  } finally {
    if (opened) {
      await opened.t.disconnect().catch(() => {});
      await opened.m.close().catch(() => {});
    }
  }
}
