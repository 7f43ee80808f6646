#!/usr/bin/env node
// The `authen-qr` command. Committed (not built) so that `npm install` links it in a fresh clone of the
// repository, where dist/ does not exist yet; it runs the built CLI from dist/.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'authen-qr: not built yet (dist/ is missing): run `npm run build` in the repository root first.\n' +
      'authen-qr: ยังไม่ได้ build (ไม่มีโฟลเดอร์ dist/): ให้รัน `npm run build` ที่โฟลเดอร์หลักของ repository ก่อน\n',
  );
  process.exit(1);
}
await import(cli.href);
