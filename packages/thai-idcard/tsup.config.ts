import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      pcsc: 'src/pcsc.ts',
      virtual: 'src/virtual.ts',
      replay: 'src/replay.ts',
      pki: 'src/pki.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    sourcemap: true,
    platform: 'node',
    target: 'es2022',
    external: ['pcsclite', 'smartcard', '@authenkit/authen-code'],
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    platform: 'node',
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
    external: ['pcsclite', 'smartcard', '@authenkit/authen-code'],
  },
]);
