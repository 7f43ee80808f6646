import { defineConfig } from 'tsup';
import { cjsEntries, esmModules } from '../../scripts/tsup-shared.ts';

const entry = {
  index: 'src/index.ts',
  pcsc: 'src/pcsc.ts',
  virtual: 'src/virtual.ts',
  replay: 'src/replay.ts',
  pki: 'src/pki.ts',
};
const external = ['pcsclite', 'smartcard', '@authenkit/authen-code'];

// dist/cli.js (the `thai-idcard` command, started by bin/thai-idcard.js) comes from the ESM build.
export default defineConfig([
  esmModules({ dts: { entry }, platform: 'node', external }),
  // shims: import.meta.url (the binding probe resolves from it) in the CJS build
  cjsEntries(entry, { platform: 'node', external, shims: true }),
]);
