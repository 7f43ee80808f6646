/**
 * Commands contributed by other modules of this package (see registry.ts for the API).
 * The PIN/signing module plugs in here with one import once `./pin-commands.ts` exists.
 */
import type { CliCommand } from './registry.js';

/** @internal */
export const extensionCommands: CliCommand[] = [];
