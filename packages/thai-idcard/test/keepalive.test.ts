/**
 * A pending wait must hold the process: native PC/SC threads and AbortSignal.timeout() do not, so without the
 * manager's own handle `await manager.waitForCard()` in a plain script ended the process silently (exit 0,
 * or 13 for an unsettled top-level await in ESM) instead of waiting for the card or the caller's timeout.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const src = resolve(__dirname, '../src');

describe('waiting keeps the process alive', () => {
  it('waitForCard in a plain script waits until the caller gives up (no silent exit)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authenkit-keepalive-'));
    try {
      const script = join(dir, 'wait.mts');
      writeFileSync(
        script,
        `import { createReaderManager } from ${JSON.stringify(join(src, 'index.ts'))};
import { createVirtualReaderBackend } from ${JSON.stringify(join(src, 'virtual.ts'))};
const v = createVirtualReaderBackend(['Reader A']);
const m = createReaderManager({ backend: v.backend });
const t0 = Date.now();
try {
  await m.waitForCard({ signal: AbortSignal.timeout(400) });
  console.log('CARD');
} catch (e) {
  console.log('GAVE_UP', e.code, Date.now() - t0 >= 350);
}
await m.close();
`,
      );
      const { stdout } = await run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), script], {
        cwd: root,
        timeout: 20_000,
      });
      expect(stdout.trim()).toMatch(/^GAVE_UP (TIMEOUT|ABORTED) true$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
