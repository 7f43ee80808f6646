import {
  decodeTis620,
  encodeTis620,
  fromHex,
  isThaiIdCardError,
  parseAddressText,
  parseAdmInfo,
  parseCardDate,
  parseCplc,
  parseMoiData,
  parseName,
  parseNhsoData,
  parsePhoto,
  readThaiIdCard,
  toHex,
} from '@authenkit/thai-idcard';
import {
  buildCardImage,
  createVirtualCard,
  loadCardImage,
  sampleCardImage,
  sampleCardSpec,
} from '@authenkit/thai-idcard/virtual';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('TIS-620', () => {
  it('decodes with windows-874 and round-trips all Thai characters', () => {
    expect(decodeTis620(Uint8Array.of(0xb9, 0xd2, 0xc2, 0x23, 0xca))).toBe('นาย#ส');
    const thai = Array.from({ length: 0xfb - 0xa1 + 1 }, (_, i) => 0xa1 + i).filter(
      (b) => b < 0xdb || b > 0xde,
    );
    const bytes = Uint8Array.from(thai);
    expect(encodeTis620(decodeTis620(bytes))).toEqual(bytes);
    expect(() => encodeTis620('€')).toThrow(/TIS-620/);
  });
});

describe('golden vectors', () => {
  it('splits names on # before trimming', () => {
    expect(parseName('นาย#สมชาย##ใจดี                ')).toEqual({
      title: 'นาย',
      first: 'สมชาย',
      middle: '',
      last: 'ใจดี',
    });
    expect(parseName('Mr.#John#Paul#Smith')).toEqual({
      title: 'Mr.',
      first: 'John',
      middle: 'Paul',
      last: 'Smith',
    });
    expect(parseName('Mr.#John#Smith')).toMatchObject({ middle: '', last: 'Smith' });
    expect(parseName('  ')).toEqual({ title: '', first: '', middle: '', last: '' });
  });
  it('splits the 160-byte address into its 8 slots', () => {
    const a = parseAddressText('12/3#หมู่ที่ 4#ตรอกวัด#ซอยสุข#ถนนหลวง#ตำบลบางรัก#อำเภอเมือง#จังหวัดนนทบุรี   ');
    expect(a).toEqual({
      houseNo: '12/3',
      moo: 'หมู่ที่ 4',
      trok: 'ตรอกวัด',
      soi: 'ซอยสุข',
      road: 'ถนนหลวง',
      subdistrict: 'ตำบลบางรัก',
      district: 'อำเภอเมือง',
      province: 'จังหวัดนนทบุรี',
      full: '12/3 หมู่ที่ 4 ตรอกวัด ซอยสุข ถนนหลวง ตำบลบางรัก อำเภอเมือง จังหวัดนนทบุรี',
    });
    expect(parseAddressText('5#ต.ก#อ.ข#กรุงเทพมหานคร')).toMatchObject({
      houseNo: '5',
      subdistrict: 'ต.ก',
      province: 'กรุงเทพมหานคร',
    });
  });
  it('parses Buddhist-era dates: unknown day/month, lifelong, blank', () => {
    expect(parseCardDate('25400115').date).toBe('1997-01-15');
    expect(parseCardDate('25400100').date).toBe('1997-01');
    expect(parseCardDate('25400000').date).toBe('1997');
    expect(parseCardDate('99999999')).toEqual({ date: null, lifelong: true, raw: '99999999' });
    expect(parseCardDate('        ').date).toBeNull();
    expect(parseCardDate('2540131x').date).toBeNull();
  });
  it('reads a lifelong card with unknown birth day and a male holder', async () => {
    const image = sampleCardImage({ birthDate: '24800000', expiryDate: '99999999', sex: '1' });
    const d = await readThaiIdCard(createVirtualCard({ image }).transport());
    expect(d).toMatchObject({ birthDate: '1937', lifelong: true, expiryDate: null, sex: 'male' });
  });
  it('keeps 0x20 bytes inside the photo (trims only the padding after the image)', () => {
    const area = new Uint8Array(5118).fill(0x20);
    const jpeg = Uint8Array.of(0xff, 0xd8, 0x20, 0x20, 0x01, 0x20, 0xff, 0xd9);
    area.set(jpeg, 250); // image bytes 0x20 sit at the end of a 255-byte chunk
    area.set(Uint8Array.of(0xff, 0xd8), 0);
    expect(toHex(parsePhoto(area)).endsWith('ffd8202001 20ffd9'.replace(' ', ''))).toBe(true);
  });
  it('parses ADM info and CPLC', () => {
    const adm = new Uint8Array(23);
    adm.set([1, 2, 3, 4]);
    adm.set(new TextEncoder().encode('JT1234567890'), 7);
    expect(parseAdmInfo(adm)).toEqual({ version: '1.2', state: 3, authorize: 4, laserCode: 'JT1234567890' });
    const cplc = Uint8Array.from({ length: 42 }, (_, i) => i);
    expect(parseCplc(Uint8Array.of(0x9f, 0x7f, 0x2a, ...cplc)).chipSerial).toBe('0a0b0c0d0e0f1011');
  });
  it('card images: both forms load; bad images get INVALID_CARD_IMAGE; unknown keys are kept', () => {
    const image = loadCardImage({ ...sampleCardImage(), pin2: '1234' });
    expect(image.pin2).toBe('1234');
    expect(loadCardImage(JSON.stringify(sampleCardSpec())).moi).toBe(sampleCardImage().moi);
    for (const bad of [
      '{',
      '[]',
      { moi: 'zz' },
      { moi: '00'.repeat(6000) },
      { fields: { citizenId: '1', firstNameTh: '€', lastNameTh: '' } },
    ]) {
      let code: unknown;
      try {
        loadCardImage(bad);
      } catch (e) {
        code = isThaiIdCardError(e) && e.code;
      }
      expect(code).toBe('INVALID_CARD_IMAGE');
    }
    expect(buildCardImage(sampleCardSpec()).nhso).toBeDefined();
  });
  it('parses the sample MOI file and NHSO file', () => {
    const image = sampleCardImage();
    const d = parseMoiData(fromHex(image.moi));
    expect(d).toMatchObject({
      cardVersion: '0003',
      issueDate: '2022-01-20',
      requestNumber: '1017-01-01234567',
      issuerCode: '10170012345',
    });
    expect(parseNhsoData(fromHex(image.nhso!))).toMatchObject({
      subInscl: '(89) ช่วงอายุ 12-59 ปี',
      paidType: '1',
      issueDate: '2024-01-01',
    });
  });
});

describe('property: random card contents never crash (only typed errors)', () => {
  const typedOnly = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (!isThaiIdCardError(e)) throw e;
    }
  };
  it('pure parsers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), (bytes) => {
        typedOnly(() => parseMoiData(bytes));
        typedOnly(() => parseNhsoData(bytes));
        typedOnly(() => parseAdmInfo(bytes));
        typedOnly(() => parseCplc(bytes));
      }),
      { numRuns: 300 },
    );
  });
  it('reading random card images through the virtual card', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 5950 }),
        fc.option(fc.uint8Array({ maxLength: 400 }), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        async (raw, nhso, photo, withId) => {
          const moi = raw.slice();
          if (withId && moi.length >= 17) moi.set(new TextEncoder().encode('1101700123456'), 4);
          const image = {
            atr: '3b79960000544820' + '4e4944203138',
            moi: toHex(moi),
            ...(nhso ? { nhso: toHex(nhso) } : {}),
            laser: '',
          };
          try {
            const d = await readThaiIdCard(createVirtualCard({ image }).transport(), {
              photo,
              nhso: true,
              laser: true,
              chip: true,
            });
            expect(d.citizenId).toMatch(/^\d{13}$/);
          } catch (e) {
            if (!isThaiIdCardError(e)) throw e;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
