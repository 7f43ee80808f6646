/**
 * `thai-idcard` command-line entry (bin). See `thai-idcard --help`.
 *
 * @packageDocumentation
 */
import { runCli } from './cli/main.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
// AbortSignal.timeout() timers are unref'd and native PC/SC threads do not hold the event loop: keep the
// process alive until the command finishes.
const keepAlive = setInterval(() => {}, 1 << 30);
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
}).then((code) => {
  clearInterval(keepAlive);
  // PC/SC bindings can keep a native thread alive (virtual-reader.md G3): exit explicitly.
  process.exit(code);
});
