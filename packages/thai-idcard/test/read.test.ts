import { fromHex, readThaiIdCard, streamThaiIdCard, toHex } from '@authenkit/thai-idcard';
import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';

describe('readThaiIdCard on the in-process virtual card', () => {
  it('reads the text in 7 APDUs', async () => {
    const card = createVirtualCard({ image: sampleCardImage() });
    const data = await readThaiIdCard(card.transport());
    expect(card.stats.apdus).toBe(7);
    expect(data.citizenId).toBe('1101700123456');
    expect(data.citizenIdValid).toBe(true);
    expect(data.firstNameTh).toBe('ทดสอบ');
    expect(data.lastNameEn).toBe('Jaideemak');
    expect(data.birthDate).toBe('1990-04-15');
    expect(data.address.province).toBe('กรุงเทพมหานคร');
    expect(data.photo).toBeUndefined();
  });
  it('reads everything with the photo in ≤ 47 APDUs', async () => {
    const image = sampleCardImage();
    const card = createVirtualCard({ image });
    const data = await readThaiIdCard(card.transport(), { photo: true });
    expect(card.stats.apdus).toBe(47);
    const area = fromHex(image.moi).subarray(379, 379 + 5118);
    let end = area.length;
    while (area[end - 1] === 0x20) end--;
    expect(toHex(data.photo!)).toBe(toHex(area.subarray(0, end)));
  });
  it('streams identity first', async () => {
    const card = createVirtualCard({ image: sampleCardImage() });
    const types: string[] = [];
    for await (const e of streamThaiIdCard(card.transport(), {
      photo: true,
      nhso: true,
      laser: true,
      chip: true,
    })) {
      types.push(e.type);
    }
    expect(types[0]).toBe('identity');
    expect(types[1]).toBe('text');
    expect(types.at(-1)).toBe('done');
  });
});
