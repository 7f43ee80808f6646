/**
 * End-to-end through the real stack: vitest → binding (pcsclite / smartcard) → libpcsclite → pcscd →
 * vsmartcard-vpcd → TCP → the virtual card. One pcscd (started and stopped by PID) for the whole file.
 */
import { readThaiIdCard } from '@authenkit/thai-idcard';
import { createPcscReaderManager, createPcscTransport, type PcscBinding } from '@authenkit/thai-idcard/pcsc';
import {
  createVirtualCard,
  sampleCardImage,
  serveVirtualCardToVpcd,
  type VpcdConnection,
} from '@authenkit/thai-idcard/virtual';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env.js';
import { type PcscdRig, startPcscd, VPCD_SLOTS } from './helpers/pcscd-rig.js';
import { defineReadSuite } from './helpers/suite.js';

const pcsc = capability('pcsc');

describe.skipIf(!pcsc.available)('pcscd + vsmartcard-vpcd', () => {
  let rig: PcscdRig | undefined;
  beforeAll(async () => {
    rig = await startPcscd({ waitMs: 150_000 }); // waits its turn if another test file holds pcscd
  }, 180_000);
  afterAll(async () => {
    await rig?.dispose();
  });

  for (const binding of ['pcsclite', 'smartcard'] as PcscBinding[]) {
    defineReadSuite(
      `binding ${binding}`,
      async () => {
        const manager = createPcscReaderManager({ binding });
        const conns = new Map<string, VpcdConnection>();
        return {
          manager,
          readers: VPCD_SLOTS.map((s) => s.reader),
          async insert(reader, card) {
            const slot = VPCD_SLOTS.find((s) => s.reader === reader)!;
            conns.set(reader, await serveVirtualCardToVpcd(card, { port: slot.port }));
          },
          async remove(reader) {
            await conns.get(reader)?.remove();
            conns.delete(reader);
          },
          restartService: () => rig!.restart(),
          async dispose() {
            for (const c of conns.values()) await c.remove();
            await manager.close();
          },
        };
      },
      { timeoutScale: 2 },
    );
  }
  it.each(['pcsclite', 'smartcard'] as PcscBinding[])(
    'createPcscTransport (%s) reads a card standalone',
    async (binding) => {
      const slot = VPCD_SLOTS[binding === 'pcsclite' ? 0 : 1];
      const watcher = createPcscReaderManager({ binding }); // only to wait for pcscd to see the slot empty (G2)
      try {
        await watcher.waitForReader({ reader: slot.reader, signal: AbortSignal.timeout(10_000) });
        await watcher.waitForRemoval(slot.reader, { signal: AbortSignal.timeout(10_000) });
        const conn = await serveVirtualCardToVpcd(createVirtualCard({ image: sampleCardImage() }), {
          port: slot.port,
        });
        await watcher.waitForCard({ reader: slot.reader, signal: AbortSignal.timeout(10_000) });
        const transport = await createPcscTransport({
          binding,
          reader: slot.reader,
          signal: AbortSignal.timeout(10_000),
        });
        try {
          const data = await readThaiIdCard(transport, { photo: true, laser: true });
          expect(data.laserCode).toBe('ME1120913419');
          expect(data.photo!.length).toBeGreaterThan(4000);
        } finally {
          await transport.close();
          await conn.remove();
        }
        await watcher.waitForRemoval(slot.reader, { signal: AbortSignal.timeout(10_000) });
      } finally {
        await watcher.close();
      }
    },
  );
});
