/**
 * `@authenkit/thai-idcard/cli-registry`: the command registry of the `thai-idcard` CLI, for modules and
 * tools that add commands.
 *
 * @packageDocumentation
 */
export {
  type CliCommand,
  type CliContext,
  type CliOptionSpec,
  type CommandRegistry,
  createCommandRegistry,
} from './cli/registry.js';
