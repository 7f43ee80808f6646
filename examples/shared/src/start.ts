/**
 * Start-up helpers for the examples' `src/main.ts` (`npm start -w examples/<name>`): read required
 * environment variables and shut down cleanly on Ctrl-C / SIGTERM.
 */

/**
 * Returns the environment variable `name`, or prints `Set <name> (see README.md).` (plus `hint`) and exits
 * with code 2 when it is missing or empty.
 */
export function requireEnv(name: string, hint?: string): string {
  const v = process.env[name];
  if (!v) {
    console.error(hint ? `Set ${name} (see README.md). ${hint}` : `Set ${name} (see README.md).`);
    process.exit(2);
  }
  return v;
}

/** On the first SIGINT or SIGTERM, runs `closers` one after the other, then exits with code 0. */
export function stopOnSignal(...closers: Array<() => unknown>): void {
  const stop = async () => {
    for (const close of closers) await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
