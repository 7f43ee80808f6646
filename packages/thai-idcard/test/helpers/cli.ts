import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

/** Runs the `thai-idcard` CLI in process and captures its output. */
export async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
  });
  return { code, stdout, stderr, all: stdout + stderr };
}
