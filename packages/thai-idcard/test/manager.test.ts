import { createReaderManager, isThaiIdCardError, readThaiIdCard, toHex } from '@authenkit/thai-idcard';
import {
  createVirtualCard,
  createVirtualReaderBackend,
  sampleCardImage,
} from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';

describe('reader manager (in-process backend)', () => {
  it('reports reader unplug / re-plug and reads after re-plug', async () => {
    const v = createVirtualReaderBackend(['R1']);
    const m = createReaderManager({ backend: v.backend });
    const events: string[] = [];
    for (const ev of ['reader-attached', 'reader-detached', 'card-inserted', 'card-removed'] as const) {
      m.on(ev, (e: { reader: string }) => events.push(`${ev} ${e.reader}`));
    }
    await m.waitForReader({ signal: AbortSignal.timeout(1000) });
    v.insert('R1', createVirtualCard({ image: sampleCardImage() }));
    await m.waitForCard({ signal: AbortSignal.timeout(1000) });
    v.detach('R1');
    await m.waitForRemoval('R1', { signal: AbortSignal.timeout(1000) });
    v.attach('R1');
    v.insert('R1', createVirtualCard({ image: sampleCardImage() }));
    const data = await m.read({ reader: 'R1', signal: AbortSignal.timeout(1000) });
    expect(data.citizenIdValid).toBe(true);
    expect(events).toEqual([
      'reader-attached R1',
      'card-inserted R1',
      'card-removed R1',
      'reader-detached R1',
      'reader-attached R1',
      'card-inserted R1',
    ]);
    await m.close();
  });

  it('every wait takes an AbortSignal (TIMEOUT / ABORTED), and close() rejects pending waits', async () => {
    const v = createVirtualReaderBackend(['R1']);
    const m = createReaderManager({ backend: v.backend });
    const t = await m.waitForCard({ signal: AbortSignal.timeout(20) }).catch((e) => e);
    expect(isThaiIdCardError(t) && t.code).toBe('TIMEOUT');
    const ac = new AbortController();
    const p = m.waitForCard({ signal: ac.signal });
    ac.abort();
    const a = await p.catch((e) => e);
    expect(isThaiIdCardError(a) && a.code).toBe('ABORTED');
    const pending = m.waitForCard();
    await m.close();
    const c = await pending.catch((e) => e);
    expect(isThaiIdCardError(c) && c.code).toBe('TRANSPORT_CLOSED');
  });

  it('the reader lock keeps two reads on one reader from interleaving', async () => {
    const card = createVirtualCard({ image: sampleCardImage() });
    const log: string[] = [];
    card.onApdu = (_i, cmd) => {
      log.push(toHex(cmd.subarray(0, 4)));
      return undefined;
    };
    await Promise.all([readThaiIdCard(card.transport()), readThaiIdCard(card.transport())]);
    expect(log).toHaveLength(14);
    expect(log.slice(7)).toEqual(log.slice(0, 7));
    expect(log[0]).toBe('00a40400');
    expect(log[7]).toBe('00a40400');
  });

  it('a reader with no card: CARD_NOT_PRESENT; a removed card: CARD_REMOVED without a partial record', async () => {
    const v = createVirtualReaderBackend(['R1']);
    const m = createReaderManager({ backend: v.backend });
    await m.waitForReader();
    const e1 = await readThaiIdCard(m.transport('R1')).catch((e) => e);
    expect(isThaiIdCardError(e1) && e1.code).toBe('CARD_NOT_PRESENT');
    const card = createVirtualCard({
      image: sampleCardImage(),
      onApdu: (i) => (i === 3 ? 'remove' : undefined),
    });
    v.insert('R1', card);
    await m.waitForCard();
    const identities: string[] = [];
    const e2 = await readThaiIdCard(m.transport('R1'), {
      onEvent: (e) => e.type === 'identity' && identities.push(e.identity.citizenId),
    }).catch((e) => e);
    expect(isThaiIdCardError(e2) && e2.code).toBe('CARD_REMOVED');
    expect(e2.details.apduIndex).toBe(3);
    expect(JSON.stringify(e2)).not.toContain('1101700123456');
    expect(identities).toEqual(['1101700123456']); // progressive delivery happened before the pull
    // opt-in: the citizen ID goes into details only when asked for
    const again = createVirtualCard({
      image: sampleCardImage(),
      onApdu: (i) => (i === 3 ? 'remove' : undefined),
    });
    const e3 = await readThaiIdCard(again.transport(), { includePersonalData: true }).catch((e) => e);
    expect(e3.code).toBe('CARD_REMOVED');
    expect(e3.details.citizenId).toBe('1101700123456');
    await m.waitForRemoval('R1', { signal: AbortSignal.timeout(1000) });
    await m.close();
  });
});
