/**
 * `thai-idcard` command-line entry (bin). See `thai-idcard --help`.
 *
 * @packageDocumentation
 */
import { runCli } from './cli/main.js';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
// Output to a closed pipe (`thai-idcard doctor | head -3`) ends quietly: no EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
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
  // PC/SC bindings can keep a native thread alive (virtual-reader.md G3): exit explicitly, once the output
  // is flushed (a pipe is written asynchronously).
  const exit = () => process.exit(code);
  if (process.stdout.writableLength || process.stderr.writableLength) {
    let pending = 2;
    const done = () => --pending === 0 && exit();
    process.stdout.write('', done);
    process.stderr.write('', done);
    setTimeout(exit, 2000).unref();
  } else exit();
});
