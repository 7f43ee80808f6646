import { fromHex, moiReadPlan, readThaiIdCard, readThaiIdPhoto, toHex } from '@authenkit/thai-idcard';
import { createReplayTransport, formatApduScript } from '@authenkit/thai-idcard/replay';
import { createVirtualCard, sampleCardImage, type VirtualCard } from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';

/** Builds a replay script for EXACTLY these commands, answered by a virtual card. */
function scriptFor(card: VirtualCard, commands: string[]): string {
  card.reset();
  return formatApduScript(commands.map((c) => ({ command: fromHex(c), response: card.process(fromHex(c)) })));
}

const SELECT_MOI = '00a4040008a000000054480001';
const read = (off: number, len: number) =>
  `80b0${off.toString(16).padStart(4, '0')}0200${len.toString(16).padStart(2, '0')}`;
const getResponse = (len: number, p2 = 0) => `00c0000${p2}${len.toString(16).padStart(2, '0')}`;

describe('the lean read plan, asserted APDU by APDU via replay', () => {
  it('text only: SELECT + 3 × (READ + GET RESPONSE) = 7 APDUs', async () => {
    const commands = [
      SELECT_MOI,
      '80b00000' + '0200d9',
      '00c00000d9',
      '80b000d9' + '0200a0',
      '00c00000a0',
      '80b01579' + '0200ae',
      '00c00000ae',
    ];
    const t = createReplayTransport(scriptFor(createVirtualCard({ image: sampleCardImage() }), commands));
    const data = await readThaiIdCard(t);
    t.assertDone();
    expect(commands).toHaveLength(7);
    expect(data.citizenId).toBe('1101700123456');
  });

  it('with photo: contiguous ≤ 255-byte READs, 47 APDUs, identity in the first READ', async () => {
    const ranges: Array<[number, number]> = [
      [0, 217],
      [217, 255],
      [5497, 174],
    ];
    for (let off = 472; off < 5497; off += 255) ranges.push([off, Math.min(255, 5497 - off)]);
    expect(moiReadPlan({ photo: true })).toEqual(ranges);
    const commands = [SELECT_MOI, ...ranges.flatMap(([o, l]) => [read(o, l), getResponse(l)])];
    expect(commands).toHaveLength(47);
    // the plan covers exactly the bytes 0..5670 (header, photo, address, photo number), each once
    const covered = new Uint8Array(5671);
    for (const [o, l] of ranges) for (let i = o; i < o + l; i++) covered[i]!++;
    expect(covered.every((c) => c === 1)).toBe(true);
    const t = createReplayTransport(scriptFor(createVirtualCard({ image: sampleCardImage() }), commands));
    const events: string[] = [];
    const data = await readThaiIdCard(t, { photo: true, onEvent: (e) => events.push(e.type) });
    t.assertDone();
    expect(events.slice(0, 2)).toEqual(['identity', 'text']);
    expect(data.photo![0]).toBe(0xff);
  });

  it('NHSO, laser code (ADM) and CPLC', async () => {
    const commands = [
      SELECT_MOI,
      read(0, 217),
      getResponse(217),
      read(217, 160),
      getResponse(160),
      read(5497, 174),
      getResponse(174),
      '00a4040008a000000054480083',
      read(4, 255),
      getResponse(255),
      read(259, 91),
      getResponse(91),
      '00a4040008a000000084060002',
      '8000000017',
      '00a40400',
      '80ca9f7f2d',
    ];
    const t = createReplayTransport(scriptFor(createVirtualCard({ image: sampleCardImage() }), commands));
    const data = await readThaiIdCard(t, { nhso: true, laser: true, chip: true });
    t.assertDone();
    expect(data.laserCode).toBe('ME1120913419');
    expect(data.nhso?.mainHospital).toBe('โรงพยาบาลทดสอบ');
    expect(data.chipSerial).toHaveLength(16);
  });

  it('ATR 3B 67 uses GET RESPONSE 00 C0 00 01 (profile, not an if)', async () => {
    const image = { ...sampleCardImage(), atr: '3b6700005448204e4944' };
    const commands = [
      SELECT_MOI,
      read(0, 217),
      getResponse(217, 1),
      read(217, 160),
      getResponse(160, 1),
      read(5497, 174),
      getResponse(174, 1),
    ];
    const t = createReplayTransport(scriptFor(createVirtualCard({ image }), commands), {
      atr: fromHex(image.atr),
    });
    await readThaiIdCard(t);
    t.assertDone();
    // and the virtual 3B 67 card refuses P2 = 00, so a reader without the profile would fail
    const card = createVirtualCard({ image });
    card.process(fromHex(SELECT_MOI));
    card.process(fromHex(read(0, 4)));
    expect(toHex(card.process(fromHex(getResponse(4, 0))))).toBe('6b00');
  });

  it('T=1 cards (data + 90 00 directly) need no GET RESPONSE: 4 APDUs', async () => {
    const card = createVirtualCard({ image: sampleCardImage(), protocol: 'T1' });
    await readThaiIdCard(card.transport());
    expect(card.stats.apdus).toBe(4);
  });

  it('lazy photo: SELECT + 21 READs + 21 GET RESPONSEs with progress', async () => {
    const card = createVirtualCard({ image: sampleCardImage() });
    const progress: number[] = [];
    const photo = await readThaiIdPhoto(card.transport(), { onProgress: (d) => progress.push(d) });
    expect(card.stats.apdus).toBe(43);
    expect(progress).toHaveLength(21);
    expect(progress.at(-1)).toBe(5118);
    expect(photo.subarray(-2)).toEqual(Uint8Array.of(0xff, 0xd9));
  });
});
