/**
 * CLI command registry of `thai-idcard`.
 *
 * HOW TO ADD COMMANDS FROM ANOTHER MODULE (e.g. the PIN/signing helper's `src/cli/pin-commands.ts`):
 *
 * ```ts
 * // src/cli/pin-commands.ts
 * import type { CliCommand } from './registry.js';
 * export const pinCommands: CliCommand[] = [{
 *   name: 'pin-verify',
 *   summary: 'verify PIN 2 …',
 *   usage: 'thai-idcard pin-verify [--reader NAME | --virtual FILE]',
 *   options: { reader: { type: 'string' }, virtual: { type: 'string' } },
 *   async run(ctx) {
 *     const transport = await ctx.openTransport(); // honours --reader / --virtual, exit codes handled
 *     ...; ctx.out('done'); return 0;             // return the exit code (0 ok, 2 usage, 3 no reader, 4 no card, 5 failed)
 *   },
 * }];
 * ```
 * and `src/cli/extensions.ts` imports it (`import { pinCommands } from './pin-commands.js'` and `...pinCommands`
 * in `extensionCommands`). Throwing a `ThaiIdCardError` from `run` is fine: the CLI maps its code to the exit
 * code (READER_NOT_FOUND 3, CARD_NOT_PRESENT/CARD_REMOVED 4, PIN_INCORRECT 6, PIN_BLOCKED 7, PIN_LAST_ATTEMPT 8,
 * INVALID_ARGUMENT 2, other 5) and prints one line to stderr. `ctx.virtualCardApplets` lets a module add applets (e.g.
 * the PKI applet) to the virtual card used by `--virtual`.
 */

import type { Transport } from '../transport.js';
import type { VirtualApplet } from '../virtual/card.js';

/**
 * Option spec of a CLI command (subset of `node:util` `parseArgs`).
 * @internal
 */
export interface CliOptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description?: string;
}

/**
 * What a command receives.
 * @internal
 */
export interface CliContext {
  /** Parsed option values. */
  values: Record<string, string | boolean | undefined>;
  /** Positional arguments after the command name. */
  positionals: string[];
  /** Write a line to stdout. */
  out(line: string): void;
  /** Write a line to stderr. */
  err(line: string): void;
  /** Raw stream writes (progress bars). */
  write(text: string): void;
  /** Standard input (e.g. to read a PIN without echo). */
  stdin: NodeJS.ReadableStream;
  /** Fires on Ctrl-C. */
  signal: AbortSignal;
  /** Opens a connected transport for `--virtual FILE` or PC/SC (`--reader NAME`, else the first reader with a card). */
  openTransport(): Promise<Transport>;
  /** Extra applets added to the virtual card used by `--virtual` (register before `openTransport`). */
  virtualCardApplets: VirtualApplet[];
}

/**
 * A CLI command.
 * @internal
 */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options?: Record<string, CliOptionSpec>;
  run(ctx: CliContext): Promise<number>;
}

/**
 * A registry of commands (name → command).
 * @internal
 */
export interface CommandRegistry {
  register(...commands: CliCommand[]): void;
  get(name: string): CliCommand | undefined;
  list(): CliCommand[];
}

/**
 * Creates an empty {@link CommandRegistry}. Registering a duplicate name throws.
 * @internal
 */
export function createCommandRegistry(): CommandRegistry {
  const map = new Map<string, CliCommand>();
  return {
    register(...commands) {
      for (const c of commands) {
        if (map.has(c.name)) throw new Error(`duplicate CLI command ${c.name}`);
        map.set(c.name, c);
      }
    },
    get: (name) => map.get(name),
    list: () => [...map.values()],
  };
}
