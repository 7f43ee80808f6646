/**
 * Commands contributed by other modules of this package (see registry.ts for the API).
 */
import { pinCommands } from './pin-commands.js';
import type { CliCommand } from './registry.js';

/** @internal */
export const extensionCommands: CliCommand[] = [...pinCommands];
