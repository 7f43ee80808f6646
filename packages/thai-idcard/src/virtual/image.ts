import { fromHex, toHex } from '../apdu.js';
import { ADM_AID, MOI_AID, MOI_LAYOUT, NHSO_AID, NHSO_LAYOUT, profileForAtr } from '../card.js';
import { ThaiIdCardError } from '../errors.js';
import { encodeTis620 } from '../tis620.js';
import { createAdmApplet, createCardManagerApplet, createFileApplet } from './applets.js';
import { type VirtualApplet, VirtualCard, type VirtualFault } from './card.js';
import { generateJpeg } from './jpeg.js';

/**
 * A card image: the raw content of a virtual Thai ID card (JSON file format of `--virtual FILE`).
 *
 * ```json
 * { "atr": "3b79960000544820 4e4944203138", "moi": "<hex of the MOI file from offset 0, ≤ 5950 bytes>",
 *   "nhso": "<hex of the NHSO file>", "laser": "ME1120913419", "cplc": "<hex, 42 bytes>" }
 * ```
 * `nhso`, `laser`, `cplc` are optional (absent = that applet/data is missing, like older chips).
 * Other keys (e.g. `pin2`, `pinTries`, `pki` used by the PKI applets) are kept as they are.
 *
 * @example
 * ```ts
 * import { sampleCardImage, type CardImage } from '@authenkit/thai-idcard/virtual';
 * const image: CardImage = sampleCardImage();
 * console.log(image.moi.length); // 11900
 * ```
 */
export interface CardImage {
  atr: string;
  moi: string;
  nhso?: string;
  laser?: string;
  cplc?: string;
  /** Extension keys (kept by {@link loadCardImage}). */
  [extension: string]: unknown;
}

/**
 * The second card-image form: fields, encoded into a {@link CardImage} by {@link buildCardImage}.
 * Dates are as on the card: `YYYYMMDD` Buddhist era, `00` for an unknown month/day, `99999999` lifelong.
 * `address` is either the raw `#`-separated text or its 8 slots. `photo` is hex of a JPEG (≤ 5118 bytes);
 * absent = a generated synthetic JPEG.
 *
 * @example
 * ```ts
 * import { buildCardImage, type CardImageFields } from '@authenkit/thai-idcard/virtual';
 * const fields: CardImageFields = { citizenId: '1101700123456', firstNameTh: 'ทดสอบ', lastNameTh: 'ระบบ' };
 * console.log(buildCardImage({ fields }).moi.length); // 11900
 * ```
 */
export interface CardImageFields {
  cardVersion?: string;
  citizenId: string;
  titleTh?: string;
  firstNameTh: string;
  middleNameTh?: string;
  lastNameTh: string;
  titleEn?: string;
  firstNameEn?: string;
  middleNameEn?: string;
  lastNameEn?: string;
  birthDate?: string;
  sex?: 'male' | 'female' | '1' | '2' | string;
  requestNumber?: string;
  issuer?: string;
  issuerCode?: string;
  issueDate?: string;
  expiryDate?: string;
  address?:
    | string
    | {
        houseNo?: string;
        moo?: string;
        trok?: string;
        soi?: string;
        road?: string;
        subdistrict?: string;
        district?: string;
        province?: string;
      };
  photoNumber?: string;
  photo?: string;
}

/**
 * NHSO fields for {@link buildCardImage}.
 *
 * @example
 * ```ts
 * import { type NhsoFields } from '@authenkit/thai-idcard/virtual';
 * const n: NhsoFields = { mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ' };
 * console.log(n.mainInscl?.startsWith('(UCS)')); // true
 * ```
 */
export interface NhsoFields {
  mainInscl?: string;
  subInscl?: string;
  mainHospital?: string;
  subHospital?: string;
  paidType?: string;
  issueDate?: string;
  expiryDate?: string;
  updateDate?: string;
  changeCount?: number | string;
}

/**
 * Input of {@link buildCardImage}: fields plus optional NHSO fields, laser code, CPLC and ATR.
 *
 * @example
 * ```ts
 * import { type CardImageSpec } from '@authenkit/thai-idcard/virtual';
 * const spec: CardImageSpec = { fields: { citizenId: '1101700123456', firstNameTh: 'ก', lastNameTh: 'ข' }, laser: 'JT1234567890' };
 * console.log(spec.laser);
 * ```
 */
export interface CardImageSpec {
  fields: CardImageFields;
  nhso?: NhsoFields | string;
  laser?: string;
  cplc?: string;
  atr?: string;
  /** Extension keys, copied to the built image. */
  [extension: string]: unknown;
}

/**
 * Default ATR of virtual cards: `3B 79 96 00 00 "TH NID 18"` (a current card generation, T=0).
 *
 * @example
 * ```ts
 * import { DEFAULT_ATR } from '@authenkit/thai-idcard/virtual';
 * console.log(DEFAULT_ATR.slice(0, 4)); // '3b79'
 * ```
 */
export const DEFAULT_ATR = '3b79960000544820' + '4e4944203138';

function put(file: Uint8Array, f: { offset: number; length: number }, bytes: Uint8Array, what: string): void {
  if (bytes.length > f.length) {
    throw new ThaiIdCardError(
      'INVALID_CARD_IMAGE',
      `field ${what} is ${bytes.length} bytes, max ${f.length}`,
    );
  }
  file.set(bytes, f.offset);
}

const enc = (s: string | undefined, what: string) => {
  try {
    return encodeTis620(s ?? '');
  } catch (e) {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', `field ${what} has a character outside TIS-620`, {
      cause: e,
    });
  }
};

/**
 * Builds a {@link CardImage} from fields (the fixture-friendly form).
 *
 * @example
 * ```ts
 * import { buildCardImage, createVirtualCard } from '@authenkit/thai-idcard/virtual';
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * const image = buildCardImage({ fields: { citizenId: '1101700123456', firstNameTh: 'ทดสอบ', lastNameTh: 'ระบบ', expiryDate: '99999999' } });
 * console.log((await readThaiIdCard(createVirtualCard({ image }).transport())).lifelong); // true
 * ```
 */
export function buildCardImage(spec: CardImageSpec): CardImage {
  const f = spec.fields;
  if (!f || typeof f !== 'object')
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'card image "fields" missing');
  const file = new Uint8Array(MOI_LAYOUT.total.length).fill(0x20);
  const name = (t?: string, a?: string, m?: string, l?: string) =>
    `${t ?? ''}#${a ?? ''}#${m ?? ''}#${l ?? ''}`;
  put(file, MOI_LAYOUT.version, enc(f.cardVersion ?? '0003', 'cardVersion'), 'cardVersion');
  put(file, MOI_LAYOUT.citizenId, enc(String(f.citizenId ?? ''), 'citizenId'), 'citizenId');
  put(
    file,
    MOI_LAYOUT.nameTh,
    enc(name(f.titleTh, f.firstNameTh, f.middleNameTh, f.lastNameTh), 'nameTh'),
    'nameTh',
  );
  put(
    file,
    MOI_LAYOUT.nameEn,
    enc(name(f.titleEn, f.firstNameEn, f.middleNameEn, f.lastNameEn), 'nameEn'),
    'nameEn',
  );
  put(file, MOI_LAYOUT.birthDate, enc(f.birthDate ?? '', 'birthDate'), 'birthDate');
  const sex = f.sex === 'male' ? '1' : f.sex === 'female' ? '2' : (f.sex ?? '');
  put(file, MOI_LAYOUT.sex, enc(sex, 'sex'), 'sex');
  put(file, MOI_LAYOUT.requestNumber, enc(f.requestNumber, 'requestNumber'), 'requestNumber');
  put(file, MOI_LAYOUT.issuer, enc(f.issuer, 'issuer'), 'issuer');
  put(file, MOI_LAYOUT.issuerCode, enc(f.issuerCode, 'issuerCode'), 'issuerCode');
  put(file, MOI_LAYOUT.issueDate, enc(f.issueDate, 'issueDate'), 'issueDate');
  put(file, MOI_LAYOUT.expiryDate, enc(f.expiryDate, 'expiryDate'), 'expiryDate');
  const photo = f.photo !== undefined ? hex(f.photo, 'photo') : sampleJpeg();
  put(file, MOI_LAYOUT.photo, photo, 'photo');
  const addr =
    typeof f.address === 'string'
      ? f.address
      : [
          f.address?.houseNo,
          f.address?.moo,
          f.address?.trok,
          f.address?.soi,
          f.address?.road,
          f.address?.subdistrict,
          f.address?.district,
          f.address?.province,
        ]
          .map((s) => s ?? '')
          .join('#');
  put(file, MOI_LAYOUT.address, enc(addr, 'address'), 'address');
  put(file, MOI_LAYOUT.photoNumber, enc(f.photoNumber, 'photoNumber'), 'photoNumber');
  const image: CardImage = { atr: spec.atr ?? DEFAULT_ATR, moi: toHex(file) };
  if (typeof spec.nhso === 'string') image.nhso = toHex(hex(spec.nhso, 'nhso'));
  else if (spec.nhso !== undefined && (typeof spec.nhso !== 'object' || spec.nhso === null)) {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'nhso must be hex or an object of fields');
  } else if (spec.nhso) {
    const n = spec.nhso;
    const nf = new Uint8Array(NHSO_LAYOUT.end.offset + 2).fill(0x20);
    put(nf, NHSO_LAYOUT.mainInscl, enc(n.mainInscl, 'nhso.mainInscl'), 'nhso.mainInscl');
    put(nf, NHSO_LAYOUT.subInscl, enc(n.subInscl, 'nhso.subInscl'), 'nhso.subInscl');
    put(nf, NHSO_LAYOUT.mainHospital, enc(n.mainHospital, 'nhso.mainHospital'), 'nhso.mainHospital');
    put(nf, NHSO_LAYOUT.subHospital, enc(n.subHospital, 'nhso.subHospital'), 'nhso.subHospital');
    put(nf, NHSO_LAYOUT.paidType, enc(n.paidType, 'nhso.paidType'), 'nhso.paidType');
    put(nf, NHSO_LAYOUT.issueDate, enc(n.issueDate, 'nhso.issueDate'), 'nhso.issueDate');
    put(nf, NHSO_LAYOUT.expiryDate, enc(n.expiryDate, 'nhso.expiryDate'), 'nhso.expiryDate');
    put(nf, NHSO_LAYOUT.updateDate, enc(n.updateDate, 'nhso.updateDate'), 'nhso.updateDate');
    put(
      nf,
      NHSO_LAYOUT.changeCount,
      enc(n.changeCount === undefined ? '' : String(n.changeCount), 'nhso.changeCount'),
      'nhso.changeCount',
    );
    image.nhso = toHex(nf);
  }
  if (spec.laser !== undefined) image.laser = spec.laser;
  if (spec.cplc !== undefined) image.cplc = spec.cplc;
  copyExtensions(spec, image);
  return image;
}

function hex(s: unknown, what: string): Uint8Array {
  if (typeof s !== 'string') throw new ThaiIdCardError('INVALID_CARD_IMAGE', `${what} must be a hex string`);
  try {
    return fromHex(s);
  } catch (e) {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', `${what} is not valid hex`, { cause: e });
  }
}

/**
 * Validates and normalizes a card image given as JSON text or an object, in either form
 * (raw `{ atr, moi, … }` or `{ fields: … }`).
 *
 * @example
 * ```ts
 * import { loadCardImage, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const image = loadCardImage(JSON.stringify(sampleCardImage()));
 * console.log(image.laser); // 'ME1120913419'
 * ```
 */
export function loadCardImage(input: string | CardImage | CardImageSpec | unknown): CardImage {
  let obj: unknown = input;
  if (typeof input === 'string') {
    try {
      obj = JSON.parse(input);
    } catch (e) {
      throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'card image is not valid JSON', { cause: e });
    }
  }
  if (!obj || typeof obj !== 'object')
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'card image must be an object');
  if ('fields' in obj) return buildCardImage(obj as CardImageSpec);
  const o = obj as Record<string, unknown>;
  const moi = hex(o.moi, 'moi');
  if (moi.length > MOI_LAYOUT.total.length) {
    throw new ThaiIdCardError(
      'INVALID_CARD_IMAGE',
      `moi is ${moi.length} bytes, max ${MOI_LAYOUT.total.length}`,
    );
  }
  const atr = hex(o.atr ?? DEFAULT_ATR, 'atr');
  if (atr.length < 2 || atr.length > 33)
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'atr must be 2..33 bytes');
  const image: CardImage = { atr: toHex(atr), moi: toHex(moi) };
  if (o.nhso !== undefined) image.nhso = toHex(hex(o.nhso, 'nhso'));
  if (o.laser !== undefined) {
    if (typeof o.laser !== 'string' || o.laser.length > 16) {
      throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'laser must be a string of ≤ 16 characters');
    }
    image.laser = o.laser;
  }
  if (o.cplc !== undefined) image.cplc = toHex(hex(o.cplc, 'cplc'));
  copyExtensions(o, image);
  return image;
}

const KNOWN_KEYS = new Set(['atr', 'moi', 'nhso', 'laser', 'cplc', 'fields']);
function copyExtensions(from: Record<string, unknown>, to: CardImage): void {
  for (const [k, v] of Object.entries(from)) if (!KNOWN_KEYS.has(k)) to[k] = v;
}

let sample: Uint8Array | undefined;
function sampleJpeg(): Uint8Array {
  if (sample) return sample;
  // A long comment makes the JPEG span most of the 5118-byte area, with many 0x20 bytes inside the image
  // (some at READ chunk boundaries) so per-chunk trimming bugs corrupt it visibly.
  let text = '';
  for (let i = 0; text.length < 4300; i++) text += `AuthenKit synthetic test photo of nobody ${i} `;
  sample = generateJpeg({ comment: new TextEncoder().encode(text) });
  return sample;
}

/**
 * A synthetic sample card image (valid-checksum citizen ID, synthetic names, a generated JPEG photo,
 * NHSO rights, laser code, CPLC). Used by tests, the demo and the sandbox. Contains no real person.
 *
 * @example
 * ```ts
 * import { sampleCardImage, createVirtualCard } from '@authenkit/thai-idcard/virtual';
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * const data = await readThaiIdCard(createVirtualCard({ image: sampleCardImage() }).transport());
 * console.log(data.firstNameEn); // 'Thodsob'
 * ```
 */
export function sampleCardImage(overrides: Partial<CardImageFields> = {}): CardImage {
  return buildCardImage(sampleCardSpec(overrides));
}

/**
 * The fields behind {@link sampleCardImage} (to derive variants).
 *
 * @example
 * ```ts
 * import { sampleCardSpec } from '@authenkit/thai-idcard/virtual';
 * console.log(sampleCardSpec().fields.citizenId); // '1101700123456'
 * ```
 */
export function sampleCardSpec(overrides: Partial<CardImageFields> = {}): CardImageSpec {
  return {
    fields: {
      cardVersion: '0003',
      citizenId: '1101700123456',
      titleTh: 'น.ส.',
      firstNameTh: 'ทดสอบ',
      middleNameTh: '',
      lastNameTh: 'ใจดีมาก',
      titleEn: 'Miss',
      firstNameEn: 'Thodsob',
      middleNameEn: '',
      lastNameEn: 'Jaideemak',
      birthDate: '25330415',
      sex: '2',
      requestNumber: '1017-01-01234567',
      issuer: 'สำนักงานเขตทดสอบ/กรุงเทพมหานคร',
      issuerCode: '10170012345  ',
      issueDate: '25650120',
      expiryDate: '25730414',
      address: {
        houseNo: '99/9',
        moo: 'หมู่ที่ 9',
        trok: '',
        soi: 'ซอยทดสอบ 1',
        road: 'ถนนตัวอย่าง',
        subdistrict: 'แขวงทดสอบ',
        district: 'เขตทดสอบ',
        province: 'กรุงเทพมหานคร',
      },
      photoNumber: '10170101234567',
      ...overrides,
    },
    nhso: {
      mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
      subInscl: '(89) ช่วงอายุ 12-59 ปี',
      mainHospital: 'โรงพยาบาลทดสอบ',
      subHospital: 'ศูนย์บริการสาธารณสุขทดสอบ',
      paidType: '1',
      issueDate: '25670101',
      expiryDate: '99999999',
      updateDate: '25670101',
      changeCount: 1,
    },
    laser: 'ME1120913419',
    cplc: toHex(Uint8Array.from({ length: 42 }, (_, i) => (i * 37 + 11) & 0xff)),
  };
}

/**
 * Options of {@link createVirtualCard}.
 *
 * @example
 * ```ts
 * import { type CreateVirtualCardOptions, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const o: CreateVirtualCardOptions = { image: sampleCardImage(), protocol: 'T1' };
 * console.log(o.protocol);
 * ```
 */
export interface CreateVirtualCardOptions {
  /** Card image (either form; validated with {@link loadCardImage}). */
  image: CardImage | CardImageSpec;
  /** Extra applets (e.g. a PKI applet); an applet with the AID of a built-in one replaces it. */
  applets?: VirtualApplet[];
  /** Transmission protocol behaviour (default `T0`: `61xx` + GET RESPONSE). */
  protocol?: 'T0' | 'T1';
  /** Simulated wire time per command/response byte in µs (1040 ≈ 9600 bit/s, 40 ≈ 250 kbit/s). */
  byteDelayMicros?: number;
  /** Fault injection: return `'remove'` to pull the card before answering APDU number `index`. */
  onApdu?: (index: number, command: Uint8Array) => VirtualFault;
}

/**
 * Creates a virtual Thai ID card: MOI, NHSO (when present), ADM (when a laser code is present) and the
 * card-manager (CPLC) applets, plus any extra applets.
 *
 * @example
 * ```ts
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const card = createVirtualCard({ image: sampleCardImage() });
 * const t = card.transport();
 * await t.connect();
 * console.log(t.readerName); // 'AuthenKit Virtual Reader 0'
 * ```
 */
export function createVirtualCard(options: CreateVirtualCardOptions): VirtualCard {
  const image = loadCardImage(options.image);
  const file = new Uint8Array(MOI_LAYOUT.total.length).fill(0x20);
  file.set(fromHex(image.moi));
  const builtIn: VirtualApplet[] = [
    createCardManagerApplet(image.cplc ? fromHex(image.cplc) : undefined),
    createFileApplet('MOI', MOI_AID, file),
  ];
  if (image.nhso) builtIn.push(createFileApplet('NHSO', NHSO_AID, fromHex(image.nhso)));
  if (image.laser !== undefined) builtIn.push(createAdmApplet(image.laser, ADM_AID));
  const extra = options.applets ?? [];
  const applets = [...builtIn.filter((b) => !extra.some((x) => toHex(x.aid) === toHex(b.aid))), ...extra];
  const atr = fromHex(image.atr);
  return new VirtualCard({
    atr,
    applets,
    protocol: options.protocol ?? 'T0',
    getResponseP2: profileForAtr(atr).getResponseP2,
    byteDelayMicros: options.byteDelayMicros ?? 0,
    ...(options.onApdu ? { onApdu: options.onApdu } : {}),
  });
}
