/**
 * Re-creates the SEED traces of this corpus from synthetic virtual card images (run from
 * packages/thai-idcard: `npx tsx test/field-traces/seed.ts`). Traces from the field need none of this: put
 * the `thai-idcard record --anonymize` output in a new folder with a README.md and `expected.json`
 * (`thai-idcard replay card.apdu --structure > expected.json`, then check it by eye).
 *
 * Each seed folder gets: `card.apdu` (recorded and anonymised with a fixed random seed, so re-running gives
 * the same files), `source-card.json` (the synthetic image it was recorded from), `expected.json` (the
 * structure of the read of the ORIGINAL card: the anonymised trace must replay to exactly this).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@authenkit/authen-code';
import { describeReadStructure } from '../../src/anonymize.js';
import { toHex } from '../../src/apdu.js';
import { recordReadOptions, recordTrace } from '../../src/cli/record.js';
import { readThaiIdCard } from '../../src/read.js';
import { createCardManagerApplet } from '../../src/virtual/applets.js';
import type { VirtualApplet } from '../../src/virtual/card.js';
import {
  buildCardImage,
  type CardImage,
  type CardImageSpec,
  createVirtualCard,
  sampleCardSpec,
} from '../../src/virtual/image.js';
import { generateJpeg } from '../../src/virtual/jpeg.js';

const here = import.meta.dirname;
const fixtures = join(here, '..', '..', 'fixtures');

/** A JPEG that fills the whole 5118-byte photo area (no padding after it). */
function fullPhoto(): string {
  const base = generateJpeg({ seed: 7 }).length;
  const comment = new TextEncoder().encode('F'.repeat(5118 - base - 4));
  const jpeg = generateJpeg({ seed: 7, comment });
  if (jpeg.length !== 5118) throw new Error(`photo is ${jpeg.length} bytes`);
  return toHex(jpeg);
}

/** An ADM applet that refuses the info read (older chips: laser code not readable). */
const refusingAdm: VirtualApplet = {
  aid: Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x02),
  name: 'ADM (refuses 80 00 00 00)',
  select: () => ({ sw: 0x9000 }),
  process: () => ({ sw: 0x6d00 }),
  reset: () => {},
};

const provincial = {
  houseNo: '123',
  moo: 'หมู่ที่ 4',
  trok: '',
  soi: '',
  road: 'ถนนมิตรภาพ',
  subdistrict: 'ตำบลในเมือง',
  district: 'อำเภอเมืองขอนแก่น',
  province: 'จังหวัดขอนแก่น',
};

interface Seed {
  name: string;
  readme: string;
  image: CardImage;
  photo: boolean;
  protocol?: 'T0' | 'T1';
  applets?: VirtualApplet[];
}

const sampleFile = JSON.parse(readFileSync(join(fixtures, 'sample-card.json'), 'utf8')) as CardImage;
const oldChip = buildCardImage(
  JSON.parse(readFileSync(join(fixtures, 'lifelong-old-chip.fields.json'), 'utf8')) as CardImageSpec,
);
const spec = (over: Partial<CardImageSpec['fields']>, extra: Partial<CardImageSpec> = {}) => {
  const s = sampleCardSpec(over);
  return buildCardImage({ ...s, ...extra });
};

const seeds: Seed[] = [
  {
    name: 'current-chip-bangkok',
    photo: true,
    image: sampleFile,
    readme: `Current card generation (ATR 3B 79 96 00 00 "TH NID 18"), T=0: every READ answered with 61 xx and
fetched with GET RESPONSE 00 C0 00 00. Bangkok address (แขวง / เขต / กรุงเทพมหานคร), NHSO applet, laser code,
CPLC. Text + photo + NHSO + laser + chip. Seeded from fixtures/sample-card.json.`,
  },
  {
    name: 'gen-3b67-get-response-p2-01',
    photo: false,
    image: spec({ address: provincial }, { atr: '3b670000a9d40000009000' }),
    readme: `The early card generation with ATR 3B 67 …: GET RESPONSE uses P2 = 01 (00 C0 00 01 Le), the other
variant. Unverified on hardware (see the reference §2.3); a field trace of such a card is most welcome.
Provincial address (ตำบล / อำเภอ / จังหวัด). Text + NHSO + laser + chip.`,
  },
  {
    name: 'old-chip-lifelong-unknown-birth',
    photo: false,
    image: oldChip,
    readme: `An older chip: lifelong card (expiry 99999999), birth date with unknown month and day (24800000 → year
only), no NHSO applet and no ADM applet (SELECT answers 6A 82: laser code unavailable), no CPLC (6A 88).
Seeded from fixtures/lifelong-old-chip.fields.json.`,
  },
  {
    name: 't1-provincial-middle-names',
    photo: true,
    protocol: 'T1',
    image: spec({
      middleNameTh: 'กลาง',
      middleNameEn: 'Klang',
      birthDate: '25200300',
      address: provincial,
    }),
    readme: `A reader speaking T=1: the card answers READ with the data and 90 00 directly, no GET RESPONSE.
Thai and English middle names (title#first#middle#last), birth date with unknown day (25200300 → year and
month), provincial address. Text + photo + NHSO + laser + chip.`,
  },
  {
    name: 'photo-fills-5118-bytes',
    photo: true,
    image: spec({ photo: fullPhoto() }),
    readme: `A photo JPEG that fills the whole 5118-byte photo area (no space padding after the image): the read
must not trim its last chunk. Text + photo + NHSO + laser + chip.`,
  },
  {
    name: 'adm-refuses-laser-read',
    photo: false,
    image: spec({}, { nhso: undefined }),
    applets: [refusingAdm, createCardManagerApplet(undefined)],
    readme: `The ADM applet answers SELECT but refuses the info read 80 00 00 00 17 with 6D 00 (reported for chips
issued before about 2015): the laser code is unavailable, the rest of the read stands. No NHSO applet
(SELECT 6A 82), no CPLC (6A 88). (The refusing ADM applet is added by seed.ts; source-card.json alone has a
working one.)`,
  },
];

for (const [i, s] of seeds.entries()) {
  const dir = join(here, s.name);
  mkdirSync(dir, { recursive: true });
  const card = () =>
    createVirtualCard({
      image: s.image,
      ...(s.applets ? { applets: s.applets } : {}),
      ...(s.protocol ? { protocol: s.protocol } : {}),
    });
  const original = await readThaiIdCard(card().transport(), recordReadOptions(s.photo));
  const trace = await recordTrace(card().transport(), {
    photo: s.photo,
    random: seededRandom(1000 + i),
    comments: [`seed: test/field-traces/seed.ts (${s.name}), synthetic card image source-card.json`],
  });
  writeFileSync(join(dir, 'card.apdu'), trace.script);
  writeFileSync(join(dir, 'source-card.json'), `${JSON.stringify(s.image, null, 2)}\n`);
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(describeReadStructure(original), null, 2)}\n`);
  writeFileSync(
    join(dir, 'README.md'),
    `# ${s.name}\n\n- chip generation: ATR \`${s.image.atr}\` (virtual card, seeded)\n- reader: virtual (${s.protocol ?? 'T0'})\n- what is special: see below\n\n${s.readme}\n`,
  );
  console.log(`${s.name}: ${trace.exchanges.length} APDUs`);
}
