/**
 * The trace anonymiser, on EVERY virtual card image of the repo (fixtures/, the sample card, the seed images
 * of the field-trace corpus): no byte of a personal field survives, and the anonymised trace replays to a
 * read with the same structure as the original.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADDRESS_LABELS,
  encodeTis620,
  readThaiIdCard,
  type ThaiIdCardData,
  toHex,
} from '@authenkit/thai-idcard';
import {
  anonymizeApduTrace,
  createRecordingTransport,
  createReplayTransport,
  describeReadStructure,
  formatApduScript,
  parseApduTrace,
} from '@authenkit/thai-idcard/replay';
import {
  type CardImage,
  createVirtualCard,
  loadCardImage,
  sampleCardImage,
} from '@authenkit/thai-idcard/virtual';
import { describe, expect, it } from 'vitest';
import { recordReadOptions } from '../src/cli/record.js';

const root = join(__dirname, '..');
const images: Array<[string, CardImage]> = [
  ['sampleCardImage()', sampleCardImage()],
  ...readdirSync(join(root, 'fixtures'))
    .filter((f) => f.endsWith('.json'))
    .map((f): [string, CardImage] => [
      `fixtures/${f}`,
      loadCardImage(readFileSync(join(root, 'fixtures', f), 'utf8')),
    ]),
  ...readdirSync(join(__dirname, 'field-traces'))
    .filter((d) => existsSync(join(__dirname, 'field-traces', d, 'source-card.json')))
    .map((d): [string, CardImage] => [
      `field-traces/${d}`,
      loadCardImage(readFileSync(join(__dirname, 'field-traces', d, 'source-card.json'), 'utf8')),
    ]),
];

const LETTER = /[0-9A-Za-z\u0e01-\u0e5b]/;

/** Every letter / digit of `a` differs from the character at the same place in `b` (same length). */
function differsEverywhere(what: string, a: string, b: string): void {
  expect(b.length, `${what}: length`).toBe(a.length);
  for (let i = 0; i < a.length; i++) {
    if (LETTER.test(a[i]!)) expect(b[i], `${what}[${i}] "${a[i]}" survived`).not.toBe(a[i]);
    else expect(b[i], `${what}[${i}] (format character)`).toBe(a[i]);
  }
}

/** The part of an address slot after its administrative label (the label is not personal and is kept). */
function unlabelled(slot: string): string {
  const label = [...ADDRESS_LABELS].sort((x, y) => y.length - x.length).find((l) => slot.startsWith(l));
  return label ? slot.slice(label.length) : slot;
}

function dateParts(what: string, a: string | null, b: string | null): void {
  expect(b === null, `${what}: null stays null`).toBe(a === null);
  if (a === null || b === null) return;
  expect(b.length, `${what}: shape`).toBe(a.length);
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  expect(yb, `${what}: year survived`).not.toBe(ya);
  if (ma) expect(mb, `${what}: month survived`).not.toBe(ma);
  if (da) expect(db, `${what}: day survived`).not.toBe(da);
}

/** The person-specific bytes of a JPEG: comment payloads and the entropy-coded scan. */
function photoContent(jpeg: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    const len = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (marker === 0xfe) parts.push(jpeg.subarray(i + 4, i + 2 + len));
    if (marker === 0xda) {
      parts.push(jpeg.subarray(i + 2 + len));
      break;
    }
    i += 2 + len;
  }
  return parts;
}

function windows(bytes: Uint8Array, size: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + size <= bytes.length; i++) out.add(toHex(bytes.subarray(i, i + size)));
  return out;
}

function personalStrings(d: ThaiIdCardData): string[] {
  const a = d.address;
  return [
    d.citizenId,
    d.firstNameTh,
    d.middleNameTh,
    d.lastNameTh,
    d.firstNameEn,
    d.middleNameEn,
    d.lastNameEn,
    d.requestNumber,
    d.issuer,
    d.issuerCode,
    d.photoNumber,
    d.laserCode ?? '',
    ...[a.houseNo, a.moo, a.trok, a.soi, a.road, a.subdistrict, a.district, a.province].map(unlabelled),
    ...(d.nhso ? [d.nhso.mainHospital, d.nhso.subHospital] : []),
  ]
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
}

describe('anonymizeApduTrace on every virtual card image', () => {
  it('covers the images of the repo', () => {
    expect(images.length).toBeGreaterThanOrEqual(8);
  });

  it.each(images)(
    '%s: no personal byte survives; the trace replays to the same structure',
    async (_, image) => {
      const options = recordReadOptions(true);
      const original = await readThaiIdCard(createVirtualCard({ image }).transport(), options);
      const rec = createRecordingTransport(createVirtualCard({ image }).transport());
      await readThaiIdCard(rec, options);
      const { exchanges, report } = anonymizeApduTrace(rec.exchanges);
      // commands, status words and lengths are kept
      expect(exchanges.map((x) => toHex(x.command))).toEqual(rec.exchanges.map((x) => toHex(x.command)));
      expect(exchanges.map((x) => toHex(x.response.subarray(-2)))).toEqual(
        rec.exchanges.map((x) => toHex(x.response.subarray(-2))),
      );
      expect(exchanges.map((x) => x.response.length)).toEqual(rec.exchanges.map((x) => x.response.length));
      expect(report.fields).toContain('citizenId');

      // through the script format (with the ATR line) and back
      const script = formatApduScript(exchanges, { atr: rec.atr! });
      expect(toHex(parseApduTrace(script).atr!)).toBe(image.atr);
      const anon = await readThaiIdCard(createReplayTransport(script), options);
      expect(describeReadStructure(anon)).toEqual(describeReadStructure(original));

      // field by field: every letter and digit changed, every format character kept
      expect(anon.citizenIdValid).toBe(original.citizenIdValid);
      for (const k of [
        'citizenId',
        'titleTh',
        'firstNameTh',
        'middleNameTh',
        'lastNameTh',
        'titleEn',
        'firstNameEn',
        'middleNameEn',
        'lastNameEn',
        'requestNumber',
        'issuer',
        'issuerCode',
        'photoNumber',
      ] as const)
        differsEverywhere(k, original[k], anon[k]);
      for (const k of [
        'houseNo',
        'moo',
        'trok',
        'soi',
        'road',
        'subdistrict',
        'district',
        'province',
      ] as const) {
        differsEverywhere(`address.${k}`, unlabelled(original.address[k]), unlabelled(anon.address[k]));
        expect(anon.address[k].slice(0, anon.address[k].length - unlabelled(anon.address[k]).length)).toBe(
          original.address[k].slice(0, original.address[k].length - unlabelled(original.address[k]).length),
        );
      }
      dateParts('birthDate', original.birthDate, anon.birthDate);
      dateParts('issueDate', original.issueDate, anon.issueDate);
      dateParts('expiryDate', original.expiryDate, anon.expiryDate);
      if (original.sex !== 'unknown') expect(anon.sex).not.toBe(original.sex);
      if (original.laserCode) differsEverywhere('laserCode', original.laserCode, anon.laserCode!);
      if (original.chipSerial) {
        const [a, b] = [original.chipSerial, anon.chipSerial!];
        for (let i = 0; i < a.length; i += 2) expect(b.slice(i, i + 2)).not.toBe(a.slice(i, i + 2));
      }
      if (original.nhso) {
        for (const k of ['mainInscl', 'subInscl', 'mainHospital', 'subHospital', 'paidType'] as const)
          differsEverywhere(`nhso.${k}`, original.nhso[k], anon.nhso![k]);
        for (const k of ['issueDate', 'expiryDate', 'updateDate'] as const)
          dateParts(`nhso.${k}`, original.nhso[k], anon.nhso![k]);
      }

      // the photo: a valid JPEG of the same length, sharing nothing person-specific with the original
      expect(anon.photo!.length).toBe(original.photo!.length);
      expect([anon.photo![0], anon.photo![1], anon.photo!.at(-2), anon.photo!.at(-1)]).toEqual([
        0xff, 0xd8, 0xff, 0xd9,
      ]);
      const anonWindows = windows(anon.photo!, 16);
      for (const part of photoContent(original.photo!))
        for (const w of windows(part, 16))
          expect(anonWindows.has(w), 'a 16-byte run of the photo survived').toBe(false);

      // and nowhere in the whole trace: the bytes of any personal text
      const all = exchanges.map((x) => toHex(x.response)).join('|');
      for (const s of personalStrings(original)) expect(all, s).not.toContain(toHex(encodeTis620(s)));
    },
  );

  it('an over-long answer and unknown commands: their bytes become random, lengths and SWs stay', () => {
    const laser = new TextEncoder().encode('ME1120913419');
    const adm = new Uint8Array(300).fill(0x41);
    adm.set(laser, 7);
    const { exchanges, report } = anonymizeApduTrace([
      {
        command: Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x08, 0xa0, 0, 0, 0, 0x84, 0x06, 0x00, 0x02),
        response: Uint8Array.of(0x90, 0),
      },
      { command: Uint8Array.of(0x80, 0x00, 0x00, 0x00, 0x17), response: Uint8Array.of(...adm, 0x90, 0x00) },
      {
        command: Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x10),
        response: Uint8Array.of(...laser, 1, 2, 3, 4, 0x90, 0x00),
      },
    ]);
    expect(exchanges[1]!.response.length).toBe(302);
    expect(toHex(exchanges[1]!.response)).not.toContain(toHex(laser));
    expect(toHex(exchanges[2]!.response)).not.toContain(toHex(laser));
    expect(toHex(exchanges[2]!.response.subarray(-2))).toBe('9000');
    expect(report.unknownBytes).toBe(300 - 23 + 16);
  });
});
